// Playwright runs the real server (built client + API + y-websocket) and the system chromium.
// `npm run test:e2e` builds the client first; see e2e/README.md.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromiumLaunchOptions } from './support/chromium.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// A fixed port so the URL is predictable in reports; E2E_PORT overrides it when two runs share a machine.
const port = Number(process.env.E2E_PORT ?? 38417);
const baseURL = `http://127.0.0.1:${port}`;

// The config is evaluated in the runner and again in every worker: pin the data directory in the
// environment on first evaluation so all processes agree on it (workers inherit process.env).
process.env.E2E_DATA_DIR ??= path.join(repoRoot, '.tmp', `e2e-data-${Date.now()}`);
process.env.E2E_BASE_URL = baseURL;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: path.join(repoRoot, 'test-results'),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  // Generous: the machine is shared, and every wait in the tests is for a condition, not a duration.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: path.join(repoRoot, 'playwright-report') }]],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node --import tsx server/src/main.ts',
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.E2E_DATA_DIR,
      PUBLIC_URL: baseURL,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      // Every test creates boards and sessions from 127.0.0.1; the production limits would trip.
      RATE_LIMIT_BOARDS_PER_MINUTE: '10000',
      RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
    },
  },
});
