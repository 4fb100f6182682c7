// The set-up every HTML canvas view (matrix, quickscan, 7S, pyramid, actions) starts with: its state
// of one canvas for this user, following the board document while the canvas is shown.
import { untrack } from 'svelte';
import type { CanvasViewProps } from './registry.ts';

/** A view's state: reads the document now and on each change until the returned function is called (see followDocument). */
export interface Followed {
  follow(): () => void;
}

/**
 * Call while a view initialises, with a getter of the view's props (so that they stay live). `make`
 * builds the state from the canvas id and the user's undo origin, and runs again when what it reads
 * changes (the document, the participant id) but not for a new record of the same canvas (settings
 * changed), which keeps the state. The state follows the document while `active`.
 */
export function followedState<S extends Followed>(props: () => CanvasViewProps, make: (canvasId: string, origin: unknown) => S): { readonly current: S } {
  const canvasId = $derived(props().canvas.id);
  const state = $derived(make(canvasId, untrack(() => props().origin)));
  $effect(() => {
    if (props().active) return state.follow();
  });
  return {
    get current() {
      return state;
    },
  };
}
