// Fill and text colour of each level in the drawing and the tables' swatches. Active levels go from
// dark (top) to light (small), ColorBrewer Blues; the levels without revenue are greys and a sand
// tone, so they read as "outside" the pyramid. Text colour chosen for at least 4.5:1 contrast.
import type { Level } from '$shared/canvases/pyramid/pyramidLevels.ts';

export const LEVEL_FILL: Record<Level, string> = {
  top: '#08306b',
  large: '#2171b5',
  medium: '#6baed6',
  small: '#c6dbef',
  inactive: '#d9d9d9',
  prospect: '#f3e3c3',
  suspect: '#f7f2e8',
};

export const LEVEL_INK: Record<Level, string> = {
  top: '#ffffff',
  large: '#ffffff',
  medium: '#0b1f33',
  small: '#0b1f33',
  inactive: '#1d2733',
  prospect: '#3d2c00',
  suspect: '#3d2c00',
};
