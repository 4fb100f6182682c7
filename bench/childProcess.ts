// Starting and stopping the bench's own child processes. Every child runs TypeScript through the
// tsx loader, so servers and client workers are started the same way.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function benchPath(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

export interface ForkOptions {
  env?: Record<string, string>;
  args?: string[];
  /** Show the child's stdout (stderr is always shown so crashes are visible). */
  showStdout?: boolean;
}

export function forkTs(script: string, opts: ForkOptions = {}): ChildProcess {
  return fork(script, opts.args ?? [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', opts.showStdout ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
}

/** Resolves with the first IPC message matching `accept`; rejects if the child exits first or on timeout. */
export function waitForMessage<T>(child: ChildProcess, accept: (m: any) => m is T, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const onMessage = (m: unknown) => {
      if (accept(m)) done(undefined, m);
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`${what}: child exited (code ${code}, signal ${signal})`));
    function done(err?: Error, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Stops one child we started: SIGTERM, then SIGKILL if it does not exit in time. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export { freePort } from '../server/src/testing/freePort.ts';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only; NaN elsewhere). */
export async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces, hence the lastIndexOf).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}
