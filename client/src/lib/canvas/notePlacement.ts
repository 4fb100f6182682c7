// Where new notes go when the user did not point at a spot. Pure, unit-tested in Node.
import type { Rect } from './noteView.ts';

/** Share of the visible board a frame must cover to count as "the quadrant in view". */
const IN_VIEW_SHARE = 0.6;

/**
 * The frame a new note goes to when the user did not point at one (toolbar button, N key), in this
 * order (issue 8: on the whole-board view the view centre is where four quadrants meet, and every
 * note landed in Threats): the frame of the selected note; the one frame covering most of the
 * visible part of the board; the frame this user last worked in; the first frame.
 */
export function intendedFrame<F extends Rect & { id: string }>(
  frames: readonly F[],
  view: Rect,
  selectedFrame: string | undefined,
  lastFrame: string | undefined,
): F | undefined {
  const byId = (id: string | undefined) => (id === undefined ? undefined : frames.find((f) => f.id === id));
  const selected = byId(selectedFrame);
  if (selected) return selected;
  const overlap = (f: Rect) =>
    Math.max(0, Math.min(f.x + f.width, view.x + view.width) - Math.max(f.x, view.x)) *
    Math.max(0, Math.min(f.y + f.height, view.y + view.height) - Math.max(f.y, view.y));
  const areas = frames.map(overlap);
  const total = areas.reduce((a, b) => a + b, 0);
  const best = areas.indexOf(Math.max(...areas));
  if (total > 0 && areas[best] / total >= IN_VIEW_SHARE) return frames[best];
  return byId(lastFrame) ?? frames[0];
}
