// Draw counters behind `BoardRendererApi.stats()`, for benchmarks and tests that check what a
// gesture redraws. Counting wraps `drawScene` of the watched nodes once, at setup: a draw costs one
// increment, no allocation, and Konva's prototypes stay untouched (other stages are not counted).
import Konva from 'konva';
import type { RendererStats } from './types.ts';


export class DrawStats {
  private readonly layerDraws: Record<string, number> = {};
  private noteDraws = 0;
  private plainNoteDraws = 0;
  /** NoteLayer reports each plain pass (notes drawn as rectangles while the camera moves). */
  readonly countPlain = (notes: number): void => {
    this.plainNoteDraws += notes;
  };
  /**
   * Assigned as `drawScene` of every note group (one shared function, not one closure per note).
   * Konva calls it for hidden (culled) groups too and they return at once: those are not counted.
   */
  readonly noteDrawScene: Konva.Group['drawScene'];

  constructor() {
    const groupDraw = Konva.Group.prototype.drawScene;
    const stats = this; // inside the function below, `this` is the Konva group
    this.noteDrawScene = function (this: Konva.Group, can, top) {
      if (this.visible()) stats.noteDraws++;
      return groupDraw.call(this, can, top) as Konva.Group;
    };
  }

  /** Counts the draws of `layer` under `name` (batchDraw, draw, and the stage drawing it). */
  watchLayer(name: string, layer: Konva.Layer): void {
    this.layerDraws[name] = 0;
    const draw = layer.drawScene;
    const counts = this.layerDraws;
    layer.drawScene = function (this: Konva.Layer, can, top) {
      counts[name]++;
      return draw.call(this, can, top);
    };
  }

  /** A copy, so callers can diff two snapshots. */
  snapshot(): Omit<RendererStats, 'fullDetail'> {
    return { layerDraws: { ...this.layerDraws }, noteDraws: this.noteDraws, plainNoteDraws: this.plainNoteDraws };
  }
}
