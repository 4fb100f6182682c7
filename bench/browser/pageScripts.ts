// Scripts that run inside the board page. Plain JavaScript strings on purpose: functions passed to
// page.evaluate are serialised from the tsx-compiled source, which may reference helpers (esbuild's
// __name) that do not exist in the page.

/**
 * Init script (runs before the app): the stored session, so the page opens the board without the
 * join dialog, and a MutationObserver noting when the canvas host first reports all notes as nodes
 * and when the frame after that was painted (times relative to navigation start).
 */
export function initScript(boardId: string, storedSession: unknown, noteCount: number): string {
  return `(() => {
    try {
      localStorage.setItem(${JSON.stringify(`sb.session.${boardId}`)}, ${JSON.stringify(JSON.stringify(storedSession))});
      localStorage.setItem('sb.name', ${JSON.stringify(JSON.stringify('Bench'))});
    } catch {}
    window.__benchRender = { nodes: null, painted: null };
    const want = ${JSON.stringify(String(noteCount))};
    const check = () => {
      const el = document.querySelector('[data-testid=canvas]');
      if (!el || el.dataset.noteCount !== want || window.__benchRender.nodes !== null) return;
      window.__benchRender.nodes = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__benchRender.painted = performance.now(); }));
      obs.disconnect();
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-note-count'] });
  })();`;
}

export const startFrameRecorder = `(() => {
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (t) => {
    if (!window.__recording) return;
    window.__frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Stops the recorder; returns the frame deltas in ms (the first one, partial, dropped). */
export const stopFrameRecorder = `(() => { window.__recording = false; return window.__frames.slice(1); })()`;

/**
 * Screen positions for the gestures, from the renderer's camera (a private field: the bench reads
 * it only to aim the mouse) and the document: an empty spot to start a pan, with the direction that
 * keeps the drag inside the canvas, and the centre of the topmost note of the first quadrant.
 */
export const gestureTargets = `(() => {
  const b = window.__board;
  const r = b && b.renderer;
  const cam = r && r.cam;
  const host = document.querySelector('[data-testid=canvas]');
  if (!cam || !host) return null;
  const rect = host.getBoundingClientRect();
  const W = 160, H = 120;
  const notes = [];
  b.doc.getMap('notes').forEach((m, id) => notes.push({ id, x: m.get('x'), y: m.get('y'), z: String(m.get('z')), frame: m.get('frame') }));
  const toScreen = (x, y) => ({ x: rect.left + x * cam.scale + cam.x, y: rect.top + y * cam.scale + cam.y });
  const covered = (sx, sy) => {
    const wx = (sx - rect.left - cam.x) / cam.scale, wy = (sy - rect.top - cam.y) / cam.scale;
    return notes.some((n) => wx >= n.x - 8 && wx <= n.x + W + 8 && wy >= n.y - 8 && wy <= n.y + H + 8);
  };
  let empty = null;
  for (let sy = rect.top + 60; sy < rect.bottom - 60 && !empty; sy += 10) {
    for (let sx = rect.left + 60; sx < rect.right - 60 && !empty; sx += 10) {
      if (!covered(sx, sy)) empty = { x: sx, y: sy };
    }
  }
  const first = notes.filter((n) => n.frame === notes[0].frame).sort((a, c) => (a.z < c.z ? 1 : a.z > c.z ? -1 : a.id < c.id ? 1 : -1))[0];
  const c = toScreen(first.x + W / 2, first.y + H / 2);
  const dirX = (p) => (p.x + 300 < rect.right - 10 ? 1 : -1);
  const dirY = (p) => (p.y + 150 < rect.bottom - 10 ? 1 : -1);
  return {
    scale: cam.scale,
    pan: empty && { x: empty.x, y: empty.y, dx: 300 * dirX(empty), dy: 150 * dirY(empty) },
    drag: { id: first.id, x: c.x, y: c.y, dx: 250 * dirX(c), dy: 120 * dirY(c), worldX: first.x, worldY: first.y },
  };
})()`;

/**
 * Counts what Konva draws: calls of Layer#drawScene per layer and of Shape#drawScene for visible
 * shapes (culled ones return early). Found through the prototypes of the stage's own nodes, so it
 * works on the bundled, minified Konva. Returns false when the renderer's stage is not reachable.
 */
export const installDrawCounter = `(() => {
  const r = window.__board && window.__board.renderer;
  const stage = r && r.stage;
  if (!stage || typeof stage.getLayers !== 'function') return false;
  const own = (obj, name) => { let p = obj; while (p && !Object.prototype.hasOwnProperty.call(p, name)) p = Object.getPrototypeOf(p); return p; };
  const layers = stage.getLayers();
  const shape = stage.findOne('Rect') || stage.findOne('Text');
  if (!shape || !layers.length) return false;
  window.__draws = { counting: false, shapes: 0, layers: layers.map(() => 0) };
  const layerProto = own(layers[0], 'drawScene');
  const shapeProto = own(shape, 'drawScene');
  const origLayer = layerProto.drawScene, origShape = shapeProto.drawScene;
  layerProto.drawScene = function (...a) {
    if (window.__draws.counting) { const i = stage.getLayers().indexOf(this); if (i >= 0) window.__draws.layers[i]++; }
    return origLayer.apply(this, a);
  };
  shapeProto.drawScene = function (...a) {
    if (window.__draws.counting && this.isVisible()) window.__draws.shapes++;
    return origShape.apply(this, a);
  };
  return true;
})()`;

export const startDrawCount = `(() => { const d = window.__draws; d.shapes = 0; d.layers = d.layers.map(() => 0); d.counting = true; })()`;

/** The counts so far plus each layer's number of descendants; `stop` ends counting. */
export const readDrawCount = (stop: boolean) => `(() => {
  const d = window.__draws; if (${stop}) d.counting = false;
  const stage = window.__board.renderer.stage;
  return { shapes: d.shapes, layers: d.layers, layerSizes: stage.getLayers().map((l) => l.find(() => true).length) };
})()`;

export const noteCountInDoc = `window.__board.doc.getMap('notes').size`;
