// The stylesheet of the HTML report, inlined into the page: light and dark schemes, severity colours shared by the
// chart, badges and card edges, and a print layout. No web fonts or images, so nothing is fetched.

export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --text: #1c2430; --muted: #5b6675; --line: #d9dee5; --accent: #1d5fb8;
  --code-bg: #f1f3f6; --mark: #ffe08a; --mark-text: #1c2430;
  --critical: #8f1d1d; --high: #d1322b; --medium: #e39b12; --low: #3e7bd6;
  --on-critical: #fff; --on-high: #fff; --on-medium: #1c2430; --on-low: #fff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14181e; --panel: #1b2129; --text: #e3e8ef; --muted: #9aa5b3; --line: #313a46; --accent: #7fb0f5;
    --code-bg: #11151a; --mark: #6b5310; --mark-text: #fff3cf;
    --critical: #c23a3a; --high: #e8584f; --medium: #e8a93a; --low: #5b93e6;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header.page { border-bottom: 1px solid var(--line); background: var(--panel); }
header.page div { max-width: 1180px; margin: 0 auto; padding: 1rem 1.25rem; }
header.page nav { display: flex; flex-wrap: wrap; gap: .25rem 1.1rem; font-size: .9rem; }
header.page p { margin: 0 0 .35rem; }
h1 { font-size: 1.35rem; margin: 0 0 .2rem; }
h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
h4 { font-size: .85rem; margin: .5rem 0 .25rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: var(--accent); }
code, pre, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; }
.path { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.small { font-size: .85em; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 1.25rem; margin-bottom: 1.25rem; }
.panels section { margin: 0; min-width: 0; }
.scroll { max-height: 22rem; overflow: auto; }
.wide { overflow-x: auto; }
.verdict { font-size: 1.1rem; margin: 0 0 .75rem; }
.verdict.clean { font-weight: 600; color: #1f7a3d; }
@media (prefers-color-scheme: dark) { .verdict.clean { color: #5fd08a; } }
.verdict .badge { font-size: .8rem; vertical-align: middle; }
table.grid { border-collapse: collapse; width: 100%; font-size: .92rem; }
.grid th, .grid td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.grid thead th { position: sticky; top: 0; background: var(--panel); font-size: .78rem; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); z-index: 1; }
.grid tbody th { font-weight: normal; }
.grid tfoot th, .grid tfoot td { font-weight: 600; border-bottom: 0; }
.grid a { white-space: nowrap; }
.grid .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.grid .zero { color: var(--muted); opacity: .6; }
.grid .total { font-weight: 600; }
.grid .sevs { white-space: nowrap; }
.grid .sevs .badge { font-size: .72rem; padding: 0 .45rem; }
.chart { width: 100%; max-width: 820px; height: auto; display: block; margin: .25rem 0 1rem; font-size: 13px; }
.chart text { fill: var(--text); }
.chart .row-total.zero, .chart .row-label { fill: var(--muted); }
.chart .row-total { font-weight: 600; }
.chart .axis { stroke: var(--line); }
.chart .seg { cursor: pointer; }
.chart .seg:hover rect, .chart .seg:focus rect { opacity: .8; }
.chart .seg:focus { outline: none; }
.chart .seg:focus rect { stroke: var(--text); stroke-width: 1.5; }
.chart .seg-count { font-size: 12px; font-weight: 600; pointer-events: none; }
rect.sev-critical { fill: var(--critical); } rect.sev-high { fill: var(--high); }
rect.sev-medium { fill: var(--medium); } rect.sev-low { fill: var(--low); }
.chart text.sev-text-critical { fill: var(--on-critical); } .chart text.sev-text-high { fill: var(--on-high); }
.chart text.sev-text-medium { fill: var(--on-medium); } .chart text.sev-text-low { fill: var(--on-low); }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .55rem; font-size: .78rem; font-weight: 600;
  border: 1px solid var(--line); white-space: nowrap; }
.badge.sev-critical { background: var(--critical); color: var(--on-critical); border-color: transparent; }
.badge.sev-high { background: var(--high); color: var(--on-high); border-color: transparent; }
.badge.sev-medium { background: var(--medium); color: var(--on-medium); border-color: transparent; }
.badge.sev-low { background: var(--low); color: var(--on-low); border-color: transparent; }
.badge.conf { color: var(--muted); font-weight: normal; }
.badge.suppressed { color: var(--muted); border-style: dashed; }
button { font: inherit; }
.linkish { background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; text-align: left; }
.linkish:hover { text-decoration: underline; }
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; padding: .75rem; margin: 0 0 .5rem;
  background: var(--code-bg); border-radius: 6px; position: sticky; top: 0; z-index: 2; border: 1px solid var(--line); }
.filters label { display: flex; flex-direction: column; font-size: .78rem; color: var(--muted); gap: .15rem; }
.filters label.grow { flex: 1 1 10rem; }
.filters label.check { flex-direction: row; align-items: center; gap: .35rem; font-size: .88rem; }
.filters select, .filters input[type=search] { font: inherit; font-size: .9rem; padding: .3rem .4rem; color: var(--text);
  background: var(--panel); border: 1px solid var(--line); border-radius: 4px; min-width: 7rem; }
.filters select { max-width: 15rem; }
.filters button, .more { font-size: .9rem; padding: .35rem .8rem; border-radius: 4px; border: 1px solid var(--line);
  background: var(--panel); color: var(--text); cursor: pointer; }
.more { display: block; margin: 1rem auto 0; padding: .5rem 1.2rem; }
.count { color: var(--muted); margin: .5rem 0 .75rem; }
.finding { border: 1px solid var(--line); border-left-width: 5px; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 .9rem; }
.finding.sev-edge-critical { border-left-color: var(--critical); } .finding.sev-edge-high { border-left-color: var(--high); }
.finding.sev-edge-medium { border-left-color: var(--medium); } .finding.sev-edge-low { border-left-color: var(--low); }
.finding header { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; }
.finding .rule { font-weight: 600; }
.finding .loc { color: var(--muted); margin-left: auto; }
.finding p { margin: .5rem 0; }
.finding .message { font-size: 1rem; }
.finding .taxa { font-size: .88rem; color: var(--muted); }
.finding .fix { background: var(--code-bg); border-radius: 4px; padding: .45rem .65rem; }
.finding p code { background: var(--code-bg); border-radius: 3px; padding: 0 .2rem; overflow-wrap: anywhere; }
.finding .fix code { background: var(--panel); }
.frame { background: var(--code-bg); border-radius: 4px; padding: .5rem 0; margin: .5rem 0; overflow-x: auto; tab-size: 4; }
.frame .line { display: block; padding: 0 .75rem 0 0; white-space: pre; }
.frame .ln { display: inline-block; color: var(--muted); padding: 0 .75rem; margin-right: .5rem; border-right: 1px solid var(--line);
  user-select: none; white-space: pre; }
.frame mark { background: var(--mark); color: var(--mark-text); border-radius: 2px; }
.evidence { margin: .25rem 0 .5rem; padding-left: 1.5rem; font-size: .9rem; }
.evidence .path { color: var(--muted); margin-right: .35rem; }
.taxa-list { columns: 2 22rem; margin: .25rem 0 .75rem; padding-left: 1.25rem; }
footer { text-align: center; color: var(--muted); font-size: .85rem; }
@media print {
  .filters, .more { display: none; }
  .scroll { max-height: none; overflow: visible; }
  section, .finding { break-inside: avoid; }
}
`;
