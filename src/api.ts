// The library entry point: review(options) → Report. Used by the CLI and by tests; it never prints.
import { makeSelection, type Selection } from './config/selection.js';
import { analyzePython } from './engine/analyzePython.js';
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
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export async function review(options: ReviewOptions): Promise<Report> {
  const selection: Selection = makeSelection(options.pillars, options.cwes);
  const rules = selectRules({ selection, disabled: options.disabledRules ?? [], banditCompat: options.banditCompat ?? false });
  const { files, diagnostics } = await discover(options.paths, {
    include: options.include ?? DEFAULT_INCLUDE,
    exclude: options.exclude ?? [],
    respectGitignore: options.respectGitignore ?? true,
  });
  const findings: Finding[] = [];
  const allDiagnostics: Diagnostic[] = [...diagnostics];
  let lines = 0;
  let suppressed = 0;
  let reviewed = 0;
  for (const [i, file] of files.entries()) {
    const read = await readSource(file.absolute, file.display, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (!read.ok) {
      allDiagnostics.push(read.diagnostic);
    } else {
      reviewed++;
      lines += countLines(read.text);
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
  return {
    tool: { name: 'pillar', version: VERSION, cweVersion: CWE_VERSION },
    selection,
    rules: rules.map((r) => ({
      id: r.meta.id, cwe: r.meta.cwe, pillar: pillarOf(r.meta.cwe)!, severity: r.meta.severity,
      confidence: r.meta.confidence, summary: r.meta.docs.summary, ...(r.meta.bandit ? { bandit: r.meta.bandit } : {}),
      docs: { why: r.meta.docs.why, fix: r.meta.docs.fix, example: r.meta.docs.example, useInstead: r.meta.docs.useInstead, references: r.meta.docs.references },
    })),
    findings: sortAndDedupe(kept),
    diagnostics: allDiagnostics.sort(compareDiagnostics),
    stats: { files: reviewed, lines, suppressed, belowThreshold: findings.length - kept.length },
  };
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
