// Keyboard input for the canvas. Listens on the window (so shortcuts work right after a click on
// the canvas and with nothing focused), but leaves keys alone while focus is anywhere else on the
// page: the chrome's inputs and buttons, the outline view, or the note editor.
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
  private readonly onKeyDown = (e: KeyboardEvent) => this.keyDown(e);
  private readonly onKeyUp = (e: KeyboardEvent) => {
    if (e.key === ' ') this.host.setSpace(false);
  };
  private readonly onBlur = () => this.host.setSpace(false);

  constructor(private readonly host: KeyboardHost) {
    window.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('keyup', this.onKeyUp);
    window.addEventListener('blur', this.onBlur);
  }

  destroy(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keyup', this.onKeyUp);
    window.removeEventListener('blur', this.onBlur);
  }

  private keyDown(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const active = document.activeElement;
    if (active === this.host.editor) return;
    const inside = active !== null && this.host.container.contains(active);
    if (isForeignFocus(active as HTMLElement | null, inside)) return;
    if (e.key === ' ') {
      this.host.setSpace(true);
      e.preventDefault(); // no page scroll
      return;
    }
    const cmd = commandForKey(e, this.host.readOnly(), this.host.hasSelection());
    if (cmd && this.host.run(cmd)) e.preventDefault();
  }
}
