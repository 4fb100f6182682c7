// The outline view's data: the template's frames in order, each with its notes. Notes whose frame
// is not in the template (written by another program) are kept in a last section, never hidden.
import type { Note } from '$shared/board/schema.ts';
import type { MessageKey } from '$shared/i18n/index.ts';
import type { FrameDef, Template } from '$shared/templates/template.ts';

export interface OutlineSection {
  frame: FrameDef | null;
  notes: Note[];
}

/** Creation order, not position: a note moved on the canvas keeps its place in the list (and the keyboard focus). */
function byCreation(a: Note, b: Note): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function outlineSections(template: Template, notes: Note[]): OutlineSection[] {
  const known = new Set(template.frames.map((f) => f.id));
  const sections: OutlineSection[] = template.frames.map((frame) => ({
    frame,
    notes: notes.filter((n) => n.frame === frame.id).sort(byCreation),
  }));
  const others = notes.filter((n) => !known.has(n.frame)).sort(byCreation);
  if (others.length > 0) sections.push({ frame: null, notes: others });
  return sections;
}

/**
 * A region's name where regions are listed by name (the "move to" choices, "delete note 2 in ..."):
 * its label, and its hint too when another region has the same label (the 7S has "Strategy" for the
 * current and for the desired state: "Strategy · Current").
 */
export function frameName(template: Template, frame: FrameDef, translate: (key: MessageKey) => string): string {
  const label = translate(frame.labelKey);
  const shared = frame.hintKey !== undefined && template.frames.some((f) => f !== frame && f.labelKey === frame.labelKey);
  return shared ? `${label} · ${translate(frame.hintKey!)}` : label;
}
