// The quickscan canvas kind (domain.md, "Quickscan of the 11 core activities"; issue 9). No note
// regions: its content is every participant's score (1-5) and comment per activity and round.
import { readSettings, type CanvasKind } from '../kind.ts';
import { analyzeQuickscan, type QuickscanAnalysis } from './quickscanAnalysis.ts';
import { currentRound, parseQuickscanEntry, quickscanSettings, type EarlierRound } from './quickscanSettings.ts';

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
  // The next workshop scores a first round of its own and compares it with this workshop's result:
  // the round being scored, or the last one with scores when nobody scored that one.
  nextWorkshopSettings(board, canvas, previous) {
    const a = quickscanKind.analyze!(board, canvas);
    const scored = a.rounds.filter((r) => r.participants > 0 && !r.previousWorkshop);
    const round = scored.find((r) => r.current) ?? scored.at(-1);
    if (!round) return {};
    const distributions: EarlierRound['distributions'] = {};
    for (const id of round.weakest) distributions[id] = round.activities[id].distribution;
    const earlier: EarlierRound = { boardId: previous.boardId, title: previous.title, date: round.date ?? previous.date, participants: round.participants, distributions };
    return { earlier };
  },
  analyze(board, canvas) {
    return analyzeQuickscan({
      settings: readSettings(quickscanKind, canvas.settings),
      entries: board.personalOf(canvas.id),
      locale: board.locale,
    });
  },
};
