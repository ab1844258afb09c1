// `npm run bench -- <tree> [--repeat N] [--jobs N] [--single] [--floor] [--stress] [--base path/to/bin/pillar.js]`:
// times the built `pillar review` on a tree (cold cache, warm cache, one file changed) and Bandit on the same tree
// when it is installed, with peak RSS and the load average beside every figure. Runs the CLI from dist/ in child
// processes; `npm run build` first. --floor adds a cold run with one trivial rule: what parsing, mirroring and
// scheduling cost before any analysis. --base names another build's bin/pillar.js (an earlier commit built
// elsewhere): its cold run alternates with this build's, so both see the same load, and the ratio is printed.
// `--one-file N [--work DIR] [--verify]` times only the warm runs: the unchanged tree, then N consecutive one-file
// changes, each to another file (spread over the tree's Python files, so no one file's size decides), with the median,
// p90 and max of wall and CPU time. --work keeps the tree's copy and its cache between invocations (the cold run that
// fills the cache happens once); --verify compares the last change's report with a review of the same tree without a
// cache (a cold run: slow). --bin times another build's bin/pillar.js instead of this one's; --base also times that
// build, on a copy and cache of its own, each of its runs right after this build's (the same edit, the same load).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'pillar.js');
const TIME = '/usr/bin/time';

interface Args {
  tree?: string; repeat: number; jobs: number; single: boolean; floor: boolean; stress: boolean; base?: string;
  oneFile?: number; work?: string; verify: boolean; bin?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { repeat: 1, jobs: availableParallelism(), single: false, floor: false, stress: false, verify: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--repeat') args.repeat = Number(argv[++i]);
    else if (a === '--jobs') args.jobs = Number(argv[++i]);
    else if (a === '--single') args.single = true;
    else if (a === '--floor') args.floor = true;
    else if (a === '--stress') args.stress = true;
    else if (a === '--base') args.base = resolve(argv[++i]!);
    else if (a === '--one-file') args.oneFile = Number(argv[++i]);
    else if (a === '--work') args.work = resolve(argv[++i]!);
    else if (a === '--verify') args.verify = true;
    else if (a === '--bin') args.bin = resolve(argv[++i]!);
    else args.tree = a;
  }
  if (!args.tree && !args.stress) throw new Error('usage: npm run bench -- <tree> [--repeat N] [--jobs N] [--single] [--floor] [--stress] [--base bin/pillar.js] [--one-file N [--work DIR] [--verify]]');
  return args;
}

interface Measure { seconds: number; rssMb: number | null; cpuSeconds: number | null; load: string; status: number | null }

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * Runs a command, with /usr/bin/time when present for the peak RSS and the CPU time (user + system) of the whole
 * process, threads included: on a machine shared with other work, CPU time varies far less than wall time.
 */
function measure(command: string, args: string[], cwd: string): Measure {
  const before = load();
  const useTime = existsSync(TIME);
  const start = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-f', 'PILLAR_BENCH_RSS_KB=%M PILLAR_BENCH_CPU=%U+%S', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const rss = /PILLAR_BENCH_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  const cpu = /PILLAR_BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return {
    seconds, rssMb: rss ? Number(rss[1]) / 1024 : null, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
    load: `${before} → ${load()}`, status: r.status,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function report(label: string, runs: Measure[], lines?: number): Measure {
  const m = runs.find((r) => r.seconds === median(runs.map((x) => x.seconds)))!;
  const all = runs.length > 1 ? ` (runs: ${runs.map((r) => r.seconds.toFixed(2)).join(', ')})` : '';
  const rate = lines ? `, ${Math.round(lines / m.seconds).toLocaleString('en-US')} lines/s` : '';
  const rss = m.rssMb !== null ? `, peak RSS ${m.rssMb.toFixed(0)} MB` : '';
  const cpu = m.cpuSeconds !== null ? `, CPU ${m.cpuSeconds.toFixed(1)} s` : '';
  console.log(`${label.padEnd(28)} ${m.seconds.toFixed(2).padStart(7)} s${rate}${cpu}${rss}; load ${m.load}${all}`);
  return m;
}

function pillarArgs(tree: string, out: string, extra: string[], bin = BIN): string[] {
  return [bin, 'review', tree, '--format', 'json', '--output', out, '--no-progress', ...extra];
}

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.')) pythonFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
  }
  return out.sort();
}

