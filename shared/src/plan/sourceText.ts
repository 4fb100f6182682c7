// Where an action came from, in words ("Confrontation matrix: How can we use ...?"), for the cards,
// the plan view and every export. The label is the one kept when the action was made.
import { translate } from '../i18n/index.ts';
import type { ActionSource } from '../canvases/actions/actionRecord.ts';

export function sourceText(locale: string, source: ActionSource | null, canvasTitle: string): string {
  if (!source) return translate(locale, 'actions.source.none');
  const canvas = canvasTitle || '?';
  switch (source.kind) {
    case 'matrixOption':
      return `${canvas}: ${source.label}`;
    case 'sevensGap':
      return translate(locale, 'actions.source.sevensGap', { canvas, element: source.label });
    case 'pyramidLevel':
      return translate(locale, 'actions.source.pyramidLevel', { canvas, level: source.label });
    case 'quickscanActivity':
      return translate(locale, 'actions.source.quickscanActivity', { canvas, activity: source.label });
    case 'notes':
      return `${translate(locale, 'actions.source.notes', { canvas })}: ${source.label}`;
  }
}
