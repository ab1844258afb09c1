// The verdict behind the exit status and the closing sentence (issue 18): which diagnostics mean a file was not
// reviewed or only partly, and when a run is clean, incomplete or reviewed nothing.
import { describe, expect, it } from 'vitest';
import { COVERAGE, fileCoverage, verdictOf } from '../../src/findings/coverage.js';
import type { Diagnostic, Finding, Report } from '../../src/findings/types.js';
import { exitStatus } from '../../src/cli/exitCodes.js';
import { closingSentence, NO_DEFECTS } from '../../src/reporters/common.js';

type Stats = Report['stats'];

function report(stats: Partial<Stats>, diagnostics: Diagnostic[] = [], findings: Finding[] = []): Report {
  return {
    tool: { name: 'pillar', version: '0', cweVersion: '4.15' }, selection: { pillars: [], cwes: [] }, rules: [], findings, diagnostics,
    stats: { files: 0, lines: 0, suppressed: 0, belowThreshold: 0, selected: 0, fullyReviewed: 0, partlyReviewed: 0, notReviewed: 0, ...stats },
  };
}

const diag = (code: Diagnostic['code']): Diagnostic => ({ file: 'a.py', code, message: code });
const finding = { ruleId: 'r', cwe: 78, pillar: 707, severity: 'high', confidence: 'high', file: 'a.py', range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, message: 'm', remediation: 'r', fingerprint: 'f', snippet: 's' } satisfies Finding;

describe('coverage classification', () => {
  it('classifies every diagnostic code; only the LLM and suppression notes are informational', () => {
    expect(Object.entries(COVERAGE).filter(([, c]) => c === 'informational').map(([code]) => code).sort())
      .toEqual(['config-changed', 'llm-bad-answer', 'llm-error', 'llm-skipped', 'unknown-suppression']);
    for (const code of ['binary', 'too-large', 'encoding', 'unreadable', 'not-found', 'symlink-loop', 'unsupported', 'outside-root'] as const) expect(COVERAGE[code]).toBe('not-reviewed');
    for (const code of ['syntax-error', 'rule-error', 'timeout'] as const) expect(COVERAGE[code]).toBe('partly-reviewed');
  });

  it('a file with a result is partly reviewed when a non-informational diagnostic is on it', () => {
    expect(fileCoverage(true, [])).toBe('full');
    expect(fileCoverage(true, [diag('llm-error')])).toBe('full');
    expect(fileCoverage(true, [diag('timeout')])).toBe('partly');
    expect(fileCoverage(false, [])).toBe('none');
  });
});

describe('verdict, exit status and closing sentence', () => {
  const cases: Array<[string, Report, boolean, number]> = [
    ['clean', report({ files: 2, selected: 2, fullyReviewed: 2 }), false, 0],
    ['findings win over everything', report({ selected: 1, notReviewed: 1 }, [diag('binary')], [finding]), true, 1],
    ['context findings do not count', report({ files: 1, selected: 1, fullyReviewed: 1, changeReview: true }, [], [{ ...finding, context: true }]), false, 0],
    ['nothing reviewed', report({ selected: 2, notReviewed: 2 }, [diag('binary'), diag('too-large')]), false, 5],
    ['nothing selected in a tree review', report({}), false, 5],
    ['a change with no reviewable file', report({ changeReview: true }), false, 0],
    ['a change whose files could not be read', report({ changeReview: true, selected: 1, notReviewed: 1 }, [diag('encoding')]), false, 5],
    ['a rule failed: always incomplete', report({ files: 1, selected: 1, partlyReviewed: 1 }, [diag('rule-error')]), false, 6],
    ['a timeout with a result: always incomplete', report({ files: 1, selected: 1, partlyReviewed: 1 }, [diag('timeout')]), false, 6],
    ['the engine gave up on a file (too deep, out of memory): always incomplete', report({ files: 1, selected: 2, fullyReviewed: 1, notReviewed: 1 }, [diag('unsupported')]), false, 6],
    ['a file not reviewed, without the flag', report({ files: 1, selected: 2, fullyReviewed: 1, notReviewed: 1 }, [diag('binary')]), false, 0],
    ['a file not reviewed, with --fail-on-diagnostics', report({ files: 1, selected: 2, fullyReviewed: 1, notReviewed: 1 }, [diag('binary')]), true, 6],
    ['a syntax error, with --fail-on-diagnostics', report({ files: 1, selected: 1, partlyReviewed: 1 }, [diag('syntax-error')]), true, 6],
    ['LLM diagnostics never fail the run', report({ files: 1, selected: 1, fullyReviewed: 1 }, [diag('llm-error')]), true, 0],
  ];
  it.each(cases)('%s', (_, r, failOnDiagnostics, status) => {
    const verdict = verdictOf(r, { failOnDiagnostics });
    expect(exitStatus(verdict)).toBe(status);
    const { text } = closingSentence(r, { failOnDiagnostics });
    // The clean sentence only with status 0, at least one file reviewed, none left unreviewed, and nothing hidden or
    // shown as context.
    const mayBeClean = status === 0 && r.stats.files > 0 && r.stats.notReviewed === 0 && !r.findings.some((f) => f.context);
    if (!mayBeClean) expect(text).not.toContain(NO_DEFECTS);
    else expect(text).toBe(NO_DEFECTS);
  });

  it('says how many findings the baseline hid', () => {
    const r = report({ files: 1, selected: 1, fullyReviewed: 1, baselined: 3 });
    expect(closingSentence(r).text).toBe('3 findings hidden by the baseline; no other security defects are detected in the code.');
  });
});
