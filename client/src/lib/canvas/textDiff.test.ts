import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { diffText, transformCaret, type TextDelta, type TextSplice } from './textDiff.ts';

const applySplice = (text: string, s: TextSplice) => text.slice(0, s.index) + s.insert + text.slice(s.index + s.remove);

describe('diffText', () => {
  it('turns typing into an insertion of only the typed characters', () => {
    expect(diffText('Loyal customers', 'Loyal key customers')).toEqual({ index: 6, remove: 0, insert: 'key ' });
  });

  it('turns backspace into a single deletion', () => {
    expect(diffText('abc', 'ac')).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('turns a paste over a selection into one replacement', () => {
    const s = diffText('one two three', 'one 2 three')!;
    expect(s).toEqual({ index: 4, remove: 3, insert: '2' });
    expect(applySplice('one two three', s)).toBe('one 2 three');
  });

  it('reports no change for equal text', () => {
    expect(diffText('same', 'same')).toBeNull();
  });

  it('never splits an emoji in two', () => {
    const before = 'a\u{1F600}b';
    const after = 'a\u{1F601}b';
    const s = diffText(before, after)!;
    expect(applySplice(before, s)).toBe(after);
    expect(s.insert).toBe('\u{1F601}');
  });
});

describe('transformCaret', () => {
  function deltaOf(initial: string, change: (t: Y.Text) => void): TextDelta {
    const doc = new Y.Doc();
    const t = doc.getText('t');
    t.insert(0, initial);
    let delta: TextDelta = [];
    t.observe((e) => {
      delta = e.delta as TextDelta;
    });
    change(t);
    return delta;
  }

  it('moves the caret right when someone types before it', () => {
    expect(transformCaret(deltaOf('hello world', (t) => t.insert(0, 'Oh, ')), 5)).toBe(9);
  });

  it('leaves the caret when someone types after it', () => {
    expect(transformCaret(deltaOf('hello world', (t) => t.insert(11, '!')), 5)).toBe(5);
  });

  it('keeps the caret before text inserted exactly at it', () => {
    expect(transformCaret(deltaOf('hello', (t) => t.insert(5, ' you')), 5)).toBe(5);
  });

  it('pulls the caret left when text before it is deleted, and collapses it into a deleted range', () => {
    expect(transformCaret(deltaOf('hello world', (t) => t.delete(0, 6)), 8)).toBe(2);
    expect(transformCaret(deltaOf('hello world', (t) => t.delete(2, 6)), 5)).toBe(2);
  });
});
