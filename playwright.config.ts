import { defineConfig } from '@playwright/test'
import { existsSync } from 'node:fs'

/** Debian's Chromium (apt `chromium`); Playwright's own browser download is not reachable here. */
const chromium = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p))

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // Generous limits, never sleeps: a test waits for states, and only a state that never comes costs the time.
  // On a busy 2-core machine (CI beside other jobs) a fresh demo desk alone takes ~35 s and one UI step can
  // take over 10 s; 60 s / 10 s failed good tests at random there. `test.slow()` triples it for the long flows.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    }
  }
})
