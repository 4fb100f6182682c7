// Excalidraw with the bench's notes (window.__benchNotes, set by the bench's init script): one solid
// rectangle with a bound text label per note, the same size and place as ours, default style.
// Plain JavaScript, no JSX. window.__peer: what the bench drives (pan tool, readiness).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Excalidraw, convertToExcalidrawElements } from '@excalidraw/excalidraw';
import '@excalidraw/excalidraw/index.css';

const FILLS = ['#fff59d', '#b3e5fc', '#c8e6c9', '#ffccbc', '#e1bee7'];
const notes = window.__benchNotes ?? [];
const t = performance.now();
const elements = convertToExcalidrawElements(
  notes.map((n) => ({
    type: 'rectangle',
    x: n.x,
    y: n.y,
    width: 160,
    height: 120,
    backgroundColor: FILLS[n.colorIndex % FILLS.length],
    fillStyle: 'solid',
    label: { text: n.text, fontSize: 16 },
  })),
);
const createMs = performance.now() - t;

function excalidrawAPI(api) {
  window.__peer = {
    shapes: () => api.getSceneElements().filter((e) => e.type === 'rectangle').length,
    panTool: () => api.setActiveTool({ type: 'hand' }),
    createMs,
    ready: null,
  };
  const wait = () => {
    if (window.__peer.shapes() < notes.length) return void requestAnimationFrame(wait);
    api.scrollToContent(undefined, { fitToViewport: true });
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__peer.ready = performance.now())));
  };
  requestAnimationFrame(wait);
}

createRoot(document.getElementById('root')).render(createElement(Excalidraw, { initialData: { elements }, excalidrawAPI }));
