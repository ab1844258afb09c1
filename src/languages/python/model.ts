// The per-file model every Python rule queries, and the one entry point a rule needs (docs/model-api.md): source,
// syntax tree, imports, comments, parse errors, and — built on first ask, cached here and nowhere else — scopes and
// the scope-aware name resolver, parameters, CFGs, reaching definitions, value kinds and taint. Built once per file
// by the engine and shared by all rules. It answers about this file only; cross-file facts belong to `index/`.
import { Budget, isStackOverflow, type AnalysisGap } from '../../analysis/budget.js';
import type { ParameterSource, Sink, TaintSpec } from '../../analysis/taint/spec.js';
import type { TaintHooks } from './dataflow/taintTransfer.js';
import { PYTHON_BUILTINS } from '../../models/python/builtins.js';
import type { SyntaxNode, SyntaxTree } from '../syntaxTree.js';
import { buildCfg } from './cfg/builder.js';
import type { Cfg } from './cfg/graph.js';
import { handlerOutcome, type HandlerOutcome } from './cfg/handlers.js';
import { isCatchAll } from './cfg/tryBuilder.js';
import { computeDataflow, type FunctionDataflow } from './dataflow/reaching.js';
import { allFunctions, classBases, decorators, enclosingClass } from './dataflow/functions.js';
import { analyseTaint, sourceParametersOf, type FileTaint } from './dataflow/taintFile.js';
import { taintFindings, type TaintFinding, type TaintQuery } from './dataflow/taintFindings.js';
import { callInfo, mayMatchAny, sinkApplies, sinkArguments } from './dataflow/taintMatch.js';
import { foldedStrings, type FoldedString } from './constantStrings.js';
import { loggingCallOf, type LoggingCall } from './logging.js';
import { ImportTable, matchesName, type ImportRecord } from './names.js';
import { parametersOf, type Parameter } from './parameters.js';
import { ScopeModel, type NameResolution } from './scopes/scopeModel.js';
import type { Binding } from './scopes/types.js';
import { callee, enclosingFunction, unparenthesize } from './syntax.js';
import { ValueKinds, type Reaching, type ValueKind } from './valueKinds.js';

export type { Parameter, ParameterKind } from './parameters.js';
export type { Reaching, ValueKind } from './valueKinds.js';
export type { NameResolution } from './scopes/scopeModel.js';
export type { Binding } from './scopes/types.js';
export type { HandlerOutcome } from './cfg/handlers.js';
export type { Cfg } from './cfg/graph.js';
export type { CfgNode } from './cfg/types.js';
export type { LoggingCall } from './logging.js';
export type { LogLevel } from '../../models/python/logging.js';

const MODEL_NODE_TYPES: ReadonlySet<string> = new Set(['import_statement', 'import_from_statement', 'comment', 'ERROR', 'class_definition']);

/** The nodes the model needs, in document order (so comments on a row keep their order). */
function modelNodes(tree: SyntaxTree): SyntaxNode[] {
  const mask = tree.typeMask(MODEL_NODE_TYPES);
  const { count, type } = tree.data;
  const out: SyntaxNode[] = [];
  for (let i = 0; i < count; i++) if (mask[type[i]!]) out.push(tree.node(i));
  return out;
}

/** Test frameworks, and `tests`/`test`/`testing` packages: importing one makes a module test support code. */
const TEST_SUPPORT_IMPORT = /^(?:unittest|mock|testtools|fixtures|pytest|oslotest|ddt|testscenarios|stestr)(?:\.|$)|(?:^|\.)(?:tests?|testing)(?:\.|$)/;

/** An import statement under an `if`/`else` or a `try`/`except`: made only when a condition holds. */
function conditionalImport(node: SyntaxNode): boolean {
  for (let p = node.parent; p && p.type !== 'module'; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') return false;
    if (p.type === 'if_statement' || p.type === 'else_clause' || p.type === 'elif_clause' || p.type === 'try_statement' || p.type === 'except_clause') return true;
  }
  return false;
}

const TEST_FRAMEWORKS = ['unittest', 'pytest', 'testtools', 'oslotest', 'nose', 'fixtures'];
/** Frameworks of style checkers (OpenStack's hacking, flake8, pycodestyle, pylint): their plugins read the project's own source. */
const LINT_FRAMEWORKS = ['hacking', 'flake8', 'pycodestyle', 'pep8', 'pylint', 'astroid'];

