// The four SWOT quadrants as the method names them, and the order notes have inside a quadrant.
import { NOTE_HEIGHT, compareZ, type Note } from '../../board/schema.ts';

export type SwotQuadrant = 'S' | 'W' | 'O' | 'T';

/** Quadrant letter to the frame id notes carry (`note.frame`). */
export const SWOT_FRAMES: Record<SwotQuadrant, string> = {
  S: 'swot.strengths',
  W: 'swot.weaknesses',
  O: 'swot.opportunities',
  T: 'swot.threats',
};

const QUADRANT_OF_FRAME = new Map(Object.entries(SWOT_FRAMES).map(([q, f]) => [f, q as SwotQuadrant]));

export function swotQuadrantOf(frame: string): SwotQuadrant | undefined {
  return QUADRANT_OF_FRAME.get(frame);
}

/** Height of a reading-order band: notes whose tops are less than this apart count as one line. */
const BAND = NOTE_HEIGHT / 2;

/**
 * The facilitator's order inside a quadrant, while there is no voting: reading order on the canvas,
 * top to bottom in bands of half a note height, then left to right; equal positions by creation,
 * then id. A facilitator ranks notes by dragging the important ones up (docs/data-model.md).
 */
export function compareReadingOrder(a: Note, b: Note): number {
  return (
    Math.floor(a.y / BAND) - Math.floor(b.y / BAND) ||
    a.x - b.x ||
    a.createdAt - b.createdAt ||
    compareZ({ z: '', id: a.id }, { z: '', id: b.id })
  );
}
