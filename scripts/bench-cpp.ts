// `npm run bench:cpp -- <tree> | --git-dir <bare repo> [--rev HEAD] [--out DIR]`: reviews a C/C++ tree with the built
// `pillar review`, Debian's `flawfinder` (2.0.x, SARIF) and `cppcheck` (2.x, XML) in one run, on the same files, and
// prints each tool's wall and CPU time and finding counts (per rule / level / check id, and per top-level folder),
// then writes every tool's raw output under --out so each finding can be read. With --git-dir the revision is first
// materialised with `git archive` into a temporary directory. `npm run build` first. Nothing is compiled or run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { CPP_EXTENSIONS } from '../src/sources/language.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'pillar.js');
const TIME = '/usr/bin/time';

interface Args { tree?: string; gitDir?: string; rev: string; out?: string }

function parseArgs(argv: string[]): Args {
  const args: Args = { rev: 'HEAD' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--git-dir') args.gitDir = argv[++i];
    else if (a === '--rev') args.rev = argv[++i]!;
    else if (a === '--out') args.out = argv[++i];
    else args.tree = a;
  }
  if (!args.tree === !args.gitDir) throw new Error('usage: npm run bench:cpp -- <tree> | --git-dir <bare repo> [--rev HEAD] [--out DIR]');
  return args;
}

interface Run { seconds: number; cpuSeconds: number | null; status: number | null; stdout: string; stderr: string }

/** Runs a tool under /usr/bin/time (when present) for the CPU time of the whole process, threads included. */
function timed(command: string, args: string[], cwd: string): Run {
  const useTime = existsSync(TIME);
  const start = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-f', 'BENCH_CPU=%U+%S', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const cpu = /BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function cppFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) cppFiles(full, out);
    else if (CPP_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) out.push(full);
  }
  return out;
}

interface Hit { tool: string; file: string; line: number; id: string }

function pillarHits(json: string, tree: string): Hit[] {
  const report = JSON.parse(json) as { findings: Array<{ ruleId: string; file: string; range: { startLine: number } }> };
  return report.findings.map((f) => ({ tool: 'pillar', file: relative(tree, resolve(tree, f.file)), line: f.range.startLine, id: f.ruleId }));
}

function flawfinderHits(sarif: string, tree: string): Hit[] {
  const log = JSON.parse(sarif) as {
    runs: Array<{
      tool: { driver: { rules: Array<{ id: string; name?: string }> } };
      results: Array<{ ruleId: string; level?: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    }>;
  };
  return log.runs.flatMap((run) => {
    // FF1040 says nothing to a reader; its name (misc/open) and the SARIF level (Flawfinder's risk level) do.
    const names = new Map(run.tool.driver.rules.map((r) => [r.id, r.name ?? r.id]));
    return run.results.map((r) => {
      const loc = r.locations[0]!.physicalLocation;
      const id = `${r.level ?? '?'}/${names.get(r.ruleId) ?? r.ruleId}`;
      return { tool: 'flawfinder', file: relative(tree, resolve(tree, loc.artifactLocation.uri)), line: loc.region.startLine, id };
    });
  });
}

function cppcheckHits(xml: string, tree: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of xml.matchAll(/<error\s+id="([^"]+)"\s+severity="([^"]+)"[^>]*>([\s\S]*?)<\/error>/g)) {
    const loc = /<location\s+file="([^"]+)"\s+line="(\d+)"/.exec(m[3]!);
    if (!loc) continue;
    hits.push({ tool: 'cppcheck', file: relative(tree, resolve(tree, loc[1]!)), line: Number(loc[2]), id: `${m[2]}/${m[1]}` });
  }
  return hits;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let tree = args.tree ? resolve(args.tree) : '';
  let revision = '';
  if (args.gitDir) {
    tree = mkdtempSync(join(tmpdir(), 'bench-cpp-tree-'));
    revision = execFileSync('git', ['--git-dir', args.gitDir, 'rev-parse', args.rev], { encoding: 'utf8' }).trim();
    execFileSync('sh', ['-c', 'git --git-dir="$1" archive "$2" | tar -x -C "$3"', 'sh', args.gitDir, revision, tree]);
  }
  const out = resolve(args.out ?? mkdtempSync(join(tmpdir(), 'bench-cpp-out-')));
  mkdirSync(out, { recursive: true });
  const files = cppFiles(tree);
  const lines = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length - 1, 0);
  const jobs = String(availableParallelism());

  const include = CPP_EXTENSIONS.flatMap((e) => ['--include', `**/*${e}`]);
  const pillar = timed(process.execPath, [BIN, 'review', '.', ...include, '--no-cache', '--no-progress', '--jobs', jobs, '--format', 'json', '-o', join(out, 'pillar.json')], tree);
  // Flawfinder's default level (1+): every hit it would show a user.
  const flawfinder = timed('flawfinder', ['--sarif', '.'], tree);
  writeFileSync(join(out, 'flawfinder.sarif'), flawfinder.stdout);
  // Cppcheck's security-relevant checks (errors and warnings) with its Qt library, as a reviewer would run it.
  const cppcheck = timed('cppcheck', ['-q', '--xml', '--enable=warning', '--library=qt', '--inline-suppr', `-j${jobs}`, '.'], tree);
  writeFileSync(join(out, 'cppcheck.xml'), cppcheck.stderr.replace(/^BENCH_CPU=.*$/m, ''));

  const hits: Record<string, Hit[]> = {
    pillar: pillarHits(readFileSync(join(out, 'pillar.json'), 'utf8'), tree),
    flawfinder: flawfinderHits(flawfinder.stdout, tree),
    cppcheck: cppcheckHits(cppcheck.stderr, tree),
  };
  const runs: Record<string, Run> = { pillar, flawfinder, cppcheck };
  const kloc = lines / 1000;
  console.log(`tree ${args.gitDir ? `${args.gitDir} @ ${revision}` : tree}: ${files.length} C/C++ files, ${lines} lines; outputs in ${out}`);
  console.log('| tool | wall s | CPU s | findings | per KLOC | in src/ | elsewhere |');
  console.log('|---|---|---|---|---|---|---|');
  for (const tool of Object.keys(runs)) {
    const r = runs[tool]!;
    const list = hits[tool]!;
    const inSrc = list.filter((h) => h.file.startsWith('src/')).length;
    console.log(`| ${tool} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds?.toFixed(1) ?? '?'} | ${list.length} | ${(list.length / kloc).toFixed(2)} | ${inSrc} | ${list.length - inSrc} |`);
  }
  for (const tool of Object.keys(runs)) {
    console.log(`\n${tool} by ${tool === 'pillar' ? 'rule' : tool === 'flawfinder' ? 'level/rule' : 'severity/check'}:`);
    for (const [id, n] of countBy(hits[tool]!, (h) => h.id)) console.log(`  ${n}\t${id}`);
  }
  writeFileSync(join(out, 'hits.json'), `${JSON.stringify({ files: files.length, lines, revision, hits }, null, 1)}\n`);
}

main();
