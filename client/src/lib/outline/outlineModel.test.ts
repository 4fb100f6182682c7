import { describe, it, expect } from 'vitest';
import { frameName, outlineSections } from './outlineModel.ts';
import { sevensTemplate } from '$shared/canvases/sevens/sevensLayout.ts';
import { translate } from '$shared/i18n/index.ts';
import { swotTemplate } from '$shared/templates/swot.ts';
import type { Note } from '$shared/board/schema.ts';

const note = (id: string, frame: string, createdAt: number): Note => ({ id, frame, createdAt, text: id, x: 0, y: 0, color: 'yellow', author: 'A', z: 'a0' });

describe('outlineSections', () => {
  it('has one section per quadrant in template order, even when empty', () => {
    const s = outlineSections(swotTemplate, []);
    expect(s.map((x) => x.frame?.id)).toEqual(['swot.strengths', 'swot.weaknesses', 'swot.opportunities', 'swot.threats']);
  });
  it('puts each note in its quadrant in creation order', () => {
    const s = outlineSections(swotTemplate, [note('b', 'swot.threats', 2), note('a', 'swot.threats', 1), note('c', 'swot.strengths', 3)]);
    expect(s[3].notes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(s[0].notes.map((n) => n.id)).toEqual(['c']);
  });
  it('keeps notes of unknown frames in a last section', () => {
    const s = outlineSections(swotTemplate, [note('x', 'pyramid.top', 1)]);
    expect(s).toHaveLength(5);
    expect(s[4]).toMatchObject({ frame: null });
    expect(s[4].notes[0].id).toBe('x');
  });
});

describe('frameName', () => {
  it('adds the hint only where another region has the same label', () => {
    const en = (key: Parameters<typeof translate>[1]) => translate('en', key);
    expect(frameName(sevensTemplate, sevensTemplate.frames[0], en)).toBe('Strategy · Current');
    expect(frameName(sevensTemplate, sevensTemplate.frames[1], en)).toBe('Strategy · Desired');
    expect(frameName(swotTemplate, swotTemplate.frames[0], en)).toBe('Strengths');
  });
});
