// The 7S canvas's regions (domain.md, "7S model"): each element is a block of two regions side by
// side, its current state (left) and its desired state (right). The blocks stand as the model is
// drawn, shared values in the centre and the other six around it:
//
//            strategy   structure
//     skills   shared values   systems
//            staff      style
//
// so the hard elements (strategy, structure, systems: blue) sit top and right and the soft ones
// (shared values, style, staff, skills: green) bottom and left. The regions tile without gaps, so a
// note dropped anywhere inside the figure belongs to a region. Regions are listed in the method's
// order (the outline's sections); keys 1-7 add to an element's current state, Shift+1-7 to its
// desired state; the jump bar offers one button per element.
import type { MessageKey } from '../../i18n/index.ts';
import type { FrameDef, Template } from '../../templates/template.ts';
import { NOTE_FILL } from '../../board/schema.ts';
import { ELEMENT_KEYS, SEVENS_ELEMENTS, STATE_KEYS, groupOf, type SevensElement, type SevensGroup, type SevensState } from './sevensModel.ts';

/** One region: room for six notes (three by two) under its header; wide enough for "Gedeelde waarden" and "GEWENST" side by side. */
const W = 720;
const H = 400;
const BLOCK = 2 * W;

/** The left edge (in blocks) and row of each element's block. */
const PLACE: Record<SevensElement, { col: number; row: number }> = {
  strategy: { col: 0.5, row: 0 },
  structure: { col: 1.5, row: 0 },
  skills: { col: 0, row: 1 },
  sharedValues: { col: 1, row: 1 },
  systems: { col: 2, row: 1 },
  staff: { col: 0.5, row: 2 },
  style: { col: 1.5, row: 2 },
};

/** Hard blue, soft green; the desired state a shade darker than the current. */
const FILL: Record<SevensGroup, Record<SevensState, string>> = {
  hard: { current: '#e3f2fd', desired: '#bbdefb' },
  soft: { current: '#f1f8e9', desired: '#dcedc8' },
};

/** Notes say which state they describe by colour too: current yellow, desired orange. */
const NOTE = { current: 'yellow', desired: 'orange' } as const satisfies Record<SevensState, keyof typeof NOTE_FILL>;

/** The region id stored in a note's `frame`: `7s.<element>.<state>`. */
export function sevensFrameId(element: SevensElement, state: SevensState): string {
  return `7s.${element}.${state}`;
}

const PROMPT_KEYS: Record<SevensState, MessageKey> = {
  current: 'sevens.prompt.current',
  desired: 'sevens.prompt.desired',
};

const SHORT_KEYS: Record<SevensElement, MessageKey> = {
  strategy: 'sevens.short.strategy',
  structure: 'sevens.short.structure',
  systems: 'sevens.short.systems',
  sharedValues: 'sevens.short.sharedValues',
  style: 'sevens.short.style',
  staff: 'sevens.short.staff',
  skills: 'sevens.short.skills',
};

function frame(element: SevensElement, state: SevensState): FrameDef {
  const { col, row } = PLACE[element];
  return {
    id: sevensFrameId(element, state),
    labelKey: ELEMENT_KEYS[element],
    shortKey: SHORT_KEYS[element],
    hintKey: STATE_KEYS[state],
    promptKey: PROMPT_KEYS[state],
    x: col * BLOCK + (state === 'desired' ? W : 0),
    y: row * H,
    width: W,
    height: H,
    color: FILL[groupOf(element)][state],
    defaultNoteColor: NOTE[state],
  };
}

export const sevensTemplate: Template = {
  id: '7s',
  titleKey: 'kind.7s.title',
  frames: SEVENS_ELEMENTS.flatMap((e) => [frame(e, 'current'), frame(e, 'desired')]),
  jumpLabelKey: 'sevens.jump',
  // Shared values amid the six others is the model: the first view shows the whole figure.
  overview: true,
  // One button per element, in the figure's reading order; it shows the current state, the desired beside it.
  jumpFrames: (Object.keys(PLACE) as SevensElement[]).map((e) => sevensFrameId(e, 'current')),
  // Keys 1-7 the elements in the method's order (current state), with Shift their desired state.
  numberKeys: {
    frames: SEVENS_ELEMENTS.map((e) => [sevensFrameId(e, 'current'), sevensFrameId(e, 'desired')] as const),
    shiftKey: 'sevens.keys.shift',
    hintKey: 'sevens.keys.hint',
  },
  legend: {
    titleKey: 'sevens.legend',
    entries: [
      { labelKey: 'sevens.legend.current', fill: NOTE_FILL[NOTE.current] },
      { labelKey: 'sevens.legend.desired', fill: NOTE_FILL[NOTE.desired] },
      { labelKey: 'sevens.group.hardElements', fill: FILL.hard.current },
      { labelKey: 'sevens.group.softElements', fill: FILL.soft.current },
    ],
  },
};
