// The ready agenda of the `workshop` template: the account-management session in the order of the
// method (docs/domain: intake, quickscan, SWOT, prioritise by vote, confrontation matrix, 7S,
// pyramid, action plan). Each phase names the canvas kind it works on and is kept only when the
// board has a canvas of that kind, so kinds that join the template later get their phase by
// themselves.
import { translate, type MessageKey } from '../i18n/index.ts';
import type { Phase, PhasePermissions, PhasePrivacy } from './sessionState.ts';

interface PhaseSpec {
  id: string;
  kind: string;
  titleKey: MessageKey;
  minutes: number;
  permissions: PhasePermissions;
  voteBudget?: number;
  closeWhenTimeIsUp?: boolean;
  privacy?: PhasePrivacy;
}

const open: PhasePermissions = { add: 'everyone', move: 'everyone' };

const WORKSHOP_PHASES: readonly PhaseSpec[] = [
  { id: 'quickscan', kind: 'quickscan', titleKey: 'agenda.workshop.quickscan', minutes: 5, permissions: open, closeWhenTimeIsUp: true },
  { id: 'swot-brainstorm', kind: 'swot', titleKey: 'agenda.workshop.brainstorm', minutes: 10, permissions: open, closeWhenTimeIsUp: true, privacy: 'attributed' },
  { id: 'swot-cluster', kind: 'swot', titleKey: 'agenda.workshop.cluster', minutes: 10, permissions: { add: 'facilitator', move: 'everyone' } },
  { id: 'swot-vote', kind: 'swot', titleKey: 'agenda.workshop.vote', minutes: 5, permissions: { add: 'facilitator', move: 'facilitator' }, voteBudget: 5 },
  { id: 'matrix', kind: 'confrontation', titleKey: 'agenda.workshop.matrix', minutes: 15, permissions: { add: 'everyone', move: 'facilitator' } },
  { id: '7s', kind: '7s', titleKey: 'agenda.workshop.sevenS', minutes: 15, permissions: open },
  { id: 'pyramid', kind: 'pyramid', titleKey: 'agenda.workshop.pyramid', minutes: 15, permissions: open },
  { id: 'actions', kind: 'actions', titleKey: 'agenda.workshop.actions', minutes: 20, permissions: open },
];

/** The workshop agenda for a board with `canvases`, titled in the board's language. */
export function workshopAgenda(canvases: ReadonlyArray<{ id: string; kind: string }>, locale: string): Phase[] {
  const phases: Phase[] = [];
  for (const spec of WORKSHOP_PHASES) {
    const canvas = canvases.find((c) => c.kind === spec.kind);
    if (!canvas) continue;
    phases.push({
      id: spec.id,
      title: translate(locale, spec.titleKey),
      canvasId: canvas.id,
      permissions: spec.permissions,
      timerSeconds: spec.minutes * 60,
      voteBudget: spec.voteBudget ?? 0,
      votesPerItem: 1,
      votesAttributed: false,
      closeWhenTimeIsUp: spec.closeWhenTimeIsUp ?? false,
      privacy: spec.privacy ?? 'off',
    });
  }
  return phases;
}
