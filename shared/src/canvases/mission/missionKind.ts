// Mission, vision, objectives and strategic plan (domain.md, "Other models"): who the organisation
// is, where it wants to go, what it will achieve (SMART) and the steps that take it there. The intake
// asks how well the strategy is known inside; this canvas is where the team writes it down.
import { region, regionKind } from '../regions/regionKind.ts';

const W = 960;
const H = 640;

export const missionKind = regionKind({
  id: 'mission',
  titleKey: 'kind.mission.title',
  jumpLabelKey: 'mission.jump',
  frames: [
    region('mission.mission', { labelKey: 'mission.mission', hintKey: 'mission.hint.mission', promptKey: 'mission.prompt.mission' }, 'yellow', [0, 0, W, H]),
    region('mission.vision', { labelKey: 'mission.vision', hintKey: 'mission.hint.vision', promptKey: 'mission.prompt.vision' }, 'blue', [W, 0, W, H]),
    // The objectives carry the SMART checklist all the time, not only while empty (issue 9).
    region('mission.objectives', { labelKey: 'mission.objectives', hintKey: 'mission.hint.objectives', promptKey: 'mission.prompt.objectives' }, 'green', [0, H, W, H]),
    region('mission.plan', { labelKey: 'mission.plan', hintKey: 'mission.hint.plan', promptKey: 'mission.prompt.plan' }, 'orange', [W, H, W, H]),
  ],
});
