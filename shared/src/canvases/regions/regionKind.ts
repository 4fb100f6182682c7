// Canvas kinds that are only labelled regions for notes, like the SWOT quadrants: the strategy models
// of the method (domain.md, "Other models the method uses"; issue 9, "The models"). One definition per
// model gives its layout; this module makes the kind and its analysis (notes per region) from it.
import { z } from 'zod';
import type { Note, NoteColor } from '../../board/schema.ts';
import type { FrameDef, Template } from '../../templates/template.ts';
import type { CanvasKind } from '../kind.ts';

export interface RegionAnalysis {
  /**
   * Number of notes per region, keyed by the region's name within its kind (the part of the frame id
   * after the kind, `destep.economic` -> `economic`), every region present, in layout order.
   */
  counts: Record<string, number>;
  /** Notes in any of the regions. */
  total: number;
}

/** The region's name within its kind: `destep.economic` -> `economic`. */
export function regionKey(frameId: string): string {
  return frameId.slice(frameId.indexOf('.') + 1);
}

/** Notes per region of `layout`; notes whose frame is not one of its regions are not counted. Pure. */
export function countPerRegion(layout: Template, notes: readonly Pick<Note, 'frame'>[]): RegionAnalysis {
  const counts: Record<string, number> = {};
  const keyOf = new Map<string, string>();
  for (const f of layout.frames) {
    counts[regionKey(f.id)] = 0;
    keyOf.set(f.id, regionKey(f.id));
  }
  let total = 0;
  for (const n of notes) {
    const key = keyOf.get(n.frame);
    if (key === undefined) continue;
    counts[key]++;
    total++;
  }
  return { counts, total };
}

/** A kind whose canvas is its layout's regions and nothing else: no settings, notes counted per region. */
export function regionKind(layout: Template): CanvasKind<{}, RegionAnalysis> {
  const prefix = `${layout.id}.`;
  const stray = layout.frames.find((f) => !f.id.startsWith(prefix));
  // Frame ids are stored in notes and tell kinds apart when a note has no canvas (noteCanvasId).
  if (stray) throw new Error(`region ${stray.id} of ${layout.id} must start with "${prefix}"`);
  return {
    id: layout.id,
    titleKey: layout.titleKey,
    layout,
    settings: z.object({}),
    analyze: (board, canvas) => countPerRegion(layout, board.notesOf(canvas.id)),
  };
}

/** Background of a region whose new notes take `color`: a pale tint of that note colour. */
export const REGION_TINT: Record<NoteColor, string> = {
  yellow: '#fffde7',
  green: '#e8f5e9',
  orange: '#fff3e0',
  blue: '#e3f2fd',
  pink: '#fce4ec',
  purple: '#f3e5f5',
  grey: '#eceff1',
};

/** Position and size of a region in its canvas's coordinates. */
export type RegionBox = readonly [x: number, y: number, width: number, height: number];

/** A region of a model's layout: its frame id, label, prompt while empty, note colour (its background a tint of it) and box. */
export function region(
  id: string,
  keys: Pick<FrameDef, 'labelKey' | 'promptKey' | 'hintKey' | 'shortKey'>,
  color: NoteColor,
  [x, y, width, height]: RegionBox,
): FrameDef {
  return { id, ...keys, x, y, width, height, color: REGION_TINT[color], defaultNoteColor: color };
}
