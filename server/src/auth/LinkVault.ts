// Seals join-link tokens so the server can show a board's links to any facilitator device (issue 10)
// while a copy of the database alone still lets nobody in: the key is not in the database. AES-256-GCM
// with a random 96-bit nonce per seal; the board id and role are the additional data, so a sealed
// token copied onto another board's or role's row fails to open instead of granting that link.
// docs/security.md, "Join links", says why sealing and not re-issuing links on request.
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/src/protocol.ts';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Version prefix of a sealed token, so a later key rotation can tell old seals apart. */
const VERSION = 'v1';
const KEY_FILE = 'link.key';

export class LinkVault {
  private constructor(private readonly key: Buffer) {}

  /**
   * The key from LINK_KEY (base64 of 32 bytes: several servers on one database need the same key),
   * else from `<dataDir>/link.key`, created (mode 0600) on first start.
   */
  static open(dataDir: string, configuredKey?: string): LinkVault {
    if (configuredKey) return new LinkVault(decodeKey(configuredKey, 'LINK_KEY'));
    const file = path.join(dataDir, KEY_FILE);
    try {
      return new LinkVault(decodeKey(fs.readFileSync(file, 'utf8').trim(), file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const key = randomBytes(KEY_BYTES);
    // 'wx': two servers starting on one empty data dir cannot both write a key (the lock stops that too).
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return new LinkVault(key);
  }

  seal(token: string, boardId: string, role: Role): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(aad(boardId, role));
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The token, or undefined when the seal is not one of this key's for this board and role. */
  open(sealed: string, boardId: string, role: Role): string | undefined {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || !payload) return undefined;
    const raw = Buffer.from(payload, 'base64url');
    if (raw.byteLength <= NONCE_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, NONCE_BYTES));
      decipher.setAAD(aad(boardId, role));
      decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

function aad(boardId: string, role: Role): Buffer {
  return Buffer.from(`${boardId}/${role}`, 'utf8');
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  // The message names where the key came from, never the key.
  if (key.byteLength !== KEY_BYTES) throw new Error(`${where}: the link key must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32).`);
  return key;
}
