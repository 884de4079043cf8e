import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
    // The tests name days ("2026-11-12") and hours, which depend on the time zone: they run in the
    // institute's, Paris's (with its summer time), whatever the machine's, as the end-to-end tests
    // do. VEILLE_UNIT_TZ runs them in another. A file that tests a zone sets its own
    // (veille-time-newyork, time-zone-tokyo).
    env: { TZ: process.env.VEILLE_UNIT_TZ || 'Europe/Paris' },
  },
});
