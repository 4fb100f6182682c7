// Playwright runs the real server (built client + API + y-websocket) and the system chromium.
// `npm run test:e2e` builds the client first; see e2e/README.md.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromiumLaunchOptions } from './support/chromium.ts';
import { pickPort } from './support/pickPort.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The config is evaluated in the runner and again in every worker: everything chosen per run (port,
// data directory, output directory) is pinned in the environment on first evaluation, so all
// processes agree (workers inherit process.env).
// A fixed port (E2E_PORT overrides it); when it is taken, e.g. by another run on the same machine,
// a free one.
process.env.E2E_PORT ??= String(pickPort(38417));
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const runId = (process.env.E2E_RUN_ID ??= `${Date.now()}-${process.pid}`);
process.env.E2E_DATA_DIR ??= path.join(repoRoot, '.tmp', `e2e-data-${runId}`);
process.env.E2E_OUTPUT_DIR ??= path.join(repoRoot, 'test-results', `e2e-${runId}`);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One directory per run: Playwright empties its output directory first, and concurrent runs must
  // not delete each other's traces.
  outputDir: process.env.E2E_OUTPUT_DIR,
  globalTeardown: './support/globalTeardown.ts',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  // Generous: the machine is shared, and every wait in the tests is for a condition, not a duration.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
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
    // SIGTERM lets the server store everything and close sockets cleanly (its documented shutdown).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.E2E_DATA_DIR,
      PUBLIC_URL: baseURL,
      LOG_LEVEL: 'warn',
      // A private client build (vite build --outDir ...) keeps a run independent of dist/ being rebuilt.
      CLIENT_DIR: process.env.E2E_CLIENT_DIR ?? path.join(repoRoot, 'dist', 'client'),
      NODE_ENV: 'test',
      // Every test creates boards and sessions from 127.0.0.1; the production limits would trip.
      RATE_LIMIT_BOARDS_PER_MINUTE: '10000',
      RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
      WS_CONNECTIONS_PER_IP: '10000',
    },
  },
});
