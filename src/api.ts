// The library entry point: review(options) → Report. Used by the CLI and by tests; it never prints.
import { makeSelection, type Selection } from './config/selection.js';
import { fingerprintCounts, narrowToChange } from './changes/attribute.js';
import { changedSourceRefs, type ChangeSet } from './changes/changeSet.js';
import { oldVersion } from './changes/diff.js';
import { runFiles, type RunStats } from './engine/runFiles.js';
import { statSignature } from './cache/manifest.js';
import { GitignoreMemo } from './cache/gitignoreMemo.js';
import { applyBaseline, type Baseline } from './findings/baseline.js';
import { coverageOf, fileCoverage } from './findings/coverage.js';
import { dedupeDiagnostics, sortAndDedupe } from './findings/order.js';
import type { Confidence, Diagnostic, Finding, LlmStats, Report, Severity } from './findings/types.js';
import { CONFIDENCES, SEVERITIES } from './findings/types.js';
import { selectRules } from './rulekit/registry.js';
import type { Profile } from './rulekit/profiles.js';
import { DEFAULT_INCLUDE, discover } from './sources/discover.js';
import { languageOf } from './sources/language.js';
import { ruleLanguage } from './rulekit/types.js';
import { readSource } from './sources/read.js';
import { declaredVersionsOf, diskCeilings, diskManifests, diskParent } from './sources/projectManifests.js';
import { DECLARED_VERSIONS_ASKED } from './models/python/declaredVersions.js';
import { dirname, posix } from 'node:path';
import { CWE_VERSION, pillarOf } from './taxonomy/index.js';
import { VERSION } from './version.js';
import { runLlmReview, type LlmFileInput } from './llm/run.js';
import type { LlmOptions } from './llm/types.js';

