// Runs the selected rules over one Python file: parse, build the model once, one traversal that dispatches every
// rule's visitors, then turn reports into findings (pillar, fingerprint, suppression). Never reads files itself.
import { fingerprint } from '../findings/fingerprint.js';
import { parseSuppression, suppresses, unknownSuppressionIds, type Suppression } from '../findings/suppression.js';
import type { Diagnostic, Finding, Range } from '../findings/types.js';
import { PythonModel } from '../languages/python/model.js';
import { parsePythonWithin } from '../languages/python/parser.js';
import { enclosingScopeName, statementLines } from '../languages/python/syntax.js';
import { walkTree } from '../languages/python/walk.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { fillTemplate } from '../rulekit/defineRule.js';
import { findRule } from '../rulekit/registry.js';
import type { ReportDescriptor, Rule, RuleContext, Visitor } from '../rulekit/types.js';
import { cweExists, pillarOf } from '../taxonomy/index.js';

export interface FileAnalysis { findings: Finding[]; diagnostics: Diagnostic[]; suppressed: number }

export interface AnalyzeOptions {
  /** Keep suppressed findings (marked) instead of dropping them. */
  keepSuppressed: boolean;
  /**
   * Milliseconds this file may take. Checked while parsing and between visits, so a slow file stops with a
   * FileTimeout; a single visitor that never returns is stopped only by the worker pool terminating its thread.
   */
  timeoutMs?: number;
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

const SNIPPET_MAX_LINES = 6;

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

export function rangeOf(node: SyntaxNode): Range {
  return {
    startLine: node.startPosition.row + 1, startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1,
  };
}

export async function analyzePython(path: string, source: string, rules: readonly Rule[], options: AnalyzeOptions): Promise<FileAnalysis> {
  const limitMs = options.timeoutMs ?? Infinity;
  const deadline = performance.now() + limitMs;
  const timed = Number.isFinite(deadline);
  const tree = await parsePythonWithin(source, () => timed && performance.now() > deadline);
  if (!tree) throw new FileTimeout('parse', limitMs);
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  let suppressed = 0;
  const model = new PythonModel(path, source, tree);
  diagnostics.push(...syntaxDiagnostics(model));
  // Every rule in the registry counts as known, selected or not: `--only` must not turn comments into warnings.
  diagnostics.push(...unknownSuppressionIds(path, model.comments, { isRule: (id) => findRule(id) !== undefined, isCwe: cweExists }));
  const suppressionCache = new Map<number, Suppression | null>();
  const suppressionAt = (row: number): Suppression | null => {
    if (!suppressionCache.has(row)) {
      const parsed = (model.comments.get(row) ?? []).map(parseSuppression).filter((s): s is Suppression => s !== null);
      suppressionCache.set(row, parsed.length === 0 ? null : merge(parsed));
    }
    return suppressionCache.get(row) ?? null;
  };

  const enter = new Map<string, Handler[]>();
  const exit = new Map<string, Handler[]>();
  for (const rule of rules) {
    const report = (d: ReportDescriptor): void => {
      const finding = toFinding(rule, d, model);
      const lines = statementLines(d.node);
      let isSuppressed = false;
      for (let row = lines.start; row <= lines.end && !isSuppressed; row++) {
        const s = suppressionAt(row);
        if (s && suppresses(s, rule.meta.id, rule.meta.bandit, rule.meta.banditName, finding)) isSuppressed = true;
      }
      if (isSuppressed) {
        suppressed++;
        if (!options.keepSuppressed) return;
        finding.suppressed = true;
      }
      findings.push(finding);
    };
    const ctx: RuleContext = { model, report };
    let visitors;
    try {
      visitors = rule.create(ctx);
    } catch (error) {
      diagnostics.push(ruleError(path, rule, error));
      continue;
    }
    for (const key in visitors) {
      const { type, isExit } = visitorKey(key);
      const table = isExit ? exit : enter;
      let list = table.get(type);
      if (!list) table.set(type, list = []);
      list.push({ rule, visit: visitors[key]! });
    }
  }

  const failed = new Set<Rule>();
  let visits = 0;
  const dispatch = (node: SyntaxNode, handlers: Handler[]): void => {
    if (++visits % DEADLINE_CHECK_INTERVAL === 0 && performance.now() > deadline) throw new FileTimeout('rules', limitMs);
    for (const { rule, visit } of handlers) {
      if (failed.size > 0 && failed.has(rule)) continue;
      try {
        visit(node);
      } catch (error) {
        // One broken rule must not cost the user the other rules' findings on this file.
        failed.add(rule);
        diagnostics.push(ruleError(path, rule, error, node));
      }
    }
  };
  if (enter.size > 0 || exit.size > 0) walkTree(tree, enter, exit, dispatch);
  return { findings, diagnostics, suppressed };
}

function merge(list: Suppression[]): Suppression {
  return {
    all: list.some((s) => s.all),
    rules: new Set(list.flatMap((s) => [...s.rules])),
    bandit: new Set(list.flatMap((s) => [...s.bandit])),
  };
}

function toFinding(rule: Rule, d: ReportDescriptor, model: PythonModel): Finding {
  const { meta } = rule;
  const spec = meta.messages[d.messageId];
  if (!spec) throw new Error(`rule ${meta.id} reported unknown message id '${d.messageId}'`);
  const range = rangeOf(d.node);
  const snippetEnd = Math.min(range.endLine, range.startLine + SNIPPET_MAX_LINES - 1);
  const snippet = model.lines.slice(range.startLine - 1, snippetEnd).join('\n');
  const finding: Finding = {
    ruleId: meta.id,
    cwe: meta.cwe,
    pillar: pillarOf(meta.cwe)!,
    severity: d.severity ?? meta.severity,
    confidence: d.confidence ?? meta.confidence,
    file: model.path,
    range,
    message: fillTemplate(spec.text, d.data),
    remediation: fillTemplate(spec.fix, d.data),
    fingerprint: fingerprint(meta.id, enclosingScopeName(d.node), d.node.text),
    snippet,
  };
  if (meta.bandit) finding.bandit = meta.bandit;
  if (d.evidence && d.evidence.length > 0) {
    finding.evidence = d.evidence.map((e) => ({ file: model.path, range: rangeOf(e.node), message: e.message }));
  }
  return finding;
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

/** V8's stack overflow: code nested deeper than a recursive helper can follow. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function ruleError(path: string, rule: Rule, error: unknown, node?: SyntaxNode): Diagnostic {
  const reason = isStackOverflow(error)
    ? 'the code is nested too deeply for it (stack exhausted); the other rules still ran'
    : error instanceof Error ? error.message : String(error);
  const d: Diagnostic = { file: path, code: 'rule-error', message: `rule ${rule.meta.id} failed: ${reason}` };
  if (node) { d.line = node.startPosition.row + 1; d.column = node.startPosition.column + 1; }
  return d;
}
