// Runs the selected rules over one Python file: parse, build the model once, one traversal that dispatches every
// rule's visitors, then turn reports into findings (pillar, fingerprint, suppression). Never reads files itself.
//
// Order and limits: rules whose only visitor is `module` analyse the whole file at once (the taint rules); they run
// after the traversal, so the pattern rules' findings are in before the expensive analyses start. Those analyses
// check the file's budget as they go; when the time limit passes they stop, the other rules' findings are kept and
// a `timeout` diagnostic names what did not finish. A failure of a rule on one place (code too deep for it) costs
// that rule that place only.
import { Budget, BudgetSpent, isStackOverflow } from '../analysis/budget.js';
import { parseSuppression, suppresses, unknownSuppressionIds, type Suppression } from '../findings/suppression.js';
import type { Diagnostic, Finding } from '../findings/types.js';
import { PythonModel } from '../languages/python/model.js';
import { parsePythonWithin } from '../languages/python/parser.js';
import { enclosingScopeName, statementLines } from '../languages/python/syntax.js';
import { walkTree } from '../languages/python/walk.js';
import type { SyntaxNode, SyntaxTree } from '../languages/syntaxTree.js';
import { redactSnippet } from '../rulekit/redaction.js';
import { findRule } from '../rulekit/registry.js';
import type { ReportDescriptor, Rule, RuleContext, Visitor } from '../rulekit/types.js';
import { cweExists } from '../taxonomy/index.js';
import { extractFacts } from '../index/extract.js';
import type { DeclaredVersions } from '../index/declaredDependencies.js';
import { EMPTY_SLICE, type FileFacts, type ProjectSlice } from '../index/types.js';
import { ProjectView } from '../index/view.js';
import { GapLog } from './gaps.js';
import { addTime, timingOn } from './timing.js';
import { toFinding } from './toFinding.js';

export interface FileAnalysis {
  findings: Finding[];
  diagnostics: Diagnostic[];
  suppressed: number;
  /**
   * Phase 1 (AnalyzeOptions.phase 'facts'): the file's project facts, and the findings of the project-aware rules
   * (meta.usesProject) computed without project facts, kept apart from `findings` — the engine uses them when the
   * file's slice of the project facts is empty and replaces them by a phase-2 run otherwise.
   */
  split?: ProjectPart;
}

/**
 * `facts` is absent in a phase-1 result served from the cache: the engine keeps facts in a pack of their own and
 * loads them only when the project facts must be merged again (engine/runFiles.ts, projectPhase.ts).
 */
export interface ProjectPart { facts?: FileFacts; findings: Finding[]; suppressed: number }

export interface AnalyzeOptions {
  /** Keep suppressed findings (marked) instead of dropping them. */
  keepSuppressed: boolean;
  /**
   * Milliseconds this file may take. Parsing past it is a FileTimeout (nothing reviewed); past it the expensive
   * analyses stop where they are (partly reviewed), and the cheap rules get WALK_GRACE_MS more to finish their
   * traversal. A visitor that never returns is stopped only by the worker pool terminating its thread.
   */
  timeoutMs?: number;
  /**
   * Budget checks the expensive analyses may make before they stop as if the limit had passed: a deterministic
   * deadline for tests of the partial-result path (unset in real runs).
   */
  analysisSteps?: number;
  /**
   * `facts`: also extract the file's project facts and keep the project-aware rules' findings apart (see
   * FileAnalysis.split); `project`: the phase-2 run of the project-aware rules alone with `project` as their view
   * (file-level diagnostics such as syntax errors are phase 1's). Unset: one run of every rule with `project`.
   */
  phase?: 'facts' | 'project';
  project?: ProjectSlice;
  /** The minimum versions the file's project declares (`ctx.project.declaredMinimum`); unknown when absent. */
  declared?: DeclaredVersions;
  /** The tree of `source` parsed earlier in the run (engine/keptTrees.ts), used instead of parsing it again. */
  tree?: SyntaxTree;
  /** Given the file's tree once it is parsed (not for test code): phase 1 keeps trees phase 2 may want again. */
  keepTree?(tree: SyntaxTree): void;
}

/** Thrown when a file exceeds its time limit; the engine turns it into a `timeout` diagnostic. */
export class FileTimeout extends Error {
  constructor(readonly stage: 'parse' | 'rules', readonly limitMs: number) {
    super(`analysis stopped after the ${limitMs} ms limit (--file-timeout) while ${stage === 'parse' ? 'parsing' : 'running rules'}`);
    this.name = 'FileTimeout';
  }
}

/** Visits between two clock reads: reading the clock costs ~50 ns, a visit usually far more. */
const DEADLINE_CHECK_INTERVAL = 256;

/**
 * How long past the limit the traversal may go on once the expensive analyses have stopped: long enough for the
 * pattern rules to finish a large file (1.6 MB takes ~1 s), well inside the pool's 5 s kill grace.
 */
