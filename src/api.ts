// The library entry point: review(options) → Report. Used by the CLI and by tests; it never prints.
import { makeSelection, type Selection } from './config/selection.js';
import { fingerprintCounts, narrowToChange } from './changes/attribute.js';
import { changedSourceRefs, type ChangeSet } from './changes/changeSet.js';
import { oldVersion } from './changes/diff.js';
import { analyzePython } from './engine/analyzePython.js';
import { applyBaseline, type Baseline } from './findings/baseline.js';
import { compareDiagnostics, sortAndDedupe } from './findings/order.js';
import type { Confidence, Diagnostic, Finding, Report, Severity } from './findings/types.js';
import { CONFIDENCES, SEVERITIES } from './findings/types.js';
import { selectRules } from './rules/registry.js';
import { DEFAULT_INCLUDE, discover } from './sources/discover.js';
import { readSource } from './sources/read.js';
import { CWE_VERSION, pillarOf } from './taxonomy/index.js';
import { VERSION } from './version.js';

export interface ReviewOptions {
  paths: string[];
  pillars?: number[];
  cwes?: number[];
  disabledRules?: string[];
  /** Run only these rules (ids), like Ruff's --select. */
  onlyRules?: string[];
  banditCompat?: boolean;
  minSeverity?: Severity;
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
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export async function review(options: ReviewOptions): Promise<Report> {
  const selection: Selection = makeSelection(options.pillars, options.cwes);
  const rules = selectRules({ selection, disabled: options.disabledRules ?? [], banditCompat: options.banditCompat ?? false, only: options.onlyRules });
  const change = options.change;
  const { files, diagnostics } = change
    ? { files: changedSourceRefs(change, { paths: options.paths, include: options.include ?? DEFAULT_INCLUDE, exclude: options.exclude ?? [] }), diagnostics: [] }
    : await discover(options.paths, {
      include: options.include ?? DEFAULT_INCLUDE,
      exclude: options.exclude ?? [],
      respectGitignore: options.respectGitignore ?? true,
    });
  const changedSources = new Map<string, string>();
  const before = new Map<string, Map<string, number>>();
  const findings: Finding[] = [];
  const allDiagnostics: Diagnostic[] = [...diagnostics];
  let lines = 0;
  let suppressed = 0;
  let reviewed = 0;
  for (const [i, file] of files.entries()) {
    const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const read = change ? await change.source.read(file.display, maxBytes) : await readSource(file.absolute, file.display, maxBytes);
    if (!read.ok) {
      allDiagnostics.push(read.diagnostic);
    } else {
      reviewed++;
      lines += countLines(read.text);
      // Kept for attribution, which may need the extent of the functions a change touched.
      if (change) changedSources.set(file.display, read.text);
      if (change) {
        // The old version's findings tell code the change only moved from code it wrote (see changes/attribute.ts).
        const fileChange = change.files.find((c) => c.path === file.display);
        const old = fileChange ? oldVersion(read.text, fileChange) : null;
        if (old) before.set(file.display, fingerprintCounts((await analyzePython(file.display, old, rules, { keepSuppressed: false })).findings));
      }
      const result = await analyzePython(file.display, read.text, rules, { keepSuppressed: options.keepSuppressed ?? false });
      findings.push(...result.findings);
      allDiagnostics.push(...result.diagnostics);
      suppressed += result.suppressed;
    }
    options.onProgress?.(i + 1, files.length);
  }
  const minSeverity = SEVERITIES.indexOf(options.minSeverity ?? 'low');
  const minConfidence = CONFIDENCES.indexOf(options.minConfidence ?? 'low');
  const kept = findings.filter((f) => SEVERITIES.indexOf(f.severity) >= minSeverity && CONFIDENCES.indexOf(f.confidence) >= minConfidence);
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
    rules: rules.map((r) => ({
      id: r.meta.id, cwe: r.meta.cwe, pillar: pillarOf(r.meta.cwe)!, severity: r.meta.severity,
      confidence: r.meta.confidence, summary: r.meta.docs.summary, ...(r.meta.bandit ? { bandit: r.meta.bandit } : {}),
      docs: { why: r.meta.docs.why, fix: r.meta.docs.fix, example: r.meta.docs.example, useInstead: r.meta.docs.useInstead, references: r.meta.docs.references },
    })),
    findings: sortAndDedupe(shown),
    diagnostics: allDiagnostics.sort(compareDiagnostics),
    stats: {
      files: reviewed, lines, suppressed, belowThreshold: findings.length - kept.length,
      ...(preExisting !== undefined ? { preExisting } : {}), ...(baselined !== undefined ? { baselined } : {}),
    },
  };
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
