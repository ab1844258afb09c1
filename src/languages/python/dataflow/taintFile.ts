// Taint analysis of one Python file: every function (and the module body) is analysed with its parameters as
// symbolic facts, giving summaries (parameter → return, parameter → sink); calls to functions of the same file
// (`helper(x)`, `self.method(x)`) apply those summaries, re-analysing callers until the summaries stop changing.
// Entry points get real sources on their request parameters. Cached per model and spec.
import { BudgetSpent, isStackOverflow, type AnalysisGap } from '../../../analysis/budget.js';
import type { SyntaxNode } from '../../syntaxTree.js';
import { ALL_KINDS, type TaintFact } from '../../../analysis/taint/facts.js';
import type { ParameterSource, TaintSpec } from '../../../analysis/taint/spec.js';
import { mergeHits, summaryKey, type FunctionSummary, type SinkHit } from '../../../analysis/taint/summary.js';
import type { PythonModel } from '../model.js';
import { assignmentTargeting, callee, enclosingFunction, unparenthesize } from '../syntax.js';
import { Env } from './env.js';
import { ForwardWalker } from './forward.js';
import { allFunctions, classBases, decorators, enclosingClass, functionBody, hasReceiver, parameterNames, type Parameter } from './functions.js';
import { TaintTransfer, type ResolvedCall, type TaintContext, type TaintHooks } from './taintTransfer.js';
import { nodeKey, taintLattice, value, type TaintValue } from './taintValue.js';

/**
 * The nodes the hooks may call a source (TaintHooks.sourceAt, and callSummary for calls); strings and `%`/`+` for
 * what a template builds.
 */
/** The subscript an assignment stores into (`d['k'] = v`): where TaintHooks.storedSourceAt may see a source. */
function isStoreTarget(n: SyntaxNode): boolean {
  return n.type === 'subscript' && assignmentTargeting(n) !== null;
}

const SOURCE_CANDIDATES: readonly string[] = ['attribute', 'subscript', 'call', 'string', 'binary_operator', 'dictionary'];
/** Parameter names that hold a request object even in helpers (`_get_server(self, req, id)`). */
const REQUEST_PARAMS = new Set(['req', 'request']);
/** Summary iterations per function: recursion and call cycles converge fast; the cap bounds the worst case. */
const MAX_ANALYSES_PER_UNIT = 4;

export interface FileTaint {
  /** Sink reaches with at least one fact from a real source, merged per sink argument. */
  hits: SinkHit<SyntaxNode>[];
  functionsAnalysed: number;
  /**
   * Where the analysis could not finish: statements too deep for it, and, when the file's budget ran out, the
   * function it stopped in (the functions after it were not analysed). Hits found elsewhere stand.
   */
  gaps: AnalysisGap[];
  /** With `record`: per 1-based line, the locations holding source taint after the statement ending there. */
  tainted?: Map<number, Set<string>>;
}

interface Unit { node: SyntaxNode; params: Parameter[]; offset: number; name: string; cls: SyntaxNode | null }

function unitsOf(root: SyntaxNode): Unit[] {
  const units: Unit[] = [{ node: root, params: [], offset: 0, name: '<module>', cls: null }];
  for (const fn of allFunctions(root)) {
    const offset = hasReceiver(fn) ? 1 : 0;
    units.push({ node: fn, params: parameterNames(fn), offset, name: fn.childForFieldName('name')?.text ?? '?', cls: enclosingClass(fn) });
  }
  return units;
}

function sourceParams(unit: Unit, spec: TaintSpec): Map<string, ParameterSource> {
  const out = new Map<string, ParameterSource>();
  if (unit.node.type !== 'function_definition') return out;
  // Most functions have no parameter of a source's name: their decorators and class bases are not read.
  let decos: string[] | undefined;
  let bases: string[] | undefined;
  for (const ps of spec.parameterSources) {
    // `firstParameter`: the first parameter after self, whatever its name (a deserializer's body text).
    const first = ps.firstParameter && unit.offset === 1 ? unit.params[1] : undefined;
    const named = (p: Parameter): boolean => (ps.names.includes(p.name) || p === first) && !out.has(p.name);
    if (!unit.params.some(named)) continue;
    decos ??= decorators(unit.node).map((d) => d.text);
    bases ??= unit.cls ? classBases(unit.cls).map((b) => b.text) : [];
    // A controller's private helper (`_reset_status`) is never routed to: its parameters get the caller's facts
    // through the summary, validation included, so only public methods and dunder entry points (`__call__`) count.
    const byClass = ps.classBases !== undefined && isRoutable(unit.name) && bases.some((b) => ps.classBases!.test(b));
    const byDecorator = ps.decorators !== undefined && decos.some((d) => ps.decorators!.test(d));
    if (!byClass && !byDecorator) continue;
    for (const p of unit.params) if (named(p)) out.set(p.name, ps);
  }
  return out;
}

