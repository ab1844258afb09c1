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
    expect(r.loop).toBe(String.raw`(?:[^"]|\\.)*`);
  });

  it('names the repetition that is ambiguous on its own, not the inner one the loop reads', () => {
    expect(search(String.raw`(\d+)*x`)!.loop).toBe(String.raw`(\d+)*`);
    expect(search(String.raw`^(?:[a-z0-9_\-]{1,63}\.?)+(?:[a-z]{2,})$`)!.loop).toBe(String.raw`(?:[a-z0-9_\-]{1,63}\.?)+`);
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

describe('a way out of the loop', () => {
  it('is no blow-up when the pattern may end inside the loop and need not reach the end of the input', () => {
    // html.parser's tolerant start-tag pattern: every attribute boundary can end the match.
    expect(search(String.raw`<[a-z]+(?:\s+(?:[a-z]+(?:\s*=\s*(?:"[^"]*"|[^>\s]*))?)(?:\s|/)*)*\s*`)).toBeNull();
    expect(search(String.raw`\d+((-\d+)?(,\d+)?)*`)).toBeNull();
  });

  it('is a blow-up when the whole input must match', () => {
    expect(exponentialBacktracking(String.raw`\d+((-\d+)?(,\d+)?)*`, PLAIN, { whole: true })).not.toBeNull();
  });
});

describe('another branch ending the match', () => {
  it('is no blow-up when reading the repeated text another way reaches the end of the pattern', () => {
    // docutils' optional-argument pattern: `\]` is read two ways, but `\` as plain text and `]` as the closing
    // bracket ends the match first.
    expect(search(String.raw`\s*\[(?P<optarg>(\\]|[^\[\]]|\\])*)\](?P<remainder>.*)`)).toBeNull();
    expect(search(String.raw`\s*\[((\\]|[^\[\]\\]|\\])*)\]x`)).not.toBeNull();
    // With `.*$` the rest must reach the end of a line: a newline and one more character fail it (CPython confirms).
    expect(search(String.raw`\s*\[(?P<optarg>(\\]|[^\[\]]|\\])*)\](?P<remainder>.*$)`)).not.toBeNull();
  });
});
