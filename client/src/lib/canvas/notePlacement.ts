// Where new notes go when the user did not point at a spot, which frames "tidy up" arranges, and
// which of this user's new notes must make room after a concurrent add. Pure, unit-tested in Node.
import { NOTE_WIDTH, NOTE_HEIGHT } from '$shared/board/schema.ts';
import type { Rect } from './noteView.ts';

/** Share of the visible board a frame must cover to count as "the quadrant in view". */
const IN_VIEW_SHARE = 0.6;

function overlapArea(f: Rect, view: Rect): number {
  return (
    Math.max(0, Math.min(f.x + f.width, view.x + view.width) - Math.max(f.x, view.x)) *
    Math.max(0, Math.min(f.y + f.height, view.y + view.height) - Math.max(f.y, view.y))
  );
}

/** The one frame covering most of the visible part of the board, or undefined (several in view). */
export function frameInView<F extends Rect>(frames: readonly F[], view: Rect): F | undefined {
  const areas = frames.map((f) => overlapArea(f, view));
  const total = areas.reduce((a, b) => a + b, 0);
  const best = areas.indexOf(Math.max(...areas));
  return total > 0 && areas[best] / total >= IN_VIEW_SHARE ? frames[best] : undefined;
}

/**
 * The frame a new note goes to when the user did not point at one (toolbar button, N key), in this
 * order (issue 8: on the whole-board view the view centre is where four quadrants meet, and every
 * note landed in Threats): the quadrant in view (a user who zoomed into one means that one, even
 * with a note elsewhere still selected); the frame of the selected note; the frame this user last
 * worked in; the first frame.
 */
export function intendedFrame<F extends Rect & { id: string }>(
  frames: readonly F[],
  view: Rect,
  selectedFrame: string | undefined,
  lastFrame: string | undefined,
): F | undefined {
  const byId = (id: string | undefined) => (id === undefined ? undefined : frames.find((f) => f.id === id));
  return frameInView(frames, view) ?? byId(selectedFrame) ?? byId(lastFrame) ?? frames[0];
}

/** The frames "tidy up" arranges: those of the selected notes; else the quadrant in view; else every frame. */
export function framesToTidy<F extends Rect & { id: string }>(frames: readonly F[], view: Rect, selectedFrames: readonly string[]): string[] {
  const selected = frames.filter((f) => selectedFrames.includes(f.id));
  if (selected.length > 0) return selected.map((f) => f.id);
  const inView = frameInView(frames, view);
  return inView ? [inView.id] : frames.map((f) => f.id);
}

/** Two notes this close cover each other's text (the same test freeSpotNear uses for a free cell). */
export function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return Math.abs(a.x - b.x) < NOTE_WIDTH * 0.6 && Math.abs(a.y - b.y) < NOTE_HEIGHT * 0.6;
}

/** Notes added within this long of each other count as added at the same time. */
export const CONCURRENT_ADD_MS = 10_000;

interface Placed {
  id: string;
  x: number;
  y: number;
  createdAt: number;
}

/**
 * Which of this client's recently added notes must move away because they landed on another note
 * (issue 8: several people adding at once pick the same free spot before they see each other's
 * note). Every client decides the same way: of two notes added at about the same time, the one with
 * the larger id moves, and only its author's client moves it; a note added on top of an older one
 * always moves. `mine`: ids this client added and the user has not moved since.
 */
export function notesToMakeRoom(mine: ReadonlySet<string>, notes: readonly Placed[]): string[] {
  const out: string[] = [];
  for (const n of notes) {
    if (!mine.has(n.id)) continue;
    const yields = notes.some((o) => {
      if (o.id === n.id || !overlaps(n, o)) return false;
      const concurrent = Math.abs(o.createdAt - n.createdAt) < CONCURRENT_ADD_MS;
      return !concurrent || o.id < n.id;
    });
    if (yields) out.push(n.id);
  }
  return out;
}
