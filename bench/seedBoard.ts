// Puts notes on a board through a real WebsocketProvider and waits until a second, fresh client
// sees them all, so that the server has them before the measured clients connect.
import type * as Y from 'yjs';
import { createNote, notesMap } from '../shared/src/board/index.ts';
import { swotTemplate } from '../shared/src/templates/swot.ts';
import { NOTE_COLORS, NOTE_HEIGHT, NOTE_WIDTH } from '../shared/src/board/schema.ts';
import { sleep } from './childProcess.ts';
import { openProvider, whenSynced } from './provider.ts';

/** Adds `count` notes laid out on a grid over the SWOT quadrants, in transactions of up to 100 notes. */
export function addNotes(doc: Y.Doc, count: number, author = 'Bench'): void {
  const frames = swotTemplate.frames;
  const perRow = 5;
  for (let start = 0; start < count; start += 100) {
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + 100); i++) {
        const frame = frames[i % frames.length];
        const slot = Math.floor(i / frames.length);
        createNote(doc, {
          frame: frame.id,
          x: frame.x + 16 + (slot % perRow) * (NOTE_WIDTH + 16),
          y: frame.y + 72 + Math.floor(slot / perRow) * (NOTE_HEIGHT + 16),
          color: NOTE_COLORS[i % NOTE_COLORS.length],
          author,
          text: `Note ${i + 1}`,
        });
      }
    });
  }
}

export async function seedBoard(wsUrl: string, room: string, params: Record<string, string>, notes: number): Promise<void> {
  const writer = openProvider(wsUrl, room, params);
  await whenSynced(writer);
  addNotes(writer.doc, notes);
  const reader = openProvider(wsUrl, room, params);
  try {
    await whenSynced(reader);
    const deadline = Date.now() + 60_000;
    while (notesMap(reader.doc).size < notes) {
      if (Date.now() > deadline) throw new Error(`seeding: only ${notesMap(reader.doc).size} of ${notes} notes arrived`);
      await sleep(50);
    }
  } finally {
    reader.destroy();
    writer.destroy();
  }
}
