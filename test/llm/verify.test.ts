// Verification of LLM claims: every rejection reason on its own, and a good claim kept with the exact range of its
// quote. Pure functions over a small sample; no model, no network.
import { describe, expect, it } from 'vitest';
import { makeSelection } from '../../src/config/selection.js';
import { confidenceFor, severityFor } from '../../src/llm/findings.js';
import type { Claim } from '../../src/llm/types.js';
import { claimOf, locateQuote, namedIdentifier, normaliseQuote, parseCwe, verifyClaim, type VerifyContext } from '../../src/llm/verify.js';
import { cweExists, pillarOf } from '../../src/taxonomy/index.js';

const CODE = [
  'import subprocess',
  'import os',
  '',
  '',
  'def run(user_cmd):',
  '    subprocess.call(user_cmd, shell=True)',
  '',
  '',
  'def read(path):',
  "    return open(os.path.join('/srv', path)).read()",
];

const ALL = makeSelection(undefined, undefined);
const ctx = (over: Partial<VerifyContext> = {}): VerifyContext => ({
  lines: CODE, lineCount: CODE.length, shown: [{ start: 1, end: CODE.length }], selection: ALL, ...over,
});

const GOOD: Claim = {
  line: 6, endLine: 6, cwe: 78, quote: 'subprocess.call(user_cmd, shell=True)',
  description: 'user_cmd is passed to a shell, so its metacharacters run as commands.',
  solution: 'Pass a list and drop shell=True.', confidence: 'high',
};

function reason(claim: Partial<Claim>, over: Partial<VerifyContext> = {}): string {
  const verdict = verifyClaim({ ...GOOD, ...claim }, ctx(over));
  return verdict.ok ? 'kept' : verdict.reason;
}

describe('verifyClaim keeps a checkable claim', () => {
  it('with the exact range of the quote on the claimed line', () => {
    expect(verifyClaim(GOOD, ctx())).toEqual({ ok: true, value: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 42 } });
  });

  it('when the quote is part of the line, spaced differently, or carries the prompt gutter', () => {
    const part = verifyClaim({ ...GOOD, quote: 'shell=True', description: 'shell=True runs user_cmd through /bin/sh' }, ctx());
    expect(part).toEqual({ ok: true, value: { startLine: 6, startColumn: 31, endLine: 6, endColumn: 41 } });
    expect(reason({ quote: 'subprocess.call(user_cmd,    shell=True)' })).toBe('kept');
    expect(reason({ quote: '6 | subprocess.call(user_cmd, shell=True)' })).toBe('kept');
  });

  it('narrows a wide claimed span to the lines the quote covers, across line breaks', () => {
    const verdict = verifyClaim({ ...GOOD, line: 4, endLine: 8, quote: 'def run(user_cmd):\n        subprocess.call(user_cmd' }, ctx());
    expect(verdict).toEqual({ ok: true, value: { startLine: 5, startColumn: 1, endLine: 6, endColumn: 29 } });
  });
});

describe('verifyClaim rejects', () => {
  it('no-such-line: a line past the end of the file', () => {
    expect(reason({ line: 40, endLine: 41 })).toBe('no-such-line');
  });

  it('outside-excerpt: a line the model was not shown', () => {
    expect(reason({}, { shown: [{ start: 1, end: 5 }] })).toBe('outside-excerpt');
  });

  it('wrong-lines: the quote exists, but elsewhere, and says where', () => {
    const verdict = verifyClaim({ ...GOOD, line: 10, endLine: 10 }, ctx());
    expect(verdict).toMatchObject({ ok: false, reason: 'wrong-lines' });
    expect(!verdict.ok && verdict.detail).toContain('line 6');
  });

  it('invented-quote: code that is nowhere in the file', () => {
    expect(reason({ quote: 'os.system(user_cmd)' })).toBe('invented-quote');
    // Near misses count as invented: an exact copy is the bar.
    expect(reason({ quote: 'subprocess.call(user_cmd, shell=1)' })).toBe('invented-quote');
  });

  it('unknown-cwe: an id MITRE does not have, or a category', () => {
    expect(cweExists(99999)).toBe(false);
    expect(reason({ cwe: 99999 })).toBe('unknown-cwe');
    expect(cweExists(16) && pillarOf(16) === null).toBe(true);
    expect(reason({ cwe: 16 })).toBe('unknown-cwe');
  });

  it('not-selected: a CWE outside the selected pillars or CWEs', () => {
    expect(reason({}, { selection: makeSelection([284], undefined) })).toBe('not-selected');
    expect(reason({}, { selection: makeSelection(undefined, [74]) })).toBe('kept');
  });

  it('vague: a description that names nothing in the quoted code', () => {
    expect(reason({ description: 'Ensure proper access control and input validation.' })).toBe('vague');
    expect(reason({ description: 'A shell command injection is possible here.' })).toBe('kept');
  });
});

describe('claim shapes and matching helpers', () => {
  it('rejects entries without a usable line, CWE, quote or description as malformed', () => {
    expect(claimOf('line 6 is bad')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(claimOf({ line: 'six', cwe: 78, quote: 'x', description: 'd' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(claimOf({ line: 6, cwe: 'injection', quote: 'x', description: 'd' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(claimOf({ line: 6, cwe: 78, quote: '  ', description: 'd' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(claimOf({ line: 6, cwe: 78, quote: 'x', description: '' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('reads lenient shapes: CWE-78 strings, missing or backwards end lines, probabilities as confidence', () => {
    const claim = claimOf({ line: '6', end_line: 2, cwe: 'CWE-78', quote: 'q', description: 'd', confidence: 0.9 });
    expect(claim).toEqual({ ok: true, value: { line: 6, endLine: 6, cwe: 78, quote: 'q', description: 'd', solution: '', confidence: 'high' } });
    expect(claimOf({ line: 6, cwe: 78, quote: 'q', description: 'd', confidence: 'HIGH' })).toMatchObject({ value: { confidence: 'high' } });
    expect(claimOf({ line: 6, cwe: 78, quote: 'q', description: 'd' })).toMatchObject({ value: { confidence: 'low' } });
    expect(parseCwe('cwe 22')).toBe(22);
    expect(parseCwe(78.5)).toBeNull();
  });

  it('normalises whitespace in quotes and strips a gutter only when every line has one', () => {
    expect(normaliseQuote('  a =\n\t b  ')).toBe('a = b');
    expect(normaliseQuote(' 5 | def f():\n 6 +     return 1')).toBe('def f(): return 1');
    expect(normaliseQuote('x = 1 | 2\ny = 3')).toBe('x = 1 | 2 y = 3');
    expect(locateQuote(CODE, 1, 2, 'import os')).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 10 });
  });

  it('counts one-letter names only in backticks, and ignores keywords and self', () => {
    expect(namedIdentifier('s reaches eval unchecked', 'f(s)')).toBeNull();
    expect(namedIdentifier('`s` reaches f unchecked', 'f(s)')).toBe('s');
    expect(namedIdentifier('the self object is returned None', 'return self.None_')).toBeNull();
    expect(namedIdentifier('PATH is joined unchecked', 'os.path.join(base, path)')).toBe('path');
  });
});

describe('what a kept claim becomes', () => {
  it('never claims more than medium confidence', () => {
    expect(confidenceFor('high')).toBe('medium');
    expect(confidenceFor('low')).toBe('low');
  });

  it("takes the severity of pillar's rules for the CWE, else the pillar's", () => {
    expect(severityFor(78)).toBe('high');
    expect(severityFor(1333)).toBe('medium');
    expect(pillarOf(248)).toBe(691);
    expect(severityFor(248)).toBe('medium');
  });
});
