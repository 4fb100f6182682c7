import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { writeFieldToText } from './textField.ts';

describe('writeFieldToText', () => {
  // Sending the whole field would overwrite what someone else typed meanwhile; one splice does not.
  it('keeps a concurrent remote edit elsewhere in the note', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Strong brand');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeFieldToText(a.getText('t'), 'Strong brand!', {});
    b.getText('t').insert(7, 'key ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('Strong key brand!');
    expect(b.getText('t').toString()).toBe('Strong key brand!');
  });

  it('replaces a selection with what was pasted over it, tagged with the origin', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'one two three');
    const origin = {};
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    writeFieldToText(text, 'one 2 three', origin);
    expect(text.toString()).toBe('one 2 three');
    expect(origins).toEqual([origin]);
  });

  it('writes nothing when the field did not change', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'same');
    let updates = 0;
    doc.on('update', () => updates++);
    writeFieldToText(text, 'same', {});
    expect(updates).toBe(0);
  });
});
