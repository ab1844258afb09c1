// Runs the selected C/C++ rules over one C or C++ file: preprocess (lines and columns kept), parse, build the model,
// one traversal that dispatches every rule's visitors, then findings (pillar, fingerprint, suppression). What the
// preprocessing blanked (`#else` branches) and what the parser could not read are reported as diagnostics.
// Suppressions: `// pillar: ignore[...]`, `// NOLINT` / `// NOLINTNEXTLINE` (bare or naming the rule id) and
// `// flawfinder: ignore`, on the finding's line (or the line before, for NOLINTNEXTLINE).
// Two-phase runs (engine/projectPhase.ts) as for Python: phase 1 also extracts the file's C/C++ facts
// (index/cpp/classFacts.ts) and keeps the project-aware rules' findings apart; phase 2 runs those rules alone with
// the file's slice as `ctx.project`.
import { parseSuppression, suppresses, unknownSuppressionIds, type Suppression } from '../findings/suppression.js';
import type { Diagnostic, Finding } from '../findings/types.js';
import { CppModel } from '../languages/cpp/model.js';
import { parseCppWithin } from '../languages/cpp/parser.js';
import { preprocess } from '../languages/cpp/preprocess.js';
import { enclosingScopeName, statementRows } from '../languages/cpp/syntax.js';
import { walkTree } from '../languages/python/walk.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { extractCppFacts } from '../index/cpp/classFacts.js';
import { CppProjectView } from '../index/cpp/view.js';
import { findRule } from '../rulekit/registry.js';
import type { CppRule, ReportDescriptor, Rule, Visitor } from '../rulekit/types.js';
import { cweExists } from '../taxonomy/index.js';
import { FileTimeout, type AnalyzeOptions, type FileAnalysis } from './analyzePython.js';
import { addTime, timingOn } from './timing.js';
import { toFinding } from './toFinding.js';

/** At most this many parse-error diagnostics per file; the rest are counted in the last one. */
const MAX_SYNTAX_DIAGNOSTICS = 5;

const NOLINT = /\bNOLINT(NEXTLINE)?\b(?:\(([^)]*)\))?/;
const FLAWFINDER_IGNORE = /\bflawfinder:\s*ignore\b/i;

export async function analyzeCpp(path: string, source: string, rules: readonly Rule[], options: AnalyzeOptions): Promise<FileAnalysis> {
  const limitMs = options.timeoutMs ?? Infinity;
  const deadline = performance.now() + limitMs;
  const timed = Number.isFinite(deadline);
  const { text, skipped, includes } = preprocess(source);
  const tree = await parseCppWithin(text, () => timed && performance.now() > deadline);
  if (!tree) throw new FileTimeout('parse', limitMs);
  const model = new CppModel(path, source, tree, skipped, includes);
  const findings: Finding[] = [];
  const projectFindings: Finding[] = [];
  // File-level diagnostics are phase 1's: phase 2 would repeat them.
  const diagnostics: Diagnostic[] = options.phase === 'project' ? [] : [...syntaxDiagnostics(model), ...skippedDiagnostics(model)];
  if (options.phase !== 'project') diagnostics.push(...unknownSuppressionIds(path, model.comments, { isRule: (id) => findRule(id) !== undefined, isCwe: cweExists }));
  const project = options.project ? new CppProjectView(options.project) : CppProjectView.empty;
  let suppressed = 0;
  let projectSuppressed = 0;

  const enter = new Map<string, Array<{ rule: CppRule; visit: Visitor }>>();
  const exit = new Map<string, Array<{ rule: CppRule; visit: Visitor }>>();
  const failed = new Set<CppRule>();
  for (const rule of rules) {
    if (rule.language !== 'cpp') continue;
    const apart = options.phase === 'facts' && rule.meta.usesProject === true;
    const report = (d: ReportDescriptor): void => {
      const finding = toFinding(rule.meta, d, { path: model.path, lines: model.lines, scopeName: enclosingScopeName(d.node) });
      if (isSuppressed(model, d.node, rule, finding)) {
        if (apart) projectSuppressed++;
        else suppressed++;
        if (!options.keepSuppressed) return;
        finding.suppressed = true;
      }
      (apart ? projectFindings : findings).push(finding);
    };
    let visitors;
    try {
      visitors = rule.create({ model, report, project });
    } catch (error) {
      diagnostics.push(ruleError(path, rule, error));
      continue;
    }
    for (const [key, visit] of Object.entries(visitors)) {
      const [type, phase] = key.split(':') as [string, string | undefined];
      const table = phase === 'exit' ? exit : enter;
      const list = table.get(type) ?? [];
      list.push({ rule, visit });
      table.set(type, list);
    }
  }
  const timing = timingOn();
  walkTree(tree, enter, exit, (node, handlers) => {
    for (const { rule, visit } of handlers) {
      if (failed.has(rule)) continue;
      const tv = timing ? performance.now() : 0;
      try {
        visit(node);
        if (timing) addTime(rule.meta.id, performance.now() - tv);
      } catch (error) {
        // A broken rule must not cost the user the other rules' findings on this file.
        failed.add(rule);
        diagnostics.push(ruleError(path, rule, error, node));
      }
    }
  });
  if (options.phase !== 'facts') return { findings, diagnostics, suppressed };
  return { findings, diagnostics, suppressed, split: { facts: extractCppFacts(model), findings: projectFindings, suppressed: projectSuppressed } };
}

