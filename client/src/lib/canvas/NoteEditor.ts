// In-place text editing: a <textarea> laid over the note (scaled with the zoom), bound to the
// note's Y.Text. Every input event sends only the changed characters, so other users see the text
// appear as it is typed; remote changes update the textarea and keep the caret where it belongs.
import * as Y from 'yjs';
import { noteText } from '$shared/board/notes.ts';
import { NOTE_WIDTH, NOTE_HEIGHT } from '$shared/board/schema.ts';
import type { TextDelta } from './textDiff.ts';
import { showTextInField, writeFieldToText } from './textField.ts';
import type { FontFit } from './textFit.ts';
import { NOTE_FONT_FAMILY, NOTE_LINE_HEIGHT, NOTE_PADDING } from './noteView.ts';

export interface EditorPlacement {
  /** Top-left of the note in container pixels. */
  x: number;
  y: number;
  scale: number;
  fill: string;
}

const BORDER = 2;

export class NoteEditor {
  readonly textarea: HTMLTextAreaElement;
  private id: string | null = null;
  private ytext: Y.Text | null = null;
  private readonly onRemote = (e: Y.YTextEvent) => this.remoteChange(e);

  constructor(
    private readonly container: HTMLElement,
    private readonly doc: Y.Doc,
    private readonly origin: object,
    private readonly onClose: (id: string) => void,
    /** The size the note's drawn text has (NoteLayer fits with the same fitter). */
    private readonly fit: FontFit,
  ) {
    const ta = document.createElement('textarea');
    ta.className = 'note-editor';
    ta.spellcheck = true;
    ta.setAttribute('data-testid', 'note-editor');
    Object.assign(ta.style, {
      position: 'absolute',
      display: 'none',
      margin: '0',
      boxSizing: 'border-box',
      width: `${NOTE_WIDTH}px`,
      height: `${NOTE_HEIGHT}px`,
      padding: `${NOTE_PADDING - BORDER}px`,
      border: `${BORDER}px solid #1565c0`,
      borderRadius: '3px',
      outline: 'none',
      resize: 'none',
      overflowX: 'hidden',
      overflowY: 'auto',
      fontFamily: NOTE_FONT_FAMILY,
      lineHeight: String(NOTE_LINE_HEIGHT),
      color: '#212121',
      transformOrigin: '0 0',
      zIndex: '2',
    } satisfies Partial<CSSStyleDeclaration>);
    ta.addEventListener('input', () => this.localInput());
    ta.addEventListener('keydown', (e) => {
      // Keys typed into the note must not reach the canvas shortcuts (N, Delete, arrows ...).
      e.stopPropagation();
      if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        this.close();
      }
    });
    ta.addEventListener('blur', () => this.close());
    container.appendChild(ta);
    this.textarea = ta;
  }

  get editingId(): string | null {
    return this.id;
  }

  setLabel(label: string): void {
    this.textarea.setAttribute('aria-label', label);
  }

  open(id: string, at: EditorPlacement): boolean {
    const ytext = noteText(this.doc, id);
    if (!ytext) return false;
    if (this.id) this.close();
    this.id = id;
    this.ytext = ytext;
    ytext.observe(this.onRemote);
    const ta = this.textarea;
    ta.value = ytext.toString();
    ta.style.display = 'block';
    this.place(at);
    this.updateFont();
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(ta.value.length, ta.value.length);
    return true;
  }

  place(at: EditorPlacement): void {
    const s = this.textarea.style;
    s.left = `${at.x}px`;
    s.top = `${at.y}px`;
    s.transform = `scale(${at.scale})`;
    s.background = at.fill;
  }

  close(): void {
    const id = this.id;
    if (!id) return;
    this.ytext?.unobserve(this.onRemote);
    this.ytext = null;
    this.id = null;
    const hadFocus = document.activeElement === this.textarea;
    this.textarea.style.display = 'none';
    // Give the keyboard back to the canvas so shortcuts keep working after editing.
    if (hadFocus) this.container.focus({ preventScroll: true });
    this.onClose(id);
  }

  destroy(): void {
    this.close();
    this.textarea.remove();
  }

  private localInput(): void {
    if (!this.ytext) return;
    writeFieldToText(this.ytext, this.textarea.value, this.origin);
    this.updateFont();
  }

  private remoteChange(e: Y.YTextEvent): void {
    const value = this.ytext?.toString() ?? '';
    if (this.textarea.value === value) return; // our own typing coming back
    showTextInField(this.textarea, value, e.delta as TextDelta, true);
    this.updateFont();
  }

  private updateFont(): void {
    this.textarea.style.fontSize = `${this.fit(this.textarea.value).size}px`;
  }
}