const WALK_GRACE_MS = 2_500;

/** Thrown by the traversal far past the limit; the findings so far are kept. */
class WalkStopped extends Error {}

interface Handler { rule: Rule; visit: Visitor }

/** Visitor keys (`call`, `call:exit`) parsed once per run, not once per file and rule. */
const visitorKeys = new Map<string, { type: string; isExit: boolean }>();
function visitorKey(key: string): { type: string; isExit: boolean } {
  let parsed = visitorKeys.get(key);
  if (!parsed) {
    const [type, phase] = key.split(':') as [string, string | undefined];
    visitorKeys.set(key, parsed = { type, isExit: phase === 'exit' });
  }
  return parsed;
}

export async function analyzePython(path: string, source: string, rules: readonly Rule[], options: AnalyzeOptions): Promise<FileAnalysis> {
  const limitMs = options.timeoutMs ?? Infinity;
  const deadline = performance.now() + limitMs;
  const timed = Number.isFinite(deadline);
  // --timing (timing.ts): where the time goes; rules of phase 2 are counted apart from their phase-1 run.
  const timing = timingOn();
  const tag = options.phase === 'project' ? 'phase-2 ' : '';
  let t0 = timing ? performance.now() : 0;
  const tree = options.tree ?? await parsePythonWithin(source, () => timed && performance.now() > deadline);
  if (!tree) throw new FileTimeout('parse', limitMs);
  if (timing) { const t = performance.now(); addTime(`stage:${tag}${options.tree ? 'kept tree' : 'parse'}`, t - t0); t0 = t; }
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const gaps = new GapLog(path, limitMs);
  let suppressed = 0;
  const model = new PythonModel(path, source, tree, new Budget(deadline, options.analysisSteps));
  // Test modules are large and many (nova: 13.6 of the 19.9 MB in files above 16 KB) but seldom call into a file whose
  // facts reach their slice (8 of nova's 69 phase-2 files, 0.5 MB): keeping their trees would cost memory for little.
  if (options.keepTree && !model.isTestCode()) options.keepTree(tree);
  if (options.phase !== 'project') {
    diagnostics.push(...syntaxDiagnostics(model));
    // Every rule in the registry counts as known, selected or not: `--only` must not turn comments into warnings.
    diagnostics.push(...unknownSuppressionIds(path, model.comments, { isRule: (id) => findRule(id) !== undefined, isCwe: cweExists }));
  }
  if (timing) addTime(`stage:${tag}model`, performance.now() - t0);
  const project = options.project || options.declared ? new ProjectView(options.project ?? EMPTY_SLICE, options.declared) : ProjectView.empty;
  const projectFindings: Finding[] = [];
  let projectSuppressed = 0;
  const suppressionCache = new Map<number, Suppression | null>();
  const suppressionAt = (row: number): Suppression | null => {
    if (!suppressionCache.has(row)) {
      const parsed = (model.comments.get(row) ?? []).map(parseSuppression).filter((s): s is Suppression => s !== null);
      suppressionCache.set(row, parsed.length === 0 ? null : merge(parsed));
    }
    return suppressionCache.get(row) ?? null;
  };

  /** Source texts that rules marked secret (ReportDescriptor.redact): masked in the snippets of this file. */
  const secrets = new Set<string>();
  const enter = new Map<string, Handler[]>();
  const exit = new Map<string, Handler[]>();
  const wholeFile: Handler[] = [];
  for (const rule of rules) {
    // Rules of another language never see a Python tree (the engine routes files by extension).
    if (rule.language === 'cpp') continue;
    const apart = options.phase === 'facts' && rule.meta.usesProject === true;
    const report = (d: ReportDescriptor): void => {
      for (const n of d.redact ?? []) secrets.add(n.text);
      const finding = toFinding(rule.meta, d, { path: model.path, lines: model.lines, scopeName: enclosingScopeName(d.node) });
      const lines = statementLines(d.node);
      let isSuppressed = false;
      for (let row = lines.start; row <= lines.end && !isSuppressed; row++) {
        const s = suppressionAt(row);
        if (s && suppresses(s, rule.meta.id, rule.meta.bandit, rule.meta.banditName, finding)) isSuppressed = true;
      }
      if (isSuppressed) {
        if (apart) projectSuppressed++;
        else suppressed++;
        if (!options.keepSuppressed) return;
        finding.suppressed = true;
      }
      (apart ? projectFindings : findings).push(finding);
    };
    const ctx: RuleContext = { model, report, project };
    let visitors;
    const tc = timing ? performance.now() : 0;
    try {
      visitors = rule.create(ctx);
      if (timing) addTime(tag + rule.meta.id, performance.now() - tc);
    } catch (error) {
      diagnostics.push(ruleError(path, rule, error));
      continue;
    }
    const keys = Object.keys(visitors);
    if (keys.length === 1 && keys[0] === 'module') {
      wholeFile.push({ rule, visit: visitors.module! });
      continue;
    }
    for (const key of keys) {
      const { type, isExit } = visitorKey(key);
      const table = isExit ? exit : enter;
      let list = table.get(type);
      if (!list) table.set(type, list = []);
      list.push({ rule, visit: visitors[key]! });
    }
  }

  const failed = new Set<Rule>();
  /**
   * Per rule, the last subtree it was too deep for: its nodes inside are not offered to it again (each would
   * exhaust the stack anew), while the enclosing nodes' exits still are.
   */
  const tooDeep = new Map<Rule, { start: number; end: number; id: number }>();
  const visitOne = (node: SyntaxNode, rule: Rule, visit: Visitor): void => {
    const skip = tooDeep.size > 0 ? tooDeep.get(rule) : undefined;
    if (skip && node.startIndex >= skip.start && node.endIndex <= skip.end && node.id >= skip.id) return;
    const tv = timing ? performance.now() : 0;
    try {
      visit(node);
      if (timing) addTime(tag + rule.meta.id, performance.now() - tv);
    } catch (error) {
      if (timing) addTime(tag + rule.meta.id, performance.now() - tv);
      const line = node.startPosition.row + 1;
      if (error instanceof BudgetSpent) gaps.add(rule.meta.id, { analysis: 'dataflow', line, why: 'deadline' });
      else if (isStackOverflow(error)) {
        gaps.add(rule.meta.id, { analysis: 'rule', line, why: 'depth' });
        tooDeep.set(rule, { start: node.startIndex, end: node.endIndex, id: node.id });
      } else {
        // A broken rule must not cost the user the other rules' findings on this file.
        failed.add(rule);
        diagnostics.push(ruleError(path, rule, error, node));
      }
    }
    for (const gap of model.takeGaps()) gaps.add(rule.meta.id, gap);
  };
  let visits = 0;
  const walkLimit = deadline + WALK_GRACE_MS;
  const dispatch = (node: SyntaxNode, handlers: Handler[]): void => {
    if (++visits % DEADLINE_CHECK_INTERVAL === 0 && performance.now() > walkLimit) {
      gaps.walkStopped(node.startPosition.row + 1);
      throw new WalkStopped();
    }
    for (const { rule, visit } of handlers) {
      if (failed.size > 0 && failed.has(rule)) continue;
      visitOne(node, rule, visit);
    }
  };
  try {
    if (enter.size > 0 || exit.size > 0) walkTree(tree, enter, exit, dispatch);
  } catch (error) {
    if (!(error instanceof WalkStopped)) throw error;
  }
  // Past the limit these stop at their first budget check, and so are named in the timeout diagnostic.
  for (const { rule, visit } of wholeFile) visitOne(tree.rootNode, rule, visit);
  // Every snippet of the file, whichever rule reported it: a line may hold a secret another finding is about.
  if (secrets.size > 0) for (const f of [...findings, ...projectFindings]) f.snippet = redactSnippet(f.snippet, [...secrets]);
  diagnostics.push(...gaps.diagnostics());
  if (options.phase !== 'facts') return { findings, diagnostics, suppressed };
  const tf = timing ? performance.now() : 0;
  const facts = extractFacts(model);
  if (timing) addTime('stage:facts', performance.now() - tf);
  return { findings, diagnostics, suppressed, split: { facts, findings: projectFindings, suppressed: projectSuppressed } };
}

