// The value disciplines of Treacy and Wiersema (domain.md, "Other models"): product leadership,
// operational excellence and customer intimacy, side by side, so the team sees which one it leads in.
import { region, regionKind } from '../regions/regionKind.ts';

const W = 960;
const H = 900;

export const valueDisciplinesKind = regionKind({
  id: 'valueDisciplines',
  titleKey: 'kind.valueDisciplines.title',
  jumpLabelKey: 'valueDisciplines.jump',
  frames: [
    region('valueDisciplines.product', { labelKey: 'valueDisciplines.product', promptKey: 'valueDisciplines.prompt.product' }, 'purple', [0, 0, W, H]),
    region('valueDisciplines.operational', { labelKey: 'valueDisciplines.operational', promptKey: 'valueDisciplines.prompt.operational' }, 'blue', [W, 0, W, H]),
    region('valueDisciplines.customer', { labelKey: 'valueDisciplines.customer', promptKey: 'valueDisciplines.prompt.customer' }, 'green', [2 * W, 0, W, H]),
  ],
});
