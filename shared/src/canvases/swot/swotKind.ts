// The SWOT canvas kind: four quadrants of notes (domain.md, "SWOT").
import { z } from 'zod';
import type { CanvasKind } from '../kind.ts';
import { swotTemplate } from './swotLayout.ts';
import { swotQuadrantOf, type SwotQuadrant } from './swotQuadrants.ts';

export interface SwotAnalysis {
  /** Number of notes per quadrant. */
  counts: Record<SwotQuadrant, number>;
}

export const swotKind: CanvasKind<{}, SwotAnalysis> = {
  id: 'swot',
  titleKey: 'kind.swot.title',
  layout: swotTemplate,
  settings: z.object({}),
  analyze(board, canvas) {
    const counts: Record<SwotQuadrant, number> = { S: 0, W: 0, O: 0, T: 0 };
    for (const note of board.notesOf(canvas.id)) {
      const q = swotQuadrantOf(note.frame);
      if (q) counts[q]++;
    }
    return { counts };
  },
};
