// A crowded board (issue 8, "fluid with thousands of notes"): 2,000 notes stacked over every
// quadrant, the quadrants' headers included. The first view still shows each quadrant's name
// exactly as on the empty board (headers are drawn above the notes), and the notes come back in
// full detail after the camera moved over them.
import { test, expect } from '@playwright/test';
import { createNote } from '../shared/src/board/notes.ts';
import { NOTE_COLORS, NOTE_HEIGHT, NOTE_WIDTH } from '../shared/src/board/schema.ts';
import { swotTemplate } from '../shared/src/templates/index.ts';
import { createBoard } from './support/api.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { joinBoard } from './support/board.ts';
import { canvasBox, expectNoteCount } from './support/canvas.ts';
import { canvasLabels } from './support/overlay.ts';

const NOTES = 2000;

/** 500 notes per quadrant on a grid from the quadrant's top-left corner: its header is under them. */
function crowd(program: BoardProgram): void {
  const frames = swotTemplate.frames;
  const perFrame = NOTES / frames.length;
  const cols = 25;
  const rows = perFrame / cols;
  for (const [fi, f] of frames.entries()) {
    program.doc.transact(() => {
      for (let i = 0; i < perFrame; i++) {
        const x = f.x + 4 + (i % cols) * ((f.width - 8 - NOTE_WIDTH) / (cols - 1));
        const y = f.y + 4 + Math.floor(i / cols) * ((f.height - 8 - NOTE_HEIGHT) / (rows - 1));
        createNote(program.doc, { canvas: 'swot', frame: f.id, x, y, color: NOTE_COLORS[(i + fi) % NOTE_COLORS.length], author: 'Setup', text: `Idea ${i + 1}` });
      }
    });
  }
}

async function fullDetail(page: import('@playwright/test').Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __board: { renderer: { stats(): { fullDetail: boolean } } } }).__board.renderer.stats().fullDetail))
    .toBe(true);
}

test('on a board of 2,000 notes the first view still shows every quadrant name, and full detail returns after zooming', async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const board = await createBoard(request, { title: 'Crowded board' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await joinBoard(page, board.links.facilitator, 'Fran');
  await expectNoteCount(page, 0);

  // Each quadrant's name on the empty board, as pixels.
  const names = ['Strengths', 'Weaknesses', 'Opportunities', 'Threats'];
  const empty = new Map<string, Buffer>();
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  const canvas = await canvasBox(page);
  for (const name of names) {
    // The header is the largest text of that name (the legend repeats it smaller).
    const [label] = (await canvasLabels(page, name)).sort((a, b) => b.height - a.height);
    expect(label, name).toBeDefined();
    // The laptop's first view shows the top row at least; names not wholly on the canvas are not compared.
    const box = { x: Math.ceil(label.x), y: Math.ceil(label.y), width: Math.floor(label.width) - 1, height: Math.floor(label.height) - 1 };
    const inside = box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
    if (!inside || box.width <= 0 || box.height <= 0) continue;
    boxes.set(name, box);
    empty.set(name, await page.screenshot({ clip: box }));
  }
  expect([...boxes.keys()]).toEqual(expect.arrayContaining(['Strengths', 'Weaknesses']));

  const program = await BoardProgram.join(request, baseURL!, board.links.facilitator, 'Setup');
  try {
    crowd(program);
    await expectNoteCount(page, NOTES);
    await fullDetail(page);
    // The same pixels with 500 notes stacked over each header.
    for (const [name, box] of boxes) expect(await page.screenshot({ clip: box }), `${name} is covered by notes`).toEqual(empty.get(name));

    // Wheel-zoom in and out over the notes: once the camera stops, the notes are drawn in full detail again.
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (const dy of [-100, -100, -100, 100, 100, 100]) await page.mouse.wheel(0, dy);
    await fullDetail(page);
    for (const [name, box] of boxes) expect(await page.screenshot({ clip: box }), `${name} after zooming`).toEqual(empty.get(name));
  } finally {
    program.close();
  }
});