function merge(list: Suppression[]): Suppression {
  return {
    all: list.some((s) => s.all),
    rules: new Set(list.flatMap((s) => [...s.rules])),
    bandit: new Set(list.flatMap((s) => [...s.bandit])),
  };
}

function syntaxDiagnostics(model: PythonModel): Diagnostic[] {
  return model.syntaxErrors.map((node) => {
    const line = node.startPosition.row + 1;
    const what = node.isMissing ? `missing ${node.type}` : 'code the parser could not read';
    return {
      file: model.path, code: 'syntax-error' as const, line, column: node.startPosition.column + 1,
      message: `syntax error (${what}) at lines ${line}-${node.endPosition.row + 1}; the rest of the file was still reviewed`,
    };
  });
}

export { isStackOverflow };

function ruleError(path: string, rule: Rule, error: unknown, node?: SyntaxNode): Diagnostic {
  const reason = isStackOverflow(error)
    ? 'the code is nested too deeply for it (stack exhausted); the other rules still ran'
    : error instanceof Error ? error.message : String(error);
  const d: Diagnostic = { file: path, code: 'rule-error', message: `rule ${rule.meta.id} failed: ${reason}` };
  if (node) { d.line = node.startPosition.row + 1; d.column = node.startPosition.column + 1; }
  return d;
}
