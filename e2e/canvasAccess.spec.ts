// The canvas for keyboard and screen reader users (issue 8): a focus ring they can see, the selected
// note spoken through a live region, Tab quadrant by quadrant, and a viewer's label without the
// editing keys a viewer cannot use.
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { createNote } from '../shared/src/board/notes.ts';
import { translate } from '../shared/src/i18n/index.ts';
import type { CreateBoardResponse } from '../shared/src/protocol.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { joinBoard } from './support/board.ts';
import { canvasBox, noteScreenBox } from './support/canvas.ts';
import { seriousViolations } from './support/axe.ts';
import { averageColour } from './support/pixels.ts';

/**
 * A board with two notes in Strengths (one under the other) and one in Weaknesses at the height of
 * the first: reading the whole board row by row would go Strengths, Weaknesses, Strengths.
 */
async function boardWithNotes(request: APIRequestContext, baseURL: string): Promise<{ board: CreateBoardResponse; program: BoardProgram; ids: Record<string, string> }> {
  const res = await request.post('/api/boards', { data: { title: 'Keyboard canvas', template: 'swot', language: 'en' } });
  expect(res.status(), await res.text()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL, board.links.facilitator, 'Setup');
  const note = (frame: string, text: string, x: number, y: number) => createNote(program.doc, { canvas: 'swot', frame, text, x, y, color: 'yellow', author: 'Setup' });
  const ids = {
    first: note('swot.strengths', 'Loyal customers', 40, 90),
    second: note('swot.strengths', 'Strong brand', 40, 300),
    weak: note('swot.weaknesses', 'Slow delivery', 1000, 90),
  };
  return { board, program, ids };
}

/** Presses Tab until the canvas has focus, as a keyboard user reaches it. */
async function tabToCanvas(page: Page): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'canvas')) return;
  }
  throw new Error('Tab never reached the canvas');
}

/** The colour of a thin strip just inside the canvas's top edge, in the middle. */
async function topEdgeColour(page: Page): Promise<{ r: number; g: number; b: number }> {
  const box = await canvasBox(page);
  return averageColour(page, { x: box.x + box.width / 2 - 20, y: box.y, width: 40, height: 2 });
}

const isFocusOrange = (c: { r: number; g: number; b: number }) => c.r > 220 && c.g > 120 && c.g < 185 && c.b < 70;

test('a keyboard user sees a focus ring on the canvas, hears the selected note, and Tab finishes a quadrant first', async ({ page, request, baseURL }) => {
  const { board, program, ids } = await boardWithNotes(request, baseURL!);
  try {
    await joinBoard(page, board.links.participant, 'Kim');
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', '3');
    expect(isFocusOrange(await topEdgeColour(page))).toBe(false);

    await tabToCanvas(page);
    expect(isFocusOrange(await topEdgeColour(page)), 'focus ring at the canvas edge').toBe(true);

    const announcer = page.getByTestId('canvas-announcer');
    await expect(announcer).toHaveAttribute('aria-live', 'polite');
    await page.keyboard.press('ArrowDown'); // nothing selected: selects the first note
    await expect(announcer).toHaveText('Selected: Loyal customers, Strengths, 1 of 2');
    await page.keyboard.press('Tab');
    await expect(announcer).toHaveText('Selected: Strong brand, Strengths, 2 of 2');
    await page.keyboard.press('Tab');
    await expect(announcer).toHaveText('Selected: Slow delivery, Weaknesses, 1 of 1');
    await page.keyboard.press('Shift+Tab');
    await expect(announcer).toHaveText('Selected: Strong brand, Strengths, 2 of 2');
    expect(await seriousViolations(page)).toEqual([]);

    // A pointer selection is spoken the same way.
    const box = await noteScreenBox(page, ids.first);
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect(announcer).toHaveText('Selected: Loyal customers, Strengths, 1 of 2');
    await page.keyboard.press('Escape');
    await expect(announcer).toHaveText('');
  } finally {
    program.close();
  }
});

test("a viewer's canvas label names only the keys a viewer can use", async ({ browser, request, baseURL }) => {
  const { board, program } = await boardWithNotes(request, baseURL!);
  const viewerContext = await browser.newContext();
  const participantContext = await browser.newContext();
  try {
    const viewer = await viewerContext.newPage();
    const participant = await participantContext.newPage();
    await joinBoard(viewer, board.links.viewer, 'Vera');
    await joinBoard(participant, board.links.participant, 'Pieter');
    await expect(viewer.getByTestId('canvas')).toHaveAttribute('aria-label', translate('en', 'canvas.labelReadOnly'));
    const label = (await viewer.getByTestId('canvas').getAttribute('aria-label')) ?? '';
    for (const editingKey of ['N adds', 'Enter edits', 'Delete']) expect(label).not.toContain(editingKey);
    await expect(participant.getByTestId('canvas')).toHaveAttribute(
      'aria-label',
      translate('en', 'canvas.label', { last: 4, regions: 'Strengths, Weaknesses, Opportunities, Threats' }),
    );

    // The viewer still walks the notes and hears them.
    await viewer.getByTestId('canvas').focus();
    await viewer.keyboard.press('ArrowDown');
    await expect(viewer.getByTestId('canvas-announcer')).toHaveText('Selected: Loyal customers, Strengths, 1 of 2');
  } finally {
    program.close();
    await viewerContext.close();
    await participantContext.close();
  }
});
