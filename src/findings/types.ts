// The shapes that flow from rules to reporters: findings, per-file diagnostics and the report.
// No behaviour here, so every stage can import it without pulling in another stage.

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Confidence = 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

/** 1-based lines and columns, end inclusive of the last character's line, end column exclusive. */
export interface Range { startLine: number; startColumn: number; endLine: number; endColumn: number }

export interface Location { file: string; range: Range; message: string }

export interface Finding {
  ruleId: string;
  cwe: number;
  pillar: number;
  severity: Severity;
  confidence: Confidence;
  file: string;
  range: Range;
  message: string;
  remediation: string;
  evidence?: Location[];
  fingerprint: string;
  /** The source lines of the range (for code frames); capped, never used for matching. */
  snippet: string;
  bandit?: string;
  /** Set when an inline comment suppressed it and the run keeps suppressed findings (`--no-suppress`). */
  suppressed?: boolean;
  /** Change review with `--context-findings`: pre-existing, shown because the change touched its function. */
  context?: boolean;
  /** Where the finding came from when not a rule: `llm` for a verified LLM claim (rule id `llm-review`). */
  source?: 'llm';
  /** A rule's finding that the opt-in LLM review reported too (same pillar, overlapping lines). */
  corroboratedBy?: 'llm';
}

export type DiagnosticCode =
  | 'not-found' | 'unreadable' | 'binary' | 'encoding' | 'too-large' | 'symlink-loop'
  | 'syntax-error' | 'rule-error' | 'unsupported'
  // The file took longer than --file-timeout: with a result, the rules that finished were kept (partly reviewed);
  // without one the file was not reviewed. Either way the run is incomplete (exit 6).
  | 'timeout'
  // Not reviewed, never read: a patch path or a symbolic link that leads outside the reviewed root.
  | 'outside-root'
  // Change review: the change adds or edits a pillar config file; the review ran under the base revision's config
  // (the file itself was reviewed as usual, so this is a notice, not a gap in coverage).
  | 'config-changed'
  // A `# pillar: ignore[...]` comment names an id that is neither a known rule nor a CWE, so it suppresses nothing.
  | 'unknown-suppression'
  // C/C++: branches of `#if` groups the preprocessing blanked (only the first branch of each group is analysed).
  | 'preprocessor-skipped'
  // The opt-in LLM review (docs/llm.md): the endpoint failed, answered unusably, or the file was not sent.
  | 'llm-error' | 'llm-bad-answer' | 'llm-skipped';

export interface Diagnostic {
  file: string;
  code: DiagnosticCode;
  message: string;
  line?: number;
  column?: number;
}

export interface RuleSummary {
  id: string; cwe: number; pillar: number; severity: Severity; confidence: Confidence; bandit?: string; summary: string;
  /** Rule documentation, for reporters that embed help (SARIF rule descriptors, HTML). */
  docs: { why: string; fix: string; example: string; useInstead: string; references: string[] };
}

export interface Report {
  tool: { name: 'pillar'; version: string; cweVersion: string };
  /** What was considered: the pillars and CWEs selected, as given (defaults: the ten pillars). */
  selection: { pillars: number[]; cwes: number[] };
  rules: RuleSummary[];
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: {
    /** Files reviewed, fully or partly (= fullyReviewed + partlyReviewed); `lines` counts their lines. */
    files: number; lines: number; suppressed: number; belowThreshold: number;
    /**
     * Findings not reported because their confidence is below `--min-confidence` (default medium), though their
     * severity passes: the report says how many, and that `--min-confidence low` shows them.
     */
    lowConfidenceHidden?: number;
    /** Files selected for review: found under the paths (or changed by the change) and included. */
    selected: number;
    /** Every selected rule ran on the whole file. */
    fullyReviewed: number;
    /** Rules ran, but a region could not be parsed, a rule failed, or the time limit cut the analysis short. */
    partlyReviewed: number;
    /** Selected, but no rule ran on it: binary, too large, undecodable, unreadable, timed out without result… */
    notReviewed: number;
    /** Set on a change review (`--diff`/`--patch`): an empty selection then means the change touches no reviewable file. */
    changeReview?: boolean;
    /** Change review: findings in the changed files that the change did not introduce (not shown). */
    preExisting?: number;
    /** `--baseline`: findings hidden because the baseline already holds them. */
    baselined?: number;
    /** The opt-in LLM review, when it ran. */
    llm?: LlmStats;
  };
}

/** Why an LLM claim was dropped; see docs/llm.md for each rule. */
export type LlmRejectReason =
  | 'malformed' | 'no-reachability' | 'no-such-line' | 'outside-excerpt' | 'wrong-lines' | 'invented-quote'
  | 'unknown-cwe' | 'not-selected' | 'cwe-not-under-pillar' | 'vague' | 'duplicate' | 'below-confidence' | 'over-file-cap';

export interface LlmStats {
  model: string;
  /** Pieces of code sent (a file, a part of a long file, or a change's hunks with their functions). */
  units: number;
  /** HTTP requests made or replayed, retries included. */
  requests: number;
  /** Tokens counted from the responses' `usage` (estimated at 4 characters a token where a server omits it). */
  tokens: number;
  /** Claims that became `llm-review` findings. */
  kept: number;
  /** Claims merged into a rule's finding on the same lines and pillar. */
  corroborated: number;
  rejected: Partial<Record<LlmRejectReason, number>>;
  /** Units the endpoint failed on or answered unusably. */
  failed: number;
  /** Units not sent: token budget used up, or the endpoint failed fatally earlier in the run. */
  skipped: number;
}
