#!/usr/bin/env node
// `npm start`: builds the browser client once if it is missing, then runs the server in this
// process's place (same env, same stdio), forwarding stop signals so SIGTERM still stores every
// board cleanly (see server/src/main.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(root, 'dist', 'client', 'index.html');

if (!existsSync(builtIndex)) {
  console.log('dist/client is missing: building the client (vite build) ...');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', env: process.env });
  if (build.status !== 0) {
    console.error('vite build failed; not starting the server.');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join('server', 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
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