export class PythonModel {
  readonly imports = new ImportTable();
  /** Comment texts by 0-based row. */
  readonly comments = new Map<number, string[]>();
  /** ERROR and MISSING nodes: regions the parser could not make sense of. */
  readonly syntaxErrors: SyntaxNode[] = [];
  private splitLines: string[] | undefined;
  private testCode: boolean | undefined;
  private testSupport: boolean | undefined;
  private lintPlugin: boolean | undefined;
  private readonly stringValueMemo = new Map<number, FoldedString[]>();
  /**
   * Memo of callName by node id: 0 not asked yet, -1 no name, k > 0 the name at `callNameTable[k - 1]`. A typed
   * array, not a JS array of the tree's size: the collector neither scans nor copies it.
   */
  private readonly callNameSlots: Int32Array;
  private readonly callNameTable: string[] = [];
  private readonly typesPresent = new Map<string, boolean>();
  private readonly testClassBases: string[] = [];

  /** Gaps the analyses reported to the rule being run; the engine takes them after each visit (takeGaps). */
  private pendingGaps: AnalysisGap[] = [];

  // The analyses' caches: one home, dying with the model. Keyed by node id (SyntaxNode objects are not
  // identity-stable; their ids are) or by the spec object.
  private scopeModel: ScopeModel | { failed: unknown } | undefined;
  private valueKinds: ValueKinds | undefined;
  private functionList: SyntaxNode[] | undefined;
  private calledNameSet: Set<string> | undefined;
  private importsByStatement: Map<number, ImportRecord[]> | undefined;
  private readonly parameterLists = new Map<number, Parameter[]>();
  private readonly cfgs = new Map<number, Cfg>();
  private readonly dataflows = new Map<number, FunctionDataflow>();
  private readonly taints = new Map<TaintSpec, FileTaint | { failed: unknown }>();
  private readonly mayCallAnswers = new Map<readonly string[], boolean>();
  private readonly loggingCalls = new Map<number, LoggingCall | null>();

  /** `budget`: how long the expensive analyses may run on this file (the engine's --file-timeout). */
  constructor(readonly path: string, readonly source: string, readonly tree: SyntaxTree, readonly budget: Budget = Budget.unlimited) {
    this.callNameSlots = new Int32Array(tree.data.count);
    for (const node of modelNodes(tree)) {
      switch (node.type) {
        case 'comment': {
          const row = node.startPosition.row;
          const list = this.comments.get(row) ?? [];
          list.push(node.text);
          this.comments.set(row, list);
          break;
        }
        case 'ERROR': this.syntaxErrors.push(node); break;
        case 'class_definition': {
          const bases = node.childForFieldName('superclasses');
          if (bases) this.testClassBases.push(bases.text);
          break;
        }
        default: this.imports.add(node);
      }
    }
    if (tree.rootNode.hasError) this.collectMissing(tree.rootNode);
  }

  /** The source's lines, split when first asked (for snippets of findings): most files have no finding. */
  get lines(): string[] {
    this.splitLines ??= this.source.split(/\r\n|\r|\n/);
    return this.splitLines;
  }

  get root(): SyntaxNode {
    return this.tree.rootNode;
  }

  // ---- Names -------------------------------------------------------------------------------------------------

  /** Scopes and bindings of the file (LEGB, class bodies invisible to their methods, `global`/`nonlocal`). */
  get scopes(): ScopeModel {
    const scopes = this.boundScopes();
    if (!scopes) throw (this.scopeModel as { failed: unknown }).failed;
    return scopes;
  }

  /**
   * The scopes, or null when the binder ran out of stack on pathologically nested code (remembered, so it is
   * tried once per file); name resolution then falls back to the file-wide import table.
   */
  private boundScopes(): ScopeModel | null {
    if (!this.scopeModel) {
      try {
        this.scopeModel = new ScopeModel(this.root);
      } catch (error) {
        if (!isStackOverflow(error)) throw error;
        this.scopeModel = { failed: error };
      }
    }
    return this.scopeModel instanceof ScopeModel ? this.scopeModel : null;
  }

