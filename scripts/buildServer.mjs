#!/usr/bin/env node
// Compiles the server (server/src and the shared/src it imports) to one ES module,
// dist/server/main.js, so production runs plain JavaScript: tsx at runtime costs about 35 MiB of
// RSS and 0.7 s of CPU per start (docs/benchmarks.md, "Server start"). Packages stay external and
// are loaded from node_modules as they are. `node scripts/buildServer.mjs` builds; `npm start`
// builds when the output is missing or older than a source file.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const serverMain = join(root, 'dist', 'server', 'main.js');
const sourceDirs = [join(root, 'server', 'src'), join(root, 'shared', 'src')];

/** True when dist/server/main.js is missing or older than any server or shared source file. */
export function serverBuildIsStale() {
  let built;
  try {
    built = statSync(serverMain).mtimeMs;
  } catch {
    return true;
  }
  return sourceDirs.some((dir) => newestSource(dir) > built);
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

export async function buildServer() {
  // Loaded only to build, and stopped after: esbuild's service process would stay beside the server.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(root, 'server', 'src', 'main.ts')],
    outfile: serverMain,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
  }).finally(() => esbuild.stop());
  // Written under temporary names and renamed, the map first: a server starting meanwhile (or a
  // second build running at the same time, as parallel tests do) sees the old file or the new one.
  mkdirSync(dirname(serverMain), { recursive: true });
  const isMap = (file) => file.path.endsWith('.map');
  for (const file of [...result.outputFiles.filter(isMap), ...result.outputFiles.filter((f) => !isMap(f))]) {
    const temporary = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildServer();
  console.log(`built ${serverMain}`);
}
