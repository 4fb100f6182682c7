// Server start: what `npm start` runs (dist/server/main.js, compiled by scripts/buildServer.mjs)
// against the TypeScript sources run through tsx (`npm run serve`), in the same run, alternating
// which goes first. Per start: wall time from spawn to the first 200 from /healthz, CPU seconds the
// process used until then (steadier than wall time on a shared machine), and its RSS after a
// second of idling.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, freePort, sleep, stopChild } from '../childProcess.ts';
import { ms, ratio, summarize, table } from '../stats.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const VARIANTS = {
  tsx: ['--import', 'tsx', join(repoRoot, 'server', 'src', 'main.ts')],
  compiled: [join(repoRoot, 'dist', 'server', 'main.js')],
} as const;
type Variant = keyof typeof VARIANTS;

interface StartSample {
  startMs: number;
  cpuSeconds: number;
  rssMiB: number;
}

export type StartupResult = Record<Variant, StartSample[]>;

export async function runStartup(opts: { starts: number }): Promise<StartupResult> {
  await buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-start-'));
  const result: StartupResult = { tsx: [], compiled: [] };
  try {
    for (let i = 0; i < opts.starts; i++) {
      const order: Variant[] = i % 2 === 0 ? ['tsx', 'compiled'] : ['compiled', 'tsx'];
      for (const v of order) result[v].push(await startOnce(VARIANTS[v], dataDir));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

/** A build of the current source, as `npm start` would make it. */
function buildServer(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'buildServer.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`scripts/buildServer.mjs exited with ${code}`))));
  });
}

async function startOnce(args: readonly string[], dataDir: string): Promise<StartSample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'no-client'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server ${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(5);
    }
    const startMs = performance.now() - started;
    const cpu = await cpuSeconds(child.pid);
    await sleep(1000);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssMiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
    return { startMs, cpuSeconds: cpu, rssMiB };
  } finally {
    await stopChild(child);
  }
}

export function formatStartup(r: StartupResult): string {
  const median = (v: StartSample[], key: keyof StartSample) => summarize(v.map((s) => s[key])).p50;
  const row = (name: Variant) => [
    name,
    String(r[name].length),
    ms(median(r[name], 'startMs'), 0),
    ms(median(r[name], 'cpuSeconds') * 1000, 0),
    `${median(r[name], 'rssMiB').toFixed(1)} MiB`,
  ];
  return table(
    ['server', 'starts', 'start (median)', 'CPU to start (median)', 'RSS idle (median)'],
    [
      row('tsx'),
      row('compiled'),
      [
        'compiled / tsx',
        '',
        ratio(median(r.compiled, 'startMs'), median(r.tsx, 'startMs')),
        ratio(median(r.compiled, 'cpuSeconds'), median(r.tsx, 'cpuSeconds')),
        ratio(median(r.compiled, 'rssMiB'), median(r.tsx, 'rssMiB')),
      ],
    ],
  );
}
