import { describe, it, expect } from 'vitest';
import { swotTemplate, templateBounds } from '$shared/templates/index.ts';
import { framesToTidy, intendedFrame, notesToMakeRoom } from './notePlacement.ts';

const frames = swotTemplate.frames;
const [S, W, O, T] = frames;

describe('intendedFrame', () => {
  it('never defaults to Threats on the whole-board view, where four quadrants meet at the centre (issue 8)', () => {
    const whole = templateBounds(swotTemplate);
    expect(intendedFrame(frames, whole, undefined, undefined)?.id).toBe(S.id);
  });

  it('follows the quadrant in view first, then the selected note, then the last one used', () => {
    const whole = templateBounds(swotTemplate);
    expect(intendedFrame(frames, whole, O.id, W.id)?.id).toBe(O.id);
    expect(intendedFrame(frames, whole, undefined, W.id)?.id).toBe(W.id);
    const zoomedOnThreats = { x: T.x + 100, y: T.y + 50, width: 700, height: 500 };
    expect(intendedFrame(frames, zoomedOnThreats, undefined, W.id)?.id).toBe(T.id);
    expect(intendedFrame(frames, zoomedOnThreats, S.id, W.id)?.id).toBe(T.id);
    // Mostly Opportunities in view, a bit of Strengths above it.
    const mostlyO = { x: 0, y: O.y - 100, width: 900, height: 600 };
    expect(intendedFrame(frames, mostlyO, undefined, undefined)?.id).toBe(O.id);
  });
});

describe('framesToTidy', () => {
  it('tidies the selection\'s quadrants, else the quadrant in view, else all four', () => {
    const whole = templateBounds(swotTemplate);
    expect(framesToTidy(frames, whole, [W.id])).toEqual([W.id]);
    expect(framesToTidy(frames, { x: O.x, y: O.y, width: 900, height: 600 }, [])).toEqual([O.id]);
    expect(framesToTidy(frames, whole, [])).toEqual(frames.map((f) => f.id));
  });
});

describe('notesToMakeRoom', () => {
  const at = (id: string, x: number, y: number, createdAt = 1000) => ({ id, x, y, createdAt });

  it('moves exactly one of two notes added at the same spot at the same time, the same one on every client', () => {
    const notes = [at('a', 100, 100), at('b', 104, 100, 1200)];
    // Client of "a" keeps it; client of "b" moves "b".
    expect(notesToMakeRoom(new Set(['a']), notes)).toEqual([]);
    expect(notesToMakeRoom(new Set(['b']), notes)).toEqual(['b']);
  });

  it('moves a new note that landed on an old one, and leaves notes side by side alone', () => {
    expect(notesToMakeRoom(new Set(['a']), [at('a', 100, 100, 50_000), at('z', 100, 100, 1)])).toEqual(['a']);
    expect(notesToMakeRoom(new Set(['b']), [at('a', 100, 100), at('b', 276, 100)])).toEqual([]);
  });
});
