import type { MessageKey } from '../i18n/index.ts';
import type { NoteColor } from '../board/schema.ts';

/** A region of the canvas with a meaning in the method (a SWOT quadrant, a 7S element, ...). */
export interface FrameDef {
  /** Stable id stored in each note's `frame`, e.g. `swot.threats`. */
  id: string;
  labelKey: MessageKey;
  /** A short name where the label does not fit (the jump bar on a phone); default: the label's first letter. */
  shortKey?: MessageKey;
  hintKey?: MessageKey;
  /** A short question shown in the region while it holds no notes (what to write there). */
  promptKey?: MessageKey;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Background fill of the region. */
  color: string;
  defaultNoteColor: NoteColor;
}

/** An axis drawn along the regions (Ansoff, BCG): its name, and one label per column (x, left to right) or row (y, top to bottom). */
export interface TemplateAxis {
  labelKey: MessageKey;
  tickKeys: MessageKey[];
}

export interface Template {
  id: string;
  titleKey: MessageKey;
  frames: FrameDef[];
  /** The name of the bar that jumps to one region (FrameJump); default `jump.label`, "Jump to quadrant". */
  jumpLabelKey?: MessageKey;
  /**
   * The regions the jump bar offers, by id, in order; default all. A layout of many regions (the 7S
   * has 14) offers one per element so the bar fits a phone.
   */
  jumpFrames?: readonly string[];
  /** The figure as a whole is the point (the 7S): the first view shows it whole at a lower zoom than usual (camera.ts). */
  overview?: boolean;
  /** The colour legend beside the regions; default "Note colours" with each region's note colour. */
  legend?: { titleKey: MessageKey; entries: readonly { labelKey: MessageKey; fill: string }[] };
  /** Axes of a matrix-like layout: `x` under the regions, `y` left of them. */
  axes?: { x: TemplateAxis; y: TemplateAxis };
  /**
   * What number keys 1-9 add a note to; default the first nine regions in order. A layout of paired
   * regions (the 7S: each element's current and desired state, 14 in all) lists per key its region
   * and the one Shift with that key adds to, and says so for the help: `shiftKey` in the canvas's
   * label, `hintKey` (with `{key}`) in the tooltip of the key's jump button.
   */
  numberKeys?: { frames: readonly (readonly [string, string])[]; shiftKey: MessageKey; hintKey: MessageKey };
}

/** Per number key (index 0 is key 1): the region the key adds a note to, and the one Shift+key does (if any). */
export function numberKeyFrames(template: Template): ReadonlyArray<readonly [string, string?]> {
  return template.numberKeys?.frames ?? template.frames.slice(0, 9).map((f) => [f.id] as const);
}

/** The frame whose region contains the point, or undefined outside every frame. */
export function frameAt(template: Template, x: number, y: number): FrameDef | undefined {
  return template.frames.find((f) => x >= f.x && x < f.x + f.width && y >= f.y && y < f.y + f.height);
}

export function frameById(template: Template, id: string): FrameDef | undefined {
  return template.frames.find((f) => f.id === id);
}

/** Bounding box of all frames: what "zoom to fit" shows on an empty board. */
export function templateBounds(template: Template): { x: number; y: number; width: number; height: number } {
  const minX = Math.min(...template.frames.map((f) => f.x));
  const minY = Math.min(...template.frames.map((f) => f.y));
  const maxX = Math.max(...template.frames.map((f) => f.x + f.width));
  const maxY = Math.max(...template.frames.map((f) => f.y + f.height));
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
