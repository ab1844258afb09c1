import { describe, expect, it } from 'vitest';
import { makeSelection, parseCweList, selects } from '../../src/config/selection.js';
import { UsageError } from '../../src/config/errors.js';

describe('defect-type selection', () => {
  it('defaults to the ten pillars', () => {
    expect(makeSelection(undefined, undefined).pillars).toHaveLength(10);
  });

  it('parses pillars and CWEs with or without the CWE- prefix', () => {
    expect(parseCweList(['664', 'CWE-284'], 'pillar')).toEqual([284, 664]);
    expect(parseCweList(['639', 'cwe-78'], 'CWE')).toEqual([78, 639]);
  });

  it('rejects unknown pillars and CWEs with a clear message', () => {
    expect(() => parseCweList(['78'], 'pillar')).toThrow(/not a CWE-1000 pillar/);
    expect(() => parseCweList(['99999'], 'CWE')).toThrow(UsageError);
    expect(() => parseCweList(['abc'], 'CWE')).toThrow(/not a CWE id/);
    expect(() => parseCweList(['16'], 'CWE')).toThrow(/category or view/);
  });

  it('selects a rule when its CWE lies under a selected pillar or CWE', () => {
    expect(selects(makeSelection([707], []), 78)).toBe(true);
    expect(selects(makeSelection([284], []), 78)).toBe(false);
    expect(selects(makeSelection([], [74]), 78)).toBe(true);
    expect(selects(makeSelection([], [639]), 78)).toBe(false);
    expect(selects(makeSelection([284], [78]), 78)).toBe(true);
  });
});
