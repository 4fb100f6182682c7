// Puts notes on a board through a real WebsocketProvider and waits until a second, fresh client
// sees them all, so that the server has them before the measured clients connect.
import type * as Y from 'yjs';
import { createNote, notesMap } from '../shared/src/board/index.ts';
import { swotTemplate } from '../shared/src/templates/swot.ts';
import { NOTE_COLORS, NOTE_HEIGHT, NOTE_WIDTH } from '../shared/src/board/schema.ts';
import { sleep } from './childProcess.ts';
import { closeProvider, openProvider, whenSynced } from './provider.ts';

/** Where the bench puts note `i` of `count`: its SWOT quadrant, top-left corner, colour and text. */
export interface BenchNote {
  frame: string;
  x: number;
  y: number;
  color: (typeof NOTE_COLORS)[number];
  /** Index of `color` in NOTE_COLORS (peers map it to their own palette). */
  colorIndex: number;
  text: string;
}

/**
 * `count` notes spread evenly over the four SWOT quadrants, each quadrant's share on a grid that fits
 * inside it (so a crowded board has overlapping stacks, as real crowded boards do); the last are on top.
 * The browser bench gives the peers (tldraw, Excalidraw) the same layout.
 */
export function benchNoteLayout(count: number): BenchNote[] {
  const frames = swotTemplate.frames;
  const perFrame = Math.ceil(count / frames.length);
  const cols = Math.max(1, Math.ceil(Math.sqrt(perFrame * 1.5)));
  const rows = Math.max(1, Math.ceil(perFrame / cols));
  const out: BenchNote[] = [];
  for (let i = 0; i < count; i++) {
    const frame = frames[i % frames.length];
    const slot = Math.floor(i / frames.length);
    const stepX = cols > 1 ? Math.min(NOTE_WIDTH + 16, (frame.width - 32 - NOTE_WIDTH) / (cols - 1)) : 0;
    const stepY = rows > 1 ? Math.min(NOTE_HEIGHT + 16, (frame.height - 88 - NOTE_HEIGHT) / (rows - 1)) : 0;
    out.push({
      frame: frame.id,
      x: frame.x + 16 + (slot % cols) * stepX,
      y: frame.y + 72 + Math.floor(slot / cols) * stepY,
      color: NOTE_COLORS[i % NOTE_COLORS.length],
      colorIndex: i % NOTE_COLORS.length,
      text: `Note ${i + 1}: ${frame.id.split('.')[1]} idea`,
    });
  }
  return out;
}

/** Adds the notes of `benchNoteLayout` in transactions of up to 100 notes. */
function addNotes(doc: Y.Doc, count: number, author = 'Bench'): void {
  const notes = benchNoteLayout(count);
  for (let start = 0; start < count; start += 100) {
    doc.transact(() => {
      for (const n of notes.slice(start, start + 100)) createNote(doc, { frame: n.frame, x: n.x, y: n.y, color: n.color, author, text: n.text });
    });
  }
}

export async function seedBoard(wsUrl: string, room: string, params: Record<string, string>, notes: number, timeoutMs = 60_000): Promise<void> {
  const writer = openProvider(wsUrl, room, params);
  await whenSynced(writer);
  addNotes(writer.doc, notes);
  const reader = openProvider(wsUrl, room, params);
  try {
    await whenSynced(reader);
    const deadline = Date.now() + timeoutMs;
    while (notesMap(reader.doc).size < notes) {
      if (Date.now() > deadline) throw new Error(`seeding: only ${notesMap(reader.doc).size} of ${notes} notes arrived`);
      await sleep(50);
    }
  } finally {
    closeProvider(reader);
    closeProvider(writer);
  }
}
