import { describe, expect, it } from 'vitest';
import { formatAmount, formatCompact, formatShare, isKnownProblem, levelName, problemText, strategyName } from './pyramidText.ts';

describe('pyramidText', () => {
  it('writes amounts and shares in the user’s notation', () => {
    expect(formatAmount('en', 1234567.4)).toBe('1,234,567');
    expect(formatAmount('nl', 1234567.4)).toBe('1.234.567');
    expect(formatAmount('nl', 99.5)).toBe('99,5');
    expect(formatShare('en', 0.005)).toBe('0.5%');
    expect(formatShare('nl', 0.125)).toBe('12,5%');
    expect(formatCompact('en', 137_127_906)).toBe('137M');
  });

  it('names levels and strategies as the method does in each language', () => {
    expect(levelName('nl', 'top')).toBe('Topklanten');
    expect(levelName('en', 'inactive')).toBe('Inactive customers');
    expect(strategyName('nl', 'reduce')).toBe('Afstoten');
    expect(strategyName('nl', 'identify')).toBe('Identificeren');
  });

  it('translates the import’s problem codes with their details', () => {
    expect(problemText('nl', { code: 'revenue_not_a_number', column: 'omzet_huidig', value: 'veel' })).toBe(
      'omzet_huidig “veel” is geen bedrag: schrijf een getal zoals 1250,50, zonder tekst.',
    );
    expect(problemText('en', { code: 'missing_columns', columns: ['name', 'status'] })).toBe('The first line must name the columns; missing: name, status.');
    expect(problemText('nl', { code: 'duplicate_name', name: 'Jansen', firstLine: 3 })).toContain('staat al op regel 3');
    expect(problemText('nl', { code: 'not_utf8' })).toContain('CSV UTF-8');
  });

  it('knows which codes it can translate (a newer server may send others)', () => {
    expect(isKnownProblem({ code: 'status_unknown', value: 'x' })).toBe(true);
    expect(isKnownProblem({ code: 'something_new' })).toBe(false);
    expect(isKnownProblem('status_unknown')).toBe(false);
  });
});
