import type { Template } from '../../templates/template.ts';

// Coordinates of the canvas itself (every canvas has its own, from 0,0). Quadrants are large enough for ~40 notes each at 100% zoom.
const W = 960;
const H = 640;

export const swotTemplate: Template = {
  id: 'swot',
  titleKey: 'template.swot.title',
  frames: [
    { id: 'swot.strengths', labelKey: 'swot.strengths', promptKey: 'swot.prompt.strengths', hintKey: 'swot.internal', x: 0, y: 0, width: W, height: H, color: '#e8f5e9', defaultNoteColor: 'green' },
    { id: 'swot.weaknesses', labelKey: 'swot.weaknesses', promptKey: 'swot.prompt.weaknesses', hintKey: 'swot.internal', x: W, y: 0, width: W, height: H, color: '#fff3e0', defaultNoteColor: 'orange' },
    { id: 'swot.opportunities', labelKey: 'swot.opportunities', promptKey: 'swot.prompt.opportunities', hintKey: 'swot.external', x: 0, y: H, width: W, height: H, color: '#e3f2fd', defaultNoteColor: 'blue' },
    { id: 'swot.threats', labelKey: 'swot.threats', promptKey: 'swot.prompt.threats', hintKey: 'swot.external', x: W, y: H, width: W, height: H, color: '#fce4ec', defaultNoteColor: 'pink' },
  ],
};
