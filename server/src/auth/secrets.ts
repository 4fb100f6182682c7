// Secrets (join tokens, sessions) and board ids. Only sha256 hashes of secrets are stored, so a
// copy of the database does not let anyone into a board.
import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes from the CSPRNG (256 bits), base64url: for join tokens and sessions. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** 16 url-safe characters (96 random bits), matching BOARD_ID_PATTERN. */
export function newBoardId(): string {
  return randomBytes(12).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
