// The quickscan canvas kind (domain.md, "Quickscan of the 11 core activities"; issue 9). No note
// regions: its content is every participant's score (1-5) and comment per activity and round.
import { readSettings, type CanvasKind } from '../kind.ts';
import { analyzeQuickscan, type QuickscanAnalysis } from './quickscanAnalysis.ts';
import { currentRound, parseQuickscanEntry, quickscanSettings } from './quickscanSettings.ts';

export const quickscanKind: CanvasKind<typeof quickscanSettings.shape, QuickscanAnalysis> = {
  id: 'quickscan',
  titleKey: 'kind.quickscan.title',
  layout: { id: 'quickscan', titleKey: 'kind.quickscan.title', frames: [] },
  settings: quickscanSettings,
  // Scores and comments go to the round being scored only: a past round is a measurement to compare
  // against later ("meten is weten"), so nobody changes it afterwards, from the UI or a console.
  personalEntryOpen(entry, settings) {
    const parsed = parseQuickscanEntry(entry);
    return parsed !== undefined && parsed.round === currentRound(settings).id;
  },
  analyze(board, canvas) {
    return analyzeQuickscan({
      settings: readSettings(quickscanKind, canvas.settings),
      entries: board.personalOf(canvas.id),
      locale: board.locale,
    });
  },
};
