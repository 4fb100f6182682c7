// Ansoff's growth matrix (domain.md, "Other models"): existing and new products across, existing and
// new markets down; penetration, product development, market development and diversification.
import { region, regionKind } from '../regions/regionKind.ts';

const W = 960;
const H = 640;

export const ansoffKind = regionKind({
  id: 'ansoff',
  titleKey: 'kind.ansoff.title',
  frames: [
    region('ansoff.penetration', { labelKey: 'ansoff.penetration', shortKey: 'ansoff.short.penetration', promptKey: 'ansoff.prompt.penetration' }, 'green', [0, 0, W, H]),
    region('ansoff.productDevelopment', { labelKey: 'ansoff.productDevelopment', shortKey: 'ansoff.short.productDevelopment', promptKey: 'ansoff.prompt.productDevelopment' }, 'blue', [W, 0, W, H]),
    region('ansoff.marketDevelopment', { labelKey: 'ansoff.marketDevelopment', shortKey: 'ansoff.short.marketDevelopment', promptKey: 'ansoff.prompt.marketDevelopment' }, 'yellow', [0, H, W, H]),
    region('ansoff.diversification', { labelKey: 'ansoff.diversification', shortKey: 'ansoff.short.diversification', promptKey: 'ansoff.prompt.diversification' }, 'pink', [W, H, W, H]),
  ],
  axes: {
    x: { labelKey: 'ansoff.axis.products', tickKeys: ['ansoff.axis.existing', 'ansoff.axis.new'] },
    y: { labelKey: 'ansoff.axis.markets', tickKeys: ['ansoff.axis.existing', 'ansoff.axis.new'] },
  },
});
