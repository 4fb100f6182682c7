import { describe, it, expect, vi } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '$shared/board/meta.ts';
import { addCanvas } from '$shared/board/canvases.ts';
import { createNote } from '$shared/board/notes.ts';
import type { BoardSnapshot } from '$shared/board/readBoard.ts';
import { REMOTE_REFRESH_MS, watchBoard } from './watchBoard.ts';

const mine = { kind: 'me' };
const note = { x: 20, y: 80, color: 'yellow' as const, author: 'Ann', frame: 'swot.strengths' };

function setup() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
  const seen: BoardSnapshot[] = [];
  const stop = watchBoard(doc, (o) => o === mine, (b) => seen.push(b));
  return { doc, seen, stop };
}

describe('watchBoard', () => {
  it('reads the board at once, and again after this user changes it, once per action', async () => {
    const { doc, seen } = setup();
    expect(seen.map((b) => b.canvases.length)).toEqual([1]);
    addCanvas(doc, { kind: 'swot', title: 'Second' }, mine);
    createNote(doc, { ...note, canvas: 'swot' }, mine);
    await Promise.resolve();
    expect(seen).toHaveLength(2);
    expect(seen[1].canvases.map((c) => c.title)).toEqual(['SWOT analysis', 'Second']);
    expect(seen[1].notesOf('swot')).toHaveLength(1);
  });

  it('reads others’ changes at most every few hundred milliseconds, the last one included', () => {
    vi.useFakeTimers();
    try {
      const { doc, seen, stop } = setup();
      for (let i = 0; i < 20; i++) createNote(doc, { ...note, canvas: 'swot' }, 'provider');
      // The first remote change is read at once, the burst after it once the interval has passed.
      expect(seen).toHaveLength(2);
      vi.advanceTimersByTime(REMOTE_REFRESH_MS);
      expect(seen).toHaveLength(3);
      expect(seen[2].notesOf('swot')).toHaveLength(20);
      stop();
      createNote(doc, { ...note, canvas: 'swot' }, 'provider');
      vi.advanceTimersByTime(REMOTE_REFRESH_MS);
      expect(seen).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
