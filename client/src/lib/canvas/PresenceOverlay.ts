// Other users on the canvas: cursors with name labels, outlines in their colour around the notes
// they selected (dashed, with their name) or type in (solid, "Ann is typing"), plus this user's
// box-selection rectangle. A small layer that is cheap to redraw often.
import Konva from 'konva';
import { NOTE_WIDTH, NOTE_HEIGHT } from '$shared/board/schema.ts';
import { presenceMarks, type PresenceMark, type RemoteUser } from './presenceView.ts';
import type { Rect } from './noteView.ts';

/** Screen pixels of a name tag (13 px text, 4 px padding) and the gap between stacked tags. */
const TAG_HEIGHT = 21;
const TAG_GAP = 2;
const LABEL_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

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
  private typingLabel: (name: string) => string = (name) => name;

  constructor() {
    this.layer.add(this.outlines, this.box);
  }

  /** How "Ann is typing" reads in the current language. */
  setTypingLabel(label: (name: string) => string): void {
    this.typingLabel = label;
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
    // selection, an editor, a colour, a name, a selected note's position or the zoom changed.
    const marks = presenceMarks(users, notePos, this.typingLabel);
    const key = this.scale + ';' + marks.map((m) => `${m.noteId},${m.x},${m.y},${m.color},${m.kind},${m.label},${m.stack}`).join(';');
    if (key !== this.outlineKey) {
      this.outlineKey = key;
      this.outlines.destroyChildren();
      for (const m of marks) this.outlines.add(this.outline(m));
      // Tags above every outline, so a neighbour's outline never covers a name.
      for (const m of marks) if (m.label !== null) this.outlines.add(this.tag(m));
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

  private outline(m: PresenceMark): Konva.Rect {
    return new Konva.Rect({
      x: m.x - 4,
      y: m.y - 4,
      width: NOTE_WIDTH + 8,
      height: NOTE_HEIGHT + 8,
      stroke: m.color,
      strokeWidth: (m.kind === 'editing' ? 4 : 3) / this.scale,
      // Dashed: the local selection is a solid blue line (NoteLayer); someone else's never looks like it.
      dash: m.kind === 'selected' ? [10 / this.scale, 5 / this.scale] : undefined,
      cornerRadius: 5,
      listening: false,
      perfectDrawEnabled: false,
    });
  }

  /** A name tag sitting on the note's top edge, keeping its screen size at every zoom. */
  private tag(m: PresenceMark): Konva.Label {
    const s = 1 / this.scale;
    const label = new Konva.Label({
      x: m.x - 4,
      y: m.y - 4 - (TAG_HEIGHT + (TAG_HEIGHT + TAG_GAP) * m.stack) * s,
      scale: { x: s, y: s },
      listening: false,
    });
    label.add(
      new Konva.Tag({ fill: m.color, cornerRadius: 4, listening: false }),
      new Konva.Text({ text: m.label ?? '', fontSize: 13, padding: 4, fill: '#ffffff', fontFamily: LABEL_FONT, listening: false }),
    );
    return label;
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
      fontFamily: LABEL_FONT,
      listening: false,
    });
    label.add(tag, text);
    group.add(arrow, label);
    return { group, arrow, tag, text };
  }
}
