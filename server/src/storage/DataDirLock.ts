// One server process per DATA_DIR. Two processes on one SQLite file would each keep their own copy
// of a board in memory, and one's compaction would delete updates the other stored: lost edits. A
// pid file guards against starting a second server on the same directory (best effort: one machine).
import fs from 'node:fs';
import path from 'node:path';

/** Directories locked by this process (a pid file with our own pid may be stale, e.g. PID 1 in a container). */
const heldHere = new Set<string>();

export class DataDirLock {
  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {}

  static acquire(dataDir: string): DataDirLock {
    const dir = path.resolve(dataDir);
    const file = path.join(dir, 'server.pid');
    if (heldHere.has(dir)) throw new Error(`DATA_DIR ${dir} is already used by a server in this process.`);
    fs.mkdirSync(dir, { recursive: true });
    const holder = readPid(file);
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
      throw new Error(`DATA_DIR ${dir} is in use by process ${holder}: run one server per DATA_DIR.`);
    }
    fs.writeFileSync(file, `${process.pid}\n`);
    heldHere.add(dir);
    return new DataDirLock(dir, file);
  }

  release(): void {
    if (!heldHere.delete(this.dir)) return;
    if (readPid(this.file) === process.pid) fs.rmSync(this.file, { force: true });
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
