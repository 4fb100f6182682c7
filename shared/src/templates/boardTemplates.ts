// Board templates: which canvases a new board starts with (issue 7). Data only; the canvases are
// created by `initBoard` / `migrateBoard` (board/migrate.ts) with these ids, so every replica that
// creates them writes the same thing.
import type { MessageKey } from '../i18n/index.ts';

export const BOARD_TEMPLATE_IDS = ['swot', 'confrontation', 'workshop'] as const;
export type BoardTemplateId = (typeof BOARD_TEMPLATE_IDS)[number];

export interface TemplateCanvas {
  /** Fixed canvas id: the canvas of a template is the same on every replica. */
  id: string;
  kind: string;
  /** Only what differs from the kind's defaults. */
  settings?: Record<string, unknown>;
}

export interface BoardTemplate {
  id: BoardTemplateId;
  titleKey: MessageKey;
  canvases: readonly TemplateCanvas[];
}

/**
 * The id of every template's SWOT canvas, and so of the canvas a board from before canvases gets:
 * notes without a `canvas` go there first (docs/data-model.md, "Compatibility").
 */
export const LEGACY_CANVAS_ID = 'swot';

const swot: TemplateCanvas = { id: LEGACY_CANVAS_ID, kind: 'swot' };
const confrontation: TemplateCanvas = { id: 'confrontation', kind: 'confrontation', settings: { source: LEGACY_CANVAS_ID } };

export const BOARD_TEMPLATES: Record<BoardTemplateId, BoardTemplate> = {
  swot: { id: 'swot', titleKey: 'template.swot.title', canvases: [swot] },
  confrontation: { id: 'confrontation', titleKey: 'template.confrontation.title', canvases: [swot, confrontation] },
  // The session in the order of domain.md ("The flow of a session"): quickscan, SWOT, matrix, 7S,
  // pyramid, action plan; its agenda (shared/src/facilitation/workshopAgenda.ts) follows these kinds.
  workshop: {
    id: 'workshop',
    titleKey: 'template.workshop.title',
    canvases: [
      { id: 'quickscan', kind: 'quickscan' },
      swot,
      confrontation,
      { id: 'sevens', kind: '7s' },
      { id: 'pyramid', kind: 'pyramid' },
      { id: 'actions', kind: 'actions' },
    ],
  },
};

export function isBoardTemplateId(id: unknown): id is BoardTemplateId {
  return typeof id === 'string' && (BOARD_TEMPLATE_IDS as readonly string[]).includes(id);
}
