// The BCG matrix (domain.md, "Other models"; the internal analysis's product portfolio): relative
// market share across, high on the left as the BCG draws it, market growth down, high at the top.
import { region, regionKind } from '../regions/regionKind.ts';

const W = 960;
const H = 640;

export const bcgKind = regionKind({
  id: 'bcg',
  titleKey: 'kind.bcg.title',
  frames: [
    region('bcg.star', { labelKey: 'bcg.star', promptKey: 'bcg.prompt.star' }, 'yellow', [0, 0, W, H]),
    region('bcg.questionMark', { labelKey: 'bcg.questionMark', promptKey: 'bcg.prompt.questionMark' }, 'purple', [W, 0, W, H]),
    region('bcg.cashCow', { labelKey: 'bcg.cashCow', promptKey: 'bcg.prompt.cashCow' }, 'green', [0, H, W, H]),
    region('bcg.dog', { labelKey: 'bcg.dog', promptKey: 'bcg.prompt.dog' }, 'grey', [W, H, W, H]),
  ],
  axes: {
    x: { labelKey: 'bcg.axis.share', tickKeys: ['bcg.axis.high', 'bcg.axis.low'] },
    y: { labelKey: 'bcg.axis.growth', tickKeys: ['bcg.axis.high', 'bcg.axis.low'] },
  },
});
