// Deterministic order and de-duplication, so that the same input always yields a byte-identical report.
import type { Diagnostic, Finding } from './types.js';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareStrings(a.file, b.file) || a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn || compareStrings(a.ruleId, b.ruleId) ||
    a.range.endLine - b.range.endLine || a.range.endColumn - b.range.endColumn || compareStrings(a.message, b.message);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.code, b.code) || compareStrings(a.message, b.message);
}

/** Sorts and drops exact repeats (same rule, file and range), keeping the first message. */
export function sortAndDedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(compareFindings);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const f of sorted) {
    const key = `${f.ruleId}\0${f.file}\0${f.range.startLine}:${f.range.startColumn}-${f.range.endLine}:${f.range.endColumn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/**
 * Sorts diagnostics and keeps one `syntax-error` per file and line: the parser nests ERROR nodes, so one bad line
 * often yields several regions starting on it, which say nothing more to the reader than the first.
 */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const key = d.code === 'syntax-error' ? `${d.file}\0${d.line ?? 0}` : undefined;
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(d);
  }
  return out;
}
