import type { TemplateId } from '../protocol.ts';
import { swotTemplate } from './swot.ts';
import type { Template } from './template.ts';

export * from './template.ts';
export { swotTemplate };

// The SWOT layout of the canvas renderer. Every board template starts with a SWOT canvas; the kinds'
// own layouts (shared/src/canvases/<kind>/) replace this lookup as the board page moves to canvases.
const templates: Partial<Record<TemplateId, Template>> = { swot: swotTemplate };

export function getTemplate(id: string): Template {
  return templates[id as TemplateId] ?? swotTemplate;
}
