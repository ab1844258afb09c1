// Bandit parity: runs pillar's Bandit-compatible rules on Bandit's own example files and compares the per-file
// severity/confidence counts with the expectations in Bandit's tests/functional/test_functional.py.
// Usage: npm run bench:bandit-parity -- <bandit-git-dir> [--json out.json] [--min 0.9]
// The examples are extracted from the (bare) clone into a temporary directory, never into this repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { review } from '../src/api.js';
import type { Finding } from '../src/findings/types.js';
import { allRules } from '../src/rulekit/registry.js';

type Rank = 'LOW' | 'MEDIUM' | 'HIGH';
interface Counts { SEVERITY: Record<Rank, number>; CONFIDENCE: Record<Rank, number> }
interface Case {
  test: string;
  file: string;
  expect: Counts;
  ignoreNosec: boolean;
  /** Bandit ids a profile excludes, or keeps only (include). */
  profile: { exclude: string[]; include: string[] };
  /** Plugin configuration the test changed, as written; null when the test runs with the defaults. */
  config: string | null;
}

const RANKS: readonly Rank[] = ['LOW', 'MEDIUM', 'HIGH'];
// Plugin configurations that a test sets but that equal Bandit's defaults (assert_used skips nothing by default,
// try_except_* ignore typed exceptions by default), so the expectation is a default-config one.
const DEFAULT_EQUIVALENT = new Set(['{"skips": []}', '{}', '{"check_typed_exception": False}']);

function emptyCounts(): Counts {
  return { SEVERITY: { LOW: 0, MEDIUM: 0, HIGH: 0 }, CONFIDENCE: { LOW: 0, MEDIUM: 0, HIGH: 0 } };
}

/** Reads the text from `start` (at an opening bracket) to its matching closing bracket. */
function balanced(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error(`unbalanced brackets at offset ${start}`);
}

function parseExpect(dict: string, vars: Map<string, number>): Counts {
  const counts = emptyCounts();
  for (const kind of ['SEVERITY', 'CONFIDENCE'] as const) {
    const at = dict.indexOf(`"${kind}"`);
    if (at < 0) throw new Error(`expect without ${kind}: ${dict}`);
    const body = balanced(dict, dict.indexOf('{', at));
    for (const m of body.matchAll(/"(UNDEFINED|LOW|MEDIUM|HIGH)"\s*:\s*(\w+)/g)) {
      const raw = m[2]!;
      const value = /^\d+$/.test(raw) ? Number(raw) : vars.get(raw);
      if (value === undefined) throw new Error(`unknown value ${raw} in expect`);
      // Pillar has no UNDEFINED rank; Bandit's tests never expect one, and a non-zero one would show as a mismatch.
      if (m[1] === 'UNDEFINED') { if (value !== 0) counts[kind].LOW += 1000; continue; }
      counts[kind][m[1] as Rank] = value;
    }
  }
  return counts;
}

/**
 * Walks test_functional.py method by method, in order: `expect = {...}` literals (with simple integer variables),
 * plugin config assignments, `with self.with_test_set(...)` blocks (profile include/exclude) and every
 * `self.check_example(file, expect, ignore_nosec=...)` call.
 */
