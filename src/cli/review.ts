// `pillar review`: merges flags over the config file, runs the review, writes the report, returns the exit code.
import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { review, type ReviewOptions } from '../api.js';
import { chooseCacheDir } from '../cache/choose.js';
import { changeFromGitRange, changeFromPatch, readTextInput, type ChangeSet } from '../changes/changeSet.js';
import { UsageError } from '../config/errors.js';
import { createBaseline, loadBaseline, writeBaseline } from '../findings/baseline.js';
import { VERSION } from '../version.js';
import { loadReviewConfig } from '../config/forChange.js';
import { parseCweList } from '../config/selection.js';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../findings/types.js';
import { FORMATS, render, type Format } from '../reporters/index.js';
import { verdictOf } from '../findings/coverage.js';
import { EXIT, exitStatus } from './exitCodes.js';
import { progressReporter } from './progress.js';
import { formatRejected, llmOptionsFrom, type LlmFlags } from '../llm/cliOptions.js';
import type { RejectedClaim } from '../llm/types.js';
import { formatTimings, TIMING_ENV, type Timings } from '../engine/timing.js';
import { PROFILES, type Profile } from '../rulekit/profiles.js';

export interface ReviewFlags extends LlmFlags {
  format: string;
  output?: string;
  config?: string;
  pillars?: string;
  cwe?: string;
  disable?: string;
  only?: string;
  minSeverity?: string;
  minConfidence?: string;
  include?: string[];
  exclude?: string[];
  maxFileSize?: string;
  jobs?: string;
  fileTimeout?: string;
  cacheDir?: string;
  cache: boolean;
  gitignore: boolean;
  suppress: boolean;
  banditCompat?: boolean;
  profile?: string;
  progress: boolean;
  /** Change review: a git revision range, or one revision to compare the working tree with. */
  diff?: string;
  /** Change review: a unified diff file, `-` for standard input. */
  patch?: string;
  contextFindings?: boolean;
  baseline?: string;
  writeBaseline?: string;
  gerritLabel?: string;
  failOnDiagnostics?: boolean;
  /** Print where the analysis time went (rules, parsing, model, facts, phase 2) on stderr; see engine/timing.ts. */
  timing?: boolean;
}

/**
 * A path named on the command line must exist: a typo in CI must fail (exit 2), not review nothing. Also in a change
 * review, where paths narrow the changed files by their place in the working tree.
 */
