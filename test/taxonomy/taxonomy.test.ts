// The pillar of a CWE comes from MITRE's View-1000 ChildOf walk; the committed table must match the generator.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTable, TABLE_PATH } from '../../scripts/generate-taxonomy.js';
import { ancestorsOf, cweName, isWithin, PILLARS, pillarOf } from '../../src/taxonomy/index.js';

describe('taxonomy', () => {
  it('has the ten CWE-1000 pillars', () => {
    expect(PILLARS).toEqual([284, 435, 664, 682, 691, 693, 697, 703, 707, 710]);
  });

  it.each([
    [639, 284], [459, 664], [78, 707], [754, 703], [190, 682], [327, 693], [295, 284], [798, 284],
    [502, 664], [208, 664], [705, 691], [1025, 697], [439, 435], [284, 284], [22, 664], [89, 707], [532, 664],
  ])('CWE-%i is under pillar %i', (cwe, pillar) => {
    expect(pillarOf(cwe)).toBe(pillar);
  });

  it('walks the Primary parent first when a CWE has several', () => {
    // CWE-20 (Improper Input Validation) is ChildOf 707 (Primary) only; CWE-1284 is under 20.
    expect(pillarOf(1284)).toBe(707);
    expect(isWithin(1284, 20)).toBe(true);
  });

  it('has no pillar for categories and views', () => {
    expect(pillarOf(16)).toBeNull();
    expect(pillarOf(1000)).toBeNull();
  });

  it('names CWEs', () => {
    expect(cweName(78)).toMatch(/OS Command Injection/);
    expect(cweName(707)).toBe('Improper Neutralization');
    expect(ancestorsOf(78)[0]).toBe(78);
  });

  it('committed table equals what the generator derives from cwe-sdk', () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(renderTable());
  });
});
