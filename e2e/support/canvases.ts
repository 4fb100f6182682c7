// Steps on the board's canvases: the navigator strip and the facilitator's "Manage canvases" dialog.
import { expect, type Locator, type Page } from '@playwright/test';

/** The navigator shows these canvases, in this order, by their shown title. */
export async function expectTabs(page: Page, titles: string[]): Promise<void> {
  await expect(page.locator('[data-testid="canvas-tab"] .canvas-tab-title')).toHaveText(titles);
}

export function tab(page: Page, title: string): Locator {
  return page.getByTestId('canvas-tab').filter({ has: page.locator('.canvas-tab-title', { hasText: new RegExp(`^${escape(title)}$`) }) });
}

/** Brings a canvas into view by its tab and waits until it is the current one. */
export async function showCanvasTab(page: Page, title: string): Promise<string> {
  await tab(page, title).click();
  await expect(tab(page, title)).toHaveAttribute('aria-current', 'page');
  const id = (await tab(page, title).getAttribute('data-canvas-id')) ?? '';
  await expect(page.getByTestId('canvas-area')).toHaveAttribute('data-canvas-id', id);
  return id;
}

export async function currentCanvasId(page: Page): Promise<string> {
  return (await page.locator('[data-testid="canvas-tab"][aria-current="page"]').getAttribute('data-canvas-id')) ?? '';
}

export async function openManage(page: Page): Promise<Locator> {
  const dialog = page.getByTestId('canvas-dialog');
  if (!(await dialog.isVisible())) await page.getByTestId('manage-canvases').click();
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Adds a canvas from the dialog (left open) and returns its id. */
export async function addCanvas(page: Page, kind: string, title: string): Promise<string> {
  const dialog = await openManage(page);
  // The rows render after the dialog opens: wait for them, or every row (the SWOT one too) looks new.
  await expect(dialog.getByTestId('canvas-row').first()).toBeVisible();
  const before = new Set(await dialog.getByTestId('canvas-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.canvasId)));
  await dialog.getByTestId('canvas-add-kind').selectOption(kind);
  await dialog.getByTestId('canvas-add-title').fill(title);
  await dialog.getByTestId('canvas-add-submit').click();
  let id = '';
  await expect
    .poll(async () => {
      const ids = await dialog.getByTestId('canvas-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.canvasId ?? ''));
      id = ids.find((x) => !before.has(x)) ?? '';
      return id;
    })
    .not.toBe('');
  return id;
}

export function canvasRow(page: Page, id: string): Locator {
  return page.locator(`[data-testid="canvas-row"][data-canvas-id="${id}"]`);
}

export async function closeManage(page: Page): Promise<void> {
  await page.getByTestId('canvas-dialog-close').click();
  await expect(page.getByTestId('canvas-dialog')).toBeHidden();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