/**
 * The parameters of function `fn` that `spec`'s parameter sources make sources (a routed controller method's `body`
 * and `req`, a wsgify handler's `req` …), by name, as the analysis seeds them.
 */
export function sourceParametersOf(fn: SyntaxNode, spec: TaintSpec): ReadonlyMap<string, ParameterSource> {
  const unit: Unit = { node: fn, params: parameterNames(fn), offset: hasReceiver(fn) ? 1 : 0, name: fn.childForFieldName('name')?.text ?? '?', cls: enclosingClass(fn) };
  return sourceParams(unit, spec);
}

/** Method names a WSGI router or a controller's action map can dispatch to: public ones and dunders. */
function isRoutable(name: string): boolean {
  return !name.startsWith('_') || (name.startsWith('__') && name.endsWith('__'));
}

function initialEnv(unit: Unit, spec: TaintSpec, hooks?: TaintHooks): Env<TaintValue> {
  const env = new Env(taintLattice);
  const sources = sourceParams(unit, spec);
  const decos = unit.node.type === 'function_definition' ? decorators(unit.node).map((d) => d.text) : [];
  for (const p of unit.params) {
    const facts: TaintFact<SyntaxNode>[] = [];
    if (p.index >= unit.offset) {
      facts.push({ origin: { kind: 'param', index: p.index, name: p.name }, cleared: new Set(), shape: REQUEST_PARAMS.has(p.name) ? 'request' : 'same', steps: [] });
    }
    const src = sources.get(p.name);
    if (src) {
      const validated = src.validatedBy && decos.some((d) => src.validatedBy!.decorators.test(d));
      facts.push({
        origin: { kind: 'source', node: p.node, description: p.name, trust: src.trust, confidence: src.confidence },
        cleared: new Set(validated ? src.validatedBy!.clears : []), shape: src.shape, steps: [],
      });
    }
    const hooked = unit.node.type === 'function_definition' ? hooks?.paramSource?.(unit.node, p.name) : null;
    if (hooked) {
      facts.push({ origin: { kind: 'source', node: p.node, description: hooked.description, trust: 'remote', confidence: hooked.confidence }, cleared: new Set(), shape: hooked.shape, steps: [] });
    }
    env.set(p.name, value(facts));
  }
  seedReceiverAttributes(unit, spec, env);
  return env;
}

/** The spec without the parameter sources of frameworks this file does not import (Django views in a nova file). */
function forFile(spec: TaintSpec, model: PythonModel): TaintSpec {
  const keep = (ps: ParameterSource): boolean => !ps.inFilesImporting || ps.inFilesImporting.some((m) => model.imports.importsModule(m));
  return spec.parameterSources.every(keep) ? spec : { ...spec, parameterSources: spec.parameterSources.filter(keep) };
}

function receiverSources(unit: Unit, spec: TaintSpec): ParameterSource[] {
  if (unit.offset !== 1 || !unit.cls || unit.params.length === 0) return [];
  const candidates = spec.parameterSources.filter((ps) => ps.receiverAttributes && ps.classBases);
  if (candidates.length === 0) return [];
  const bases = classBases(unit.cls).map((b) => b.text);
  return candidates.filter((ps) => bases.some((b) => ps.classBases!.test(b)));
}

function hasReceiverSource(unit: Unit, spec: TaintSpec): boolean {
  return receiverSources(unit, spec).length > 0;
}

