// Test support: what Linux's /proc says about a process. A killed process may stay a zombie until
// its parent reaps it, and kill(pid, 0) still succeeds for it (issue 6, item 4).
import fs from 'node:fs';

export type ProcessState = 'running' | 'zombie' | 'gone';

/**
 * 'zombie' only once every thread has exited: the main thread turns Z while the others may still
 * be exiting with the process's files (and locks) open.
 */
export function processState(pid: number): ProcessState {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return 'gone';
  }
  return /^State:\s+Z/m.test(status) && /^Threads:\s+1$/m.test(status) ? 'zombie' : 'running';
}

/** Pids of the processes in process group `pgid`, zombies included. */
export function processGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name, which may contain spaces and parentheses; the 3rd is pgrp.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) members.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return members;
}
