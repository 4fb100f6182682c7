// A drag of one or more notes by this user: positions live on the drag layer and travel to others
// through awareness (`dragging`, ~30/s); the document is written once, on drop.
import type { NoteMove } from '$shared/board/notes.ts';
import type { NoteLayer } from './NoteLayer.ts';
import type { PresenceState } from './types.ts';
import { throttle } from './throttle.ts';

const DRAG_MS = 33;

type Point = { x: number; y: number };

export class NoteDrag {
  private ids: string[] = [];
  private start = new Map<string, Point>();
  private pos = new Map<string, Point>();
  private active = false;
  private readonly publish: ReturnType<typeof throttle<[PresenceState['dragging']]>>;

  constructor(
    private readonly notes: NoteLayer,
    /** Writes the drop to the document (moveNotes with the user's origin). */
    private readonly drop: (moves: NoteMove[]) => void,
    private readonly setDragging: (d: PresenceState['dragging']) => void,
  ) {
    this.publish = throttle((d: PresenceState['dragging']) => this.setDragging(d), DRAG_MS);
  }

  get dragging(): boolean {
    return this.active;
  }

  /** Whether any of these ids is being dragged right now. */
  involves(ids: readonly string[]): boolean {
    return this.active && ids.some((id) => this.pos.has(id));
  }

  begin(ids: readonly string[]): boolean {
    const start = new Map<string, Point>();
    for (const id of ids) {
      const p = this.notes.drawnPositions.get(id);
      if (p) start.set(id, { ...p });
    }
    if (start.size === 0) return false;
    this.active = true;
    this.ids = [...start.keys()];
    this.start = start;
    this.pos = new Map(start);
    this.notes.setLocalDrag(this.pos, this.ids);
    return true;
  }

  /** Moves every dragged note by the same world offset from where the drag started. */
  by(dx: number, dy: number): void {
    if (!this.active) return;
    const out: Record<string, Point> = {};
    for (const id of this.ids) {
      const s = this.start.get(id)!;
      const p = { x: s.x + dx, y: s.y + dy };
      this.pos.set(id, p);
      out[id] = { x: Math.round(p.x), y: Math.round(p.y) };
    }
    this.notes.setLocalDrag(this.pos, this.ids);
    this.publish(out);
  }

  /** Ends the drag; `commit` writes the positions (no write when nothing moved). */
  end(commit: boolean): void {
    if (!this.active) return;
    this.active = false;
    this.publish.cancel();
    const ids = this.ids;
    const moved = ids.some((id) => {
      const a = this.start.get(id)!;
      const b = this.pos.get(id)!;
      return a.x !== b.x || a.y !== b.y;
    });
    // Write first, then end the live drag: others receive the document update before the
    // awareness update on the same connection, so the note does not jump back in between.
    if (commit && moved) this.drop(ids.map((id) => ({ id, ...this.pos.get(id)! })));
    this.notes.setLocalDrag(null, ids);
    this.setDragging(null);
  }

  /** Notes deleted (by anyone) during the drag stop taking part in it. */
  forget(removed: readonly string[]): void {
    if (!this.active) return;
    const gone = new Set(removed);
    this.ids = this.ids.filter((id) => !gone.has(id));
  }

  destroy(): void {
    this.publish.cancel();
  }
}
