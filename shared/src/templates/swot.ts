// The SWOT regions now belong to the SWOT canvas kind; this path stays for existing imports.
export { swotTemplate } from '../canvases/swot/swotLayout.ts';
