// Playwright (DESIGN.md "Tests"): `e2e` drives the built renderer in Debian's Chromium against the
// real engine through the loopback web transport (tests/e2e/fixtures.ts starts it per test);
// `electron` holds the `_electron` smoke tests, which skip where no Electron binary is installed.
import { defineConfig } from '@playwright/test';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  // One at a time: two cores here, and each test starts its own server and engine hosts.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  outputDir: 'test-results',
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      workers: 1,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.MODELWISE_CHROMIUM ?? '/usr/bin/chromium',
          args: chromiumFlags,
        },
        locale: 'en-US',
        acceptDownloads: true,
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
      workers: 1,
    },
  ],
});
