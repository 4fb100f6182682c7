// The customer pyramid canvas kind (domain.md, "Customer pyramid"; issue 9). No note regions: its
// content is the accounts in the `accounts` root (accounts.ts), segmented by segmentCustomers.
import { readSettings, type CanvasKind } from '../kind.ts';
import { analyzePyramid, type PyramidAnalysis } from './pyramidAnalysis.ts';
import { pyramidSettings, TEAM_SETTINGS } from './pyramidSettings.ts';

export const pyramidKind: CanvasKind<typeof pyramidSettings.shape, PyramidAnalysis> = {
  id: 'pyramid',
  titleKey: 'kind.pyramid.title',
  layout: { id: 'pyramid', titleKey: 'kind.pyramid.title', frames: [] },
  settings: pyramidSettings,
  teamSettings: TEAM_SETTINGS,
  analyze(board, canvas) {
    return analyzePyramid(board.accountsOf(canvas.id), readSettings(pyramidKind, canvas.settings));
  },
};
