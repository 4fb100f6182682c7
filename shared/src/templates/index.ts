import type { TemplateId } from '../protocol.ts';
import { swotTemplate } from './swot.ts';
import type { Template } from './template.ts';

export * from './template.ts';
export { swotTemplate };

const templates: Record<TemplateId, Template> = { swot: swotTemplate };

export function getTemplate(id: string): Template {
  return templates[id as TemplateId] ?? swotTemplate;
}
