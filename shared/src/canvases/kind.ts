// What a canvas kind is. One kind = one definition object (this interface) in `shared/`, and one
// view in `client/`; both are found through the registry (registry.ts), so nothing else switches on
// kind ids. Modelled on tldraw's ShapeUtil: the kind owns its regions, its settings schema and its
// analysis, and the board knows kinds only through it.
import type { z } from 'zod';
import type { MessageKey } from '../i18n/index.ts';
import type { Template } from '../templates/template.ts';
import type { CanvasRecord } from '../board/schema.ts';
import type { BoardSnapshot } from '../board/readBoard.ts';
import type { PreviousWorkshop } from '../board/nextWorkshop.ts';

export interface CanvasKind<Shape extends z.core.$ZodShape = z.core.$ZodShape, Analysis = unknown> {
  /** Stable id stored in `canvases/<id>/kind` and used in the API and the export. */
  readonly id: string;
  /** The kind's name; also the title of a canvas created from a board template. */
  readonly titleKey: MessageKey;
  /** The regions notes can belong to (a note's `frame`); no frames for a kind without note regions. */
  readonly layout: Template;
  /**
   * Settings, validated with this schema on every write. Every field has a default (or is optional),
   * so `{}` is valid: defaults are not stored, only what the facilitator changed.
   */
  readonly settings: z.ZodObject<Shape>;
  /**
   * Settings keys participants may change too (the team's choices, like the pyramid's strategy per
   * level); every other key is the facilitator's. The server's write rules read this.
   */
  readonly teamSettings?: readonly string[];
  /** Settings a new canvas of this kind takes from the board it is added to (what the caller gives wins). */
  initialSettings?(canvases: readonly CanvasRecord[]): Partial<z.infer<z.ZodObject<Shape>>>;
  /**
   * Whether a per-person entry of this kind may be written now, given the canvas's settings as
   * stored (the server's write rules ask: a quickscan's past round is closed). Absent: always.
   */
  personalEntryOpen?(entry: string, settings: z.infer<z.ZodObject<Shape>>): boolean;
  /**
   * The settings this canvas gets on the board made as the next workshop from `board` (issue 11,
   * "Carry-over"; `shared/src/board/nextWorkshop.ts`), where it starts without notes and scores.
   * Absent: the settings as they are.
   */
  nextWorkshopSettings?(board: BoardSnapshot, canvas: CanvasRecord, previous: PreviousWorkshop): Record<string, unknown>;
  /** Plain JSON for the export's `analysis` and for the views. Pure: reads only `board`. */
  analyze?(board: BoardSnapshot, canvas: CanvasRecord): Analysis;
}

export type AnyCanvasKind = CanvasKind<z.core.$ZodShape, unknown>;

export type SettingsOf<K> = K extends CanvasKind<infer Shape, unknown> ? z.infer<z.ZodObject<Shape>> : never;

/**
 * Reads stored settings through the kind's schema, field by field: a field another program wrote
 * badly falls back to its default instead of making the whole canvas unreadable.
 */
export function readSettings<Shape extends z.core.$ZodShape>(
  kind: CanvasKind<Shape, unknown>,
  stored: Record<string, unknown>,
): z.infer<z.ZodObject<Shape>> {
  const whole = kind.settings.safeParse(stored);
  if (whole.success) return whole.data;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(kind.settings.shape) as [string, z.ZodType][]) {
    const parsed = field.safeParse(stored[key]);
    out[key] = parsed.success ? parsed.data : field.safeParse(undefined).data;
  }
  return out as z.infer<z.ZodObject<Shape>>;
}
