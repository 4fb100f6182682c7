import { describe, it, expect } from 'vitest';
import { commandForKey, isForeignFocus, NUDGE_LARGE } from './shortcuts.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('commandForKey', () => {
  it('maps N, Delete, Ctrl+D, Cmd+D, Enter and arrows to commands', () => {
    expect(commandForKey(key('n'), false, false)).toEqual({ kind: 'add' });
    expect(commandForKey(key('1'), false, false)).toEqual({ kind: 'add', digit: 1 });
    expect(commandForKey(key('4'), false, true)).toEqual({ kind: 'add', digit: 4 });
    // Kinds with more regions than SWOT's four (DESTEP's six, 7S's seven) number them on to 9.
    expect(commandForKey(key('7'), false, false)).toEqual({ kind: 'add', digit: 7 });
    expect(commandForKey(key('0'), false, false)).toBeUndefined();
    expect(commandForKey(key('Delete'), false, true)).toEqual({ kind: 'delete' });
    expect(commandForKey(key('Backspace'), false, true)).toEqual({ kind: 'delete' });
    expect(commandForKey(key('d', { ctrlKey: true }), false, true)).toEqual({ kind: 'duplicate' });
    expect(commandForKey(key('d', { metaKey: true }), false, true)).toEqual({ kind: 'duplicate' });
    expect(commandForKey(key('Enter'), false, true)).toEqual({ kind: 'edit' });
    expect(commandForKey(key('ArrowLeft', { shiftKey: true }), false, true)).toEqual({ kind: 'nudge', dx: -NUDGE_LARGE, dy: 0 });
  });

  it('reads Shift with a number key by the key, whatever character the layout gives it (7S: desired state)', () => {
    expect(commandForKey({ ...key('!', { shiftKey: true }), code: 'Digit1' }, false, false)).toEqual({ kind: 'add', digit: 1, shift: true });
    expect(commandForKey({ ...key('&'), code: 'Digit1' }, false, false)).toEqual({ kind: 'add', digit: 1 }); // AZERTY
    expect(commandForKey({ ...key('7'), code: 'Numpad7' }, false, false)).toEqual({ kind: 'add', digit: 7 });
    expect(commandForKey({ ...key(')', { shiftKey: true }), code: 'Digit0' }, false, false)).toBeUndefined();
  });

  it('changes nothing from the keyboard on a read-only board', () => {
    for (const k of ['n', 'Delete', 'Enter', 'ArrowUp']) expect(commandForKey(key(k), true, true)).toBeUndefined();
    expect(commandForKey(key('Escape'), true, true)).toEqual({ kind: 'escape' });
  });

  it('moves the selection with Tab and Shift+Tab once a note is selected, also when read-only', () => {
    expect(commandForKey(key('Tab'), true, true)).toEqual({ kind: 'cycle', dir: 1 });
    expect(commandForKey(key('Tab', { shiftKey: true }), false, true)).toEqual({ kind: 'cycle', dir: -1 });
  });

  it('lets Tab leave the canvas when nothing is selected, and selects the first note on an arrow key', () => {
    expect(commandForKey(key('Tab'), false, false)).toBeUndefined();
    expect(commandForKey(key('ArrowDown'), true, false)).toEqual({ kind: 'cycle', dir: 1 });
  });

  it('leaves browser shortcuts such as Ctrl+N alone', () => {
    expect(commandForKey(key('n', { ctrlKey: true }), false, false)).toBeUndefined();
  });
});

describe('isForeignFocus', () => {
  it('ignores keys while typing in an input elsewhere on the page', () => {
    expect(isForeignFocus({ tagName: 'INPUT' }, false)).toBe(true);
    expect(isForeignFocus({ tagName: 'BODY' }, false)).toBe(false);
    expect(isForeignFocus({ tagName: 'DIV' }, true)).toBe(false);
  });
});
