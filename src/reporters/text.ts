// Human-readable terminal output: each finding with its CWE and pillar, code frame and fix, then a per-pillar summary.
import type { Finding, Report } from '../findings/types.js';
import { activeFindings, countByPillar, cweLabel, NO_DEFECTS } from './common.js';

export function renderText(report: Report): string {
  const out: string[] = [];
  for (const f of report.findings) out.push(renderFinding(f), '');
  if (report.diagnostics.length > 0) {
    out.push(`Files with problems (${report.diagnostics.length}):`);
    for (const d of report.diagnostics) {
      out.push(`  ${d.file}${d.line !== undefined ? `:${d.line}` : ''}: ${d.code}: ${d.message}`);
    }
    out.push('');
  }
  const active = activeFindings(report);
  if (active.length === 0) {
    out.push(NO_DEFECTS);
  } else {
    out.push(`${active.length} finding${active.length === 1 ? '' : 's'} in ${new Set(active.map((f) => f.file)).size} file(s):`);
    for (const c of countByPillar(active)) {
      const sev = Object.entries(c.bySeverity).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
      out.push(`  ${cweLabel(c.pillar)}: ${c.total} (${sev})`);
    }
  }
  const s = report.stats;
  const extra = [s.suppressed > 0 ? `${s.suppressed} suppressed inline` : '', s.belowThreshold > 0 ? `${s.belowThreshold} below the severity/confidence threshold` : '']
    .filter(Boolean).join(', ');
  out.push(`Reviewed ${s.files} file(s), ${s.lines} lines, with ${report.rules.length} rules${extra ? `; ${extra}` : ''}.`);
  return `${out.join('\n')}\n`;
}

function renderFinding(f: Finding): string {
  const r = f.range;
  const lines = [
    `${f.file}:${r.startLine}:${r.startColumn}: ${f.ruleId}${f.suppressed ? ' (suppressed)' : ''}${f.context ? ' (pre-existing, shown as context)' : ''}`,
    `  ${cweLabel(f.cwe)} — pillar ${cweLabel(f.pillar)}`,
    `  severity ${f.severity}, confidence ${f.confidence}${f.bandit ? `, Bandit ${f.bandit}` : ''}`,
    `  ${f.message}`,
  ];
  const width = String(r.startLine + f.snippet.split('\n').length - 1).length;
  f.snippet.split('\n').forEach((code, i) => lines.push(`  ${String(r.startLine + i).padStart(width)} | ${code}`));
  for (const e of f.evidence ?? []) lines.push(`  evidence ${e.file}:${e.range.startLine}: ${e.message}`);
  lines.push(`  fix: ${f.remediation}`);
  return lines.join('\n');
}
