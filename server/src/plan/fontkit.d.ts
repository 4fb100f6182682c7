// The one fontkit call the PDF renderer makes (fontkit ships no types). fontkit is the font engine
// pdfkit itself embeds fonts with; the renderer asks it which characters the font can draw.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}
