import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLock } from './DataDirLock.ts';
import { tempDataDir, waitFor } from '../testing/testServer.ts';
import { processState } from '../testing/processTable.ts';

const holderScript = fileURLToPath(new URL('../testing/holdDataDirLock.ts', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}

/**
 * Starts `command` and resolves with the pid of the holdDataDirLock process once it holds the lock
 * of `d` (the command may start it as a grandchild, so the pid comes from its output).
 */
async function holdLock(d: string, command: string[]): Promise<{ child: ChildProcess; holder: number }> {
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  await waitFor(() => /locked \d+/.test(out) || child.exitCode !== null, `a process holds the lock of ${d}`);
  const holder = Number(/locked (\d+)/.exec(out)?.[1]);
  if (!holder) throw new Error(`the lock holder exited with ${child.exitCode}`);
  return { child, holder };
}

const node = (d: string) => [process.execPath, '--import', 'tsx', holderScript, d];

describe('DataDirLock', () => {
  it('refuses a second server on the same directory in the same process until the first releases it', () => {
    const d = dir();
    const lock = DataDirLock.acquire(d);
    expect(() => DataDirLock.acquire(d)).toThrow(/already used by a server in this process/);
    lock.release();
    DataDirLock.acquire(d).release();
    expect(fs.existsSync(path.join(d, 'server.pid'))).toBe(false);
  });

  it('refuses a directory locked by another live process, naming its pid', async () => {
    const d = dir();
    const { holder } = await holdLock(d, node(d));
    expect(() => DataDirLock.acquire(d)).toThrow(`DATA_DIR ${d} is in use by another server (pid ${holder})`);
  });

  it('takes the directory at once after the holder was killed with SIGKILL', async () => {
    const d = dir();
    const { child } = await holdLock(d, node(d));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    DataDirLock.acquire(d).release();
  });

  it('takes the directory at once while the killed holder is still a zombie', async () => {
    const d = dir();
    // `exec sleep` leaves the holder with a parent that never reaps it: killed, it stays a zombie
    // whose pid kill(pid, 0) still reports as alive, as when the process manager has not reaped yet.
    const { holder } = await holdLock(d, ['sh', '-c', `${node(d).map((a) => `'${a}'`).join(' ')} & exec sleep 60`]);
    process.kill(holder, 'SIGKILL');
    await waitFor(() => processState(holder) === 'zombie', 'the killed holder is a zombie');
    expect(fs.readFileSync(path.join(d, 'server.pid'), 'utf8').trim()).toBe(String(holder));
    DataDirLock.acquire(d).release();
  });

  it('says which file to remove when server.lock is not a lock file', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'server.lock'), 'not a database '.repeat(20));
    expect(() => DataDirLock.acquire(d)).toThrow(`Cannot lock ${path.join(d, 'server.lock')}: file is not a database. Remove it while no server runs.`);
    fs.rmSync(path.join(d, 'server.lock'));
    DataDirLock.acquire(d).release();
  });

  it('is not blocked by a pid file naming a live process that holds no lock (a reused pid)', () => {
    // After a crash the pid in the file may belong to anything else by now: our parent, or PID 1
    // in a container where the server itself ran as PID 1.
    for (const pid of [process.ppid, 1]) {
      const d = dir();
      fs.writeFileSync(path.join(d, 'server.pid'), `${pid}\n`);
      DataDirLock.acquire(d).release();
    }
  });
});