function benchTree(tree: string, args: Args): void {
  const work = mkdtempSync(join(tmpdir(), 'pillar-bench-'));
  const copy = join(work, 'tree');
  cpSync(tree, copy, { recursive: true, verbatimSymlinks: true });
  const cache = join(work, 'cache');
  const out = join(work, 'report.json');
  const jobs = ['--jobs', String(args.jobs)];
  console.log(`pillar bench: ${tree} (copied to ${copy}), ${args.jobs} worker thread(s), ${availableParallelism()} core(s)`);

  const cold: Measure[] = [];
  const baseCold: Measure[] = [];
  const baseCache = join(work, 'base-cache');
  for (let i = 0; i < args.repeat; i++) {
    rmSync(cache, { recursive: true, force: true });
    cold.push(measure(process.execPath, pillarArgs(copy, out, [...jobs, '--cache-dir', cache]), work));
    if (args.base) {
      rmSync(baseCache, { recursive: true, force: true });
      baseCold.push(measure(process.execPath, pillarArgs(copy, join(work, 'base.json'), [...jobs, '--cache-dir', baseCache], args.base), work));
    }
  }
  const stats = (JSON.parse(readFileSync(out, 'utf8')) as { stats: { files: number; lines: number } }).stats;
  console.log(`tree: ${stats.files} files, ${stats.lines.toLocaleString('en-US')} lines`);
  const coldM = report('pillar cold (empty cache)', cold, stats.lines);
  if (args.base) {
    const b = report('base cold (empty cache)', baseCold, stats.lines);
    const sum = (ms: Measure[], f: (m: Measure) => number | null): number => ms.reduce((t, m) => t + (f(m) ?? NaN), 0);
    // Ratios of the sums over all runs: each pair ran back to back, so the load they shared weighs the same.
    console.log(`  (base: ${args.base}; pillar / base cold: wall ${(sum(cold, (m) => m.seconds) / sum(baseCold, (m) => m.seconds)).toFixed(2)}x, ` +
      `CPU ${(sum(cold, (m) => m.cpuSeconds) / sum(baseCold, (m) => m.cpuSeconds)).toFixed(2)}x; median wall ${(coldM.seconds / b.seconds).toFixed(2)}x)`);
  }
  const coldJson = readFileSync(out, 'utf8');
  const warm = Array.from({ length: args.repeat }, () => measure(process.execPath, pillarArgs(copy, out, [...jobs, '--cache-dir', cache]), work));
  report('pillar warm (unchanged)', warm, stats.lines);
  console.log(`warm report identical to cold: ${readFileSync(out, 'utf8') === coldJson}`);

  const files = pythonFiles(copy);
  const target = files.find((f) => statSync(f).size > 4_000) ?? files[0]!;
  const original = readFileSync(target);
  const changed: Measure[] = [];
  for (let i = 0; i < args.repeat; i++) {
    writeFileSync(target, Buffer.concat([original, Buffer.from(`\n# pillar bench edit ${i}\nimport subprocess\nsubprocess.call(cmd, shell=True)\n`)]));
    changed.push(measure(process.execPath, pillarArgs(copy, out, [...jobs, '--cache-dir', cache]), work));
  }
  writeFileSync(target, original);
  report(`one file changed`, changed);
  if (changed.length > 1) spread('one file changed', changed);
  console.log(`  (changed: ${target.slice(copy.length + 1)})`);

  if (args.single) {
    const single = Array.from({ length: args.repeat }, () => measure(process.execPath, pillarArgs(copy, out, ['--jobs', '1', '--no-cache']), work));
    report('pillar 1 thread, no cache', single, stats.lines);
    console.log(`1-thread report identical to ${args.jobs}-thread: ${readFileSync(out, 'utf8') === coldJson}`);
  }

  if (args.floor) {
    // assert-used visits only assert statements and needs no scope, dataflow or taint model.
    const floor = Array.from({ length: args.repeat }, () => measure(process.execPath, pillarArgs(copy, join(work, 'floor.json'), [...jobs, '--no-cache', '--only', 'assert-used']), work));
    const f = report('pillar 1 rule (parse floor)', floor, stats.lines);
    console.log(`  (the other rules and their models: ${(coldM.seconds - f.seconds).toFixed(2)} s of the cold run)`);
  }

  const bandit = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
  if (bandit.status === 0) {
    const runs = Array.from({ length: args.repeat }, () => measure('bandit', ['-r', copy, '-f', 'json', '-o', join(work, 'bandit.json'), '-q'], work));
    const b = report(`bandit ${bandit.stdout.split('\n')[0]!.replace(/^bandit\s*/, '')}`, runs, stats.lines);
    console.log(`bandit / pillar cold: ${(b.seconds / coldM.seconds).toFixed(1)}x`);
  } else {
    console.log('bandit: not installed, no comparison');
  }
  rmSync(work, { recursive: true, force: true });
}

