// Porter's generic strategies (domain.md, "Other models"): cost leadership and differentiation for
// the whole market side by side, focus on one segment under them (Porter's competitive scope).
import { region, regionKind } from '../regions/regionKind.ts';

const W = 960;
const H = 640;

export const porterGenericKind = regionKind({
  id: 'porterGeneric',
  titleKey: 'kind.porterGeneric.title',
  jumpLabelKey: 'porterGeneric.jump',
  frames: [
    region('porterGeneric.cost', { labelKey: 'porterGeneric.cost', hintKey: 'porterGeneric.hint.broad', promptKey: 'porterGeneric.prompt.cost' }, 'blue', [0, 0, W, H]),
    region('porterGeneric.differentiation', { labelKey: 'porterGeneric.differentiation', hintKey: 'porterGeneric.hint.broad', promptKey: 'porterGeneric.prompt.differentiation' }, 'purple', [W, 0, W, H]),
    region('porterGeneric.focus', { labelKey: 'porterGeneric.focus', hintKey: 'porterGeneric.hint.narrow', promptKey: 'porterGeneric.prompt.focus' }, 'orange', [0, H, 2 * W, H]),
  ],
});
