import { defineConfig } from '@playwright/test';

// The tests' clock is the institute's, whatever the machine's: what the pages show is dated in
// local days (a tweet at 16:55 UTC is on the next day in Tokyo), and the tests' expectations are
// written for one zone. Europe/Paris has an offset and summer time, as the CM's browser does.
// (Set before the workers start: they and the Chromium they launch inherit it.
// VEILLE_E2E_TZ runs them in another zone.)
process.env.TZ = process.env.VEILLE_E2E_TZ || 'Europe/Paris';

/** End-to-end tests: the built extension in Debian's Chromium, x.com served from fixtures. */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test launches its own Chromium with the extension; two cores run one at a time best.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
