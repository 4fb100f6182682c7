import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLock } from './DataDirLock.ts';
import { tempDataDir } from '../testing/testServer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}

describe('DataDirLock', () => {
  it('refuses a second server on the same directory until the first releases it', () => {
    const d = dir();
    const lock = DataDirLock.acquire(d);
    expect(() => DataDirLock.acquire(d)).toThrow(/already used/);
    lock.release();
    DataDirLock.acquire(d).release();
    expect(fs.existsSync(path.join(d, 'server.pid'))).toBe(false);
  });

  it('refuses a directory held by another live process', async () => {
    const d = dir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(path.join(d, 'server.pid'), `${other.pid}\n`);
      expect(() => DataDirLock.acquire(d)).toThrow(/in use by process/);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the pid file of a process that died (kill -9 leaves it behind)', async () => {
    const d = dir();
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('exit', r));
    fs.writeFileSync(path.join(d, 'server.pid'), `${dead.pid}\n`);
    DataDirLock.acquire(d).release();
  });
});
