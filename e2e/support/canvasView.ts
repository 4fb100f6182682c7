// Opening one canvas of a board by its join link, for the specs of the HTML canvas views (matrix,
// quickscan, 7S, pyramid, actions), and failing a test on any page error: a view that throws has
// failed, whatever it shows.
import { expect, type Page, type TestType } from '@playwright/test';
import { enterNameIfAsked, expectLive } from './board.ts';

/** A join link that opens `canvasId` (`?canvas=`), the token still in the fragment. */
export function linkToCanvas(link: string, canvasId: string): string {
  const u = new URL(link);
  u.searchParams.set('canvas', canvasId);
  return u.toString();
}

/**
 * Collects every page error of the running test and fails it at its end if there was one. Returns
 * the opener: join by `link` on `canvasId` as `name`, live, with the view `viewTestId` shown.
 */
export function canvasViewOpener(test: TestType<any, any>, viewTestId: string) {
  let pageErrors: string[] = [];
  test.beforeEach(() => {
    pageErrors = [];
  });
  test.afterEach(() => {
    expect(pageErrors).toEqual([]);
  });
  return async (page: Page, link: string, canvasId: string, name: string): Promise<void> => {
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    await page.goto(linkToCanvas(link, canvasId));
    await enterNameIfAsked(page, name);
    await expectLive(page);
    await expect(page.getByTestId(viewTestId)).toBeVisible();
  };
}
