// Porter's five forces (domain.md, "Other models"): rivalry among the competitors in the centre,
// new entrants above, substitutes below, suppliers left and buyers right, as Porter draws them.
// Rivalry comes first: keys 1-5 follow this order, and the first view shows the middle row.
import { region, regionKind } from '../regions/regionKind.ts';

// The forces around the centre are narrower than it: the cross fits a laptop's view at a readable zoom.
const W = 960;
const H = 640;
const SIDE = 720;
const TOP = 480;

export const fiveForcesKind = regionKind({
  id: 'fiveForces',
  titleKey: 'kind.fiveForces.title',
  jumpLabelKey: 'fiveForces.jump',
  frames: [
    region('fiveForces.rivalry', { labelKey: 'fiveForces.rivalry', shortKey: 'fiveForces.short.rivalry', promptKey: 'fiveForces.prompt.rivalry' }, 'pink', [SIDE, TOP, W, H]),
    region('fiveForces.newEntrants', { labelKey: 'fiveForces.newEntrants', shortKey: 'fiveForces.short.newEntrants', promptKey: 'fiveForces.prompt.newEntrants' }, 'orange', [SIDE, 0, W, TOP]),
    region('fiveForces.substitutes', { labelKey: 'fiveForces.substitutes', shortKey: 'fiveForces.short.substitutes', promptKey: 'fiveForces.prompt.substitutes' }, 'purple', [SIDE, TOP + H, W, TOP]),
    region('fiveForces.buyers', { labelKey: 'fiveForces.buyers', shortKey: 'fiveForces.short.buyers', promptKey: 'fiveForces.prompt.buyers' }, 'blue', [SIDE + W, TOP, SIDE, H]),
    region('fiveForces.suppliers', { labelKey: 'fiveForces.suppliers', shortKey: 'fiveForces.short.suppliers', promptKey: 'fiveForces.prompt.suppliers' }, 'green', [0, TOP, SIDE, H]),
  ],
});
