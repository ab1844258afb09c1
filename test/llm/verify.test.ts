// Verification of LLM claims: every rejection reason on its own, and a good claim kept with the exact range of its
// quote. Pure functions over a small sample; no model, no network.
import { describe, expect, it } from 'vitest';
import { makeSelection } from '../../src/config/selection.js';
import { confidenceFor, severityFor } from '../../src/llm/findings.js';
import type { Claim } from '../../src/llm/types.js';
import { claimOf, claimPillar, locateQuote, namedIdentifier, normaliseQuote, parseCwe, verifyClaim, type VerifyContext } from '../../src/llm/verify.js';
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
  defectType: 707, line: 6, endLine: 6, cwe: 78, quote: 'subprocess.call(user_cmd, shell=True)',
  description: 'user_cmd is passed to a shell, so its metacharacters run as commands.',
  reachability: 'run() takes user_cmd from its caller unchanged', solution: 'Pass a list and drop shell=True.', confidence: 'high',
};

function reason(claim: Partial<Claim>, over: Partial<VerifyContext> = {}): string {
  const verdict = verifyClaim({ ...GOOD, ...claim }, ctx(over));
  return verdict.ok ? 'kept' : verdict.reason;
}

describe('verifyClaim keeps a checkable claim', () => {
  it('with the exact range of the quote on the claimed line', () => {
    expect(verifyClaim(GOOD, ctx())).toEqual({ ok: true, value: { range: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 42 }, pillar: 707 } });
  });

  it('when the quote is part of the line, spaced differently, or carries the prompt gutter', () => {
    const part = verifyClaim({ ...GOOD, quote: 'shell=True', description: 'shell=True runs user_cmd through /bin/sh' }, ctx());
    expect(part).toMatchObject({ ok: true, value: { range: { startLine: 6, startColumn: 31, endLine: 6, endColumn: 41 } } });
    expect(reason({ quote: 'subprocess.call(user_cmd,    shell=True)' })).toBe('kept');
    expect(reason({ quote: '6 | subprocess.call(user_cmd, shell=True)' })).toBe('kept');
  });

  it('narrows a wide claimed span to the lines the quote covers, across line breaks', () => {
    const verdict = verifyClaim({ ...GOOD, line: 4, endLine: 8, quote: 'def run(user_cmd):\n        subprocess.call(user_cmd' }, ctx());
    expect(verdict).toMatchObject({ ok: true, value: { range: { startLine: 5, startColumn: 1, endLine: 6, endColumn: 29 } } });
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

  it('not-selected: a defect type that is not one of the selected pillars or CWEs', () => {
    expect(reason({}, { selection: makeSelection([284], undefined) })).toBe('not-selected');
    expect(reason({ defectType: 74 }, { selection: makeSelection(undefined, [74]) })).toBe('kept');
    expect(reason({ defectType: 707 }, { selection: makeSelection(undefined, [74]) })).toBe('not-selected');
  });

  it('cwe-not-under-pillar: a CWE that View 1000 does not put under the claimed defect type', () => {
    // CWE-290 (spoofing) reads like an interaction defect but lies under access control.
    const spoofing = verifyClaim({ ...GOOD, defectType: 435, cwe: 290 }, ctx());
    expect(spoofing).toEqual({ ok: false, reason: 'cwe-not-under-pillar', detail: 'CWE-290 does not lie under CWE-435 in View 1000 (its pillar is CWE-284)' });
    expect(reason({ defectType: 284, cwe: 290 })).toBe('kept');
    expect(reason({ defectType: 664, cwe: 78 })).toBe('cwe-not-under-pillar');
    // The defect type itself is a CWE under itself.
    expect(reason({ defectType: 707, cwe: 707 })).toBe('kept');
  });

  it('a CWE with parents in two pillars is kept under either, with the pillar the model chose', () => {
    // CWE-209 reaches CWE-664 (through CWE-200) and CWE-703 (through CWE-755); MITRE's primary pillar is CWE-664.
    expect(pillarOf(209)).toBe(664);
    const asExceptional = verifyClaim({ ...GOOD, defectType: 703, cwe: 209 }, ctx());
    expect(asExceptional).toMatchObject({ ok: true, value: { pillar: 703 } });
    expect(verifyClaim({ ...GOOD, defectType: 664, cwe: 209 }, ctx())).toMatchObject({ ok: true, value: { pillar: 664 } });
    expect(reason({ defectType: 707, cwe: 209 })).toBe('cwe-not-under-pillar');
  });

  it('a selected CWE as the defect type gives the pillar it lies under', () => {
    expect(claimPillar(74, 78)).toBe(707);
    expect(claimPillar(707, 78)).toBe(707);
    expect(claimPillar(755, 209)).toBe(703);
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
    expect(claimOf({ line: 6, cwe: 78, quote: 'x', description: 'd', reachability: 'r' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('rejects a claim that does not say why the defect is reachable as no-reachability', () => {
    const base = { defect_type: 707, line: 6, cwe: 78, quote: 'x', description: 'd' };
    expect(claimOf(base)).toMatchObject({ ok: false, reason: 'no-reachability' });
    for (const said of ['  ', 'N/A', 'unknown', 'Not reachable.', '-']) {
      expect(claimOf({ ...base, reachability: said }), said).toMatchObject({ ok: false, reason: 'no-reachability' });
    }
    expect(claimOf({ ...base, reachability: 'the API handler passes x' })).toMatchObject({ ok: true });
  });

  it('reads lenient shapes: CWE-78 strings, missing or backwards end lines, probabilities as confidence', () => {
    const claim = claimOf({ defect_type: 'CWE-707', line: '6', end_line: 2, cwe: 'CWE-78', quote: 'q', description: 'd', reachability: 'r', confidence: 0.9 });
    expect(claim).toEqual({
      ok: true, value: { defectType: 707, line: 6, endLine: 6, cwe: 78, quote: 'q', description: 'd', reachability: 'r', solution: '', confidence: 'high' },
    });
    const ok = { defect_type: 707, line: 6, cwe: 78, quote: 'q', description: 'd', reachability: 'r' };
    expect(claimOf({ ...ok, confidence: 'HIGH' })).toMatchObject({ value: { confidence: 'high' } });
    expect(claimOf(ok)).toMatchObject({ value: { confidence: 'low' } });
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