/**
 * `self.request` in a method of a class whose framework sets it before dispatch (Django's class-based views): the
 * attribute starts as the request source. Only read for methods of classes with receiver-attribute sources.
 */
function seedReceiverAttributes(unit: Unit, spec: TaintSpec, env: Env<TaintValue>): void {
  const receiver = unit.params[0];
  if (!receiver) return;
  for (const ps of receiverSources(unit, spec)) {
    for (const attr of ps.receiverAttributes!) {
      const key = `${receiver.name}.${attr}`;
      if (env.get(key)) continue;
      env.set(key, value([{
        origin: { kind: 'source', node: receiver.node, description: key, trust: ps.trust, confidence: ps.confidence },
        cleared: new Set(), shape: ps.shape, steps: [],
      }]));
    }
  }
}

class FileAnalysis {
  private readonly units: Unit[];
  private readonly byNode = new Map<string, Unit>();
  private readonly functionsByName = new Map<string, Unit>();
  private readonly methodsByClass = new Map<string, Map<string, Unit>>();
  private readonly classesByName = new Map<string, SyntaxNode>();
  /** Method name → the one method of that name in the file's classes, or null when two classes define one. */
  private readonly methodsByName = new Map<string, Unit | null>();
  /** Functions defined inside another function, by the outer function and name (closures such as `read_enabled`). */
  private readonly nested = new Map<string, Unit>();
  readonly summaries = new Map<string, FunctionSummary<SyntaxNode>>();
  readonly results = new Map<string, { hits: SinkHit<SyntaxNode>[]; callees: Set<SyntaxNode>; gaps: AnalysisGap[]; tainted?: Map<number, Set<string>> }>();
  /** Units the analysis gave up on as a whole (see run()). */
  private readonly unitGaps: AnalysisGap[] = [];
  private readonly callers = new Map<string, Set<Unit>>();

  private readonly spec: TaintSpec;

  constructor(
    private readonly model: PythonModel, spec: TaintSpec, private readonly record = false, private readonly hooks?: TaintHooks,
    private readonly everyUnit = false,
  ) {
    this.spec = forFile(spec, model);
    this.units = unitsOf(model.root);
    for (const u of this.units) {
      this.byNode.set(nodeKey(u.node), u);
      const owner = u.node.parent?.type === 'decorated_definition' ? u.node.parent.parent : u.node.parent;
      if (u.cls) {
        const k = nodeKey(u.cls);
        const m = this.methodsByClass.get(k) ?? new Map<string, Unit>();
        if (!m.has(u.name)) m.set(u.name, u);
        this.methodsByClass.set(k, m);
        const cname = u.cls.childForFieldName('name')?.text;
        if (cname) this.classesByName.set(cname, u.cls);
        if (u.node.parent?.type === 'block' || u.node.parent?.type === 'decorated_definition') {
          this.methodsByName.set(u.name, this.methodsByName.has(u.name) ? null : u);
        }
      } else if (owner?.type === 'module' && !this.functionsByName.has(u.name)) {
        this.functionsByName.set(u.name, u);
      } else {
        const outer = enclosingFunction(u.node);
        if (outer) this.nested.set(`${nodeKey(outer)}/${u.name}`, u);
      }
    }
  }

