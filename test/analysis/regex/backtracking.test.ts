import { describe, expect, it } from 'vitest';
import { exponentialBacktracking } from '../../../src/analysis/regex/backtracking.js';

const PLAIN = { ignoreCase: false, dotAll: false, verbose: false };
const search = (p: string, flags = PLAIN) => exponentialBacktracking(p, flags, { whole: false });

describe('exponentialBacktracking', () => {
  it.each([
    ['nested quantifiers', String.raw`(\d+)*x`],
    ['overlapping alternatives in a loop', String.raw`"(?:[^"]|\\.)*"`],
    ['anchored loop of an optional separator', String.raw`^(\w+\s?)*$`],
    ['group that can split a run two ways', String.raw`^(?:[a-z0-9_\-]{1,63}\.?)+(?:[a-z]{2,})$`],
    ['a look-ahead does not hide the ambiguity of the rest', String.raw`(?=^.{1,254}$)(^(?:(?!\d+\.|-)[a-zA-Z0-9_\-]{1,63}(?<!-)\.?)+(?:[a-zA-Z]{2,})$)`],
    ['same alternative twice', '(a|a)*b'],
    ['nested stars', '(a*)*b'],
  ])('reports %s', (_, p) => {
    expect(search(p)).not.toBeNull();
  });

  it.each([
    ['escape excluded from plain text', String.raw`"(?:[^"\\]|\\.)*"`],
    ['unambiguous loop', '(a|ab)*c'],
    ['one quantifier', String.raw`^[a-zA-Z0-9-_]*$`],
    ['polynomial only', String.raw`^\s*(\w+)\s*=\s*(.*?)\s*$`],
    ['loop that may end the match (no failing suffix)', '(a|a)*'],
    ['back-reference (unsupported)', String.raw`(a)\1*`],
    ['atomic group (no backtracking)', '(?>a+)+b'],
    ['possessive quantifier', '(a++)+b'],
    ['not a pattern', '(unclosed'],
  ])('stays silent on %s', (_, p) => {
    expect(search(p)).toBeNull();
  });

  it('reports a loop that may end the match when the whole input must match', () => {
    expect(exponentialBacktracking('(a|a)*', PLAIN, { whole: true })).not.toBeNull();
  });

  it('gives an input that reaches the loop and the text it reads two ways', () => {
    const r = search(String.raw`x"(?:[^"]|\\.)*"`)!;
    expect(r.prefix.startsWith('x"')).toBe(true);
    expect(r.pump).toMatch(/\\/);
  });

  it('reads Python syntax: named groups, \\Z, verbose mode and inline flags', () => {
    expect(search(String.raw`(?P<word>\w+\s?)*\Z`)).not.toBeNull();
    expect(search('(?x) ( a | a ) *  # comment\n b')).not.toBeNull();
    expect(search('(?i)(a|A)*b')).not.toBeNull();
    expect(search('( a | a ) * b')).toBeNull();
  });
});

describe('bounded repetition', () => {
  it('reads x{1,3} one way per run', () => {
    expect(search(String.raw`^::(/\d{1,3})*$`)).toBeNull();
    expect(search(String.raw`^(?:\d{1,3}\.){3}\d{1,3}$`)).toBeNull();
  });

  it('still finds a bounded group that splits a run', () => {
    expect(search(String.raw`^(\d{1,3})*$`)).not.toBeNull();
  });
});
