// DESTEP (domain.md, "Other models"): the six factors of the macro environment, a source of
// opportunities and threats for the SWOT. Three by two, in the order of the letters.
import { region, regionKind } from '../regions/regionKind.ts';

const W = 960;
const H = 640;

export const destepKind = regionKind({
  id: 'destep',
  titleKey: 'kind.destep.title',
  jumpLabelKey: 'destep.jump',
  frames: [
    region('destep.demographic', { labelKey: 'destep.demographic', promptKey: 'destep.prompt.demographic' }, 'yellow', [0, 0, W, H]),
    region('destep.economic', { labelKey: 'destep.economic', promptKey: 'destep.prompt.economic' }, 'orange', [W, 0, W, H]),
    region('destep.socialCultural', { labelKey: 'destep.socialCultural', promptKey: 'destep.prompt.socialCultural' }, 'pink', [2 * W, 0, W, H]),
    region('destep.technological', { labelKey: 'destep.technological', promptKey: 'destep.prompt.technological' }, 'blue', [0, H, W, H]),
    region('destep.ecological', { labelKey: 'destep.ecological', promptKey: 'destep.prompt.ecological' }, 'green', [W, H, W, H]),
    region('destep.politicalLegal', { labelKey: 'destep.politicalLegal', promptKey: 'destep.prompt.politicalLegal' }, 'purple', [2 * W, H, W, H]),
  ],
});