/** The value at fraction `q` of the sorted values (nearest rank): q = 0.5 the median, 0.9 the p90. */
function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

function spread(label: string, runs: Measure[]): void {
  const of = (f: (m: Measure) => number | null): string => {
    const v = runs.map(f).filter((x): x is number => x !== null);
    return v.length === 0 ? 'n/a' : `median ${quantile(v, 0.5).toFixed(2)} s, p90 ${quantile(v, 0.9).toFixed(2)} s, max ${Math.max(...v).toFixed(2)} s`;
  };
  console.log(`${label} (${runs.length} runs): wall ${of((m) => m.seconds)}; CPU ${of((m) => m.cpuSeconds)}`);
  console.log(`  wall: ${runs.map((r) => r.seconds.toFixed(2)).join(', ')}`);
  console.log(`  CPU:  ${runs.map((r) => (r.cpuSeconds ?? NaN).toFixed(2)).join(', ')}`);
  console.log(`  load: ${runs[0]!.load.split(' → ')[0]} → ${runs.at(-1)!.load.split(' → ')[1]}`);
}

/** `count` files spread evenly over the list (the first and the last included when there are enough). */
function spreadOver<T>(list: readonly T[], count: number): T[] {
  if (count >= list.length) return [...list];
  return Array.from({ length: count }, (_, k) => list[Math.round((k * (list.length - 1)) / Math.max(1, count - 1))]!);
}

/**
 * Warm runs only: the unchanged tree, then `args.oneFile` consecutive changes, each to another file, so each run sees
 * exactly one file changed since the run before it. The edits are undone at the end (with a run that takes them
 * in, unmeasured), so a kept --work tree is the original again for the next invocation.
 */
