// The overview chart: one stacked horizontal bar per pillar, split by severity, drawn as inline SVG by hand so the
// report needs no charting library and no network. Segments carry data attributes that the page script turns into
// filters when clicked.
import type { Severity } from '../../findings/types.js';
import { html, type SafeHtml } from './escape.js';

export interface ChartRow { pillar: number; label: string; title: string; bySeverity: Record<Severity, number> }

/** Most severe first: the order of the stacked segments and of the legend. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

// Geometry in SVG user units; the SVG scales to its container width, so these only fix proportions.
const WIDTH = 760;
const LABEL_WIDTH = 200;
const COUNT_WIDTH = 56;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;
const LEGEND_HEIGHT = 30;
// A segment narrower than this cannot hold its number legibly; its count stays in the tooltip and the table.
const MIN_LABELLED_SEGMENT = 22;

export function renderChart(rows: readonly ChartRow[]): SafeHtml {
  const barWidth = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
  const max = Math.max(1, ...rows.map((r) => total(r)));
  const height = LEGEND_HEIGHT + rows.length * ROW_HEIGHT + 4;
  const legend = SEVERITY_ORDER.map((sev, i) => html`
    <g transform="translate(${LABEL_WIDTH + i * 110},6)"><rect class="sev-${sev}" width="14" height="14" rx="3"></rect><text x="20" y="11.5">${sev}</text></g>`);
  const body = rows.map((row, i) => {
    const y = LEGEND_HEIGHT + i * ROW_HEIGHT;
    let x = LABEL_WIDTH;
    const segments = SEVERITY_ORDER.filter((sev) => row.bySeverity[sev] > 0).map((sev) => {
      const count = row.bySeverity[sev];
      // Round to 0.1 units so the output does not depend on floating-point printing of long fractions.
      const w = Math.max(2, Math.round((count / max) * barWidth * 10) / 10);
      const seg = html`
      <g class="seg" data-filter-pillar="${row.pillar}" data-filter-severity="${sev}" tabindex="0" role="button" aria-label="${`${row.title}: ${count} ${sev}`}"><title>${`${row.title}: ${count} ${sev} — click to filter`}</title><rect class="sev-${sev}" x="${x}" y="${y + 4}" width="${w}" height="${BAR_HEIGHT}"></rect>${w >= MIN_LABELLED_SEGMENT
        ? html`<text class="seg-count sev-text-${sev}" x="${Math.round((x + w / 2) * 10) / 10}" y="${y + 18.5}" text-anchor="middle">${count}</text>` : ''}</g>`;
      x = Math.round((x + w) * 10) / 10;
      return seg;
    });
    return html`
    <g class="row" data-pillar="${row.pillar}">
      <text class="row-label" x="${LABEL_WIDTH - 10}" y="${y + 18.5}" text-anchor="end"><title>${row.title}</title>${row.label}</text>
      <line class="axis" x1="${LABEL_WIDTH}" y1="${y + 2}" x2="${LABEL_WIDTH}" y2="${y + ROW_HEIGHT - 2}"></line>${segments}
      <text class="row-total${total(row) === 0 ? ' zero' : ''}" x="${x + 8}" y="${y + 18.5}">${total(row)}</text>
    </g>`;
  });
  const summary = rows.map((r) => `${r.label}: ${total(r)}`).join(', ');
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${`Findings per pillar by severity. ${summary}`}" xmlns="http://www.w3.org/2000/svg">${legend}${body}
</svg>`;
}

function total(row: ChartRow): number {
  return SEVERITY_ORDER.reduce((sum, sev) => sum + row.bySeverity[sev], 0);
}