  /**
   * Qualified name of a dotted expression where it is written, through the one scope-aware resolver: `sp.Popen` →
   * `subprocess.Popen` when `sp` is the import visible there; aliases (`load = yaml.load`) are followed; builtins,
   * unknown globals and local objects stay as written (`self.db.execute`, `LOG.debug`). Null for computed
   * expressions, and where a local binding shadows the import or builtin the written name would be taken for
   * (`def f(subprocess): subprocess.call(x)`, `open = make_opener(); open(p)`).
   */
  qualifiedName(node: SyntaxNode | null): string | null {
    const scopes = this.boundScopes();
    if (!scopes) return this.imports.qualifiedName(node);
    const name = scopes.nameAt(node);
    if (!name) return null;
    switch (name.kind) {
      case 'unbound': return name.dotted;
      // A def or class of this file keeps the name it is called by (`helper`, not `outer.helper`).
      case 'alias': return !name.definition ? name.qualified : this.shadowsKnownName(name) ? null : name.dotted;
      case 'local': return this.shadowsKnownName(name) ? null : name.dotted;
    }
  }

  /** How the head of a dotted expression resolves where it is written (unbound, alias of an import, or local). */
  nameAt(node: SyntaxNode | null): NameResolution | null {
    return this.scopes.nameAt(node);
  }

  /** The bindings an identifier refers to where it is read (all of them: which one reaches is `dataflow`'s question). */
  bindingsOf(identifier: SyntaxNode): Binding[] {
    return this.scopes.lookup(identifier);
  }

  /** A local binding whose written name reads as the module it shadows (`subprocess`), or as a builtin (`open`). */
  private shadowsKnownName(name: NameResolution): boolean {
    if (this.imports.lookup(name.head) === name.head) return true;
    return name.dotted === name.head && PYTHON_BUILTINS.has(name.head);
  }

  /**
   * Qualified name of the function a call invokes (qualifiedName of its callee), or null for calls on computed
   * values. Memoised by node id: every rule asks this of every call.
   */
  callName(call: SyntaxNode): string | null {
    const slot = this.callNameSlots[call.id]!;
    if (slot > 0) return this.callNameTable[slot - 1]!;
    if (slot < 0) return null;
    const name = this.qualifiedName(callee(call));
    if (name === null) this.callNameSlots[call.id] = -1;
    else this.callNameSlots[call.id] = this.callNameTable.push(name);
    return name;
  }

  /**
   * Every qualified name a call may reach: its callName and, for a bare name the file binds nowhere, `m.name` for
   * each `from m import *` (the star import or the builtin may provide it; the code alone cannot tell which).
   */
  callNames(call: SyntaxNode): string[] {
    const name = this.callName(call);
    if (name === null) return [];
    const scopes = this.boundScopes();
    const starModules = scopes?.starModules ?? [];
    if (starModules.length === 0 || name.includes('.') || scopes?.nameAt(callee(call))?.kind !== 'unbound') return [name];
    return [name, ...starModules.map((m) => `${m}.${name}`)];
  }

  /** The first of callNames(call) that one of `patterns` (`a.b`, or `a.*` for anything below `a`) matches. */
  callMatching(call: SyntaxNode, patterns: readonly string[]): string | null {
    for (const name of this.callNames(call)) if (matchesName(name, patterns)) return name;
    return null;
  }

  /** The callNames of every call in the file. */
  calledNames(): ReadonlySet<string> {
    if (!this.calledNameSet) {
      const names = new Set<string>();
      for (const c of this.root.descendantsOfType('call')) for (const q of this.callNames(c)) names.add(q);
      this.calledNameSet = names;
    }
    return this.calledNameSet;
  }

  /**
   * Whether some call of the file may reach one of `patterns`: when none can, a rule about those calls has nothing
   * to look at here. Each distinct name is checked once, instead of every call once per rule.
   */
  mayCall(patterns: readonly string[]): boolean {
    let may = this.mayCallAnswers.get(patterns);
    if (may === undefined) {
      may = false;
      for (const name of this.calledNames()) if (matchesName(name, patterns)) { may = true; break; }
      this.mayCallAnswers.set(patterns, may);
    }
    return may;
  }

