// Loads the Konva renderer lazily: the home page (opened on phones from a QR code) never pays for
// Konva, and if the renderer module is missing the board still works through the outline view.
import type { BoardRendererApi, RendererOptions } from '../canvas/types.ts';

export type RendererConstructor = new (options: RendererOptions) => BoardRendererApi;

const modules = import.meta.glob<{ BoardRenderer?: RendererConstructor; default?: RendererConstructor }>('../canvas/BoardRenderer.ts');

export async function loadRenderer(): Promise<RendererConstructor | null> {
  const load = Object.values(modules)[0];
  if (!load) return null;
  try {
    const mod = await load();
    return mod.BoardRenderer ?? mod.default ?? null;
  } catch (e) {
    console.error('Konva renderer failed to load', e);
    return null;
  }
}
