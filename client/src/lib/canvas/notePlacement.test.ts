import { describe, it, expect } from 'vitest';
import { swotTemplate, templateBounds } from '$shared/templates/index.ts';
import { intendedFrame } from './notePlacement.ts';

const frames = swotTemplate.frames;
const [S, W, O, T] = frames;

describe('intendedFrame', () => {
  it('never defaults to Threats on the whole-board view, where four quadrants meet at the centre (issue 8)', () => {
    const whole = templateBounds(swotTemplate);
    expect(intendedFrame(frames, whole, undefined, undefined)?.id).toBe(S.id);
  });

  it('follows the selected note first, then the quadrant in view, then the last one used', () => {
    const whole = templateBounds(swotTemplate);
    expect(intendedFrame(frames, whole, O.id, W.id)?.id).toBe(O.id);
    expect(intendedFrame(frames, whole, undefined, W.id)?.id).toBe(W.id);
    const zoomedOnThreats = { x: T.x + 100, y: T.y + 50, width: 700, height: 500 };
    expect(intendedFrame(frames, zoomedOnThreats, undefined, W.id)?.id).toBe(T.id);
    // Mostly Opportunities in view, a bit of Strengths above it.
    const mostlyO = { x: 0, y: O.y - 100, width: 900, height: 600 };
    expect(intendedFrame(frames, mostlyO, undefined, undefined)?.id).toBe(O.id);
  });
});
