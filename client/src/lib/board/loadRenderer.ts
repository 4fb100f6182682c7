// Loads the Konva renderer lazily: the home page (opened on phones from a QR code) never pays for
// Konva, and if its chunk fails to load the board still works through the outline view.
import type { BoardRendererApi, RendererOptions } from '../canvas/types.ts';

export type RendererConstructor = new (options: RendererOptions) => BoardRendererApi;

export async function loadRenderer(): Promise<RendererConstructor | null> {
  try {
    return (await import('../canvas/BoardRenderer.ts')).BoardRenderer;
  } catch (e) {
    console.error('Konva renderer failed to load', e);
    return null;
  }
}