function checkPaths(paths: string[]): void {
  for (const path of paths) {
    try {
      statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A link loop is the reviewed tree's doing, not the user's: discovery reports it as a per-file diagnostic.
      if (code === 'ELOOP') continue;
      throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or directory: ${path}` : `cannot access ${path}: ${(error as Error).message}`);
    }
  }
}

/** `-o` is checked before the review, so a typo does not cost a whole analysis and then a crash. */
function checkOutput(output: string, what = 'the report'): void {
  let dir;
  try {
    dir = statSync(dirname(resolve(output)));
  } catch {
    throw new UsageError(`cannot write ${what} to ${output}: directory ${dirname(output)} does not exist`);
  }
  if (!dir.isDirectory()) throw new UsageError(`cannot write ${what} to ${output}: ${dirname(output)} is not a directory`);
  // A file that does not exist yet is the usual case; one that is a directory cannot be written.
  if (statSync(output, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`cannot write ${what} to ${output}: it is a directory`);
}

function writeOrFail(path: string, what: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new UsageError(`cannot write ${what} to ${path}: ${(error as Error).message}`);
  }
}

async function changeOf(flags: ReviewFlags): Promise<ChangeSet | undefined> {
  if (flags.diff !== undefined && flags.patch !== undefined) throw new UsageError('give either --diff or --patch, not both');
  if (flags.contextFindings && flags.diff === undefined && flags.patch === undefined) {
    throw new UsageError('--context-findings needs a change to review: --diff or --patch');
  }
  if (flags.diff !== undefined) return changeFromGitRange(flags.diff, process.cwd());
  if (flags.patch !== undefined) {
    const label = flags.patch === '-' ? 'patch from standard input' : flags.patch;
    return changeFromPatch(await readTextInput(flags.patch), label, process.cwd());
  }
  return undefined;
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive whole number (got '${value}')`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

/**
 * Whether a review of this process analysed files in this thread: then the main thread's code cache can hold the
 * rules and analyses (bin/pillar.js asks it; a cold review analyses in worker threads, a one-file change here).
 */
let analysedHere = false;
export const analysedInThisThread = (): boolean => analysedHere;

export async function runReview(paths: string[], flags: ReviewFlags): Promise<number> {
  const format = oneOf(flags.format, FORMATS, '--format') as Format;
  if (flags.gerritLabel !== undefined && format !== 'gerrit') throw new UsageError('--gerrit-label only applies with --format gerrit');
  if (flags.output !== undefined) checkOutput(flags.output);
  if (flags.writeBaseline !== undefined) checkOutput(flags.writeBaseline, 'the baseline');
  checkPaths(paths);
  // The change first: a change review reads its config from the base revision (config/forChange.ts).
  const change = await changeOf(flags);
  const { config, path: configPath, notes } = await loadReviewConfig(flags.config, process.cwd(), change);
  for (const note of notes) process.stderr.write(`pillar: ${note}\n`);
  const llm = llmOptionsFrom(flags, config, configPath);
  for (const warning of llm.warnings) process.stderr.write(`pillar: ${warning}\n`);
  let rejected: RejectedClaim[] | undefined;
  if (llm.options && flags.llmShowRejected) llm.options.onRejected = (list) => { rejected = list; };
  const pillars = list(flags.pillars) ?? config.pillars?.map(String);
  const cwes = list(flags.cwe) ?? config.cwe?.map(String);
  let maxFileSize = config['max-file-size'];
  if (flags.maxFileSize !== undefined) {
    maxFileSize = Number(flags.maxFileSize);
    if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size takes a positive number of bytes');
  }
  const jobs = positiveInteger(flags.jobs, '--jobs');
  const fileTimeoutMs = positiveInteger(flags.fileTimeout, '--file-timeout');
  // Checked before any analysis: a --cache-dir that cannot be used is a usage error, not a silent cache miss.
  const cache = flags.cache ? chooseCacheDir(flags.cacheDir) : undefined;
  if (cache?.warning) process.stderr.write(`pillar: ${cache.warning}\n`);
  const baseline = flags.baseline !== undefined ? loadBaseline(flags.baseline) : undefined;
  const progress = progressReporter(flags.progress);
  // Set before any worker starts: workers inherit the environment, and each thread reads the switch once.
  if (flags.timing) process.env[TIMING_ENV] = '1';
  let timings: Timings | undefined;
  const options: ReviewOptions = {
    // A change review covers every changed file unless paths narrow it.
    paths: paths.length > 0 || change ? paths : ['.'],
    pillars: pillars ? parseCweList(pillars, 'pillar') : undefined,
    cwes: cwes ? parseCweList(cwes, 'CWE') : undefined,
    disabledRules: [...(config['disable-rules'] ?? []), ...(list(flags.disable) ?? [])],
    onlyRules: list(flags.only),
    banditCompat: flags.banditCompat ?? config['bandit-compat'] ?? false,
    profile: oneOf<Profile>(flags.profile, PROFILES, '--profile') ?? config.profile,
    minSeverity: oneOf<Severity>(flags.minSeverity, SEVERITIES, '--min-severity') ?? config['min-severity'],
    minConfidence: oneOf<Confidence>(flags.minConfidence, CONFIDENCES, '--min-confidence') ?? config['min-confidence'],
    include: flags.include ?? config.include,
    exclude: [...(config.exclude ?? []), ...(flags.exclude ?? [])],
    respectGitignore: flags.gitignore && (config['respect-gitignore'] ?? true),
    maxFileSize,
    keepSuppressed: !flags.suppress,
    onProgress: progress.onProgress,
    change,
    contextFindings: flags.contextFindings ?? false,
    baseline,
    llm: llm.options,
    jobs,
    fileTimeoutMs,
    cacheDir: cache?.dir,
    onEngineStats: (stats) => {
      timings = stats.timing;
      if (stats.jobs === 1 && stats.analysed > 0) analysedHere = true;
    },
  };
  let report;
  try {
    report = await review(options);
  } finally {
    progress.stop();
  }
  if (rejected) process.stderr.write(formatRejected(rejected));
  if (timings) process.stderr.write(formatTimings(timings));
  const verdict = verdictOf(report, { failOnDiagnostics: flags.failOnDiagnostics });
  const text = render(format, report, { gerritLabel: flags.gerritLabel, failOnDiagnostics: flags.failOnDiagnostics });
  const output = flags.output;
  if (output) writeOrFail(output, 'the report', () => writeFileSync(output, text));
  else process.stdout.write(text);
  const baselineFile = flags.writeBaseline;
  if (baselineFile !== undefined) {
    const baseline = createBaseline(report.findings.filter((f) => !f.context), `pillar ${VERSION}`);
    writeOrFail(baselineFile, 'the baseline', () => writeBaseline(baselineFile, baseline));
    const count = baseline.findings.reduce((n, e) => n + e.count, 0);
    process.stderr.write(`pillar: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${baselineFile}\n`);
    // Recording the findings is the job asked for: they are accepted, not failures. Nothing reviewed still fails.
    return verdict === 'nothing-reviewed' ? EXIT.nothingReviewed : EXIT.clean;
  }
  // Pre-existing findings shown as context never fail the run: only what is new counts (see findings/coverage.ts).
  return exitStatus(verdict);
}
