// Note and action text is anyone's input (issue 11: "Note text is hostile input in every format").
// What every renderer does with it before its own escaping: control characters out (a NUL or an
// escape sequence has no place in a plan), one line where a line is expected, and a length cap so a
// 10,000-character title cannot make a table unreadable or a PDF hundreds of pages long.

/** Longest text one field shows in an export; the rest is cut with an ellipsis. */
export const MAX_EXPORT_TEXT = 1000;

// C0 and C1 controls except tab and line feed, and the bidi overrides/embeddings (U+202A-202E)
// that can make text display in another order than it is stored ("Trojan Source", CVE-2021-42574).
// Isolates (U+2066-2069) are kept: they only ever contain reordering.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/g;

export function cleanText(text: string, max = MAX_EXPORT_TEXT): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
  const chars = Array.from(clean); // by code point, so an emoji is never cut in half
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}

/** One line: line breaks and runs of white space become one space. */
export function oneLine(text: string, max = MAX_EXPORT_TEXT): string {
  return cleanText(text, max).replace(/\s+/g, ' ').trim();
}
