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

/** Resolves after the page drew two more frames (so once its main thread is free again). */
export const afterTwoFrames = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))`;

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
 * Screen positions for the gestures, from public information only: the canvas container's box and
 * the visible world rectangle the renderer publishes in this user's awareness state (`viewport`,
 * `PresenceState` in client/src/lib/canvas/types.ts, rounded to whole world units: under a pixel
 * off here). Returns the canvas centre (wheel zoom), an empty spot to start a pan, with the direction
 * that keeps the drag inside the canvas, and the centre of the topmost note of the first quadrant (null
 * on an empty board); null while no viewport is published yet.
 */
export const gestureTargets = `(() => {
  const b = window.__board;
  const state = b && b.provider && b.provider.awareness.getLocalState();
  const vp = state && state.viewport;
  const host = document.querySelector('[data-testid=canvas]');
  if (!vp || !host || !(vp.width > 0)) return null;
  const rect = host.getBoundingClientRect();
  const scale = rect.width / vp.width;
  const W = 160, H = 120;
  const notes = [];
  b.doc.getMap('notes').forEach((m, id) => notes.push({ id, x: m.get('x'), y: m.get('y'), z: String(m.get('z')), frame: m.get('frame') }));
  const toScreen = (x, y) => ({ x: rect.left + (x - vp.x) * scale, y: rect.top + (y - vp.y) * scale });
  const covered = (sx, sy) => {
    const wx = vp.x + (sx - rect.left) / scale, wy = vp.y + (sy - rect.top) / scale;
    return notes.some((n) => wx >= n.x - 8 && wx <= n.x + W + 8 && wy >= n.y - 8 && wy <= n.y + H + 8);
  };
  let empty = null;
  for (let sy = rect.top + 60; sy < rect.bottom - 60 && !empty; sy += 10) {
    for (let sx = rect.left + 60; sx < rect.right - 60 && !empty; sx += 10) {
      if (!covered(sx, sy)) empty = { x: sx, y: sy };
    }
  }
  const first = notes.length === 0 ? null : notes.filter((n) => n.frame === notes[0].frame).sort((a, c) => (a.z < c.z ? 1 : a.z > c.z ? -1 : a.id < c.id ? 1 : -1))[0];
  const c = first && toScreen(first.x + W / 2, first.y + H / 2);
  const dirX = (p) => (p.x + 300 < rect.right - 10 ? 1 : -1);
  const dirY = (p) => (p.y + 150 < rect.bottom - 10 ? 1 : -1);
  return {
    scale,
    centre: { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 },
    pan: empty && { x: empty.x, y: empty.y, dx: 300 * dirX(empty), dy: 150 * dirY(empty) },
    drag: first && { id: first.id, x: c.x, y: c.y, dx: 250 * dirX(c), dy: 120 * dirY(c), worldX: first.x, worldY: first.y },
  };
})()`;

/**
 * The renderer's draw counters (`BoardRendererApi.stats()`: draws per layer by name, note groups
 * drawn), or null when the renderer does not offer them. The bench diffs two readings.
 */
export const readStats = `(() => {
  const r = window.__board && window.__board.renderer;
  return r && typeof r.stats === 'function' ? r.stats() : null;
})()`;

/** True once the renderer's stats() say the notes show full detail; true at once without that field. */
export const fullDetailShown = `(() => {
  const r = window.__board && window.__board.renderer;
  const s = r && typeof r.stats === 'function' ? r.stats() : null;
  return !s || s.fullDetail !== false;
})()`;

export const noteCountInDoc = `window.__board.doc.getMap('notes').size`;