  /**
   * The logging call `call` makes (level, logger, message and interpolated arguments), or null: the one answer to
   * "is this a log call" (src/languages/python/logging.ts). A receiver is a logger by its origin in this file (a
   * getLogger factory, an adapter, the logging module); where the file does not show the origin, by the naming
   * convention (`LOG`, `self.logger`). Memoised per call.
   */
  loggingCall(call: SyntaxNode): LoggingCall | null {
    let answer = this.loggingCalls.get(call.id);
    if (answer === undefined) {
      // Without scopes (the binder ran out of stack on this file) origins are unknown: the convention decides.
      answer = call.type === 'call' ? loggingCallOf(this, call, this.boundScopes() !== null) : null;
      this.loggingCalls.set(call.id, answer);
    }
    return answer;
  }

  /** The import records an import statement makes (`import a, b as c` gives two). */
  importsOf(statement: SyntaxNode): readonly ImportRecord[] {
    if (!this.importsByStatement) {
      const byStatement = new Map<number, ImportRecord[]>();
      for (const r of this.imports.records) {
        const list = byStatement.get(r.node.id) ?? [];
        list.push(r);
        byStatement.set(r.node.id, list);
      }
      this.importsByStatement = byStatement;
    }
    return this.importsByStatement.get(statement.id) ?? [];
  }

  // ---- Functions -----------------------------------------------------------------------------------------------

  /**
   * Every function definition of the file, nested ones included, in source order; with `within` (a class, a
   * function or the module), those inside it, `within` itself excluded.
   */
  functions(within?: SyntaxNode): readonly SyntaxNode[] {
    this.functionList ??= allFunctions(this.root);
    if (!within || within.id === this.root.id) return this.functionList;
    return this.functionList.filter((f) => f.id !== within.id && within.startIndex <= f.startIndex && f.endIndex <= within.endIndex);
  }

  /** The parameters of a function or lambda in every form (see Parameter), the method receiver marked. */
  parameters(fn: SyntaxNode): readonly Parameter[] {
    let list = this.parameterLists.get(fn.id);
    if (!list) this.parameterLists.set(fn.id, list = parametersOf(fn));
    return list;
  }

