import { describe, it, expect } from 'vitest';
import { matchShortcut, isTextTarget } from './shortcuts.ts';

const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('matchShortcut', () => {
  it('maps Ctrl+Z and Cmd+Z to undo', () => {
    expect(matchShortcut(k('z', { ctrlKey: true }))).toBe('undo');
    expect(matchShortcut(k('z', { metaKey: true }))).toBe('undo');
  });
  it('maps Ctrl+Shift+Z and Ctrl+Y to redo', () => {
    expect(matchShortcut(k('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(matchShortcut(k('y', { ctrlKey: true }))).toBe('redo');
  });
  it('ignores plain letters and Alt combinations', () => {
    expect(matchShortcut(k('z'))).toBeNull();
    expect(matchShortcut(k('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe('isTextTarget', () => {
  it('recognises text fields and leaves other elements alone', () => {
    expect(isTextTarget({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTextTarget(null)).toBe(false);
  });
  it('leaves Ctrl+Z on a score\'s radio button or select to the board\'s undo', () => {
    expect(isTextTarget({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'INPUT', type: 'number' } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'INPUT', type: 'radio' } as unknown as EventTarget)).toBe(false);
    expect(isTextTarget({ tagName: 'SELECT' } as unknown as EventTarget)).toBe(false);
  });
});
