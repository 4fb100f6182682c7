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

export class KeyboardInput {
  /**
   * Set after the editor was closed under the typist (someone deleted the note): their next keys are
   * still that typing, not shortcuts (issue 8: the next "n" made a stray note). They stay held until
   * the user acts deliberately: Escape or a press on the canvas. No timer: how long a typist goes on
   * (or how slow a loaded machine delivers the keys) never turns typing into commands.
   */
  private holding = false;
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

  /** The editor closed without the user asking for it while they may be typing: hold keys back from the shortcuts. */
  holdTyping(): void {
    this.holding = true;
  }

  /** A deliberate action (a press on the canvas, Escape): shortcuts apply again at once. */
  release(): void {
    this.holding = false;
  }

  destroy(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keyup', this.onKeyUp);
    window.removeEventListener('blur', this.onBlur);
    this.host.container.removeEventListener('pointerdown', this.onPointerDown, true);
  }

  private keyDown(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const active = document.activeElement;
    if (active === this.host.editor) return;
    const inside = active !== null && this.host.container.contains(active);
    if (isForeignFocus(active as HTMLElement | null, inside)) return;
    // Hidden (outline view): N would add a note nobody sees, Delete remove one.
    if (this.host.container.getClientRects().length === 0) return;
    if (this.holding) {
      // Escape ends the hold and does nothing else (the selection is already gone with the note).
      if (e.key === 'Escape') this.release();
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