  /**
   * The function definition of this file an expression names: a name through its bindings where it is written
   * (scope-aware: a parameter or an assignment of the same name is no definition), or `self.m` / `cls.m` inside a
   * class: the method `m` defined directly in the nearest enclosing class body. Null otherwise (inherited
   * methods, other files, computed callables).
   */
  definitionOf(expr: SyntaxNode): SyntaxNode | null {
    const e = unparenthesize(expr);
    if (e.type === 'identifier') {
      for (const b of this.bindingsOf(e)) if (b.fact.kind === 'definition' && b.fact.node.type === 'function_definition') return b.fact.node;
      return null;
    }
    if (e.type !== 'attribute') return null;
    const object = e.childForFieldName('object');
    const name = e.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || (object.text !== 'self' && object.text !== 'cls') || !name) return null;
    let cls: SyntaxNode | null = e.parent;
    while (cls && cls.type !== 'class_definition') cls = cls.parent;
    for (const c of cls?.childForFieldName('body')?.namedChildren ?? []) {
      const fn = c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === name) return fn;
    }
    return null;
  }

  /** The class a function is a method of (defined directly in its body), or null. */
  enclosingClass(fn: SyntaxNode): SyntaxNode | null {
    return enclosingClass(fn);
  }

  /** Base class expressions of a class as written (`wsgi.Controller`), keywords (`metaclass=`) excluded. */
  classBases(cls: SyntaxNode): SyntaxNode[] {
    return classBases(cls);
  }

  /** Decorator expressions of a function as written, without the `@`. */
  decorators(fn: SyntaxNode): SyntaxNode[] {
    return decorators(fn);
  }

  // ---- Control and data flow -----------------------------------------------------------------------------------

  /**
   * The control-flow graph (exception edges included) of `fn`, or of the module body for null or the module node.
   * Dominators, post-dominators and path queries are methods of the graph.
   */
  cfg(fn: SyntaxNode | null): Cfg {
    const owner = fn ?? this.root;
    let cfg = this.cfgs.get(owner.id);
    if (!cfg) {
      if (owner.type !== 'function_definition' && owner.type !== 'module') throw new Error(`cfg: expected a function or module, got ${owner.type}`);
      cfg = buildCfg(owner, (call) => this.loggingCall(call) !== null);
      this.cfgs.set(owner.id, cfg);
    }
    return cfg;
  }

  /**
   * How control leaves the block of an except clause (falls through, returns, re-raises, breaks, continues), read
   * off the CFG of the function it is in.
   */
  handlerOutcome(clause: SyntaxNode): HandlerOutcome {
    return handlerOutcome(this.cfg(enclosingFunction(clause)), clause);
  }

  /** A bare `except:` or one catching Exception/BaseException (alone or in a tuple). */
  isCatchAll(clause: SyntaxNode): boolean {
    return isCatchAll(clause);
  }

  /**
   * Reaching definitions of `fn` (or the module). Throws BudgetSpent when the file's budget runs out during the walk
   * (nothing is cached then: every later ask fails as fast). Gaps of the walk are noted against the asking rule.
   */
  dataflow(fn: SyntaxNode): FunctionDataflow {
    let df = this.dataflows.get(fn.id);
    if (!df) { df = computeDataflow(fn, this.budget); this.dataflows.set(fn.id, df); }
    for (const gap of df.gaps) this.noteGap(gap);
    return df;
  }

  /** The innermost function whose dataflow sees `node`, or the module. */
  dataflowOwner(node: SyntaxNode): SyntaxNode {
    return this.kinds.dataflowOwner(node);
  }

  /** The values a name (or `self.x` path) may hold where it is read; null when unknown. */
  reachingValues(use: SyntaxNode): Reaching | null {
    return this.kinds.reachingValues(use);
  }

  /**
   * The expressions a name or `self.x` may hold where it is read: the reaching values where the dataflow knows them,
   * else every value bound to it (a module global read in a function: its assignments; `self.x`: its assignments in
   * every method). A value not known as an expression (a parameter, an import, a loop target) is null or left out.
   */
  valuesOf(expr: SyntaxNode): Array<SyntaxNode | null> {
    const e = unparenthesize(expr);
    if (e.type !== 'identifier' && e.type !== 'attribute') return [];
    const reaching = this.reachingValues(e)?.values;
    if (reaching) return reaching;
    if (e.type === 'identifier') return this.bindingsOf(e).map((b) => (b.kind === 'assignment' ? b.value : null));
    return this.scopes.selfAttribute(e).map((b) => b.value);
  }

  /**
   * The texts a string expression has on every run, built as Python builds them: literals with their escapes decoded,
   * `+`, `'sep'.join([...])` of constants, names followed to the constants bound to them, and a parameter followed to
   * the constants this file's calls pass for it (at most six texts). Each keeps the named constants it was built from.
   */
  stringValues(expr: SyntaxNode): readonly FoldedString[] {
    let known = this.stringValueMemo.get(expr.id);
    if (!known) this.stringValueMemo.set(expr.id, known = foldedStrings(this, expr));
    return known;
  }

  /** The built-in type (str, int, set …) `expr` has on every path, or null when unknown or paths disagree. */
  kindOf(expr: SyntaxNode | null): ValueKind | null {
    return this.kinds.kindOf(expr);
  }

  /** False when `expr` cannot be a set (no set source mentioned): skips kindOf and its dataflow. */
  mayBeSet(expr: SyntaxNode): boolean {
    return this.kinds.mayBeSet(expr);
  }

  /** False when no `=`/`:=` in the file targets the last name of `use`: reachingValues would know no value. */
  mayBeAssigned(use: SyntaxNode): boolean {
    return this.kinds.mayBeAssigned(use);
  }

  /** False when no expression of the file can be a set. */
  mayProduceSets(): boolean {
    return this.kinds.mayProduceSets();
  }

  private get kinds(): ValueKinds {
    this.valueKinds ??= new ValueKinds(this);
    return this.valueKinds;
  }

  /**
   * The taint analysis of the file under `spec` (hooks: what an analysis adds to the spec, fixed per spec object), run
   * once and shared by every rule that asks. A failure (a stack overflow on pathological nesting) is remembered too,
   * so the other taint rules fail fast instead of redoing it.
   */
  taint(spec: TaintSpec, hooks?: TaintHooks): FileTaint {
    let result = this.taints.get(spec);
    if (!result) {
      try {
        result = analyseTaint(this, spec, hooks);
      } catch (error) {
        result = { failed: error };
      }
      this.taints.set(spec, result);
    }
    if ('failed' in result) throw result.failed;
    return result;
  }

  /**
   * The parameters of `fn` that `spec`'s parameter sources make sources, by name (a routed controller method's
   * `body`, a wsgify handler's `req`): for a rule that follows request data inside one function without a taint run.
   */
  sourceParameters(fn: SyntaxNode, spec: TaintSpec): ReadonlyMap<string, ParameterSource> {
    return sourceParametersOf(fn, spec);
  }

  /** The sink hits of taint(spec) a rule reports, filtered by `query`. */
  taintFindings(spec: TaintSpec, query: TaintQuery): TaintFinding[] {
    return taintFindings(this, spec, query);
  }

  /**
   * The sinks of `sinks` that `call` is (matched as the taint analysis matches them, receivers' handles aside), and
   * the argument nodes those sinks name: for a rule that judges a sink's arguments by their syntax rather than by a
   * flow (`execute('EXEC:"%s"' % v)`).
   */
  sinksAt(call: SyntaxNode, sinks: readonly Sink[]): { sinks: Sink[]; args: SyntaxNode[] } {
    const info = callInfo(this, call);
    const hit = mayMatchAny(sinks, info) ? sinks.filter((s) => sinkApplies(s, info, () => undefined)) : [];
    return { sinks: hit, args: hit.flatMap((s) => sinkArguments(s.args, call)) };
  }

  // ---- File facts ----------------------------------------------------------------------------------------------

  /**
   * Whether any node of `type` (tokens such as `/` included) occurs in the file: a cheap test that lets a rule skip
   * a file where the construct it looks for cannot occur. Memoised.
   */
  hasNodeOfType(type: string): boolean {
    let present = this.typesPresent.get(type);
    if (present === undefined) {
      const mask = this.tree.typeMask(type);
      const { count, type: types } = this.tree.data;
      present = false;
      for (let i = 0; i < count && !present; i++) present = mask[types[i]!] === 1;
      this.typesPresent.set(type, present);
    }
    return present;
  }

  /**
   * True for test code, judged from the code itself: it imports a test framework and defines test cases.
   * Rules about production hardening (assert as a guard) stay quiet there.
   */
  isTestCode(): boolean {
    this.testCode ??= TEST_FRAMEWORKS.some((m) => this.imports.importsModule(m)) &&
      (this.testClassBases.some((b) => /TestCase|\bTest\w*\b/.test(b)) || /^\s*def test_\w+\(/m.test(this.source));
    return this.testCode;
  }

  /**
   * Test code as isTestCode() judges it, widened to the helpers around it that define no test case themselves:
   * fixtures, fake drivers and sample-test bases import a test framework or the project's test package.
   * Judged from imports only, never from the file name. An import made only under a condition is a fallback
   * (`if CONF.memcached_servers: import memcache` / `else: from nova.testing.fake import memcache`), not what the
   * module is for.
   */
  isTestSupport(): boolean {
    this.testSupport ??= this.isTestCode() || this.imports.records.some((r) => TEST_SUPPORT_IMPORT.test(r.qualified) && !conditionalImport(r.node));
    return this.testSupport;
  }

  /**
   * A style-checker plugin (it imports hacking, flake8, pycodestyle or pylint unconditionally): what it parses is the
   * project's own source code at development time, never a request, so input-driven defects there have no attacker.
   */
  isLintPlugin(): boolean {
    this.lintPlugin ??= this.imports.records.some((r) => LINT_FRAMEWORKS.some((m) => r.qualified === m || r.qualified.startsWith(`${m}.`)) && !conditionalImport(r.node));
    return this.lintPlugin;
  }

  /** Records that an analysis the current rule relies on could not cover `gap` (see AnalysisGap). */
  noteGap(gap: AnalysisGap): void {
    this.pendingGaps.push(gap);
  }

  /** The gaps noted since the last call; the engine attributes them to the rule it just ran. */
  takeGaps(): AnalysisGap[] {
    if (this.pendingGaps.length === 0) return this.pendingGaps;
    const out = this.pendingGaps;
    this.pendingGaps = [];
    return out;
  }

  /** Text of the 1-based line `line`, without its newline. */
  lineText(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  private collectMissing(root: SyntaxNode): void {
    // MISSING nodes are zero-width insertions the parser made up; they are rare, so a targeted search is cheap.
    const stack: SyntaxNode[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.isMissing) this.syntaxErrors.push(n);
      else if (n.hasError) for (const c of n.children) if (c) stack.push(c);
    }
  }
}
