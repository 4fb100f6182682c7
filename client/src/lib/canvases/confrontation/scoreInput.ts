// How taps and keys turn into one's own score for a cell. Pure: the grid component keeps the state
// (`pendingMinus`) and writes the result with the shared setScore / clearScore.
import type { Scale, ScaleId } from '$shared/canvases/confrontation/confrontationSettings.ts';

/**
 * What a tap (or a click, Enter, Space) goes through, starting from "not scored" and back to it.
 * No relation (0) first, then the positive scores, then the negative ones, each growing: the
 * common answers come with the fewest taps.
 */
const CYCLES: Record<ScaleId, readonly number[]> = {
  '0..2': [0, 1, 2],
  '-2..2': [0, 1, 2, -1, -2],
};

/** The score after one tap on a cell scored `current` (null: not scored, or cleared at the end). */
export function nextInCycle(scale: Scale, current: number | null): number | null {
  const cycle = CYCLES[scale.id];
  if (current === null) return cycle[0];
  const i = cycle.indexOf(current);
  if (i < 0) return cycle[0];
  return i === cycle.length - 1 ? null : cycle[i + 1];
}

/** The cycle as the labels a hint can show: "0 → + → ++ → (empty)". */
export function cycleLabels(scale: Scale): string[] {
  return CYCLES[scale.id].map((v) => scale.labels[scale.values.indexOf(v)]);
}

export type ScoreChange = { kind: 'set'; value: number } | { kind: 'clear' };

export interface KeyResult {
  /** What to write; absent when the key changes nothing (a digit off the scale). */
  change?: ScoreChange;
  /** `-` was typed: a digit right after it means the negative score ("-2"). */
  pendingMinus: boolean;
  /** Move on to the next cell: a digit completes the entry of this one. */
  advance: boolean;
}

/**
 * A key typed on a focused cell, or null for a key this does not handle (arrows, Tab, letters).
 * - `0`-`9` set that score (a digit off the scale does nothing); right after `-` they set the
 *   negative one, so `-` `2` gives -2. A digit also moves on to the next cell.
 * - `+` (and `=`, the same key without Shift on many layouts) steps one up, `-` one down, from 0
 *   when the cell is not scored yet, clamped to the scale.
 * - Delete and Backspace clear.
 * Enter and Space are not handled here: on the grid's buttons they are a click, which cycles like a tap.
 */
export function scoreForKey(key: string, current: number | null, scale: Scale, pendingMinus: boolean): KeyResult | null {
  if (/^[0-9]$/.test(key)) {
    const value = pendingMinus && key !== '0' ? -Number(key) : Number(key);
    const onScale = scale.values.includes(value);
    return { ...(onScale ? { change: { kind: 'set', value } } : {}), pendingMinus: false, advance: onScale };
  }
  switch (key) {
    case '+':
    case '=':
      return { change: { kind: 'set', value: Math.min(scale.max, (current ?? 0) + 1) }, pendingMinus: false, advance: false };
    case '-':
      return { change: { kind: 'set', value: Math.max(scale.min, (current ?? 0) - 1) }, pendingMinus: true, advance: false };
    case 'Delete':
    case 'Backspace':
      return { change: { kind: 'clear' }, pendingMinus: false, advance: false };
    default:
      return null;
  }
}
