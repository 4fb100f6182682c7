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

/**
 * 12 url-safe characters (72 random bits), matching PARTICIPANT_ID_PATTERN. Not a secret: it is in
 * the board document (`participants`, `personal` keys) for everyone on the board to see. Short,
 * because it is part of every score's key.
 */
export function newParticipantId(): string {
  return randomBytes(9).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
