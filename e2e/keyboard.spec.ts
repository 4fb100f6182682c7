// The outline view is fully keyboard-operable and labelled for screen readers: add, type, move to
// another quadrant and delete a note without a pointer.
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { expectNote, joinBoard, readNotes } from './support/board.ts';
import { translate } from '../shared/src/i18n/index.ts';

// Accessible names come from the English catalog, so a reworded label does not break the test.
const label = (key: Parameters<typeof translate>[1], params: Record<string, string | number>) => translate('en', key, params);

test('a note can be added, written, moved and deleted with the keyboard alone', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Keyboard SWOT' });
  await joinBoard(page, board.links.participant, 'Kim');

  await page.getByTestId('view-outline').focus();
  await page.keyboard.press('Enter');
  const add = page.getByRole('button', { name: label('outline.addLabel', { frame: 'Strengths' }), exact: true });
  await add.focus();
  await page.keyboard.press('Enter');

  // Focus lands in the new note's text, which is announced with its position and quadrant.
  const text = page.getByRole('textbox', { name: label('outline.noteText', { n: 1, frame: 'Strengths' }), exact: true });
  await expect(text).toBeFocused();
  await page.keyboard.type('Written without a mouse');
  await expectNote(page, { frame: 'swot.strengths', text: 'Written without a mouse', author: 'Kim' });
  const [note] = await readNotes(page);

  // Tab to the quadrant chooser; the arrow key picks the next quadrant.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: label('outline.moveTo', { n: 1 }), exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expectNote(page, { id: note.id, frame: 'swot.weaknesses' });
  // The keyboard stays with the note in its new section.
  await expect(page.locator(`[data-testid="outline-frame"][data-frame="swot.weaknesses"] [data-testid="outline-note-frame"]`)).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(focusedTestId(page)).resolves.toBe('outline-note-delete');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readNotes(page)).length).toBe(0);
});

async function focusedTestId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid);
}
