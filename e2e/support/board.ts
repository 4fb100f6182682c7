// Page-level steps on the board page, in the words of the agreed data-testid contract.
import { expect, type Locator, type Page } from '@playwright/test';

/** A note as read from the page's own Y.Doc (`window.__board.doc.getMap('notes')`). */
export interface NoteData {
  id: string;
  frame: string;
  text: string;
  x: number;
  y: number;
  color: string;
  author: string;
}

export const FRAMES = ['swot.strengths', 'swot.weaknesses', 'swot.opportunities', 'swot.threats'] as const;
export type FrameId = (typeof FRAMES)[number];

/** Opens a join link, enters the display name when asked, and waits until the board is live. */
export async function joinBoard(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await enterNameIfAsked(page, name);
  await expectLive(page);
}

/** The join form appears on a first visit; a remembered session goes straight to the board. */
export async function enterNameIfAsked(page: Page, name: string): Promise<void> {
  const nameInput = page.getByTestId('join-name');
  const status = page.getByTestId('connection-status');
  await expect(nameInput.or(status).first()).toBeVisible({ timeout: 30_000 });
  if (await nameInput.isVisible()) {
    await nameInput.fill(name);
    await page.getByTestId('join-submit').click();
  }
}

export async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await page.waitForFunction(() => (window as unknown as { __board?: unknown }).__board !== undefined);
  // On a canvas view, the renderer too (it publishes the note count): it starts after the board is
  // live, from a chunk loaded on demand, and until then no key reaches the canvas (under load a
  // test's first key press was lost, or landed as a shortcut elsewhere).
  await page.waitForFunction(() => {
    const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]');
    return !canvas || canvas.dataset.noteCount !== undefined;
  });
}

/** All notes of the page's document, sorted by id so two replicas compare equal. */
export async function readNotes(page: Page): Promise<NoteData[]> {
  return page.evaluate(() => {
    type YMapLike = { get(key: string): unknown };
    const board = (window as unknown as { __board?: { doc: { getMap(name: string): { forEach(fn: (v: unknown, k: string) => void): void } } } }).__board;
    const out: NoteData[] = [];
    if (!board) return out;
    board.doc.getMap('notes').forEach((value, id) => {
      if (!value || typeof (value as YMapLike).get !== 'function') return;
      const m = value as YMapLike;
      out.push({
        id,
        frame: String(m.get('frame')),
        text: String(m.get('text') ?? ''),
        x: Number(m.get('x')),
        y: Number(m.get('y')),
        color: String(m.get('color')),
        author: String(m.get('author')),
      });
    });
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}

/** Waits until the page's document holds a note matching `expected` (a partial note). */
export async function expectNote(page: Page, expected: Partial<NoteData>, timeout = 15_000): Promise<void> {
  await expect
    .poll(async () => (await readNotes(page)).some((n) => matches(n, expected)), {
      message: `note ${JSON.stringify(expected)} on ${page.url()}`,
      timeout,
    })
    .toBe(true);
}

function matches(n: NoteData, expected: Partial<NoteData>): boolean {
  return (Object.keys(expected) as (keyof NoteData)[]).every((k) => n[k] === expected[k]);
}

// ---- Outline view -------------------------------------------------------------------------------

export async function showOutline(page: Page): Promise<void> {
  await page.getByTestId('view-outline').click();
  // The outline lists every canvas's regions (a workshop board has the 7S's too): wait for the SWOT's.
  await expect(page.locator('[data-testid="outline-frame"][data-frame^="swot."]')).toHaveCount(FRAMES.length);
}

export async function showCanvas(page: Page): Promise<void> {
  await page.getByTestId('view-canvas').click();
  await expect(page.getByTestId('canvas')).toBeVisible();
}

export function outlineFrame(page: Page, frame: string): Locator {
  return page.locator(`[data-testid="outline-frame"][data-frame="${frame}"]`);
}

export function outlineNote(page: Page, id: string): Locator {
  return page.locator(`[data-testid="outline-note"][data-note-id="${id}"]`);
}

async function outlineNoteIds(page: Page, frame: FrameId): Promise<string[]> {
  return outlineFrame(page, frame).getByTestId('outline-note').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.noteId ?? ''));
}

/** Adds a note to a quadrant from the outline view, types its text and returns the new note's id. */
export async function addNoteInOutline(page: Page, frame: FrameId, text: string): Promise<string> {
  // Looks for the new note in the target quadrant only: a note another user adds elsewhere at the
  // same moment must not be taken for it.
  const before = new Set(await outlineNoteIds(page, frame));
  await page.locator(`[data-testid="outline-add"][data-frame="${frame}"]`).click();
  let id = '';
  await expect
    .poll(async () => {
      id = (await outlineNoteIds(page, frame)).find((x) => x && !before.has(x)) ?? '';
      return id;
    }, { message: `a new note in ${frame}` })
    .not.toBe('');
  await expect(outlineFrame(page, frame).locator(`[data-testid="outline-note"][data-note-id="${id}"]`)).toBeVisible();
  await editNoteInOutline(page, id, text);
  return id;
}

export async function editNoteInOutline(page: Page, id: string, text: string): Promise<void> {
  const area = outlineNote(page, id).getByTestId('outline-note-text');
  await area.fill(text);
  await area.blur();
  await expectNote(page, { id, text });
}

export async function moveNoteInOutline(page: Page, id: string, frame: FrameId): Promise<void> {
  await outlineNote(page, id).getByTestId('outline-note-frame').selectOption(frame);
  await expectNote(page, { id, frame });
}

/** The outline of `page` shows note `id` in `frame` with `text`. */
export async function expectOutlineNote(page: Page, id: string, frame: FrameId, text: string): Promise<void> {
  const note = outlineFrame(page, frame).locator(`[data-testid="outline-note"][data-note-id="${id}"]`);
  await expect(note).toBeVisible();
  await expect(note.getByTestId('outline-note-text')).toHaveValue(text);
}
