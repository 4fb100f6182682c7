// What is really painted on screen at a spot: a screenshot of a small region, decoded by the page's
// own image decoder (no PNG library needed), averaged to one colour.
import type { Page } from '@playwright/test';

export interface Rgb { r: number; g: number; b: number }

export async function averageColour(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<Rgb> {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    // Decoded from bytes, not a data: URL, which the page's Content-Security-Policy may refuse.
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const sum = { r: 0, g: 0, b: 0 };
    for (let i = 0; i < data.length; i += 4) {
      sum.r += data[i];
      sum.g += data[i + 1];
      sum.b += data[i + 2];
    }
    const n = data.length / 4;
    return { r: sum.r / n, g: sum.g / n, b: sum.b / n };
  }, png.toString('base64'));
}
