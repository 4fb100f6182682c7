// The quickscan canvas kind (domain.md, "Quickscan of the 11 core activities"; issue 9). No note
// regions: its content is every participant's score (1-5) and comment per activity and round.
import { readSettings, type CanvasKind } from '../kind.ts';
import { analyzeQuickscan, type QuickscanAnalysis } from './quickscanAnalysis.ts';
import { quickscanSettings } from './quickscanSettings.ts';

export const quickscanKind: CanvasKind<typeof quickscanSettings.shape, QuickscanAnalysis> = {
  id: 'quickscan',
  titleKey: 'kind.quickscan.title',
  layout: { id: 'quickscan', titleKey: 'kind.quickscan.title', frames: [] },
  settings: quickscanSettings,
  analyze(board, canvas) {
    return analyzeQuickscan({
      settings: readSettings(quickscanKind, canvas.settings),
      entries: board.personalOf(canvas.id),
      locale: board.locale,
    });
  },
};
