import { describe, it, expect } from 'vitest';
import { SCALES } from '$shared/canvases/confrontation/confrontationSettings.ts';
import { agreementOf, finishedText, formatScore, noteLine, plural, progressText, scoreLabel, scoreName } from './matrixText.ts';

describe('progressText', () => {
  it('says how many cells of how many are scored, in English and Dutch', () => {
    expect(progressText('en', 12, 25)).toBe('12 of 25 cells scored');
    expect(progressText('nl', 12, 25)).toBe('12 van 25 cellen gescoord');
  });

  it('uses the singular for a matrix of one cell', () => {
    expect(progressText('en', 0, 1)).toBe('0 of 1 cell scored');
    expect(progressText('nl', 1, 1)).toBe('1 van 1 cel gescoord');
  });

  it('uses the plural for an empty matrix', () => {
    expect(progressText('en', 0, 0)).toBe('0 of 0 cells scored');
  });
});

describe('finishedText', () => {
  it('counts the participants who scored every cell', () => {
    expect(finishedText('en', 2, 3)).toBe('2 of 3 participants finished');
    expect(finishedText('en', 1, 1)).toBe('1 of 1 participant finished');
    expect(finishedText('nl', 0, 4)).toBe('0 van 4 deelnemers klaar');
  });
});

describe('plural', () => {
  it('passes the count as a parameter', () => {
    expect(plural('en', 'matrix.cell.count', 1)).toBe('1 score');
    expect(plural('nl', 'matrix.options.chosenCount', 2)).toBe('2 opties gekozen');
  });

  it('falls back to English wording for a language without a catalogue', () => {
    expect(plural('de', 'matrix.cell.count', 3)).toBe('3 scores');
  });
});

describe('formatScore', () => {
  it('shows one decimal in the notation of the language', () => {
    expect(formatScore('en', 1.6667)).toBe('1.7');
    expect(formatScore('nl', 1.6667)).toBe('1,7');
    expect(formatScore('en', 2)).toBe('2.0');
    expect(formatScore('nl', -1.25)).toBe('-1,3');
  });

  it('never shows a negative zero', () => {
    expect(formatScore('en', -0.04)).toBe('0.0');
  });
});

describe('scores', () => {
  it('labels scores as the scale does and names them for screen readers', () => {
    expect(scoreLabel(SCALES['-2..2'], -2)).toBe('--');
    expect(scoreLabel(SCALES['0..2'], 1)).toBe('+');
    expect(scoreName('en', 2)).toBe('++ (strongly related)');
    expect(scoreName('nl', -1)).toBe('- (negatief)');
  });
});

describe('agreementOf', () => {
  it('reads the disagreement flag as low agreement', () => {
    expect(agreementOf({ count: 3, stdev: 0.94, disagreement: true })).toBe('low');
  });

  it('calls a spread below half a step high agreement, and more some spread', () => {
    expect(agreementOf({ count: 4, stdev: 0.43, disagreement: false })).toBe('high');
    expect(agreementOf({ count: 2, stdev: 0.5, disagreement: false })).toBe('medium');
  });

  it('says nothing about agreement with one score or none', () => {
    expect(agreementOf({ count: 1, stdev: 0, disagreement: false })).toBe('single');
    expect(agreementOf({ count: 0, stdev: null, disagreement: false })).toBe('none');
  });
});

describe('noteLine', () => {
  it('puts a note on one line and names an empty one', () => {
    expect(noteLine('en', ' Strong\n brand ')).toBe('Strong brand');
    expect(noteLine('nl', '  ')).toBe('(lege notitie)');
  });
});
