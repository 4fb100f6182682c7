#!/usr/bin/env node
// `npm start`: builds the browser client once if it is missing and the server (scripts/buildServer.mjs)
// when its build is missing or stale, then runs the compiled server in a child process (same env,
// same stdio), forwarding stop signals so SIGTERM still stores every board cleanly (see
// server/src/main.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverBuildIsStale, serverMain } from './buildServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const defaultClientDir = join(root, 'dist', 'client');

// A CLIENT_DIR elsewhere is the operator's own build: leave it alone.
const clientDir = resolve(root, process.env.CLIENT_DIR || 'dist/client');
if (clientDir === defaultClientDir && !existsSync(join(clientDir, 'index.html'))) {
  console.log('dist/client is missing: building the client (vite build) ...');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', env: process.env });
  if (build.status !== 0) {
    console.error('vite build failed; not starting the server.');
    process.exit(build.status ?? 1);
  }
}

if (serverBuildIsStale()) {
  console.log('dist/server is missing or older than the source: building the server ...');
  try {
    await buildServer();
  } catch (err) {
    console.error('server build failed; not starting the server.', err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

const child = spawn(process.execPath, [serverMain], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});

// A signal sent to this process alone (kill <pid>, docker stop on PID 1) must reach the server; one
// sent to the process group reaches it anyway. The server treats every further signal as the same
// stop, so forwarding the first one is enough; this process stays until the server has exited.
let forwarded = false;
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    if (forwarded || child.exitCode !== null || child.signalCode !== null) return;
    forwarded = true;
    child.kill(signal);
  });
}

child.on('exit', (code, signal) => {
  // Exit like the server did, so process managers see the real outcome.
  if (signal) process.exit(128 + ({ SIGTERM: 15, SIGINT: 2, SIGHUP: 1, SIGKILL: 9 }[signal] ?? 1));
  process.exit(code ?? 0);
});
child.on('error', (err) => {
  console.error('could not start the server:', err.message);
  process.exit(1);
});
