// Human-readable terminal output: each finding with its CWE and pillar, code frame and fix, then a per-pillar summary
// and the closing verdict. Everything that comes from the reviewed code is written through `visible`, so no control
// character can reach the terminal (erase a line, set the title) and no newline can forge a `path:line: rule` line.
import type { Finding, Report } from '../findings/types.js';
import type { RenderOptions } from './index.js';
import { activeFindings, closingSentence, countByPillar, cweLabel, hiddenNotes, reviewedPhrase } from './common.js';
import { visible, visibleLines } from './escape.js';

export function renderText(report: Report, options: RenderOptions = {}): string {
  const out: string[] = [];
  for (const f of report.findings) out.push(renderFinding(f), '');
  if (report.diagnostics.length > 0) {
    out.push(`Files with problems (${report.diagnostics.length}):`);
    for (const d of report.diagnostics) {
      out.push(`  ${visible(d.file)}${d.line !== undefined ? `:${d.line}` : ''}: ${d.code}: ${visible(d.message)}`);
    }
    out.push('');
  }
  const active = activeFindings(report);
  if (active.length === 0) {
    out.push(closingSentence(report, options).text);
  } else {
    out.push(`${active.length} finding${active.length === 1 ? '' : 's'} in ${new Set(active.map((f) => f.file)).size} file(s):`);
    for (const c of countByPillar(active)) {
      const sev = Object.entries(c.bySeverity).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
      out.push(`  ${cweLabel(c.pillar)}: ${c.total} (${sev})`);
    }
  }
  const s = report.stats;
  const extra = [
    s.suppressed > 0 ? `${s.suppressed} suppressed inline` : '',
    ...hiddenNotes(report),
    active.length > 0 && s.baselined ? `${s.baselined} hidden by the baseline` : '',
  ].filter(Boolean).join(', ');
  out.push(`${reviewedPhrase(report)}, ${s.lines} lines, with ${report.rules.length} rules${extra ? `; ${extra}` : ''}.`);
  return `${out.join('\n')}\n`;
}

function renderFinding(f: Finding): string {
  const r = f.range;
  const lines = [
    `${visible(f.file)}:${r.startLine}:${r.startColumn}: ${f.ruleId}${f.suppressed ? ' (suppressed)' : ''}${f.context ? ' (pre-existing, shown as context)' : ''}`,
    `  ${cweLabel(f.cwe)} — pillar ${cweLabel(f.pillar)}`,
    `  severity ${f.severity}, confidence ${f.confidence}${f.bandit ? `, Bandit ${f.bandit}` : ''}`,
    `  ${visible(f.message)}`,
  ];
  // The snippet as the engine made it (secrets already masked there): never re-read from the source.
  const code = visibleLines(f.snippet);
  const width = String(r.startLine + code.length - 1).length;
  code.forEach((line, i) => lines.push(`  ${String(r.startLine + i).padStart(width)} | ${line}`));
  for (const e of f.evidence ?? []) lines.push(`  evidence ${visible(e.file)}:${e.range.startLine}: ${visible(e.message)}`);
  lines.push(`  fix: ${visible(f.remediation)}`);
  return lines.join('\n');
}
