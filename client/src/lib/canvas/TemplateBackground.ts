// The template's frames (SWOT quadrants, a model's regions) with their labels in the board's language,
// a prompt question in each frame while it is empty, a matrix's axes (Ansoff, BCG; issue 9), and a
// legend of note colours beside the frames (issue 8: headers and the internal/external labels were
// ~6 px pale grey at the first zoom; empty quadrants gave no prompt; nothing said what a colour
// means). Static: redrawn only when the camera moves, the language changes or a frame becomes empty or
// filled; it never listens to events. The frames' headers (name, hint) are in `headers`, which the
// renderer draws above the notes: a crowded region never hides its name (issue 8).
import Konva from 'konva';
import { translate } from '$shared/i18n/index.ts';
import { NOTE_FILL } from '$shared/board/schema.ts';
import { templateBounds, type Template } from '$shared/templates/index.ts';
import type { Locale } from '$shared/protocol.ts';
import { NOTE_FONT_FAMILY, type Rect } from './noteView.ts';

const INK = '#263238';
const SECOND_INK = '#37474f';
/** The legend stands right of the frames: laptops and projectors are wider than the board, phones see neither side. */
const LEGEND_GAP = 32;
/** Room for a matrix's axis labels (Template.axes) left of and under the frames. */
const AXIS_BAND = 136;

export class TemplateBackground {
  readonly layer = new Konva.Layer({ listening: false });
  /** One group per frame with its name and hint on a plate of the frame's colour, in world coordinates. */
  readonly headers = new Konva.Group({ listening: false });
  private readonly prompts = new Map<string, Konva.Text>();
  private empty = new Set<string>();
  private legendWidth = 0;

  constructor(private readonly template: Template, private locale: Locale) {
    this.render(locale);
  }

  /** Frames and legend: what fits and the PNG export show of an empty board. */
  bounds(): Rect {
    const b = templateBounds(this.template);
    const left = this.template.axes ? AXIS_BAND : 0;
    const below = this.template.axes ? AXIS_BAND : 0;
    return { x: b.x - left, y: b.y, width: left + b.width + LEGEND_GAP + this.legendWidth, height: b.height + below };
  }

  /** Shows the prompt question of exactly these frames (those without notes). */
  setEmpty(frameIds: Iterable<string>): void {
    const next = new Set(frameIds);
    if (next.size === this.empty.size && [...next].every((id) => this.empty.has(id))) return;
    this.empty = next;
    for (const [id, text] of this.prompts) text.visible(next.has(id));
    this.layer.batchDraw();
  }

  render(locale: Locale): void {
    this.locale = locale;
    this.layer.destroyChildren();
    this.headers.destroyChildren();
    this.prompts.clear();
    for (const f of this.template.frames) {
      const g = new Konva.Group({ x: f.x, y: f.y, listening: false });
      g.add(new Konva.Rect({ width: f.width, height: f.height, fill: f.color, stroke: '#90a4ae', strokeWidth: 2, perfectDrawEnabled: false, listening: false }));
      const header = new Konva.Group({ x: f.x, y: f.y, listening: false });
      const label = this.text({ x: 20, y: 12, text: translate(locale, f.labelKey), fontSize: 44, fontStyle: 'bold', fill: INK });
      header.add(this.plate(label, f.color), label);
      if (f.hintKey) {
        const hint = this.text({ x: 0, y: 22, text: translate(locale, f.hintKey).toUpperCase(), fontSize: 26, fontStyle: 'bold', letterSpacing: 2, fill: SECOND_INK, wrap: 'none' });
        // A hint too long for the room right of the label (the objectives' SMART checklist) goes to the
        // bottom of the frame, below the last row of note slots (freeGridSlot), shrunk only if needed.
        if (hint.width() > f.width - 20 - (20 + label.width()) - 32) {
          const size = Math.min(26, Math.floor((26 * (f.width - 40)) / hint.width()));
          hint.setAttrs({ fontSize: size, y: f.height - 14 - size });
        }
        hint.x(f.width - 20 - hint.width());
        header.add(this.plate(hint, f.color), hint);
      }
      this.headers.add(header);
      if (f.promptKey) {
        const prompt = this.text({
          x: 60,
          y: f.height / 2 - 40,
          width: f.width - 120,
          align: 'center',
          text: translate(locale, f.promptKey),
          fontSize: 40,
          fontStyle: 'italic',
          fill: SECOND_INK,
          visible: this.empty.has(f.id),
        });
        this.prompts.set(f.id, prompt);
        g.add(prompt);
      }
      this.layer.add(g);
    }
    if (this.template.axes) this.layer.add(this.axes(this.template.axes));
    this.layer.add(this.legend());
    this.layer.batchDraw();
    this.headers.getLayer()?.batchDraw();
  }

