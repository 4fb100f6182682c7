// The 7S model as the method names it (domain.md, "7S model"; issue 9): seven elements, three hard
// and four soft, shared values in the centre; a current and a desired state of each; the 21 links
// between two elements. Also the `personal` entries a participant's scores are stored under.
import type { MessageKey } from '../../i18n/index.ts';

/** In the method's order: the hard elements, then the soft ones with shared values first. */
export const SEVENS_ELEMENTS = ['strategy', 'structure', 'systems', 'sharedValues', 'style', 'staff', 'skills'] as const;
export type SevensElement = (typeof SEVENS_ELEMENTS)[number];

export type SevensGroup = 'hard' | 'soft';
export const SEVENS_GROUPS: readonly SevensGroup[] = ['hard', 'soft'];

const HARD: ReadonlySet<SevensElement> = new Set(['strategy', 'structure', 'systems']);

export function groupOf(element: SevensElement): SevensGroup {
  return HARD.has(element) ? 'hard' : 'soft';
}

export const SEVENS_STATES = ['current', 'desired'] as const;
export type SevensState = (typeof SEVENS_STATES)[number];

/** Every score is a whole number from 1 to 5 (element states and links alike). */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const SCORE_VALUES: readonly number[] = [1, 2, 3, 4, 5];

export function isSevensScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= SCORE_MIN && value <= SCORE_MAX;
}

export function isSevensElement(value: unknown): value is SevensElement {
  return typeof value === 'string' && (SEVENS_ELEMENTS as readonly string[]).includes(value);
}

/** A link between two elements, the first earlier in SEVENS_ELEMENTS than the second. */
export interface SevensPair {
  a: SevensElement;
  b: SevensElement;
}

/** The 21 links (7 choose 2), row by row of the upper triangle: strategy-structure, strategy-systems, ... */
export const SEVENS_PAIRS: readonly SevensPair[] = SEVENS_ELEMENTS.flatMap((a, i) => SEVENS_ELEMENTS.slice(i + 1).map((b) => ({ a, b })));

/** The pair in canonical order, whichever way round it is given; undefined for an element with itself. */
export function sevensPair(x: SevensElement, y: SevensElement): SevensPair | undefined {
  const i = SEVENS_ELEMENTS.indexOf(x);
  const j = SEVENS_ELEMENTS.indexOf(y);
  if (i === j) return undefined;
  return i < j ? { a: x, b: y } : { a: y, b: x };
}

/** `personal` entry of an element's score: `score:<element>:<state>`. */
export function scoreEntry(element: SevensElement, state: SevensState): string {
  return `score:${element}:${state}`;
}

/** `personal` entry of a link's fit rating: `fit:<a>:<b>`, the pair in canonical order. */
export function fitEntry(pair: SevensPair): string {
  return `fit:${pair.a}:${pair.b}`;
}

/** What a `personal` entry of a 7S canvas is, or undefined for one this version did not write. */
export type SevensEntry = { type: 'score'; element: SevensElement; state: SevensState } | { type: 'fit'; pair: SevensPair };

export function parseSevensEntry(entry: string): SevensEntry | undefined {
  const [type, x, y, ...rest] = entry.split(':');
  if (rest.length > 0 || !isSevensElement(x)) return undefined;
  if (type === 'score' && (SEVENS_STATES as readonly string[]).includes(y)) return { type, element: x, state: y as SevensState };
  if (type === 'fit' && isSevensElement(y)) {
    const pair = sevensPair(x, y);
    // Only the canonical order: `fit:systems:strategy` is not a key we write, so it does not count.
    if (pair && pair.a === x) return { type, pair };
  }
  return undefined;
}

export const ELEMENT_KEYS: Record<SevensElement, MessageKey> = {
  strategy: 'sevens.element.strategy',
  structure: 'sevens.element.structure',
  systems: 'sevens.element.systems',
  sharedValues: 'sevens.element.sharedValues',
  style: 'sevens.element.style',
  staff: 'sevens.element.staff',
  skills: 'sevens.element.skills',
};

export const GROUP_KEYS: Record<SevensGroup, MessageKey> = {
  hard: 'sevens.group.hard',
  soft: 'sevens.group.soft',
};

export const STATE_KEYS: Record<SevensState, MessageKey> = {
  current: 'sevens.state.current',
  desired: 'sevens.state.desired',
};
