// The 7S canvas kind (domain.md, "7S model"; issue 9): a region of notes for the current and the
// desired state of each of the seven elements, and per-person 1-5 scores of both states (and,
// optionally, of how well each of the 21 pairs of elements fit) in `personal`.
import { z } from 'zod';
import type { CanvasKind } from '../kind.ts';
import { analyzeSevens, type SevensAnalysis } from './sevensAnalysis.ts';
import { sevensTemplate } from './sevensLayout.ts';

export const sevensKind: CanvasKind<{}, SevensAnalysis> = {
  id: '7s',
  titleKey: 'kind.7s.title',
  layout: sevensTemplate,
  settings: z.object({}),
  analyze(board, canvas) {
    return analyzeSevens(board.personalOf(canvas.id));
  },
};
