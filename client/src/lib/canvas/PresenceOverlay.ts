// Other users on the canvas: cursors with name labels, outlines around the notes they selected,
// plus this user's box-selection rectangle. A small layer that is cheap to redraw often.
import Konva from 'konva';
import { NOTE_WIDTH, NOTE_HEIGHT } from '$shared/board/schema.ts';
import type { RemoteUser } from './presenceView.ts';
import type { Rect } from './noteView.ts';

interface CursorNode {
  group: Konva.Group;
  arrow: Konva.Line;
  tag: Konva.Tag;
  text: Konva.Text;
}

export class PresenceOverlay {
  readonly layer = new Konva.Layer({ listening: false });
  private readonly cursors = new Map<number, CursorNode>();
  private readonly outlines = new Konva.Group({ listening: false });
  private readonly box = new Konva.Rect({
    visible: false,
    fill: 'rgba(21,101,192,0.08)',
    stroke: '#1565c0',
    dash: [6, 4],
    listening: false,
    perfectDrawEnabled: false,
  });
  private scale = 1;
  private hidden = false;
  private users: readonly RemoteUser[] = [];
  private outlineKey = '';

  constructor() {
    this.layer.add(this.outlines, this.box);
  }

  /** Redraws cursors and remote selections; `notePos` gives where a note is drawn now. */
  update(users: readonly RemoteUser[], notePos: (id: string) => { x: number; y: number } | undefined): void {
    this.users = users;
    const seen = new Set<number>();
    for (const u of users) {
      seen.add(u.clientId);
      let c = this.cursors.get(u.clientId);
      if (!c) {
        c = this.createCursor();
        this.cursors.set(u.clientId, c);
        this.layer.add(c.group);
      }
      c.arrow.fill(u.color);
      c.tag.fill(u.color);
      c.text.text(u.name);
      c.group.visible(!this.hidden && u.cursor !== null);
      if (u.cursor) c.group.position(u.cursor);
      c.group.scale({ x: 1 / this.scale, y: 1 / this.scale });
    }
    for (const [id, c] of this.cursors) {
      if (!seen.has(id)) {
        c.group.destroy();
        this.cursors.delete(id);
      }
    }
    // Cursor moves are the most frequent awareness change: rebuild the outlines only when a
    // selection, a colour, a selected note's position or the zoom changed.
    const outlines: Array<{ x: number; y: number; color: string }> = [];
    for (const u of users) {
      for (const id of u.selection) {
        const p = notePos(id);
        if (p) outlines.push({ x: p.x, y: p.y, color: u.color });
      }
    }
    const key = this.scale + ';' + outlines.map((o) => `${o.x},${o.y},${o.color}`).join(';');
    if (key !== this.outlineKey) {
      this.outlineKey = key;
      this.outlines.destroyChildren();
      for (const o of outlines) {
        this.outlines.add(
          new Konva.Rect({
            x: o.x - 4,
            y: o.y - 4,
            width: NOTE_WIDTH + 8,
            height: NOTE_HEIGHT + 8,
            stroke: o.color,
            strokeWidth: 3 / this.scale,
            cornerRadius: 5,
            listening: false,
            perfectDrawEnabled: false,
          }),
        );
      }
    }
    this.outlines.moveToBottom();
    this.layer.batchDraw();
  }

  /** Re-applies the last users after a zoom (labels keep their screen size) or a note move. */
  refresh(notePos: (id: string) => { x: number; y: number } | undefined): void {
    this.update(this.users, notePos);
  }

  setScale(scale: number): void {
    this.scale = scale;
    this.box.strokeWidth(1 / scale);
    this.box.dash([6 / scale, 4 / scale]);
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    for (const [id, c] of this.cursors) {
      const u = this.users.find((x) => x.clientId === id);
      c.group.visible(!hidden && !!u?.cursor);
    }
    this.layer.batchDraw();
  }

  setBox(r: Rect | null): void {
    if (r) this.box.setAttrs({ ...r, visible: true });
    else this.box.visible(false);
    this.layer.batchDraw();
  }

  private createCursor(): CursorNode {
    const group = new Konva.Group({ listening: false });
    const arrow = new Konva.Line({
      points: [0, 0, 0, 18, 5, 14, 9, 22, 12, 21, 8, 13, 14, 13],
      closed: true,
      stroke: '#ffffff',
      strokeWidth: 1.5,
      listening: false,
      perfectDrawEnabled: false,
    });
    const label = new Konva.Label({ x: 14, y: 20, listening: false });
    const tag = new Konva.Tag({ cornerRadius: 4, listening: false });
    const text = new Konva.Text({
      text: '',
      fontSize: 13,
      padding: 4,
      fill: '#ffffff',
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      listening: false,
    });
    label.add(tag, text);
    group.add(arrow, label);
    return { group, arrow, tag, text };
  }
}