  /** The frame's colour behind a header text, so notes under it do not show through. */
  private plate(text: Konva.Text, color: string): Konva.Rect {
    const pad = 8;
    return new Konva.Rect({ x: text.x() - pad, y: text.y() - pad / 2, width: text.width() + 2 * pad, height: text.height() + pad, fill: color, cornerRadius: 6, perfectDrawEnabled: false, listening: false });
  }

  /**
   * A matrix's axes (Ansoff, BCG): under the frames one label per column and the axis name, left of
   * them one label per row and the axis name, turned to read upwards.
   */
  private axes(axes: NonNullable<Template['axes']>): Konva.Group {
    const b = templateBounds(this.template);
    const g = new Konva.Group({ listening: false });
    const col = b.width / axes.x.tickKeys.length;
    axes.x.tickKeys.forEach((key, i) => {
      g.add(this.text({ x: b.x + i * col, y: b.y + b.height + 14, width: col, align: 'center', text: translate(this.locale, key), fontSize: 40, fill: SECOND_INK }));
    });
    g.add(this.text({ x: b.x, y: b.y + b.height + 68, width: b.width, align: 'center', text: translate(this.locale, axes.x.labelKey), fontSize: 44, fontStyle: 'bold', fill: INK }));
    const row = b.height / axes.y.tickKeys.length;
    axes.y.tickKeys.forEach((key, i) => {
      g.add(this.text({ x: b.x - 56, y: b.y + (i + 1) * row, width: row, align: 'center', rotation: -90, text: translate(this.locale, key), fontSize: 40, fill: SECOND_INK }));
    });
    g.add(this.text({ x: b.x - 122, y: b.y + b.height, width: b.height, align: 'center', rotation: -90, text: translate(this.locale, axes.y.labelKey), fontSize: 44, fontStyle: 'bold', fill: INK }));
    return g;
  }

  /** The legend ("Note colours" and a swatch per frame by default) in a column right of the frames. */
  private legend(): Konva.Group {
    const b = templateBounds(this.template);
    const g = new Konva.Group({ x: b.x + b.width + LEGEND_GAP, y: b.y + 8, listening: false });
    const legend = this.template.legend ?? {
      titleKey: 'swot.legend',
      entries: this.template.frames.map((f) => ({ labelKey: f.labelKey, fill: NOTE_FILL[f.defaultNoteColor] })),
    };
    const title = this.text({ x: 0, y: 0, text: translate(this.locale, legend.titleKey), fontSize: 32, fontStyle: 'bold', fill: INK });
    g.add(title);
    let width = title.width();
    legend.entries.forEach((entry, i) => {
      const y = 56 + i * 64;
      g.add(new Konva.Rect({ x: 0, y, width: 48, height: 48, cornerRadius: 4, fill: entry.fill, stroke: 'rgba(0,0,0,0.3)', strokeWidth: 1, listening: false }));
      const label = this.text({ x: 64, y: y + 8, text: translate(this.locale, entry.labelKey), fontSize: 32, fill: INK });
      g.add(label);
      width = Math.max(width, 64 + label.width());
    });
    this.legendWidth = width;
    return g;
  }

  private text(config: Konva.TextConfig): Konva.Text {
    return new Konva.Text({ fontFamily: NOTE_FONT_FAMILY, perfectDrawEnabled: false, listening: false, ...config });
  }
}