export interface ReviewOptions {
  paths: string[];
  pillars?: number[];
  cwes?: number[];
  disabledRules?: string[];
  /** Run only these rules (ids), like Ruff's --select. */
  onlyRules?: string[];
  banditCompat?: boolean;
  /** Which rules run when none is named (rulekit/profiles.ts): `default`, or `bandit` to add Bandit-style notices. */
  profile?: Profile;
  minSeverity?: Severity;
  /**
   * Findings below this confidence are counted in `stats.lowConfidenceHidden`, not reported. Default `medium`
   * (DEFAULT_MIN_CONFIDENCE); `low` under `banditCompat`, which reproduces Bandit's report and Bandit shows every
   * confidence.
   */
  minConfidence?: Confidence;
  include?: string[];
  exclude?: string[];
  respectGitignore?: boolean;
  /** Bytes; larger files become a `too-large` diagnostic. */
  maxFileSize?: number;
  /** Keep findings that inline comments suppress, marked `suppressed`. */
  keepSuppressed?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Change review: analyse the changed files (as the change set reads them) with every rule, and report only the
   * findings the change introduced. `paths` then narrows which changed files count.
   */
  change?: ChangeSet;
  /** With `change`: also report pre-existing findings inside functions the change touched, marked `context`. */
  contextFindings?: boolean;
  /** Hide the findings this baseline accepts (by fingerprint and count, not by line). */
  baseline?: Baseline;
  /**
   * Worker threads; 1 analyses in the calling thread. Default: os.availableParallelism(), or the calling thread
   * alone for runs with little source to analyse.
   */
  jobs?: number;
  /** Directory of the per-file result cache; no cache when undefined (the CLI defaults to the user cache, cache/location.ts). */
  cacheDir?: string;
  /** Milliseconds one file may take before it becomes a `timeout` diagnostic (default 30,000). */
  fileTimeoutMs?: number;
  /** Receives engine figures (threads, files analysed, cache hits) for benchmarks and --verbose output. */
  onEngineStats?: (stats: RunStats) => void;
  /** Opt-in LLM second opinion (docs/llm.md); without it no network call is made. */
  llm?: LlmOptions;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
/** Low-confidence findings are mostly shapes the rule could not prove dangerous: shown on request only. */
export const DEFAULT_MIN_CONFIDENCE: Confidence = 'medium';

export async function review(options: ReviewOptions): Promise<Report> {
  const selection: Selection = makeSelection(options.pillars, options.cwes);
  const rules = selectRules({ selection, disabled: options.disabledRules ?? [], banditCompat: options.banditCompat ?? false, profile: options.profile, only: options.onlyRules });
  const change = options.change;
  const { files, diagnostics } = change
    // The change's own diagnostics: patch paths outside the root, edits of the config (changes/changeSet.ts).
    ? { files: changedSourceRefs(change, { paths: options.paths, include: options.include ?? DEFAULT_INCLUDE, exclude: options.exclude ?? [] }), diagnostics: [...change.diagnostics] }
    : await discover(options.paths, {
      include: options.include ?? DEFAULT_INCLUDE,
      exclude: options.exclude ?? [],
      respectGitignore: options.respectGitignore ?? true,
      ...(options.cacheDir !== undefined ? { ignoredMemo: GitignoreMemo.load(options.cacheDir) } : {}),
    });
  const changedSources = new Map<string, string>();
  const before = new Map<string, Map<string, number>>();
  const findings: Finding[] = [];
  const allDiagnostics: Diagnostic[] = [...diagnostics];
  let lines = 0;
  let suppressed = 0;
  const llmInputs: LlmFileInput[] = [];
  // Coverage: a path named but missing, or one a change names outside the root, was selected and not reviewed; the
  // other notes that come with the file list (a changed config) are about files that are reviewed or not Python.
  const unreviewable = diagnostics.filter((d) => coverageOf(d.code) === 'not-reviewed').length;
  const selected = files.length + unreviewable;
  let fullyReviewed = 0;
  let partlyReviewed = 0;
  let notReviewed = unreviewable;
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // What each file's project declares in its manifests (a change review reads them at the reviewed revision).
  const declared = change
    ? await declaredVersionsOf(files.map((f) => parentKey(f.display) ?? ''), files.map(() => ''), DECLARED_VERSIONS_ASKED,
      async (dir, file) => {
        const read = await change.source.read(dir === '' ? file : `${dir}/${file}`, maxBytes);
        return read.ok ? read.text : null;
      }, parentKey)
    : await (async () => {
      const ceilings = diskCeilings(files.map((f) => f.absolute), options.paths);
      return declaredVersionsOf(files.map((f) => dirname(f.absolute)), ceilings, DECLARED_VERSIONS_ASKED, diskManifests(ceilings), diskParent);
    })();
  const { outcomes, stats: engineStats } = await runFiles({
    count: files.length,
    path: (i) => files[i]!.display,
    read: (i) => change ? change.source.read(files[i]!.display, maxBytes) : readSource(files[i]!.absolute, files[i]!.display, maxBytes),
    // The old version's findings tell code the change only moved from code it wrote (see changes/attribute.ts).
    oldText: change ? (i, text) => {
      const fileChange = change.files.find((c) => c.path === files[i]!.display);
      return fileChange ? oldVersion(text, fileChange) : null;
    } : undefined,
    keepText: change !== undefined || options.llm !== undefined,
    // Files read from disk have a stat signature; over the size limit there is none, so the limit is re-applied.
    signature: change ? undefined : async (i) => {
      const s = statSignature(files[i]!.absolute);
      return s && s.size <= maxBytes ? s.signature : undefined;
    },
    size: change ? undefined : (i) => statSignature(files[i]!.absolute)?.size,
    onProgress: options.onProgress,
    declared: (i) => declared[i]!,
  }, {
    rules, keepSuppressed: options.keepSuppressed ?? false, jobs: options.jobs, cacheDir: options.cacheDir,
    fileTimeoutMs: options.fileTimeoutMs,
  });
  options.onEngineStats?.(engineStats);
  // Merged in file order, whichever thread finished first.
  for (const [i, file] of files.entries()) {
    const read = outcomes[i]!;
    if (!read.ok) {
      allDiagnostics.push(read.diagnostic);
      notReviewed++;
    } else {
      if (fileCoverage(true, read.result.diagnostics) === 'full') fullyReviewed++;
      else partlyReviewed++;
      lines += read.lines;
      // Kept for attribution, which may need the extent of the functions a change touched.
      if (change) changedSources.set(file.display, read.text!);
      if (read.old) before.set(file.display, fingerprintCounts(read.old.findings));
      const result = read.result;
      findings.push(...result.findings);
      allDiagnostics.push(...result.diagnostics);
      if (options.llm) {
        llmInputs.push({ file: file.display, text: read.text!, ruleFindings: result.findings, change: change?.files.find((c) => c.path === file.display) });
      }
      suppressed += result.suppressed;
    }
  }
  let llmStats: LlmStats | undefined;
  if (options.llm) {
    const llm = await runLlmReview(llmInputs, selection, options.llm, options.keepSuppressed ?? false);
    findings.push(...llm.findings);
    allDiagnostics.push(...llm.diagnostics);
    suppressed += llm.suppressed;
    llmStats = llm.stats;
  }
  const minSeverity = SEVERITIES.indexOf(options.minSeverity ?? 'low');
  const minConfidence = CONFIDENCES.indexOf(options.minConfidence ?? (options.banditCompat ? 'low' : DEFAULT_MIN_CONFIDENCE));
  const confident = (f: Finding): boolean => CONFIDENCES.indexOf(f.confidence) >= minConfidence;
  const kept = findings.filter((f) => SEVERITIES.indexOf(f.severity) >= minSeverity && confident(f));
  // Only what would otherwise be shown: suppressed findings are counted as suppressed, not as hidden here, and a
  // change review counts only the hidden findings the change introduced.
  const unsure = findings.filter((f) => !confident(f) && SEVERITIES.indexOf(f.severity) >= minSeverity && !f.suppressed);
  const lowConfidenceHidden = change && unsure.length > 0
    ? (await narrowToChange(unsure, change.files, changedSources, { contextFindings: false }, before)).introduced.length
    : unsure.length;
  // Narrow to the change first, then let the baseline's accepted copies go to the findings that are not new, so
  // that a copy the change added stays reported even when an identical accepted one exists.
  let shown = kept;
  let preExisting: number | undefined;
  let baselined: number | undefined;
  if (change) {
    const narrowed = await narrowToChange(kept, change.files, changedSources, { contextFindings: options.contextFindings ?? false }, before);
    const isNew = new Set(narrowed.introduced);
    const remaining = options.baseline ? new Set(applyBaseline(kept, options.baseline, { preferReported: (f) => isNew.has(f) }).kept) : undefined;
    const notAccepted = (f: Finding): boolean => remaining === undefined || remaining.has(f);
    shown = [...narrowed.introduced.filter(notAccepted), ...narrowed.context.filter(notAccepted).map((f) => ({ ...f, context: true }))];
    preExisting = narrowed.hidden;
    if (options.baseline) baselined = narrowed.introduced.length + narrowed.context.length - shown.length;
  } else if (options.baseline) {
    const result = applyBaseline(kept, options.baseline);
    shown = result.kept;
    baselined = result.hidden;
  }
  return {
    tool: { name: 'pillar', version: VERSION, cweVersion: CWE_VERSION },
    selection,
    // C/C++ rules are listed only when a C or C++ file was selected: a Python review's report stays as it was.
    rules: rules.filter((r) => ruleLanguage(r) === 'python' || files.some((f) => languageOf(f.absolute) === ruleLanguage(r))).map((r) => ({
      id: r.meta.id, cwe: r.meta.cwe, pillar: pillarOf(r.meta.cwe)!, severity: r.meta.severity,
      confidence: r.meta.confidence, summary: r.meta.docs.summary, ...(r.meta.bandit ? { bandit: r.meta.bandit } : {}),
      docs: { why: r.meta.docs.why, fix: r.meta.docs.fix, example: r.meta.docs.example, useInstead: r.meta.docs.useInstead, references: r.meta.docs.references },
    })),
    findings: sortAndDedupe(shown),
    diagnostics: dedupeDiagnostics(allDiagnostics),
    stats: {
      files: fullyReviewed + partlyReviewed, lines,
      selected, fullyReviewed, partlyReviewed, notReviewed, ...(change ? { changeReview: true } : {}), suppressed, belowThreshold: findings.length - kept.length, lowConfidenceHidden,
      ...(preExisting !== undefined ? { preExisting } : {}), ...(baselined !== undefined ? { baselined } : {}),
      ...(llmStats ? { llm: llmStats } : {}),
    },
  };
}

/** The directory above a repository-relative path ('' the root), null above the root. */
function parentKey(path: string): string | null {
  if (path === '') return null;
  const up = posix.dirname(path);
  return up === '.' ? '' : up;
}