  /** Methods of `cls` or, by simple name, of its base classes defined in this file. */
  private method(cls: SyntaxNode, name: string, depth = 0): Unit | undefined {
    const own = this.methodsByClass.get(nodeKey(cls))?.get(name);
    if (own || depth > 3) return own;
    for (const b of classBases(cls)) {
      const base = this.classesByName.get(b.text.split('.').at(-1)!);
      const found = base && base !== cls ? this.method(base, name, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private resolver(unit: Unit): (call: SyntaxNode) => ResolvedCall | null {
    return (call) => {
      const fn = callee(call);
      if (!fn) return null;
      const f = unparenthesize(fn);
      let target: Unit | undefined;
      let sourcesOnly = false;
      if (f.type === 'identifier') target = this.nested.get(`${nodeKey(unit.node)}/${f.text}`) ?? this.functionsByName.get(f.text);
      else if (f.type === 'attribute') {
        const obj = f.childForFieldName('object');
        const self = unit.offset === 1 ? unit.params[0]?.name : undefined;
        const name = f.childForFieldName('attribute')!.text;
        if (unit.cls && obj?.type === 'identifier' && obj.text === self) target = this.method(unit.cls, name);
        else if (this.hooks?.resolvesUniqueMethods && obj && !this.namesImport(obj)) {
          // `location.get_uri()` with `location` of no known type: the one method of that name the file defines
          // is the likeliest callee. Only what it returns from sources of its own is taken; what it would do with
          // the caller's arguments depends on the object's real class.
          target = this.methodsByName.get(name) ?? undefined;
          sourcesOnly = true;
        }
      }
      if (!target || target.node.type !== 'function_definition') return null;
      return {
        unit: target.node, summary: this.summaries.get(nodeKey(target.node)), params: target.params, offset: target.offset, name: target.name,
        ...(sourcesOnly ? { sourcesOnly } : {}),
      };
    };
  }

  /** Whether a receiver expression starts at an imported name (`os.path`, `requests`): a library, not the file's class. */
  private namesImport(receiver: SyntaxNode): boolean {
    let root = unparenthesize(receiver);
    while (root.type === 'attribute') root = unparenthesize(root.childForFieldName('object')!);
    return root.type === 'identifier' && this.model.imports.lookup(root.text) !== undefined;
  }

  private analyse(unit: Unit): boolean {
    const ctx: TaintContext = { model: this.model, spec: this.spec, resolve: this.resolver(unit), ...(this.hooks ? { hooks: this.hooks } : {}) };
    const transfer = new TaintTransfer(ctx);
    const tainted = new Map<number, Set<string>>();
    if (this.record) {
      transfer.afterStatement = (stmt, env): void => {
        const line = stmt.endPosition.row + 1;
        const names = tainted.get(line) ?? new Set<string>();
        for (const k of env.keys()) if (env.get(k)!.facts.facts.some((f) => f.origin.kind === 'source' && f.cleared.size < ALL_KINDS.length)) names.add(k);
        tainted.set(line, names);
      };
    }
    const body = functionBody(unit.node);
    const walker = new ForwardWalker(transfer, { budget: this.model.budget, analysis: 'taint' });
    if (body) walker.block(body, initialEnv(unit, this.spec, this.hooks));
    const key = nodeKey(unit.node);
    const summary: FunctionSummary<SyntaxNode> = {
      returns: transfer.returns.facts,
      sinks: transfer.hits.map((h) => ({ ...h, facts: h.facts.filter((f) => f.origin.kind === 'param') })).filter((h) => h.facts.length > 0),
    };
    const gaps = walker.gaps.map((g) => ({ ...g, where: unit.name }));
    this.results.set(key, { hits: transfer.hits, callees: transfer.callees, gaps, tainted });
    for (const c of transfer.callees) {
      const set = this.callers.get(nodeKey(c)) ?? new Set<Unit>();
      set.add(unit);
      this.callers.set(nodeKey(c), set);
    }
    const old = this.summaries.get(key);
    this.summaries.set(key, summary);
    return !old || summaryKey(old, nodeKey) !== summaryKey(summary, nodeKey);
  }

  /**
   * Whether a source of the spec can occur in this file at all; when none can, no sink hit can carry a source fact
   * and the analysis would find nothing (see namedSources for the text tests). A parameter source needs a function
   * with a matching class base or decorator.
   */
  mayFindSources(): boolean {
    const { source, imports } = this.model;
    const named = namedSources(this.spec).some((n) => n.tests.every((re) => re.test(source)) &&
      (!n.qualified || imports.importsModule(n.qualified.module) || n.qualified.written.test(source)));
    // Hooks recognise sources the spec's tables cannot announce: the analysis has to look.
    return named || this.hooks !== undefined
      || this.units.some((u) => sourceParams(u, this.spec).size > 0 || hasReceiverSource(u, this.spec));
  }

  /**
   * The units whose analysis can change the hits when only the hooks announce sources (the spec's tables name
   * none, as for secret exposure): the units with a possible source of their own (an expression, a parameter or a
   * call the hooks call a source), the units that call them, directly or not (a callee's summary returns the source
   * to its callers), and every unit those call (their summaries decide where the callers' sources go). Any other
   * unit sees only symbolic parameter facts that no analysed caller instantiates, so its hits are never real, and
   * its summary changes no analysed unit (it calls none of them, or it would be one). The relative order in which
   * the worklist analyses the kept units is that of the full run, so their results are the same. Null: every unit.
   * The test is syntactic and errs on the side of keeping a unit: a function body's nodes count for it even where
   * the walker does not go (lambdas, default values), and every call counts as a possible edge.
   */
  private relevantUnits(): Set<Unit> | null {
    const hooks = this.hooks;
    const { spec } = this;
    if (!hooks || this.everyUnit || this.record || spec.valueSources.length > 0 || spec.callSources.length > 0 || spec.parameterSources.length > 0) return null;
    const { tree } = this.model;
    const { type, subtreeEnd, count } = tree.data;
    const candidate = tree.typeMask(SOURCE_CANDIDATES);
    const callType = tree.typeMask('call');
    const functions = this.units.slice(1);
    const module = this.units[0]!;
    const withSource = new Set<Unit>();
    const callees = new Map<Unit, Set<Unit>>();
    const callers = new Map<Unit, Set<Unit>>();
    for (const u of functions) {
      if (u.params.some((p) => hooks.paramSource?.(u.node, p.name))) withSource.add(u);
    }
    // The innermost function unit holding each node, by a scan of the pre-order numbers with a stack of open ones.
    const open: Unit[] = [];
    let next = 0;
    for (let i = 0; i < count; i++) {
      while (open.length > 0 && subtreeEnd[open.at(-1)!.node.id]! <= i) open.pop();
      // allFunctions lists them in pre-order, so the next one to open is always functions[next].
      if (next < functions.length && functions[next]!.node.id === i) open.push(functions[next++]!);
      if (!candidate[type[i]!]) continue;
      const owner = open.at(-1) ?? module;
      const n = tree.node(i);
      if (!withSource.has(owner) && (hooks.sourceAt?.(n) || (hooks.storedSourceAt && isStoreTarget(n) && hooks.storedSourceAt(n)))) withSource.add(owner);
      if (!callType[type[i]!]) continue;
      if (!withSource.has(owner) && hooks.callSummary?.(n)?.returnsSource) withSource.add(owner);
      const target = this.resolver(owner)(n);
      const t = target ? this.byNode.get(nodeKey(target.unit)) : undefined;
      if (!t) continue;
      (callees.get(owner) ?? callees.set(owner, new Set()).get(owner)!).add(t);
      (callers.get(t) ?? callers.set(t, new Set()).get(t)!).add(owner);
    }
    const reach = (from: Iterable<Unit>, edges: Map<Unit, Set<Unit>>): Set<Unit> => {
      const seen = new Set<Unit>(from);
      const stack = [...seen];
      while (stack.length > 0) for (const v of edges.get(stack.pop()!) ?? []) if (!seen.has(v)) { seen.add(v); stack.push(v); }
      return seen;
    };
    return reach(reach(withSource, callers), callees);
  }

  run(): FileTaint {
    const counts = new Map<string, number>();
    const relevant = this.relevantUnits();
    const queue = relevant ? this.units.filter((u) => relevant.has(u)) : [...this.units];
    const queued = new Set(queue.map((u) => nodeKey(u.node)));
    while (queue.length > 0) {
      const unit = queue.shift()!;
      const key = nodeKey(unit.node);
      queued.delete(key);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n > MAX_ANALYSES_PER_UNIT) continue;
      let changed: boolean;
      try {
        changed = this.analyse(unit);
      } catch (error) {
        const gap: AnalysisGap = { analysis: 'taint', line: unit.node.startPosition.row + 1, why: 'depth', where: unit.name };
        if (error instanceof BudgetSpent) {
          // Out of time: what the finished functions found stands; this one and those still queued are not analysed.
          this.unitGaps.push({ ...gap, why: 'deadline' });
          break;
        }
        if (!isStackOverflow(error)) throw error;
        // Too deep outside any one statement (a parameter list, the walker's own nesting): only this function is lost.
        this.unitGaps.push(gap);
        continue;
      }
      if (!changed) continue;
      // A changed summary changes what its callers compute.
      for (const u of this.callers.get(key) ?? []) {
        const k = nodeKey(u.node);
        if (!queued.has(k)) { queue.push(u); queued.add(k); }
      }
    }
    const real: SinkHit<SyntaxNode>[] = [];
    for (const { hits } of this.results.values()) {
      for (const h of hits) {
        const facts = h.facts.filter((f) => f.origin.kind === 'source');
        if (facts.length > 0) real.push({ ...h, facts });
      }
    }
    const gaps = [...this.results.values()].flatMap((r) => r.gaps).concat(this.unitGaps);
    const out: FileTaint = { hits: mergeHits(real, nodeKey), functionsAnalysed: this.results.size, gaps };
    if (this.record) {
      out.tainted = new Map();
      for (const r of this.results.values()) {
        for (const [line, names] of r.tainted ?? []) out.tainted.set(line, new Set([...(out.tainted.get(line) ?? []), ...names]));
      }
    }
    return out;
  }
}

/**
 * What the text of a file must hold for a named source of the spec to occur in it, compiled once per spec. A named
 * source `a.b.c` is matched by the qualified name of an expression: every part after `a` is then written in the file
 * (in the expression or in the import that binds it), and `a` is imported or the whole name is written out; a
 * one-part call source (`input`) is written just before its arguments. A method or suffix matcher at least names its
 * last part.
 */
/** `qualified`: the name's first part must be imported, or the whole name written out. */
interface NamedSource { tests: RegExp[]; qualified?: { module: string; written: RegExp } }

/**
 * By the spec's source tables, not the spec object: forFile makes a spec per file (without the parameter sources
 * of frameworks the file does not import) that shares them, and the regexes were compiled again for each.
 */
const namedSourcesByTables = new WeakMap<TaintSpec['valueSources'], WeakMap<TaintSpec['callSources'], NamedSource[]>>();

function namedSources(spec: TaintSpec): NamedSource[] {
  let byCalls = namedSourcesByTables.get(spec.valueSources);
  if (!byCalls) namedSourcesByTables.set(spec.valueSources, byCalls = new WeakMap());
  let out = byCalls.get(spec.callSources);
  if (out) return out;
  const word = (part: string): RegExp => new RegExp(`\\b${escape(part)}\\b`);
  const named = (name: string, called: boolean): NamedSource => {
    const parts = name.split('.');
    if (parts.length === 1) return { tests: [called ? new RegExp(`\\b${escape(name)}[\\s\\\\]*\\(`) : word(name)] };
    return {
      tests: parts.slice(1).map(word),
      qualified: { module: parts[0]!, written: new RegExp(`\\b${parts.map(escape).join('[\\s\\\\]*\\.[\\s\\\\]*')}\\b`) },
    };
  };
  out = [
    ...spec.valueSources.map((v) => named(v.name, false)),
    ...spec.callSources.map(({ call }) => (call.name ? named(call.name, true) : { tests: [word(call.suffix?.split('.').at(-1) ?? call.method ?? '')] })),
  ];
  byCalls.set(spec.callSources, out);
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The analysis with per-line taint recorded, for probe files and tests (not cached). */
export function taintWithProbes(model: PythonModel, spec: TaintSpec): FileTaint {
  return new FileAnalysis(model, spec, true).run();
}

/**
 * The taint analysis of `model` under `spec` (with the rule's `hooks`, if any), uncached: PythonModel.taint runs it
 * once per file and spec. `everyUnit` analyses every function even where no source can reach it (for tests of
 * FileAnalysis.relevantUnits: the hits are the same).
 */
export function analyseTaint(model: PythonModel, spec: TaintSpec, hooks?: TaintHooks, options: { everyUnit?: boolean } = {}): FileTaint {
  const analysis = new FileAnalysis(model, spec, false, hooks, options.everyUnit ?? false);
  return analysis.mayFindSources() ? analysis.run() : { hits: [], functionsAnalysed: 0, gaps: [] };
}

/** Delegate kept for the rules not yet moved to `model.taint(spec)` (a follow-up removes it). */
export function taintOf(model: PythonModel, spec: TaintSpec, hooks?: TaintHooks): FileTaint {
  return model.taint(spec, hooks);
}
