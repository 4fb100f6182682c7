// Test support, run as its own process: takes the DataDirLock of the directory given as argument,
// prints "locked <pid>" and holds it until killed (a second server, from the lock's point of view).
import { DataDirLock } from '../storage/DataDirLock.ts';

DataDirLock.acquire(process.argv[2]);
process.stdout.write(`locked ${process.pid}\n`);
setInterval(() => {}, 1 << 30);
