import { defineConfig } from '@playwright/test';

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
