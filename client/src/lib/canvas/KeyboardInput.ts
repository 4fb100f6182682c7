// Keyboard input for the canvas. Listens on the window (so shortcuts work right after a click on
// the canvas and with nothing focused), but leaves keys alone while focus is anywhere else on the
// page: the chrome's inputs and buttons, the outline view, or the note editor; and while the canvas
// is not displayed (the outline view), its shortcuts do nothing at all.
import { commandForKey, isForeignFocus, type Command } from './shortcuts.ts';

export interface KeyboardHost {
  readonly container: HTMLElement;
  /** The in-place note editor, which handles its own keys. */
  readonly editor: HTMLElement;
  readOnly(): boolean;
  hasSelection(): boolean;
  /** Runs a command; false to let the key keep its browser meaning. */
  run(cmd: Command): boolean;
  /** Space held down: dragging pans, even over notes. */
  setSpace(on: boolean): void;
}

/**
 * After the editor was closed under the typist (someone deleted the note), keys that follow each
 * other faster than this are still that typing, not shortcuts (issue 8: the next "n" made a stray note).
 */
const TYPING_PAUSE_MS = 1000;

export class KeyboardInput {
  /** While set: the time of the last key of a typing burst that is being held back from the shortcuts. */
  private heldSince: number | null = null;
  private readonly onKeyDown = (e: KeyboardEvent) => this.keyDown(e);
  private readonly onPointerDown = () => this.release();
  private readonly onKeyUp = (e: KeyboardEvent) => {
    if (e.key === ' ') this.host.setSpace(false);
  };
  private readonly onBlur = () => this.host.setSpace(false);

  constructor(private readonly host: KeyboardHost) {
    window.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('keyup', this.onKeyUp);
    window.addEventListener('blur', this.onBlur);
    host.container.addEventListener('pointerdown', this.onPointerDown, true);
  }

  /**
   * The editor closed without the user asking for it while they may be typing: keys stay out of the
   * shortcuts until the typing pauses (TYPING_PAUSE_MS without a key) or the user presses the canvas.
   */
  holdTyping(): void {
    this.heldSince = performance.now();
  }

  /** A deliberate action (a press on the canvas): shortcuts apply again at once. */
  release(): void {
    this.heldSince = null;
  }

  destroy(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keyup', this.onKeyUp);
    window.removeEventListener('blur', this.onBlur);
    this.host.container.removeEventListener('pointerdown', this.onPointerDown, true);
  }

  /** Whether this key belongs to a typing burst that is held back; extends the burst if so. */
  private held(): boolean {
    if (this.heldSince === null) return false;
    const now = performance.now();
    if (now - this.heldSince >= TYPING_PAUSE_MS) {
      this.heldSince = null;
      return false;
    }
    this.heldSince = now;
    return true;
  }

  private keyDown(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const active = document.activeElement;
    if (active === this.host.editor) return;
    const inside = active !== null && this.host.container.contains(active);
    if (isForeignFocus(active as HTMLElement | null, inside)) return;
    // Hidden (outline view): N would add a note nobody sees, Delete remove one.
    if (this.host.container.getClientRects().length === 0) return;
    if (this.held()) {
      // The typist's keys must not scroll the page or reach the browser's shortcuts either.
      if (!e.ctrlKey && !e.metaKey && !e.altKey) e.preventDefault();
      return;
    }
    if (e.key === ' ') {
      this.host.setSpace(true);
      e.preventDefault(); // no page scroll
      return;
    }
    const cmd = commandForKey(e, this.host.readOnly(), this.host.hasSelection());
    if (cmd && this.host.run(cmd)) e.preventDefault();
  }
}
