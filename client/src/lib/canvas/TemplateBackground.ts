// The template's frames (SWOT quadrants) with their labels in the board's language. Static: it is
// redrawn only when the camera moves or the language changes, and never listens to events.
import Konva from 'konva';
import { translate } from '$shared/i18n/index.ts';
import type { Template } from '$shared/templates/index.ts';
import type { Locale } from '$shared/protocol.ts';

export class TemplateBackground {
  readonly layer = new Konva.Layer({ listening: false });

  constructor(private readonly template: Template, locale: Locale) {
    this.render(locale);
  }

  render(locale: Locale): void {
    this.layer.destroyChildren();
    for (const f of this.template.frames) {
      const g = new Konva.Group({ x: f.x, y: f.y, listening: false });
      g.add(
        new Konva.Rect({
          width: f.width,
          height: f.height,
          fill: f.color,
          stroke: '#9e9e9e',
          strokeWidth: 2,
          perfectDrawEnabled: false,
          listening: false,
        }),
        new Konva.Text({
          x: 20,
          y: 16,
          text: translate(locale, f.labelKey),
          fontSize: 30,
          fontStyle: 'bold',
          fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
          fill: '#37474f',
          perfectDrawEnabled: false,
          listening: false,
        }),
      );
      if (f.hintKey) {
        const hint = new Konva.Text({
          x: 0,
          y: 24,
          width: f.width - 20,
          align: 'right',
          text: translate(locale, f.hintKey).toUpperCase(),
          fontSize: 16,
          letterSpacing: 1.5,
          fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
          fill: '#78909c',
          perfectDrawEnabled: false,
          listening: false,
        });
        g.add(hint);
      }
      this.layer.add(g);
    }
    this.layer.batchDraw();
  }
}