function benchOneFile(tree: string, args: Args): void {
  const work = args.work ?? mkdtempSync(join(tmpdir(), 'pillar-bench-'));
  mkdirSync(work, { recursive: true });
  const jobs = ['--jobs', String(args.jobs)];
  // This build, and with --base the other one on its own copy and cache, each run right after this build's.
  const builds = [{ label: 'pillar', bin: args.bin ?? BIN, dir: work }, ...(args.base ? [{ label: 'base', bin: args.base, dir: join(work, 'base') }] : [])]
    .map((b) => ({ ...b, copy: join(b.dir, 'tree'), cache: join(b.dir, 'cache'), out: join(b.dir, 'report.json') }));
  type Build = (typeof builds)[number];
  const run = (b: Build): Measure => measure(process.execPath, pillarArgs(b.copy, b.out, [...jobs, '--cache-dir', b.cache], b.bin), work);
  for (const b of builds) {
    mkdirSync(b.dir, { recursive: true });
    if (!existsSync(b.copy)) cpSync(tree, b.copy, { recursive: true, verbatimSymlinks: true });
    console.log(`pillar bench --one-file: ${b.label} ${b.bin} on ${tree} (copy in ${b.copy}, cache in ${b.cache}), ${args.jobs} worker thread(s)`);
    if (!existsSync(b.cache)) report(`${b.label} cold (fills the cache)`, [run(b)]);
    // Twice before measuring: the code cache beside the bundle is made by the first run that analyses in this thread.
    run(b);
  }
  for (const b of builds) report(`${b.label} warm (unchanged)`, Array.from({ length: Math.max(3, args.repeat) }, () => run(b)));
  const files = pythonFiles(builds[0]!.copy).map((f) => f.slice(builds[0]!.copy.length + 1));
  const targets = spreadOver(files, args.oneFile!);
  const originals = targets.map((f) => readFileSync(join(builds[0]!.copy, f)));
  const changed = builds.map((): Measure[] => []);
  try {
    targets.forEach((target, k) => {
      builds.forEach((b, n) => {
        writeFileSync(join(b.copy, target), Buffer.concat([originals[k]!, Buffer.from(`\n# pillar bench edit ${k}\nimport subprocess\nsubprocess.call(cmd, shell=True)\n`)]));
        changed[n]!.push(run(b));
      });
    });
  } finally {
    if (args.verify && changed[0]!.length === targets.length) {
      for (const b of builds) {
        const warmJson = readFileSync(b.out, 'utf8');
        measure(process.execPath, pillarArgs(b.copy, b.out, [...jobs, '--no-cache'], b.bin), work);
        console.log(`${b.label}: last one-file report identical to a review without cache: ${readFileSync(b.out, 'utf8') === warmJson}`);
      }
    }
    for (const b of builds) targets.forEach((target, k) => writeFileSync(join(b.copy, target), originals[k]!));
  }
  builds.forEach((b, n) => spread(`${b.label}: one file changed`, changed[n]!));
  if (builds.length > 1) {
    const sum = (ms: Measure[], f: (m: Measure) => number | null): number => ms.reduce((t, m) => t + (f(m) ?? NaN), 0);
    console.log(`  (pillar / base over the changes, each pair back to back: wall ${(sum(changed[0]!, (m) => m.seconds) / sum(changed[1]!, (m) => m.seconds)).toFixed(2)}x, ` +
      `CPU ${(sum(changed[0]!, (m) => m.cpuSeconds) / sum(changed[1]!, (m) => m.cpuSeconds)).toFixed(2)}x)`);
  }
  console.log(`  (files: ${targets.map((t, k) => `${t} ${originals[k]!.length} B`).join('; ')})`);
  for (const b of builds) run(b);
  if (!args.work) rmSync(work, { recursive: true, force: true });
}

/** Hostile sizes: a 100,000-file tree (discovery and scheduling memory) and a 50 MB file with the limit raised. */
function benchStress(args: Args): void {
  const work = mkdtempSync(join(tmpdir(), 'pillar-stress-'));
  const many = join(work, 'many');
  for (let d = 0; d < 1000; d++) {
    const dir = join(many, `pkg${d}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) writeFileSync(join(dir, `m${f}.py`), `import os\n\ndef f${f}(x):\n    return os.path.join(x, "${d}")\n`);
  }
  const out = join(work, 'report.json');
  report('100,000 small files (cold)', [measure(process.execPath, pillarArgs(many, out, ['--jobs', String(args.jobs), '--no-cache']), work)]);
  rmSync(many, { recursive: true, force: true });
  const big = join(work, 'big.py');
  const unit = 'def handler(request):\n    value = request.args.get("v")\n    return {"v": value}\n\n';
  writeFileSync(big, unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length)));
  report('50 MB file, default limit', [measure(process.execPath, pillarArgs(big, out, ['--no-cache']), work)]);
  report('50 MB file, limit raised', [measure(process.execPath, pillarArgs(big, out, ['--no-cache', '--max-file-size', String(64 * 1024 * 1024), '--file-timeout', '600000']), work)]);
  const diagnostics = (JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code);
  console.log(`  (50 MB file diagnostics: ${[...new Set(diagnostics)].join(', ') || 'none'})`);
  rmSync(work, { recursive: true, force: true });
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build first');
if (args.tree && args.oneFile !== undefined) benchOneFile(resolve(args.tree), args);
else if (args.tree) benchTree(resolve(args.tree), args);
if (args.stress) benchStress(args);
