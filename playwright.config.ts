import { defineConfig } from '@playwright/test';

/**
 * End-to-end journeys. `browser`: the window in Debian's Chromium against the real headless
 * host, which each test starts on a fresh data folder (e2e/fixtures.ts). `electron`: the
 * desktop app (e2e/electron), skipped where there is no Electron binary. Build first:
 * `npm run build`.
 */
export default defineConfig({
  testDir: 'e2e',
  // Real processes and one host per test on two cores: one test at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: process.env.CI !== undefined,
  // One retry in CI, reported as flaky in the summary: a loaded 2-core runner should not turn a
  // transient into a red build, and a real failure still fails twice.
  retries: process.env.CI === undefined ? 0 : 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'browser', testIgnore: 'electron/**', use: { browserName: 'chromium' } },
    // The desktop app starts slower than a page and quits gracefully after each test.
    { name: 'electron', testDir: 'e2e/electron', timeout: 90_000 },
  ],
});