function isSuppressed(model: CppModel, node: SyntaxNode, rule: CppRule, finding: Finding): boolean {
  const rows = statementRows(node);
  for (let row = rows.start; row <= rows.end; row++) {
    for (const comment of model.comments.get(row) ?? []) {
      const s: Suppression | null = parseSuppression(comment);
      if (s && suppresses(s, rule.meta.id, undefined, undefined, finding)) return true;
      if (FLAWFINDER_IGNORE.test(comment)) return true;
      const nolint = NOLINT.exec(comment);
      if (nolint && !nolint[1] && namesRule(nolint[2], rule.meta.id)) return true;
    }
    for (const comment of model.comments.get(row - 1) ?? []) {
      const nolint = NOLINT.exec(comment);
      if (nolint && nolint[1] && namesRule(nolint[2], rule.meta.id)) return true;
    }
  }
  return false;
}

/** A bare NOLINT silences every rule; `NOLINT(a, b)` (clang-tidy check names) only the rules it names. */
function namesRule(list: string | undefined, id: string): boolean {
  return list === undefined || list.split(',').some((name) => name.trim() === id || name.trim() === `pillar-${id}`);
}

function syntaxDiagnostics(model: CppModel): Diagnostic[] {
  const errors = model.syntaxErrors;
  return errors.slice(0, MAX_SYNTAX_DIAGNOSTICS).map((node, i) => {
    const line = node.startPosition.row + 1;
    const more = i === MAX_SYNTAX_DIAGNOSTICS - 1 && errors.length > MAX_SYNTAX_DIAGNOSTICS ? ` (and ${errors.length - MAX_SYNTAX_DIAGNOSTICS} more places)` : '';
    const first = node.text.split('\n')[0]!.trim().slice(0, 40);
    return {
      file: model.path, code: 'syntax-error' as const, line, column: node.startPosition.column + 1,
      message: `C/C++ the parser could not read at lines ${line}-${node.endPosition.row + 1} ('${first}': an unknown macro?); the rest of the file was still reviewed${more}`,
    };
  });
}

function skippedDiagnostics(model: CppModel): Diagnostic[] {
  if (model.skipped.length === 0) return [];
  const list = model.skipped.map((s) => `${s.startLine}-${s.endLine} (${s.directive.slice(0, 40)})`).join(', ');
  return [{
    file: model.path, code: 'preprocessor-skipped', line: model.skipped[0]!.startLine,
    message: `${model.skipped.length} preprocessor branch(es) not analysed (the first branch of each #if group is): lines ${list}`,
  }];
}

function ruleError(path: string, rule: Rule, error: unknown, node?: SyntaxNode): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  const d: Diagnostic = { file: path, code: 'rule-error', message: `rule ${rule.meta.id} failed: ${reason}` };
  if (node) { d.line = node.startPosition.row + 1; d.column = node.startPosition.column + 1; }
  return d;
}