export function parseFunctionalTests(source: string): Case[] {
  const cases: Case[] = [];
  const methods = [...source.matchAll(/^ {4}def (test_\w+)\(self\):$/gm)];
  methods.forEach((m, i) => {
    const body = source.slice(m.index!, methods[i + 1]?.index ?? source.length);
    const ints = new Map<string, number>();
    const strings = new Map<string, string>();
    let expect: Counts | null = null;
    let config: string | null = null;
    const blocks: Array<{ indent: number; headerEnd: number; exclude: string[]; include: string[] }> = [];
    const lines = body.split('\n');
    let offset = 0;
    for (const line of lines) {
      const start = offset;
      offset += line.length + 1;
      if (line.trim() === '') continue;
      const indent = line.length - line.trimStart().length;
      // The `with` header itself may span lines (its closing `):` sits at the block's own indentation).
      while (blocks.length > 0 && start >= blocks[blocks.length - 1]!.headerEnd && indent <= blocks[blocks.length - 1]!.indent) blocks.pop();
      let a: RegExpExecArray | null;
      if ((a = /^\s*(\w+) = (\d+)\s*$/.exec(line))) ints.set(a[1]!, Number(a[2]));
      else if ((a = /^\s*(\w+) = "([^"]+)"\s*$/.exec(line))) strings.set(a[1]!, a[2]!);
      else if (/^\s*expect = \{/.test(line)) expect = parseExpect(balanced(body, body.indexOf('{', start)), ints);
      else if (/\._config = |\.config\[/.test(line)) {
        const eq = body.indexOf('=', start) + 1;
        const rest = body.slice(eq).trimStart();
        config = /^[{[]/.test(rest) ? balanced(rest, 0) : rest.split('\n')[0]!.trim();
        if (/\.config\[/.test(line)) config = `${line.trim().split('=')[0]!.trim()} = ${config}`;
      } else if (/^\s*with self\.with_test_set\(/.test(line)) {
        const open = body.indexOf('(', start + line.indexOf('with_test_set'));
        const call = balanced(body, open);
        const profile = /profile\s*=\s*(\{[^}]*\})/.exec(call)?.[1] ?? '';
        const ids = (key: string): string[] => [...(new RegExp(`"${key}"\\s*:\\s*\\[([^\\]]*)\\]`).exec(profile)?.[1] ?? '').matchAll(/"(B\d{3})"/g)].map((x) => x[1]!);
        blocks.push({ indent, headerEnd: open + call.length, exclude: ids('exclude'), include: ids('include') });
      } else if (/^\s*self\.check_example\(/.test(line)) {
        const call = balanced(body, body.indexOf('(', start));
        const args = call.slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean);
        const first = args[0] ?? '';
        const file = /^"(.*)"$/.exec(first)?.[1] ?? strings.get(first);
        if (!file || !expect) throw new Error(`${m[1]}: cannot read ${call}`);
        cases.push({
          test: m[1]!, file, expect, ignoreNosec: /ignore_nosec\s*=\s*True/.test(call), config,
          profile: { exclude: blocks.flatMap((b) => b.exclude), include: blocks.flatMap((b) => b.include) },
        });
      }
    }
  });
  return cases;
}

function countFindings(findings: readonly Finding[]): Counts {
  const counts = emptyCounts();
  for (const f of findings) {
    counts.SEVERITY[f.severity === 'critical' ? 'HIGH' : f.severity.toUpperCase() as Rank]++;
    counts.CONFIDENCE[f.confidence.toUpperCase() as Rank]++;
  }
  return counts;
}

function sameCounts(a: Counts, b: Counts): boolean {
  return RANKS.every((r) => a.SEVERITY[r] === b.SEVERITY[r] && a.CONFIDENCE[r] === b.CONFIDENCE[r]);
}

function show(c: Counts): string {
  return `S ${RANKS.map((r) => c.SEVERITY[r]).join('/')}, C ${RANKS.map((r) => c.CONFIDENCE[r]).join('/')}`;
}

/** `B602 L/H×3, B607 L/H×2`: what pillar found, by Bandit id, to localise a mismatch. */
function breakdown(findings: readonly Finding[]): string {
  const tally = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.bandit ?? f.ruleId} ${f.severity[0]!.toUpperCase()}/${f.confidence[0]!.toUpperCase()}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally].sort().map(([k, n]) => `${k}×${n}`).join(', ') || '—';
}

interface Row { test: string; file: string; status: 'match' | 'mismatch' | 'skipped'; expected?: string; pillar?: string; found?: string; reason?: string }

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' }, min: { type: 'string' } } });
  const gitDir = positionals[0] ?? process.env.BANDIT_GIT_DIR;
  const jsonOut = values.json;
  const min = values.min === undefined ? undefined : Number(values.min);
  if (!gitDir) {
    console.error('usage: npm run bench:bandit-parity -- <bandit-git-dir> [--json out.json] [--min 0.9]');
    process.exit(2);
  }
  const work = mkdtempSync(join(tmpdir(), 'pillar-bandit-parity-'));
  try {
    const tar = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', 'HEAD', 'examples', 'tests/functional/test_functional.py'], { maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', work], { input: tar });
    const revision = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const cases = parseFunctionalTests(readFileSync(join(work, 'tests', 'functional', 'test_functional.py'), 'utf8'));
    const byBandit = new Map<string, string[]>();
    for (const r of allRules()) if (r.meta.bandit) byBandit.set(r.meta.bandit, [...(byBandit.get(r.meta.bandit) ?? []), r.meta.id]);
    const compatRules = allRules().filter((r) => r.meta.bandit).map((r) => r.meta.id);

    const rows: Row[] = [];
    for (const c of cases) {
      if (c.config !== null && !DEFAULT_EQUIVALENT.has(c.config)) {
        rows.push({ test: c.test, file: c.file, status: 'skipped', reason: `non-default plugin config ${c.config.replace(/\s+/g, ' ')}` });
        continue;
      }
      // A profile is emulated by switching rules off: exclude → those Bandit ids; include → everything else.
      const disabled = c.profile.include.length > 0
        ? compatRules.filter((id) => !c.profile.include.includes(allRules().find((r) => r.meta.id === id)!.meta.bandit!))
        : c.profile.exclude.flatMap((b) => byBandit.get(b) ?? []);
      const report = await review({
        paths: [join(work, 'examples', c.file)], banditCompat: true, disabledRules: disabled,
        keepSuppressed: c.ignoreNosec, respectGitignore: false,
      });
      const pillar = countFindings(report.findings);
      rows.push({
        test: c.test, file: c.file, status: sameCounts(pillar, c.expect) ? 'match' : 'mismatch',
        expected: show(c.expect), pillar: show(pillar), found: breakdown(report.findings),
        ...(c.ignoreNosec ? { reason: 'ignore_nosec (suppressed findings counted)' } : {}),
        ...(disabled.length > 0 ? { reason: `profile emulated: ${disabled.join(', ')} off` } : {}),
      });
    }

    const files = new Map<string, Row[]>();
    for (const r of rows) if (r.status !== 'skipped') files.set(r.file, [...(files.get(r.file) ?? []), r]);
    const matchedFiles = [...files.values()].filter((rs) => rs.every((r) => r.status === 'match')).length;
    const compared = rows.filter((r) => r.status !== 'skipped');
    const matchedCases = compared.filter((r) => r.status === 'match').length;

    console.log(`Bandit ${revision}: ${cases.length} check_example cases; counts are S(everity) and C(onfidence) LOW/MEDIUM/HIGH\n`);
    console.log('| status | test | file | Bandit expects | pillar | pillar findings |');
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) {
      if (r.status === 'skipped') console.log(`| skipped | ${r.test} | ${r.file} | ${r.reason} | | |`);
      else console.log(`| ${r.status} | ${r.test} | ${r.file} | ${r.expected} | ${r.pillar} | ${r.found}${r.reason ? ` (${r.reason})` : ''} |`);
    }
    const ratio = files.size === 0 ? 0 : matchedFiles / files.size;
    console.log(`\nparity: ${matchedFiles}/${files.size} files matched exactly (${(100 * ratio).toFixed(1)}%); ` +
      `${matchedCases}/${compared.length} cases; ${rows.length - compared.length} cases skipped`);
    if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ bandit: revision, matchedFiles, files: files.size, matchedCases, cases: compared.length, rows }, null, 2)}\n`);
    if (min !== undefined && ratio < min) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
