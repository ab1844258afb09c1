// Server-rendered parts of the HTML report: overview, per-file and per-rule tables, the defect types considered,
// file diagnostics and the filter form. All data passes through the escaping `html` tag; nothing here runs in the page.
import type { Diagnostic, Finding, Report, RuleSummary, Severity } from '../../findings/types.js';
import { CONFIDENCES } from '../../findings/types.js';
import { cweName, cweUrl, PILLAR_SLUGS, pillarOf } from '../../taxonomy/index.js';
import { closingSentence, hiddenNotes } from '../common.js';
import type { VerdictOptions } from '../../findings/coverage.js';
import { renderChart, SEVERITY_ORDER, type ChartRow } from './chart.js';
import { html, type SafeHtml } from './escape.js';

type SeverityCounts = Record<Severity, number>;

/** "Resource lifetime" from "resource-lifetime": short enough for chart labels and filter options. */
export function pillarShortName(pillar: number): string {
  const slug = PILLAR_SLUGS[pillar];
  if (!slug) return cweName(pillar);
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function cweLink(id: number, text = `CWE-${id}`): SafeHtml {
  return html`<a href="${cweUrl(id)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

/** A path that may wrap after each separator instead of in the middle of a name. */
export function pathHtml(file: string): SafeHtml {
  return html`${file.split(/(?<=[/\\])/).map((part, i) => (i === 0 ? part : html`<wbr>${part}`))}`;
}

/** 12,345: grouped digits without a locale, so the output is the same on every machine. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function zeroCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

function countCells(counts: SeverityCounts): SafeHtml[] {
  return SEVERITY_ORDER.map((sev) => html`<td class="num${counts[sev] === 0 ? ' zero' : ''}" data-severity="${sev}">${formatCount(counts[sev])}</td>`);
}

/** Pillars shown in the overview: those selected (directly or through a selected CWE) plus any with findings. */
export function overviewPillars(report: Report, active: readonly Finding[]): number[] {
  const set = new Set<number>([...report.selection.pillars, ...active.map((f) => f.pillar)]);
  for (const cwe of report.selection.cwes) {
    const p = pillarOf(cwe);
    if (p !== null) set.add(p);
  }
  return [...set].sort((a, b) => a - b);
}

export function renderOverview(report: Report, active: readonly Finding[], options: VerdictOptions = {}): SafeHtml {
  const rows: ChartRow[] = overviewPillars(report, active).map((pillar) => {
    const bySeverity = zeroCounts();
    for (const f of active) if (f.pillar === pillar) bySeverity[f.severity]++;
    return { pillar, label: pillarShortName(pillar), title: `CWE-${pillar} ${cweName(pillar)}`, bySeverity };
  });
  const totals = zeroCounts();
  for (const f of active) totals[f.severity]++;
  const files = new Set(active.map((f) => f.file)).size;
  const closing = closingSentence(report, options);
  const verdict = active.length === 0
    ? html`<p class="verdict${closing.verdict === 'clean' ? ' clean' : ''}" id="verdict">${closing.text}</p>`
    : html`<p class="verdict" id="verdict"><strong>${formatCount(active.length)}</strong> ${active.length === 1 ? 'finding' : 'findings'} in <strong>${formatCount(files)}</strong> ${files === 1 ? 'file' : 'files'}${
      SEVERITY_ORDER.filter((s) => totals[s] > 0).map((s) => html` <span class="badge sev-${s}">${formatCount(totals[s])} ${s}</span>`)}</p>`;
  const s = report.stats;
  const notes = [
    s.suppressed > 0 ? `${s.suppressed} suppressed by inline comments` : '',
    ...hiddenNotes(report),
  ].filter(Boolean).join('; ');
  return html`<section id="overview" aria-labelledby="overview-h">
  <h2 id="overview-h">Overview</h2>
  ${verdict}
  ${notes ? html`<p class="muted">Not counted: ${notes}.</p>` : ''}
  ${active.length > 0 ? renderChart(rows) : ''}
  <div class="wide"><table class="grid" id="pillar-table">
    <thead><tr><th scope="col">Pillar</th><th scope="col" class="num">Findings</th>${SEVERITY_ORDER.map((sev) => html`<th scope="col" class="num">${sev}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`
      <tr data-pillar="${r.pillar}"><th scope="row">${cweLink(r.pillar)} ${cweName(r.pillar)}</th><td class="num total${sum(r.bySeverity) === 0 ? ' zero' : ''}">${formatCount(sum(r.bySeverity))}</td>${countCells(r.bySeverity)}</tr>`)}
    </tbody>
    <tfoot><tr><th scope="row">All pillars</th><td class="num total">${formatCount(active.length)}</td>${countCells(totals)}</tr></tfoot>
  </table></div>
</section>`;
}

function sum(counts: SeverityCounts): number {
  return SEVERITY_ORDER.reduce((n, sev) => n + counts[sev], 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function renderByFile(active: readonly Finding[]): SafeHtml {
  const byFile = new Map<string, SeverityCounts>();
  for (const f of active) {
    const counts = byFile.get(f.file) ?? zeroCounts();
    counts[f.severity]++;
    byFile.set(f.file, counts);
  }
  // Most findings first; ties by path, so the order never depends on Map insertion.
  const rows = [...byFile].sort((a, b) => sum(b[1]) - sum(a[1]) || compareText(a[0], b[0]));
  return html`<section class="panel" id="by-file" aria-labelledby="by-file-h">
  <h2 id="by-file-h">By file <span class="muted">(${rows.length})</span></h2>
  ${rows.length === 0 ? html`<p class="muted">No file has findings.</p>` : html`<div class="scroll"><table class="grid">
    <thead><tr><th scope="col">File</th><th scope="col" class="num">Findings</th><th scope="col">By severity</th></tr></thead>
    <tbody>${rows.map(([file, counts]) => html`
      <tr><th scope="row"><button type="button" class="linkish path" data-filter-file="${file}" title="Show the findings in this file">${pathHtml(file)}</button></th><td class="num total">${formatCount(sum(counts))}</td><td class="sevs">${
        SEVERITY_ORDER.filter((sev) => counts[sev] > 0).map((sev) => html`<span class="badge sev-${sev}" data-severity="${sev}" title="${`${counts[sev]} ${sev}`}">${formatCount(counts[sev])}</span> `)}</td></tr>`)}
    </tbody></table></div>`}
</section>`;
}

export function renderByRule(active: readonly Finding[], rules: readonly RuleSummary[]): SafeHtml {
  const counts = new Map<string, number>();
  for (const f of active) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const known = new Map(rules.map((r) => [r.id, r]));
  // A finding from a rule missing in report.rules still gets a row, described from the finding itself.
  for (const f of active) {
    if (!known.has(f.ruleId)) {
      known.set(f.ruleId, {
        id: f.ruleId, cwe: f.cwe, pillar: f.pillar, severity: f.severity, confidence: f.confidence, summary: '',
        docs: { why: '', fix: '', example: '', useInstead: '', references: [] },
      });
    }
  }
  const rows = [...known.values()].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || compareText(a.id, b.id));
  return html`<section class="panel" id="by-rule" aria-labelledby="by-rule-h">
  <h2 id="by-rule-h">By rule <span class="muted">(${rows.length} ran)</span></h2>
  ${rows.length === 0 ? html`<p class="muted">No rule was selected.</p>` : html`<div class="scroll"><table class="grid">
    <thead><tr><th scope="col">Rule</th><th scope="col">CWE</th><th scope="col">Pillar</th><th scope="col" class="num">Findings</th></tr></thead>
    <tbody>${rows.map((r) => {
      const n = counts.get(r.id) ?? 0;
      return html`
      <tr><th scope="row">${n > 0
        ? html`<button type="button" class="linkish" data-filter-rule="${r.id}" title="Show this rule's findings"><code>${r.id}</code></button>`
        : html`<code>${r.id}</code>`}${r.summary ? html`<div class="muted small">${r.summary}</div>` : ''}</th>
        <td>${cweLink(r.cwe)}</td><td>${cweLink(r.pillar)} <span class="small">${pillarShortName(r.pillar)}</span></td><td class="num total${n === 0 ? ' zero' : ''}">${formatCount(n)}</td></tr>`;
    })}
    </tbody></table></div>`}
</section>`;
}

export function renderSelection(report: Report): SafeHtml {
  const { pillars, cwes } = report.selection;
  return html`<section id="selection" aria-labelledby="selection-h">
  <h2 id="selection-h">Defect types considered</h2>
  ${pillars.length > 0 ? html`<p>Pillars of the CWE-1000 research view, with every CWE below them:</p>
  <ul class="taxa-list">${pillars.map((p) => html`<li>${cweLink(p)} ${cweName(p)}</li>`)}</ul>` : ''}
  ${cwes.length > 0 ? html`<p>${pillars.length > 0 ? 'And these weaknesses' : 'These weaknesses'}, with every CWE below them:</p>
  <ul class="taxa-list">${cwes.map((c) => html`<li>${cweLink(c)} ${cweName(c)}${pillarOf(c) !== null ? html` <span class="muted small">(pillar ${cweLink(pillarOf(c)!)})</span>` : ''}</li>`)}</ul>` : ''}
  <p class="muted">${report.rules.length} ${report.rules.length === 1 ? 'rule' : 'rules'} covered this selection; CWE names from MITRE's CWE ${report.tool.cweVersion}.</p>
</section>`;
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[]): SafeHtml {
  return html`<section id="diagnostics" aria-labelledby="diagnostics-h">
  <h2 id="diagnostics-h">File problems <span class="muted">(${diagnostics.length})</span></h2>
  ${diagnostics.length === 0 ? html`<p class="muted">Every file was read and analysed without a problem.</p>` : html`
  <p>These files were not reviewed, or only in part:</p>
  <div class="scroll"><table class="grid" id="diagnostic-table">
    <thead><tr><th scope="col">File</th><th scope="col" class="num">Line</th><th scope="col">Problem</th><th scope="col">Details</th></tr></thead>
    <tbody>${diagnostics.map((d) => html`
      <tr><td class="path">${pathHtml(d.file)}</td><td class="num">${d.line ?? ''}</td><td><code>${d.code}</code></td><td>${d.message}</td></tr>`)}
    </tbody></table></div>`}
</section>`;
}

/** The filter form and the (script-filled) list; options come from the findings so every choice matches something. */
export function renderFindingsShell(all: readonly Finding[]): SafeHtml {
  const pillars = [...new Set(all.map((f) => f.pillar))].sort((a, b) => a - b);
  const severities = SEVERITY_ORDER.filter((s) => all.some((f) => f.severity === s));
  const confidences = [...CONFIDENCES].reverse().filter((c) => all.some((f) => f.confidence === c));
  const rules = [...new Set(all.map((f) => f.ruleId))].sort(compareText);
  const files = [...new Set(all.map((f) => f.file))].sort(compareText);
  const suppressed = all.filter((f) => f.suppressed).length;
  const option = (value: string | number, label: string): SafeHtml => html`<option value="${value}">${label}</option>`;
  return html`<section id="findings" aria-labelledby="findings-h">
  <h2 id="findings-h">Findings</h2>
  ${all.length === 0 ? html`<p class="muted">Nothing to list.</p>` : html`
  <form id="filters" class="filters" role="search" autocomplete="off">
    <label>Pillar <select name="pillar" id="f-pillar">${option('', 'all')}${pillars.map((p) => option(p, `${pillarShortName(p)} (CWE-${p})`))}</select></label>
    <label>Severity <select name="severity" id="f-severity">${option('', 'all')}${severities.map((s) => option(s, s))}</select></label>
    <label>Confidence <select name="confidence" id="f-confidence">${option('', 'all')}${confidences.map((c) => option(c, c))}</select></label>
    <label>Rule <select name="rule" id="f-rule">${option('', 'all')}${rules.map((r) => option(r, r))}</select></label>
    <label class="grow">File <input type="search" name="file" id="f-file" list="file-list" placeholder="path or part of it" spellcheck="false"></label>
    <datalist id="file-list">${files.map((f) => html`<option value="${f}"></option>`)}</datalist>
    ${suppressed > 0 ? html`<label class="check"><input type="checkbox" name="suppressed" id="f-suppressed"> include ${suppressed} suppressed</label>` : ''}
    <label>Order <select name="sort" id="f-sort">${option('severity', 'most severe first')}${option('file', 'by file and line')}</select></label>
    <button type="reset" id="f-reset">Clear filters</button>
  </form>
  <p id="visible-count" class="count" aria-live="polite"></p>
  <div id="finding-list"></div>
  <button type="button" id="show-more" class="more" hidden>Show more</button>
  <noscript><p class="muted">The findings list needs JavaScript; the tables above and the JSON report hold the same data.</p></noscript>`}
</section>`;
}
