// One server process per DATA_DIR. Two processes on one SQLite file would each keep their own copy
// of a board in memory, and one's compaction would delete updates the other stored: lost edits.
//
// The guard is a kernel lock that dies with the process: SQLite's fcntl lock on DATA_DIR/server.lock,
// taken with an exclusive transaction in `locking_mode=EXCLUSIVE`, is held until the connection is
// closed or the process ends (also by kill -9). A pid file is not a lock: `kill(pid, 0)` succeeds for
// a killed server that is still a zombie and for a reused pid (PID 1 in a container), which refused
// immediate restarts (issue 6, item 4). Node has no flock, and better-sqlite3 is already here.
//
// DATA_DIR/server.pid still names the holder, only for the error message and for operators.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Directories locked by this process, for a clear message (SQLite alone would only say "busy"). */
const heldHere = new Set<string>();

export class DataDirLock {
  private constructor(
    private readonly dir: string,
    private readonly db: Database.Database,
    private readonly pidFile: string,
  ) {}

  /** Takes the lock or throws at once (no waiting) if another server holds it. */
  static acquire(dataDir: string): DataDirLock {
    const dir = path.resolve(dataDir);
    if (heldHere.has(dir)) throw new Error(`DATA_DIR ${dir} is already used by a server in this process.`);
    fs.mkdirSync(dir, { recursive: true });
    const pidFile = path.join(dir, 'server.pid');
    // POSIX drops every fcntl lock a process holds on a file when any descriptor of that file is
    // closed, so nothing else in this process may open server.lock: only this connection touches it.
    const lockFile = path.join(dir, 'server.lock');
    const db = new Database(lockFile, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // In EXCLUSIVE locking mode the lock taken by this transaction is kept after it commits.
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') {
        // E.g. SQLITE_NOTADB: something else wrote to the file.
        throw new Error(`Cannot lock ${lockFile}: ${(err as Error).message}. Remove it while no server runs.`, { cause: err });
      }
      const holder = readPid(pidFile);
      throw new Error(
        `DATA_DIR ${dir} is in use by another server${holder ? ` (pid ${holder})` : ''}: run one server per DATA_DIR.`,
      );
    }
    fs.writeFileSync(pidFile, `${process.pid}\n`);
    heldHere.add(dir);
    return new DataDirLock(dir, db, pidFile);
  }

  /**
   * Removes the pid file and closes the lock. server.lock itself stays: deleting it would let two
   * processes lock two different files of the same name.
   */
  release(): void {
    if (!heldHere.delete(this.dir)) return;
    if (readPid(this.pidFile) === process.pid) fs.rmSync(this.pidFile, { force: true });
    this.db.close();
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
