// Presence colours: the same name gets the same colour in every browser, so people recognise each
// other's cursors across reloads. Dark enough for white text (WCAG AA against #fff).

export const PRESENCE_COLORS = ['#c62828', '#ad1457', '#6a1b9a', '#283593', '#0d47a1', '#00695c', '#2e7d32', '#8d4a00', '#4e342e', '#37474f'] as const;

/** FNV-1a: tiny, stable across platforms, spreads short names well. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Colour for a user: by name when there is one, else by awareness client id. */
export function userColor(name: string, clientId = 0): string {
  const key = name.trim().toLowerCase();
  const h = key ? hashString(key) : clientId >>> 0;
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length];
}
