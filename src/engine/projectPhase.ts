// Phase 2 of a two-phase run (rules with meta.usesProject selected). Phase 1 analysed every file once, extracting
// its project facts and keeping the project-aware rules' findings (computed with no project facts) apart. Here the
// facts are merged (index/project.ts) and each file gets its slice: when it is empty the phase-1 findings are the
// answer; otherwise the project-aware rules alone run again on that file with the slice, cached under the file's
// hash and the slice's hash — so a file is re-analysed when one of its dependencies' facts changes, and only then.
import type { Diagnostic, Finding } from '../findings/types.js';
import { ProjectFacts, sliceHash } from '../index/project.js';
import { isEmptySlice, type ProjectSlice } from '../index/types.js';
import type { Rule } from '../rulekit/types.js';
import { analyzePython, type AnalyzeOptions, type FileAnalysis } from './analyzePython.js';
import type { FileOutcome, FileSource } from './runFiles.js';

/** Phase-2 analyses in flight at once: the pool (or the main thread's queue) bounds the real concurrency. */
const WINDOW = 16;

export interface ProjectPhaseIO {
  source: FileSource;
  projectRuleIds: readonly string[];
  /** Text hashes by file index (with a cache), for phase-2 cache keys. */
  hashes: ReadonlyArray<string | undefined>;
  cached(key: string): FileAnalysis | undefined;
  keyOf(index: number, textHash: string, sliceKey: string): string | undefined;
  analyse(index: number, text: string, key: string | undefined, slice: ProjectSlice): Promise<FileAnalysis>;
}

/** Files whose slice was not empty (phase 2 ran or was served from the cache), and how many were analysed. */
export interface ProjectPhaseStats { files: number; analysed: number }

export async function runProjectPhase(outcomes: FileOutcome[], io: ProjectPhaseIO): Promise<ProjectPhaseStats> {
  const facts = outcomes.flatMap((o) => (o.ok && o.result.split ? [o.result.split.facts] : []));
  const project = new ProjectFacts(facts);
  const pending: number[] = [];
  const slices = new Map<number, ProjectSlice>();
  outcomes.forEach((o, i) => {
    if (!o.ok || !o.result.split) return;
    const slice = project.sliceFor(o.result.split.facts.path);
    if (isEmptySlice(slice)) {
      o.result = combine(o.result, o.result.split.findings, o.result.split.suppressed, []);
      return;
    }
    slices.set(i, slice);
    pending.push(i);
  });
  let next = 0;
  let analysed = 0;
  const lane = async (): Promise<void> => {
    while (next < pending.length) {
      const i = pending[next++]!;
      const outcome = outcomes[i] as Extract<FileOutcome, { ok: true }>;
      const slice = slices.get(i)!;
      const hash = io.hashes[i];
      const key = hash ? io.keyOf(i, hash, sliceHash(slice)) : undefined;
      let result = key ? io.cached(key) : undefined;
      if (!result) {
        const read = outcome.text !== undefined ? { ok: true as const, text: outcome.text } : await io.source.read(i);
        // The file went away between the phases: its phase-1 findings stand.
        if (!read.ok) { outcome.result = combine(outcome.result, outcome.result.split!.findings, outcome.result.split!.suppressed, []); continue; }
        analysed++;
        result = await io.analyse(i, read.text, key, slice);
      }
      outcome.result = combine(outcome.result, result.findings, result.suppressed, result.diagnostics);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WINDOW, pending.length) }, lane));
  return { files: pending.length, analysed };
}

/** The phase-1 result without its split part, with the project-aware rules' findings added. */
function combine(base: FileAnalysis, findings: readonly Finding[], suppressed: number, diagnostics: readonly Diagnostic[]): FileAnalysis {
  return { findings: [...base.findings, ...findings], diagnostics: [...base.diagnostics, ...diagnostics], suppressed: base.suppressed + suppressed };
}

/**
 * One Python file reviewed as a project of its own (both phases in one call): its facts merged alone, its slice as
 * the project-aware rules' view. For callers that analyse a text with no tree around it (rule docs, fixtures).
 */
export async function analyzeAsProject(path: string, source: string, rules: readonly Rule[], options: AnalyzeOptions): Promise<FileAnalysis> {
  const needsProject = rules.some((r) => r.meta.usesProject === true && r.language !== 'cpp');
  const facts = needsProject ? (await analyzePython(path, source, [], { ...options, phase: 'facts' })).split?.facts : undefined;
  const project = facts ? new ProjectFacts([facts]).sliceFor(path) : undefined;
  return analyzePython(path, source, rules, { ...options, ...(project ? { project } : {}) });
}
