// Who has finished scoring, for the facilitator. Names come from the board's `participants` map,
// which only the server writes (docs/data-model.md), so a name cannot be faked from a console.
import { translate } from '$shared/i18n/index.ts';

/** A value of the `participants` map as read (written by the server; read defensively). */
export interface ParticipantRecord {
  name?: unknown;
  role?: unknown;
}

export interface ParticipantProgress {
  id: string;
  name: string;
  scored: number;
  done: boolean;
  self: boolean;
}

/**
 * Everyone expected to score, with how far they got: every participant the board knows, and anyone
 * else (a facilitator) who scored at least one cell. Viewers cannot score and are left out. Not
 * finished first (the ones to wait for), then by name.
 */
export function participantProgress(
  participants: Readonly<Record<string, ParticipantRecord>>,
  scoredBy: Readonly<Record<string, number>>,
  cells: number,
  selfId: string,
  locale: string,
): ParticipantProgress[] {
  const ids = new Set<string>();
  for (const [id, p] of Object.entries(participants)) if (p?.role === undefined || p.role === 'participant') ids.add(id);
  for (const [id, n] of Object.entries(scoredBy)) if (n > 0 && participants[id]?.role !== 'viewer') ids.add(id);
  const out = [...ids].map((id): ParticipantProgress => {
    const name = participants[id]?.name;
    const scored = scoredBy[id] ?? 0;
    return {
      id,
      name: typeof name === 'string' && name.trim() !== '' ? name : translate(locale, 'matrix.participant.unnamed'),
      scored,
      done: cells > 0 && scored >= cells,
      self: id === selfId,
    };
  });
  return out.sort((a, b) => Number(a.done) - Number(b.done) || a.name.localeCompare(b.name, locale) || (a.id < b.id ? -1 : 1));
}
