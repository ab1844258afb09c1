// How much of the selected code a review covered, and the verdict that follows (findings, clean, nothing
// reviewed, incomplete). The one place that says what each diagnostic code means for coverage; the CLI maps the
// verdict to an exit status and the reporters to their closing sentence, so the two can never disagree.
import type { Diagnostic, DiagnosticCode, Finding, Report } from './types.js';

/**
 * - `not-reviewed`: the file was selected but no rule ran on it.
 * - `partly-reviewed`: rules ran, but part of the file or part of the analysis is missing.
 * - `informational`: says something about the run (the opt-in LLM review), not about rule coverage.
 */
export type Coverage = 'not-reviewed' | 'partly-reviewed' | 'informational';

/** A Record, not a switch: adding a DiagnosticCode without classifying it here fails to compile. */
export const COVERAGE: Readonly<Record<DiagnosticCode, Coverage>> = {
  'not-found': 'not-reviewed',
  unreadable: 'not-reviewed',
  binary: 'not-reviewed',
  encoding: 'not-reviewed',
  'too-large': 'not-reviewed',
  'symlink-loop': 'not-reviewed',
  // The engine gave up on the file (stack exhausted, parser out of memory).
  unsupported: 'not-reviewed',
  // The parser skipped a region; the rest of the file was analysed.
  'syntax-error': 'partly-reviewed',
  // One rule failed on the file; the others ran.
  'rule-error': 'partly-reviewed',
  // With a result (the rules that finished): partly; without one the file's outcome is a failure, so not reviewed.
  timeout: 'partly-reviewed',
  // Never read: a patch path or a symbolic link that leads outside the reviewed root.
  'outside-root': 'not-reviewed',
  // The change edits a pillar config file; the review ran under the base revision's config and the file was reviewed.
  'config-changed': 'informational',
  // A `# pillar: ignore[...]` names an id that is neither a rule nor a CWE: the file was reviewed in full.
  'unknown-suppression': 'informational',
  // C/C++: `#else`/`#elif` branches were blanked before parsing; the rest of the file was analysed.
  'preprocessor-skipped': 'partly-reviewed',
  'llm-error': 'informational',
  'llm-bad-answer': 'informational',
  'llm-skipped': 'informational',
};

/** Codes that mean an analysis could not finish: the run is incomplete (exit 6) even without --fail-on-diagnostics. */
const ANALYSIS_FAILED: ReadonlySet<DiagnosticCode> = new Set(['rule-error', 'timeout', 'unsupported']);

export function coverageOf(code: DiagnosticCode): Coverage {
  return COVERAGE[code];
}

export interface CoverageCounts {
  /** Files selected for review (found under the paths, or changed by the change, and included). */
  selected: number;
  fullyReviewed: number;
  partlyReviewed: number;
  notReviewed: number;
}

/** Counts one file's coverage: `analysed` false when no rule ran, else from the diagnostics on that file. */
export function fileCoverage(analysed: boolean, diagnostics: readonly Diagnostic[]): 'full' | 'partly' | 'none' {
  if (!analysed) return 'none';
  return diagnostics.some((d) => COVERAGE[d.code] !== 'informational') ? 'partly' : 'full';
}

export type Verdict =
  /** At least one finding at or above the thresholds (exit 1). */
  | 'findings'
  /** Files were selected and none could be reviewed, or a whole-tree review selected none (exit 5). */
  | 'nothing-reviewed'
  /** No findings, but an analysis did not finish, or (with failOnDiagnostics) some file was not fully reviewed (exit 6). */
  | 'incomplete'
  /** A change review whose change touches no reviewable file (exit 0, but not the clean sentence). */
  | 'no-reviewable-change'
  /** No findings, at least one file reviewed (exit 0). */
  | 'clean';

export interface VerdictOptions {
  /** Any file not reviewed or only partly reviewed makes the run incomplete (`--fail-on-diagnostics`). */
  failOnDiagnostics?: boolean;
}

/** Findings that count: not suppressed inline, and not pre-existing context in a change review. */
export function countingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.suppressed && !f.context);
}

export function verdictOf(report: Report, options: VerdictOptions = {}): Verdict {
  if (countingFindings(report.findings).length > 0) return 'findings';
  const s = report.stats;
  const reviewed = s.fullyReviewed + s.partlyReviewed;
  if (reviewed === 0) return s.changeReview && s.selected === 0 ? 'no-reviewable-change' : 'nothing-reviewed';
  if (report.diagnostics.some((d) => ANALYSIS_FAILED.has(d.code))) return 'incomplete';
  if (options.failOnDiagnostics && (s.partlyReviewed > 0 || s.notReviewed > 0)) return 'incomplete';
  return 'clean';
}
