// One unit of work for the engine: analyse one file's text with rules named by id. Runs the same in a worker thread
// and in the main thread, and always answers with a result: timeouts and crashes become diagnostics for that file.
import type { Diagnostic } from '../findings/types.js';
import type { DeclaredVersions } from '../index/declaredDependencies.js';
import type { ProjectSlice } from '../index/types.js';
import { findRule } from '../rulekit/registry.js';
import type { Rule } from '../rulekit/types.js';
import { languageOf } from '../sources/language.js';
import type { SyntaxTree } from '../languages/syntaxTree.js';
import { analyzeCpp } from './analyzeCpp.js';
import { keepTree, takeTree } from './keptTrees.js';
import { analyzePython, FileTimeout, isStackOverflow, type FileAnalysis } from './analyzePython.js';
import { takeTimes, timingOn, type Timings } from './timing.js';

/** Plain data, so that it crosses to a worker by structured clone (rules are modules, sent by id). */
export interface AnalyzeTask {
  path: string;
  text: string;
  ruleIds: string[];
  keepSuppressed: boolean;
  timeoutMs: number;
  /** See AnalyzeOptions.phase and .project. */
  phase?: 'facts' | 'project';
  project?: ProjectSlice;
  /** What the file's project declares about the distributions rules ask (AnalyzeOptions.declared). */
  declared?: DeclaredVersions;
  /** Keep the file's syntax tree in this thread under this token for phase 2 (engine/keptTrees.ts). */
  keep?: string;
  /** The token a tree of this text may have been kept under in this thread: used instead of parsing, then dropped. */
  reuse?: string;
}

let lastIds: string[] | undefined;
let lastRules: Rule[] = [];

/** The rules for `ids`, in that order; memoised because every task of a run names the same list. */
export function rulesFor(ids: readonly string[]): Rule[] {
  if (lastIds && lastIds.length === ids.length && lastIds.every((id, i) => id === ids[i])) return lastRules;
  lastRules = ids.map((id) => {
    const rule = findRule(id);
    if (!rule) throw new Error(`unknown rule '${id}' in an engine task`);
    return rule;
  });
  lastIds = [...ids];
  return lastRules;
}

/** Opens every message of a file the engine gave up on (timeouts, crashes, stack or memory exhaustion). */
export const NOT_REVIEWED = 'not reviewed: ';

/**
 * Results the engine gave up on, wholly or partly (a time limit stopped some rules), depend on the machine and the
 * moment as much as on the file: never cached.
 */
export function gaveUp(result: FileAnalysis): boolean {
  return result.diagnostics.some((d) => d.code === 'timeout' || d.message.startsWith(NOT_REVIEWED));
}

export function timeoutDiagnostic(path: string, limitMs: number, stage?: string): Diagnostic {
  return {
    file: path, code: 'timeout',
    message: `${NOT_REVIEWED}analysis took longer than the ${limitMs} ms limit${stage ? ` (${stage})` : ''}; raise --file-timeout to review it`,
  };
}

export function failedResult(path: string, error: unknown, limitMs: number): FileAnalysis {
  let diagnostic: Diagnostic;
  if (error instanceof FileTimeout) {
    diagnostic = timeoutDiagnostic(path, limitMs, error.stage === 'parse' ? 'while parsing' : 'while running rules');
  } else if (isStackOverflow(error)) {
    diagnostic = { file: path, code: 'unsupported', message: `${NOT_REVIEWED}the code is nested too deeply to analyse (stack exhausted)` };
  } else if (error instanceof Error && error.message.startsWith('Aborted(')) {
    diagnostic = { file: path, code: 'unsupported', message: `${NOT_REVIEWED}the file is too large for the parser (it ran out of memory)` };
  } else {
    const reason = error instanceof Error ? error.message : String(error);
    diagnostic = { file: path, code: 'rule-error', message: `${NOT_REVIEWED}the analysis failed: ${reason}` };
  }
  return { findings: [], diagnostics: [diagnostic], suppressed: 0 };
}

/** A result with this thread's timing totals (--timing); the engine takes them off before caching or reporting. */
export type TimedAnalysis = FileAnalysis & { timing?: Timings };

export async function runTask(task: AnalyzeTask): Promise<TimedAnalysis> {
  const result = await runTaskUntimed(task);
  return timingOn() ? { ...result, timing: takeTimes() } : result;
}

async function runTaskUntimed(task: AnalyzeTask): Promise<FileAnalysis> {
  try {
    // By extension only: a C++ file never reaches the Python front-end, whichever glob selected it.
    const analyze = languageOf(task.path) === 'cpp' ? analyzeCpp : analyzePython;
    const tree = task.reuse !== undefined ? takeTree(task.reuse, task.text) : undefined;
    const keep = task.keep;
    return await analyze(task.path, task.text, rulesFor(task.ruleIds), {
      keepSuppressed: task.keepSuppressed, timeoutMs: task.timeoutMs,
      ...(task.phase ? { phase: task.phase } : {}), ...(task.project ? { project: task.project } : {}), ...(task.declared ? { declared: task.declared } : {}),
      ...(tree ? { tree } : {}), ...(keep !== undefined ? { keepTree: (t: SyntaxTree) => keepTree(keep, t) } : {}),
    });
  } catch (error) {
    return failedResult(task.path, error, task.timeoutMs);
  }
}
