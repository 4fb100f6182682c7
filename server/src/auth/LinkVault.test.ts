import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkVault } from './LinkVault.ts';
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

describe('LinkVault', () => {
  it('opens what it sealed, only for the same board and role', () => {
    const vault = LinkVault.open(dir());
    const sealed = vault.seal('token-123', 'AAAAAAAAAAAAAAAA', 'participant');
    expect(sealed).not.toContain('token-123');
    expect(vault.open(sealed, 'AAAAAAAAAAAAAAAA', 'participant')).toBe('token-123');
    expect(vault.open(sealed, 'AAAAAAAAAAAAAAAA', 'facilitator')).toBeUndefined();
    expect(vault.open(sealed, 'BBBBBBBBBBBBBBBB', 'participant')).toBeUndefined();
    // One character in the middle changed (the last one may carry only padding bits, and could be 'A' already).
    const mid = Math.floor(sealed.length / 2);
    const tampered = `${sealed.slice(0, mid)}${sealed[mid] === 'A' ? 'B' : 'A'}${sealed.slice(mid + 1)}`;
    expect(vault.open(tampered, 'AAAAAAAAAAAAAAAA', 'participant')).toBeUndefined();
    expect(vault.open('garbage', 'AAAAAAAAAAAAAAAA', 'participant')).toBeUndefined();
  });

  it('keeps its key in the data dir, readable by the owner only, across restarts', () => {
    const d = dir();
    const sealed = LinkVault.open(d).seal('t', 'AAAAAAAAAAAAAAAA', 'viewer');
    expect(fs.statSync(path.join(d, 'link.key')).mode & 0o777).toBe(0o600);
    expect(LinkVault.open(d).open(sealed, 'AAAAAAAAAAAAAAAA', 'viewer')).toBe('t');
    // Another key (another server's data dir) cannot open it.
    expect(LinkVault.open(dir()).open(sealed, 'AAAAAAAAAAAAAAAA', 'viewer')).toBeUndefined();
  });

  it('takes the key from LINK_KEY when set, and refuses a key of the wrong size without echoing it', () => {
    const key = randomBytes(32).toString('base64');
    const a = LinkVault.open(dir(), key);
    expect(LinkVault.open(dir(), key).open(a.seal('t', 'AAAAAAAAAAAAAAAA', 'viewer'), 'AAAAAAAAAAAAAAAA', 'viewer')).toBe('t');
    const short = randomBytes(16).toString('base64');
    expect(() => LinkVault.open(dir(), short)).toThrow(/LINK_KEY: the link key must be 32 bytes/);
    try {
      LinkVault.open(dir(), short);
    } catch (err) {
      expect(String(err)).not.toContain(short);
    }
  });
});
