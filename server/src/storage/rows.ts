// Rows of the boards, board_tokens, sessions and phase_snapshots tables as both stores read them (the column names
// are the same in SQLite and PostgreSQL), and their records.
import type { Locale, Role, TemplateId } from '../../../shared/src/protocol.ts';
import type { BoardRecord, LinkRecord, PhaseSnapshotInfo, SessionRecord } from './BoardStore.ts';

export interface BoardRow { id: string; title: string; template: string; language: string; created_at: number }
export interface SessionRow { session_hash: string; board_id: string; role: string; name: string; participant_id: string; expires_at: number; link_hash: string }
export interface PhaseSnapshotRow { id: string; board_id: string; phase_id: string | null; phase_title: string; created_at: number; bytes: number }
export interface LinkRow { board_id: string; role: string; token_hash: string; sealed_token: string | null; expires_at: number | null; password_hash: string | null }

export function boardRecord(r: BoardRow): BoardRecord {
  return {
    id: r.id,
    title: r.title,
    template: r.template as TemplateId,
    language: r.language as Locale,
    createdAt: r.created_at,
  };
}

export function sessionRecord(r: SessionRow): SessionRecord {
  return {
    sessionHash: r.session_hash,
    boardId: r.board_id,
    role: r.role as Role,
    name: r.name,
    participantId: r.participant_id,
    expiresAt: r.expires_at,
    linkHash: r.link_hash,
  };
}

export function linkRecord(r: LinkRow): LinkRecord {
  return {
    boardId: r.board_id,
    role: r.role as Role,
    tokenHash: r.token_hash,
    sealedToken: r.sealed_token,
    expiresAt: r.expires_at,
    passwordHash: r.password_hash,
  };
}

export function phaseSnapshotInfo(r: PhaseSnapshotRow): PhaseSnapshotInfo {
  return { id: r.id, boardId: r.board_id, phaseId: r.phase_id, phaseTitle: r.phase_title, createdAt: r.created_at, bytes: r.bytes };
}

/** A Buffer view of the same bytes (no copy): both drivers bind a Buffer as a BLOB / binary bytea. */
export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
