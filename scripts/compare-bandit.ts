// Side-by-side of a Bandit JSON report and a pillar JSON report (run with --bandit-compat) on the same tree:
// pairs findings by file, Bandit test id and line, then lists the disagreements grouped by class.
// Usage: npx tsx scripts/compare-bandit.ts <bandit.json> <pillar.json> [--root /tmp/nova] [--examples 3] [--json out]
//          [--same B303,B324 ...]   (ids Bandit renumbered between versions: hashlib moved from B303 to B324 in 1.7)
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface BanditResult {
  filename: string; test_id: string; test_name: string; line_number: number; line_range: number[];
  issue_severity: string; issue_confidence: string; issue_text: string;
}
interface PillarFinding {
  ruleId: string; bandit?: string; file: string; severity: string; confidence: string; message: string;
  range: { startLine: number; endLine: number };
}
/** One side of a comparison, reduced to what matching needs. */
export interface Item { file: string; id: string; start: number; end: number; lines: number[]; rating: string; text: string; rule?: string }
export interface Comparison {
  matched: Array<{ bandit: Item; pillar: Item }>;
  banditOnly: Item[];
  pillarOnly: Item[];
}

const rating = (severity: string, confidence: string): string => `${severity[0]!.toUpperCase()}/${confidence[0]!.toUpperCase()}`;

export function fromBandit(results: readonly BanditResult[], root: string): Item[] {
  return results.map((r) => ({
    file: relative(root, resolve(r.filename)), id: r.test_id, start: r.line_number, end: r.line_number,
    lines: r.line_range.length > 0 ? r.line_range : [r.line_number],
    rating: rating(r.issue_severity, r.issue_confidence), text: r.issue_text,
  }));
}

export function fromPillar(findings: readonly PillarFinding[], root: string): Item[] {
  return findings.filter((f) => f.bandit).map((f) => ({
    file: relative(root, resolve(f.file)), id: f.bandit!, start: f.range.startLine, end: f.range.endLine,
    lines: [], rating: rating(f.severity === 'critical' ? 'high' : f.severity, f.confidence), text: f.message, rule: f.ruleId,
  }));
}

/**
 * Pairs each Bandit issue with an unused pillar finding of the same file and test id whose range holds Bandit's
 * line, or whose start lies in Bandit's line range (Bandit and pillar anchor multi-line statements differently).
 * Exact line equality is preferred, so two findings on neighbouring lines do not swap partners.
 */
export function compare(bandit: readonly Item[], pillar: readonly Item[], same: ReadonlyArray<readonly string[]> = []): Comparison {
  // Ids listed together in `same` are one test under two numbers; match them under the first.
  const canon = (id: string): string => same.find((group) => group.includes(id))?.[0] ?? id;
  const pool = new Map<string, Item[]>();
  for (const p of pillar) pool.set(`${p.file}\0${canon(p.id)}`, [...(pool.get(`${p.file}\0${canon(p.id)}`) ?? []), p]);
  const used = new Set<Item>();
  const matched: Comparison['matched'] = [];
  const banditOnly: Item[] = [];
  for (const b of bandit) {
    const candidates = (pool.get(`${b.file}\0${canon(b.id)}`) ?? []).filter((p) => !used.has(p));
    const hit = candidates.find((p) => p.start === b.start) ??
      candidates.find((p) => (b.start >= p.start && b.start <= p.end) || b.lines.includes(p.start));
    if (hit) { used.add(hit); matched.push({ bandit: b, pillar: hit }); } else banditOnly.push(b);
  }
  return { matched, banditOnly, pillarOnly: pillar.filter((p) => !used.has(p)) };
}

interface Group { cls: string; count: number; examples: string[] }

function group(items: Array<{ key: string; example: string }>, max: number): Group[] {
  const map = new Map<string, Group>();
  for (const { key, example } of items) {
    const g = map.get(key) ?? { cls: key, count: 0, examples: [] };
    g.count++;
    if (g.examples.length < max) g.examples.push(example);
    map.set(key, g);
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.cls.localeCompare(b.cls));
}

export function classify(c: Comparison, max: number): { banditOnly: Group[]; pillarOnly: Group[]; rating: Group[] } {
  const where = (i: Item): string => `${i.file}:${i.start}`;
  return {
    banditOnly: group(c.banditOnly.map((b) => ({ key: `${b.id} ${b.rating}`, example: `${where(b)} ${b.text}` })), max),
    pillarOnly: group(c.pillarOnly.map((p) => ({ key: `${p.id} ${p.rule} ${p.rating}`, example: `${where(p)} ${p.text}` })), max),
    rating: group(c.matched.filter((m) => m.bandit.rating !== m.pillar.rating || m.bandit.id !== m.pillar.id)
      .map((m) => ({ key: `Bandit ${m.bandit.id} ${m.bandit.rating} → pillar ${m.pillar.id} ${m.pillar.rating}`, example: `${where(m.bandit)} ${m.pillar.text}` })), max),
  };
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      root: { type: 'string' }, examples: { type: 'string', default: '3' }, json: { type: 'string' },
      same: { type: 'string', multiple: true, default: [] },
    },
  });
  const [banditPath, pillarPath] = positionals;
  if (!banditPath || !pillarPath) {
    console.error('usage: npx tsx scripts/compare-bandit.ts <bandit.json> <pillar.json> [--root DIR] [--examples N] [--json out.json]');
    process.exit(2);
  }
  const root = resolve(values.root ?? '/');
  const banditReport = JSON.parse(readFileSync(banditPath, 'utf8')) as { results: BanditResult[] };
  const pillarReport = JSON.parse(readFileSync(pillarPath, 'utf8')) as { findings: PillarFinding[] };
  const bandit = fromBandit(banditReport.results, root);
  const pillar = fromPillar(pillarReport.findings, root);
  const result = compare(bandit, pillar, values.same.map((s) => s.split(',').map((id) => id.trim())));
  const classes = classify(result, Number(values.examples));
  const sameRating = result.matched.filter((m) => m.bandit.rating === m.pillar.rating).length;
  console.log(`Bandit ${bandit.length} issues, pillar ${pillar.length} findings with a Bandit id`);
  console.log(`matched ${result.matched.length} (${sameRating} with the same severity/confidence); Bandit only ${result.banditOnly.length}; pillar only ${result.pillarOnly.length}\n`);
  const print = (title: string, groups: Group[]): void => {
    console.log(`## ${title}`);
    for (const g of groups) {
      console.log(`- ${g.cls}: ${g.count}`);
      for (const e of g.examples) console.log(`    ${e.length > 160 ? `${e.slice(0, 157)}...` : e}`);
    }
    console.log('');
  };
  print('Bandit only (by test id and rating)', classes.banditOnly);
  print('pillar only (by test id, rule and rating)', classes.pillarOnly);
  print('matched, different id or severity/confidence', classes.rating);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ ...classes, matched: result.matched.length, sameRating }, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
