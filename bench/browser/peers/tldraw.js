// tldraw with the bench's notes (window.__benchNotes, set by the bench's init script): one solid
// rectangle with its text per note, the same size and place as ours. Plain JavaScript, no JSX: vite
// builds it without a React plugin. window.__peer: what the bench drives (pan tool, readiness).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Tldraw, createShapeId, toRichText } from 'tldraw';
import 'tldraw/tldraw.css';

const COLORS = ['yellow', 'light-blue', 'light-green', 'orange', 'light-violet'];
const notes = window.__benchNotes ?? [];

function onMount(editor) {
  const t = performance.now();
  editor.run(
    () =>
      editor.createShapes(
        notes.map((n, i) => ({
          id: createShapeId(`n${i}`),
          type: 'geo',
          x: n.x,
          y: n.y,
          props: { geo: 'rectangle', w: 160, h: 120, fill: 'solid', color: COLORS[n.colorIndex % COLORS.length], size: 's', richText: toRichText(n.text) },
        })),
      ),
    { history: 'ignore' },
  );
  editor.zoomToFit();
  window.__peer = {
    shapes: () => editor.getCurrentPageShapeIds().size,
    panTool: () => editor.setCurrentTool('hand'),
    createMs: performance.now() - t,
    ready: null,
  };
  requestAnimationFrame(() => requestAnimationFrame(() => (window.__peer.ready = performance.now())));
}

createRoot(document.getElementById('root')).render(
  // Its default caps a page at 4,000 shapes; the bench goes to 10,000.
  createElement(Tldraw, { onMount, options: { maxShapesPerPage: 100_000 } }),
);
