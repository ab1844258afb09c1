// What Python expressions do to taint: sources (request attributes, modelled globals and calls), propagation
// through string building, containers and carrying methods, sanitizers, calls to functions of the same file (via
// their summaries), and sink reaches. Statements are the forward walker's business; guards live in taintGuards.ts.
import type { SyntaxNode } from '../../syntaxTree.js';
import { ALL_KINDS, type Shape, type SinkKind, type TaintFact } from '../../../analysis/taint/facts.js';
import type { TaintSpec } from '../../../analysis/taint/spec.js';
import { ANY_POSITION, KEY_ALTERNATIVE, select, withoutPositions } from '../../../analysis/taint/selectors.js';
import { dropGiven, instantiate, liveAt, type FunctionSummary, type SinkHit } from '../../../analysis/taint/summary.js';
import { TRANSLATION_MARKERS } from '../../../models/python/exceptionRoots.js';
import { MAPPING_VIEW_FUNCTIONS } from '../../../models/python/taint/propagators.js';
import type { PythonModel } from '../model.js';
import { callee, enclosingFunction, keywordArg, positionalArgs, stringValue, unparenthesize } from '../syntax.js';
import type { Env } from './env.js';
import type { BindKind, Transfer } from './forward.js';
import type { Parameter } from './functions.js';
import { hasLiteralKeysOnly, loopLiteralValues } from './literalKeys.js';
import { containerKey, locationKey } from './locations.js';
import { conversions, escapesNewlines } from './percentFormat.js';
import { refineGuard } from './taintGuards.js';
import { storeHits } from './taintStores.js';
import { callInfo, displayName, matches, mayMatchAny, sinkApplies, sinkArguments, type CallInfo } from './taintMatch.js';
import { brief, EMPTY, joinValues, lineOf, nodeKey, taintLattice, value, withStep, type TaintValue } from './taintValue.js';

export interface ResolvedCall {
  unit: SyntaxNode;
  summary: FunctionSummary<SyntaxNode> | undefined;
  params: Parameter[];
  /** 1 when the callee's first parameter is `self`/`cls` and the call passes it implicitly. */
  offset: number;
  name: string;
  /** Resolved by the method's name alone: only the callee's own sources are returned, no argument binds. */
  sourcesOnly?: boolean;
}

/** A source an analysis recognises by itself (a secret option read, a credential header), not by the spec's tables. */
export interface HookSource { description: string; confidence: 'high' | 'medium' | 'low'; shape: Shape }

/** A sink an analysis recognises by itself (the exception a `raise` builds): which arguments it exposes. */
export interface HookSink { kind: SinkKind; variant: string; sinkName: string; args: SyntaxNode[] }

/**
 * Knowledge an analysis adds to the spec's tables, from the project's facts or its own conventions. Hooks are fixed
 * per spec object: taintOf() caches by model and spec, so an analysis whose hooks depend on the file makes its own
 * spec object per file.
 */
export interface TaintHooks {
  /**
   * An expression that is a source by itself: asked of attributes, subscripts and calls, and of what a template
   * builds (f-strings, `%` and `+`).
   */
  sourceAt?(expr: SyntaxNode): HookSource | null;
  /**
   * A store that makes its container a source, whatever the stored value was: `props['auth_password'] = p` puts a
   * credential into `props` under that key (asked of subscript targets of assignments).
   */
  storedSourceAt?(target: SyntaxNode): HookSource | null;
  /**
   * A method call on an object of no known type (`location.get_uri()`) resolves to the one method of that name the
   * file's classes define, for the sources that method returns (see FileAnalysis.resolver).
   */
  resolvesUniqueMethods?: boolean;
  /** A parameter that is a source by itself (a value the function masks or passes as a credential elsewhere). */
  paramSource?(fn: SyntaxNode, name: string): HookSource | null;
  /** A call of another file's function whose summary the project facts know. */
  callSummary?(call: SyntaxNode): { returnsSource?: HookSource; masks?: number } | null;
  sinksAt?(call: SyntaxNode): HookSink[];
  /**
   * Source facts do not flow into attribute reads: a field of a secret is not the secret (`token.user_id`), while
   * injection analyses keep treating `tainted.attr` as tainted.
   */
  attributesDropSources?: boolean;
  /**
   * Whether the part `path` (selectors.ts: items, split fields, tuple positions, dict views) of a value that came
   * from `origin` still carries the source: one header of the request's headers is that header only
   * (`headers['X-Server-Id']` is not the token). With this hook the analysis records the path of every fact, through
   * summaries too.
   */
  keepsPart?(origin: SyntaxNode, path: readonly string[]): boolean;
}

export interface TaintContext {
  model: PythonModel;
  spec: TaintSpec;
  resolve(call: SyntaxNode): ResolvedCall | null;
  hooks?: TaintHooks;
}

function hookValue(n: SyntaxNode, s: HookSource): TaintValue {
  return value([{ origin: { kind: 'source', node: n, description: s.description, trust: 'remote', confidence: s.confidence }, cleared: new Set(), shape: s.shape, steps: [] }]);
}

const STRING_OPS = new Set(['+', '%']);
const NEWLINE_KINDS: readonly SinkKind[] = ['log', 'newline'];

/**
 * Formatting a container renders its repr(), which escapes newlines: it can no longer break a log or config line.
 * The text built has no tuple positions left.
 */
function stringBuilt(v: TaintValue, repr = false): TaintValue {
  return {
    facts: v.facts.map((f) => {
      const path = withoutPositions(f.path);
      const g: TaintFact<SyntaxNode> = {
        ...f, shape: 'str' as Shape,
        cleared: repr || f.shape === 'container' ? new Set([...f.cleared, ...NEWLINE_KINDS]) : f.cleared,
      };
      if (path === f.path) return g;
      if (path?.length) g.path = path; else delete g.path;
      return g;
    }),
  };
}

/** Methods whose result holds the fields of the string they split. */
const SPLITTING_METHODS: ReadonlySet<string> = new Set(['split', 'rsplit', 'partition', 'rpartition', 'splitlines']);
/** Mapping views: their elements are the keys, or hold the values. */
const MAPPING_VIEWS: ReadonlyMap<string, string> = new Map([['keys', 'keys'], ['values', 'values'], ['items', 'items']]);

/**
 * `if not p: p = <expr>` (or `if p is None:`) where `p` is a parameter of the enclosing function: the index of `p`,
 * whose value replaces `<expr>` whenever the caller gives one. Null otherwise.
 */
function fallbackFor(model: PythonModel, target: SyntaxNode, stmt: SyntaxNode): number | null {
  if (target.type !== 'identifier') return null;
  const assign = stmt.type === 'expression_statement' ? stmt : stmt.parent?.type === 'expression_statement' ? stmt.parent : null;
  const block = assign?.parent;
  const ifStmt = block?.type === 'block' ? block.parent : null;
  if (ifStmt?.type !== 'if_statement' || ifStmt.childForFieldName('consequence')?.id !== block!.id) return null;
  const cond = ifStmt.childForFieldName('condition');
  const tested = cond?.type === 'not_operator' ? cond.childForFieldName('argument')
    : cond?.type === 'comparison_operator' && cond.namedChildren[1]?.type === 'none' && /\bis\b/.test(cond.text) && !/\bnot\b/.test(cond.text) ? cond.namedChildren[0] : null;
  if (tested?.type !== 'identifier' || tested.text !== target.text) return null;
  const fn = enclosingFunction(ifStmt);
  const param = fn ? model.parameters(fn).find((p) => p.name === target.text) : undefined;
  return param ? param.index : null;
}

/**
 * The parameter whose truth turns a sink off: the sink sits in the body of `if not p:` (`if not filter_flag:
 * LOG.info(... data ...)`), `p` a parameter of the enclosing function. A caller that passes `p` a truthy value
 * (`filter_flag=True`, as login calls do to keep credentials out of the log) does not reach the sink.
 */
function sinkOffWhenGiven(model: PythonModel, call: SyntaxNode): number | null {
  const fn = enclosingFunction(call);
  if (!fn) return null;
  for (let n: SyntaxNode | null = call; n && n.id !== fn.id; n = n.parent) {
    const block = n.parent;
    const ifStmt = block?.type === 'block' ? block.parent : null;
    if (ifStmt?.type !== 'if_statement' || ifStmt.childForFieldName('consequence')?.id !== block!.id) continue;
    const cond = unparenthesize(ifStmt.childForFieldName('condition')!);
    const tested = cond.type === 'not_operator' ? cond.childForFieldName('argument') : null;
    if (tested?.type !== 'identifier') continue;
    const param = model.parameters(fn).find((p) => p.name === tested.text);
    if (param) return param.index;
  }
  return null;
}

/** Parameter indexes the call passes a value for that is not a falsy literal (`None`, `''`, `False`, `0`). */
function givenParameters(call: SyntaxNode, r: ResolvedCall): Set<number> {
  const out = new Set<number>();
  const falsy = (a: SyntaxNode): boolean => ['none', 'false'].includes(a.type) || a.text === '0' || /^[rbuf]*(''|"")$/i.test(a.text);
  positionalArgs(call).forEach((a, i) => { if (a.type !== 'list_splat' && !falsy(a)) out.add(i + r.offset); });
  for (const p of r.params) {
    const kw = keywordArg(call, p.name);
    if (kw && !falsy(kw)) out.add(p.index);
  }
  return out;
}

export class TaintTransfer implements Transfer<TaintValue> {
  readonly hits: SinkHit<SyntaxNode>[] = [];
  returns = EMPTY;
  readonly callees = new Set<SyntaxNode>();
  afterStatement?: (stmt: SyntaxNode, env: Env<TaintValue>) => void;
  /** Argument values of the call being evaluated, by argument node, for the sink checks. */
  private readonly argValues = new Map<string, TaintValue>();

  constructor(private readonly ctx: TaintContext) {}

  bind(v: TaintValue, target: SyntaxNode, stmt: SyntaxNode, how: BindKind): TaintValue {
    if (how === 'def' || how === 'except') return v;
    const stored = how === 'assign' && target.type === 'subscript' ? this.ctx.hooks?.storedSourceAt?.(target) : null;
    if (stored) v = taintLattice.join(v, hookValue(target, stored));
    if (v.facts.isEmpty) return v;
    // `resp.headers[name] = v`: a store the spec calls a sink.
    if (target.type === 'subscript' && this.ctx.spec.stores) this.hits.push(...storeHits(this.ctx.model, this.ctx.spec, target, v.facts.facts));
    const fallback = fallbackFor(this.ctx.model, target, stmt);
    if (fallback !== null) {
      v = { facts: v.facts.map((f) => (f.origin.kind === 'param' && f.origin.index !== fallback && f.unlessGiven === undefined ? { ...f, unlessGiven: fallback } : f)) };
    }
    // `d['k'] = v`: when parts are judged, v sits under 'k' of the mapping (selectors' `@'k`).
    const key = target.type === 'subscript' ? stringValue(target.childForFieldName('subscript')) : null;
    if (key !== null) v = this.part(v, `@'${key}`);
    return withStep(v, { node: target, message: `\`${brief(target, 40)}\` ← ${brief(stmt.type === 'for_statement' ? stmt.childForFieldName('right')! : stmt, 70)} (line ${lineOf(stmt)})` });
  }

  element(v: TaintValue): TaintValue {
    return this.elementAt(v, null, null);
  }

  /** Element `index` of `v` (null: a position unknown, as when iterating); a tuple literal's other elements drop. */
  elementAt(v: TaintValue, _container: SyntaxNode | null, index: number | null): TaintValue {
    if (v.facts.isEmpty) return EMPTY;
    const whole = { facts: v.facts.map((f) => (f.shape === 'container' || f.shape === 'same' ? { ...f, shape: 'unknown' as Shape } : f)) };
    return this.part(whole, index === null ? ANY_POSITION : `*${index}`);
  }

  /**
   * The part `sel` of `v` (see selectors.ts), when the analysis judges parts (TaintHooks.keepsPart): source facts
   * whose part no longer carries the source drop; parameter facts record it for their callers to judge.
   */
  private part(v: TaintValue, sel: string): TaintValue {
    const keeps = this.ctx.hooks?.keepsPart;
    if (!keeps || v.facts.isEmpty) return v;
    return {
      ...v,
      facts: v.facts.map((f) => {
        const path = select(f.path, sel);
        if (path === null) return null;
        if (f.origin.kind === 'source' && !keeps(f.origin.node, path)) return null;
        if (path.length === 0) { const { path: _gone, ...rest } = f; return rest; }
        return { ...f, path };
      }),
    };
  }

  /** A dict literal: when parts are judged, each value under a literal key records it (selectors' `@'K`). */
  private mapping(n: SyntaxNode, env: Env<TaintValue>): TaintValue {
    const hooked = this.ctx.hooks?.sourceAt?.(n);
    const built = joinValues(n.namedChildren.map((c) => {
      if (!c || c.type === 'comment') return EMPTY;
      if (c.type !== 'pair') return this.evaluate(c, env);
      const k = c.childForFieldName('key');
      const keyValue = k ? this.evaluate(k, env) : EMPTY;
      const v = this.evaluate(c.childForFieldName('value')!, env);
      const key = stringValue(k);
      return taintLattice.join(keyValue, key !== null ? this.part(v, `@'${key}`) : v);
    }));
    return hooked ? taintLattice.join(built, hookValue(n, hooked)) : built;
  }

  /** A tuple or list literal: when parts are judged, each element's facts record its position (selectors' `@N`). */
  private sequence(n: SyntaxNode, env: Env<TaintValue>): TaintValue {
    const items = n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    if (!this.ctx.hooks?.keepsPart) return joinValues(items.map((c) => this.evaluate(c, env)));
    // Positions after a starred element are not known.
    const star = items.findIndex((c) => c.type === 'list_splat');
    return joinValues(items.map((c, i) => {
      const v = this.evaluate(c, env);
      return star === -1 || i < star ? this.part(v, `@${i}`) : v;
    }));
  }

  itemPair(iterable: TaintValue, right: SyntaxNode): readonly [TaintValue, TaintValue] | null {
    const fn = right.type === 'call' ? right.childForFieldName('function') : null;
    const dict = fn?.type === 'attribute' && fn.childForFieldName('attribute')!.text === 'items' ? fn.childForFieldName('object') : null;
    if (iterable.facts.isEmpty || dict?.type !== 'identifier' || (right.childForFieldName('arguments')?.namedChildCount ?? 0) > 0) return null;
    if (!hasLiteralKeysOnly(dict.text, enclosingFunction(right) ?? right.tree.rootNode)) return null;
    const pair = this.element(iterable);
    return [EMPTY, this.element(pair)];
  }

  enterContext(v: TaintValue): TaintValue {
    return v;
  }

  onReturn(v: TaintValue | null, stmt: SyntaxNode): void {
    if (v && !v.facts.isEmpty) this.returns = taintLattice.join(this.returns, withStep(v, { node: stmt, message: `returned (line ${lineOf(stmt)})` }));
  }

  refine(cond: SyntaxNode, env: Env<TaintValue>, truthy: boolean): void {
    refineGuard(this.ctx, cond, env, truthy);
  }

  evaluate(expr: SyntaxNode, env: Env<TaintValue>): TaintValue {
    let n = expr;
    // `((((x))))`: a parenthesised expression has the value of what it wraps; unwrapped by a loop, not recursion.
    while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
    switch (n.type) {
      case 'identifier': return env.get(n.text) ?? this.globalSource(n);
      case 'attribute': return this.attribute(n, env);
      case 'subscript': {
        const index = n.childForFieldName('subscript');
        if (index) this.evaluate(index, env);
        const key = locationKey(n);
        const stored = key ? env.get(key) : undefined;
        const hooked = stored ? null : this.ctx.hooks?.sourceAt?.(n);
        if (hooked) return hookValue(n, hooked);
        return stored ?? this.item(this.evaluate(n.childForFieldName('value')!, env), index, n);
      }
      case 'call': return this.call(n, env);
      case 'string': {
        const parts: TaintValue[] = [];
        for (const c of n.namedChildren) {
          if (c?.type !== 'interpolation') continue;
          const e = c.childForFieldName('expression');
          if (!e) continue;
          const repr = c.childForFieldName('type_conversion')?.text === '!r';
          parts.push(stringBuilt(this.evaluate(e, env), repr));
        }
        // A template can make a source of what it builds (a URL with a password in its userinfo).
        const hooked = parts.length > 0 ? this.ctx.hooks?.sourceAt?.(n) : null;
        return hooked ? taintLattice.join(joinValues(parts), hookValue(n, hooked)) : joinValues(parts);
      }
      case 'concatenated_string': return joinValues(n.namedChildren.map((c) => (c ? this.evaluate(c, env) : EMPTY)));
      case 'binary_operator': case 'boolean_operator': return this.operatorChain(n, env);
      // `name=value`: the keyword is a parameter name of the callee, not a read of a local that happens to share it.
      case 'keyword_argument': { const v = n.childForFieldName('value'); return v ? this.evaluate(v, env) : EMPTY; }
      case 'list': case 'tuple': case 'expression_list': return this.sequence(n, env);
      case 'dictionary': return this.mapping(n, env);
      case 'set': case 'parenthesized_expression':
      case 'list_splat': case 'dictionary_splat': case 'pair': case 'await':
        return joinValues(n.namedChildren.map((c) => (c && c.type !== 'comment' ? this.evaluate(c, env) : EMPTY)));
      case 'conditional_expression': {
        const [body, cond, orelse] = n.namedChildren;
        if (cond) this.evaluate(cond, env);
        return joinValues([body ? this.evaluate(body, env) : EMPTY, orelse ? this.evaluate(orelse, env) : EMPTY]);
      }
      case 'named_expression': {
        const v = this.evaluate(n.childForFieldName('value')!, env);
        const name = n.childForFieldName('name');
        if (name) env.set(name.text, this.bind(v, name, n, 'walrus'));
        return v;
      }
      case 'list_comprehension': case 'set_comprehension': case 'generator_expression': case 'dictionary_comprehension':
        return this.comprehension(n, env);
      case 'lambda': case 'integer': case 'float': case 'true': case 'false': case 'none': case 'ellipsis': return EMPTY;
      default:
        // Comparisons, `not`, unary minus…: evaluated for their calls and sinks; they produce booleans or numbers.
        for (const c of n.namedChildren) if (c) this.evaluate(c, env);
        return EMPTY;
    }
  }

  /**
   * `a + b + c …`, `x or y or …`: operators nest down their left operand, thousands deep in generated code (a
   * 5,000-term line is valid Python), so the left spine is followed with a loop, not recursion. Operands are
   * evaluated in the order recursion would: innermost left first, then each right operand on the way out.
   */
  private operatorChain(n: SyntaxNode, env: Env<TaintValue>): TaintValue {
    const spine: SyntaxNode[] = [];
    let bottom = n;
    while (bottom.type === 'binary_operator' || bottom.type === 'boolean_operator') {
      spine.push(bottom);
      const left = bottom.childForFieldName('left');
      if (!left) break;
      bottom = left;
    }
    let acc = bottom === spine.at(-1) ? EMPTY : this.evaluate(bottom, env);
    for (let i = spine.length - 1; i >= 0; i--) {
      const op = spine[i]!;
      if (op.type === 'boolean_operator') {
        // Comments inside a parenthesised boolean chain are named children too; they carry nothing.
        const right = op.childForFieldName('right');
        acc = right && right.type !== 'comment' ? taintLattice.join(acc, this.evaluate(right, env)) : acc;
        continue;
      }
      const right = this.evaluate(op.childForFieldName('right')!, env);
      const operator = op.childForFieldName('operator')?.text ?? '';
      if (operator === '%') acc = this.percent(op, acc, right, env);
      else {
        const joined = taintLattice.join(acc, right);
        acc = STRING_OPS.has(operator) ? stringBuilt(joined) : joined;
      }
      const hooked = STRING_OPS.has(operator) ? this.ctx.hooks?.sourceAt?.(op) : null;
      if (hooked) acc = taintLattice.join(acc, hookValue(op, hooked));
    }
    return acc;
  }

  /** `fmt % args`: each argument is formatted by its conversion; `%r`/`%d` ones cannot carry a newline. */
  private percent(n: SyntaxNode, left: TaintValue, right: TaintValue, env: Env<TaintValue>): TaintValue {
    const fmt = formatText(n.childForFieldName('left')!);
    const r = unparenthesize(n.childForFieldName('right')!);
    // `'%(uri)s' % locals()`: the mapping is the function's own variables, and the keys the format names are the
    // ones rendered.
    if (fmt !== null && isLocalsCall(this.ctx.model, r)) {
      return joinValues(conversions(fmt).map((c) => (c.key === null ? EMPTY : stringBuilt(env.get(c.key) ?? EMPTY, escapesNewlines(c)))));
    }
    if (fmt === null) return stringBuilt(taintLattice.join(left, right));
    const convs = conversions(fmt);
    if (r.type === 'tuple') {
      const items = r.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
      return joinValues(items.map((item, i) => stringBuilt(this.evaluate(item, env), escapesNewlines(convs[i]))));
    }
    if (r.type === 'dictionary') {
      const parts = r.namedChildren.filter((c): c is SyntaxNode => c?.type === 'pair').map((pair) => {
        const key = stringValue(pair.childForFieldName('key'));
        const conv = convs.find((c) => c.key === key);
        return stringBuilt(this.evaluate(pair.childForFieldName('value')!, env), escapesNewlines(conv));
      });
      return joinValues(parts);
    }
    return stringBuilt(right, convs.length > 0 && convs.every((c) => escapesNewlines(c)));
  }

  private comprehension(n: SyntaxNode, env: Env<TaintValue>): TaintValue {
    const inner = env.copy();
    for (const c of n.namedChildren) {
      if (c?.type !== 'for_in_clause') continue;
      const right = c.childForFieldName('right');
      const left = c.childForFieldName('left');
      const iter = right ? this.evaluate(right, inner) : EMPTY;
      if (left) this.bindPattern(left, this.element(iter), inner);
    }
    for (const c of n.namedChildren) if (c?.type === 'if_clause') for (const e of c.namedChildren) if (e) this.evaluate(e, inner);
    const body = n.childForFieldName('body');
    return body ? this.evaluate(body, inner) : EMPTY;
  }

  /** A comprehension's `for` target: `k, v` take the positions of each element. */
  private bindPattern(target: SyntaxNode, v: TaintValue, env: Env<TaintValue>): void {
    if (target.type === 'identifier') { env.set(target.text, v); return; }
    const parts = target.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const star = parts.findIndex((c) => c.type === 'list_splat_pattern');
    parts.forEach((c, i) => this.bindPattern(c, star === -1 || i < star ? this.elementAt(v, target, i) : this.element(v), env));
  }

  /** `sys.argv`, `os.environ` and friends, named directly or through an import alias. */
  private globalSource(n: SyntaxNode): TaintValue {
    // Asked of every name not bound in the function: a spec without value sources (secret exposure's) has no answer.
    if (this.ctx.spec.valueSources.length === 0) return EMPTY;
    const q = this.ctx.model.qualifiedName(n);
    if (!q) return EMPTY;
    const src = this.ctx.spec.valueSources.find((s) => s.name === q);
    if (!src) return EMPTY;
    return value([{
      origin: { kind: 'source', node: n, description: src.description ?? n.text, trust: src.trust, confidence: src.confidence },
      cleared: new Set(), shape: src.shape, steps: [],
    }]);
  }

  private attribute(n: SyntaxNode, env: Env<TaintValue>): TaintValue {
    const key = locationKey(n);
    const stored = key ? env.get(key) : undefined;
    if (stored) return stored;
    const hooked = this.ctx.hooks?.sourceAt?.(n);
    if (hooked) return hookValue(n, hooked);
    const direct = this.globalSource(n);
    if (!direct.facts.isEmpty) return direct;
    const obj = this.evaluate(n.childForFieldName('object')!, env);
    const attr = n.childForFieldName('attribute')?.text ?? '';
    if (this.ctx.hooks?.attributesDropSources) return EMPTY;
    return { facts: obj.facts.map((f) => this.attributeOf(f, attr, n)) };
  }

  private attributeOf(f: TaintFact<SyntaxNode>, attr: string, n: SyntaxNode): TaintFact<SyntaxNode> | null {
    if (f.shape === 'request') {
      const model = this.ctx.spec.requestAttributes.find((a) => a.attribute === attr);
      if (!model) return null;
      return reorigin({ ...f, shape: model.shape, cleared: model.clears ? new Set([...f.cleared, ...model.clears]) : f.cleared }, n);
    }
    // Attributes of environ dicts and of containers are methods; their calls are modelled in call().
    if (f.shape === 'environ' || f.shape === 'container') return null;
    return { ...f, shape: 'unknown' };
  }

  /** `container[index]` / `container.get(index)`: request environ keys decide; other containers yield their items. */
  private item(container: TaintValue, index: SyntaxNode | null, n: SyntaxNode): TaintValue {
    const key = index ? stringValue(index) : null;
    return {
      facts: container.facts.map((f) => {
        if (f.shape === 'request') return null;
        if (f.shape === 'environ') {
          if (key === null || !this.ctx.spec.environKeys.test(key)) return null;
          const cleared = this.ctx.spec.environNewlineFree.test(key) ? new Set([...f.cleared, ...NEWLINE_KINDS]) : f.cleared;
          return reorigin({ ...f, shape: 'str', cleared }, n);
        }
        const shape: Shape = f.shape === 'str' ? 'str' : 'unknown';
        if (!this.ctx.hooks?.keepsPart) return reorigin({ ...f, shape }, n);
        const taken = this.part(value([f]), itemSelector(key, index, this.ctx.model)).facts.facts[0];
        if (!taken) return null;
        // An item read right at a whole source is a source of its own: its origin moves there, with no path.
        if (!f.path?.length && f.steps.length === 0 && f.origin.kind === 'source') { const { path: _gone, ...rest } = taken; return reorigin({ ...rest, shape }, n); }
        return { ...taken, shape };
      }),
    };
  }

  private call(n: SyntaxNode, env: Env<TaintValue>): TaintValue {
    const c = callInfo(this.ctx.model, n);
    const fn = callee(n);
    const recv = c.receiver ? this.evaluate(c.receiver, env) : EMPTY;
    if (fn && fn.type !== 'identifier' && fn.type !== 'attribute') this.evaluate(fn, env);
    const args = n.childForFieldName('arguments');
    const argNodes = args?.type === 'argument_list' ? args.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment') : args ? [args] : [];
    const values = argNodes.map((a) => {
      const v = this.evaluate(a, env);
      this.argValues.set(nodeKey(a.type === 'keyword_argument' ? a.childForFieldName('value')! : a), v);
      return v;
    });
    const positional = positionalArgs(n).map((a) => this.argValues.get(nodeKey(a)) ?? EMPTY);
    this.checkSinks(c, env);
    const allArgs = joinValues(values);
    const spec = this.ctx.spec;

    const hooks = this.ctx.hooks;
    const src = hooks?.sourceAt?.(n);
    const resolved = this.ctx.resolve(n);
    if (resolved) {
      const returned = this.applySummary(resolved, n, positional);
      return src ? taintLattice.join(returned, hookValue(n, src)) : returned;
    }
    if (hooks) {
      if (src) return hookValue(n, src);
      const summary = hooks.callSummary?.(n);
      if (summary?.returnsSource) return hookValue(n, summary.returnsSource);
      if (summary?.masks !== undefined) {
        const masked = positional[summary.masks] ?? EMPTY;
        return { facts: masked.facts.clear(ALL_KINDS) };
      }
    }

    const sanitizer = mayMatchAny(spec.sanitizers, c) ? spec.sanitizers.find((s) => matches(s.call, c)) : undefined;
    if (sanitizer) {
      const input = taintLattice.join(positional[0] ?? EMPTY, c.receiver && sanitizer.call.method ? recv : EMPTY);
      if (sanitizer.textOnly && maskedAsSequence(n)) return withStep(input, { node: n, message: `${sanitizer.description} is given a sequence: it masks the sequence's repr, not its items` });
      return sanitizer.clears === 'all' ? EMPTY : { facts: input.facts.clear(sanitizer.clears) };
    }
    const source = mayMatchAny(spec.callSources, c) ? spec.callSources.find((s) => matches(s.call, c)) : undefined;
    if (source) {
      return value([{ origin: { kind: 'source', node: n, description: brief(n), trust: source.trust, confidence: source.confidence }, cleared: new Set(), shape: source.shape, steps: [] }]);
    }
    const fileOpen = isFileOpen(c);
    if (fileOpen) { const p = positionalArgs(n)[0] ?? keywordArg(n, 'file'); return p ? { facts: EMPTY.facts, handle: p.text } : EMPTY; }
    const view = c.qualified !== null ? MAPPING_VIEW_FUNCTIONS.get(c.qualified) : undefined;
    if (view !== undefined && spec.carryingMethods.has(view)) {
      const mapping = positional[0] ?? EMPTY;
      return this.part({ facts: mapping.facts.map((f) => (f.shape === 'request' || f.shape === 'environ' ? null : f)) }, view);
    }
    const prop = mayMatchAny(spec.propagators, c) ? spec.propagators.find((p) => matches(p.call, c)) : undefined;
    if (prop) {
      const from = prop.from === 'args' ? allArgs : prop.from === 'receiver' ? recv : taintLattice.join(allArgs, recv);
      return { facts: from.facts.withShape(prop.shape) };
    }
    if (c.receiver && c.method) return this.method(c, n, recv, positional, allArgs, env);
    return EMPTY;
  }

  private method(c: CallInfo, n: SyntaxNode, recv: TaintValue, positional: TaintValue[], allArgs: TaintValue, env: Env<TaintValue>): TaintValue {
    const m = c.method!;
    const spec = this.ctx.spec;
    if (spec.mutatingMethods.has(m)) {
      const key = containerKey(c.receiver);
      const added = m === 'insert' || m === 'setdefault' ? positional[1] ?? EMPTY : allArgs;
      if (key && !added.facts.isEmpty) env.weak(key, withStep(added, { node: n, message: `added to \`${key}\` by .${m}() (line ${lineOf(n)})` }));
      // `d.setdefault(k, v)` returns the item under k (or v), not the dict.
      return m === 'setdefault' ? taintLattice.join(this.item(recv, positionalArgs(n)[0] ?? null, n), added) : EMPTY;
    }
    if (recv.facts.facts.some((f) => f.shape === 'request')) {
      // `req.get_json()`, `request.get_data()`: request methods modelled like attributes.
      const name = m.replace(/^get_/, '');
      return { facts: recv.facts.map((f) => (f.shape === 'request' ? this.attributeOf(f, name, n) : null)) };
    }
    if (m === 'get' || m === 'pop' || m === 'getall' || m === 'getone') {
      return taintLattice.join(this.item(recv, positionalArgs(n)[0] ?? null, n), positional[1] ?? EMPTY);
    }
    if (m === 'format' || m === 'format_map') return stringBuilt(taintLattice.join(recv, allArgs));
    if (m === 'join') return stringBuilt(taintLattice.join(recv, this.element(allArgs)));
    if (m === 'replace' && removesNewlines(positionalArgs(n)[0])) return { facts: recv.facts.clear(NEWLINE_KINDS) };
    if (spec.carryingMethods.has(m)) {
      const carried = { facts: recv.facts.map((f) => (f.shape === 'request' || f.shape === 'environ' ? null : f)) };
      const view = SPLITTING_METHODS.has(m) ? 'split' : MAPPING_VIEWS.get(m);
      return view ? this.part(carried, view) : carried;
    }
    return EMPTY;
  }

  private applySummary(r: ResolvedCall, n: SyntaxNode, positional: TaintValue[]): TaintValue {
    this.callees.add(r.unit);
    if (!r.summary) return EMPTY;
    const byParam: Array<TaintValue['facts'] | undefined> = [];
    if (!r.sourcesOnly) positional.forEach((v, i) => { byParam[i + r.offset] = v.facts; });
    for (const p of r.sourcesOnly ? [] : r.params) {
      const kw = keywordArg(n, p.name);
      if (kw) byParam[p.index] = (this.argValues.get(nodeKey(kw)) ?? EMPTY).facts;
    }
    const step = { node: n, message: `passed to \`${r.name}()\` (line ${lineOf(n)})` };
    const given = givenParameters(n, r);
    const keeps = this.ctx.hooks?.keepsPart?.bind(this.ctx.hooks);
    for (const hit of r.summary.sinks) {
      const facts = liveAt(hit, instantiate(dropGiven(hit.facts, given), byParam, step, step, keeps));
      if (facts.length > 0) this.hits.push({ ...hit, facts });
    }
    return value(instantiate(dropGiven(r.summary.returns.facts, given), byParam, step, { node: n, message: `returned by \`${r.name}()\` (line ${lineOf(n)})` }, keeps));
  }

  /** Parameter facts at a sink that a truthy parameter turns off hold only for callers that leave it falsy. */
  private offWhenGiven(sink: SyntaxNode, facts: TaintFact<SyntaxNode>[]): TaintFact<SyntaxNode>[] {
    if (!facts.some((f) => f.origin.kind === 'param' && f.unlessGiven === undefined)) return facts;
    const off = sinkOffWhenGiven(this.ctx.model, sink);
    if (off === null) return facts;
    return facts.map((f) => (f.origin.kind === 'param' && f.origin.index !== off && f.unlessGiven === undefined ? { ...f, unlessGiven: off } : f));
  }

  private checkSinks(c: CallInfo, env: Env<TaintValue>): void {
    const handleOf = (recv: SyntaxNode): string | undefined => {
      const key = locationKey(recv);
      return key ? env.get(key)?.handle : undefined;
    };
    for (const sink of mayMatchAny(this.ctx.spec.sinks, c) ? this.ctx.spec.sinks : []) {
      if (!sinkApplies(sink, c, handleOf)) continue;
      const escaped = sink.percentFormat !== undefined ? formattedEscaped(c.node, sink.percentFormat) : new Set<number>();
      const rendered = sink.messageFormat !== undefined ? renderedItems(c.node, sink.messageFormat) : null;
      for (const arg of sinkArguments(sink.args, c.node)) {
        if (escaped.has(arg.startIndex)) continue;
        let target = unparenthesize(arg);
        if (sink.argv && (target.type === 'list' || target.type === 'tuple')) {
          const first = target.namedChildren.find((x) => x && x.type !== 'comment');
          if (!first) continue;
          target = first;
        }
        let v = this.argValues.get(nodeKey(target)) ?? this.evaluate(target, env);
        // `LOG.info('%(volume_id)s', props)`: only the items the format names are written.
        if (rendered && rendered.argument.id === arg.id) v = this.part(v, rendered.selector);
        const hit: SinkHit<SyntaxNode> = { sink: c.node, argument: arg, kind: sink.kind, sinkName: displayName(c), variant: sink.variant, facts: [] };
        if (sink.stringsOnly) hit.stringsOnly = true;
        hit.facts = this.offWhenGiven(c.node, liveAt(hit, v.facts.facts));
        if (hit.facts.length > 0) this.hits.push(hit);
      }
    }
    for (const sink of this.ctx.hooks?.sinksAt?.(c.node) ?? []) {
      for (const arg of sink.args) {
        const target = unparenthesize(arg);
        const v = this.argValues.get(nodeKey(target)) ?? this.argValues.get(nodeKey(arg)) ?? this.evaluate(target, env);
        const hit: SinkHit<SyntaxNode> = { sink: c.node, argument: arg, kind: sink.kind, sinkName: sink.sinkName, variant: sink.variant, facts: [] };
        hit.facts = this.offWhenGiven(c.node, liveAt(hit, v.facts.facts));
        if (hit.facts.length > 0) this.hits.push(hit);
      }
    }
  }
}

/**
 * The text of a format operand: a literal, or a literal passed through a translation marker (`_('... %(x)s')`,
 * `_LE(...)`), which returns the same format in another language.
 */
export function formatText(n: SyntaxNode): string | null {
  const literal = stringValue(n);
  if (literal !== null) return literal;
  const u = unparenthesize(n);
  if (u.type !== 'call') return null;
  const fn = callee(u);
  const args = callArguments(u);
  return fn?.type === 'identifier' && TRANSLATION_MARKERS.has(fn.text) && args.length === 1 ? stringValue(args[0]!) : null;
}

/** `locals()` or `vars()` without arguments: a mapping of the calling function's variables. */
function isLocalsCall(model: PythonModel, n: SyntaxNode): boolean {
  if (n.type !== 'call') return false;
  const name = model.callName(n);
  return (name === 'locals' || name === 'vars') && callArguments(n).length === 0;
}

function callArguments(call: SyntaxNode): SyntaxNode[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is SyntaxNode => a !== null && a.type !== 'comment');
}

/** The selector of `container[index]`: a literal key, a literal position, or a computed item. */
function itemSelector(key: string | null, index: SyntaxNode | null, model: PythonModel): string {
  if (key !== null) return `'${key}`;
  const i = index ? unparenthesize(index) : null;
  // A loop variable over literal keys (`for field in ('username', 'port'): d[field]`): one of those items.
  const keys = i?.type === 'identifier' ? loopLiteralValues(model, i) : null;
  if (keys && keys.length > 0 && keys.every((k) => !k.includes(KEY_ALTERNATIVE))) return `'${keys.join(KEY_ALTERNATIVE)}`;
  if (i?.type === 'integer' && /^\d+$/.test(i.text)) return `*${i.text}`;
  if (i?.type === 'unary_operator' && /^-\s*\d+$/.test(i.text)) return `*-${i.text.replace(/\D/g, '')}`;
  return '?';
}

/** A fresh source origin for a request value read here (`req.GET['name']` rather than the `req` parameter). */
function reorigin(f: TaintFact<SyntaxNode>, n: SyntaxNode): TaintFact<SyntaxNode> {
  // Only right where the source is read: once the value travelled (steps), its origin stays where it was.
  if (f.origin.kind !== 'source' || f.steps.length > 0) return f;
  return { ...f, origin: { ...f.origin, node: n, description: brief(n) } };
}

/** Start offsets of the arguments a literal %-format at `index` renders with an escaping conversion (`%r`). */
function formattedEscaped(call: SyntaxNode, index: number): Set<number> {
  const args = positionalArgs(call);
  const fmt = stringValue(args[index] ?? null);
  const out = new Set<number>();
  if (fmt === null) return out;
  const convs = conversions(fmt);
  args.slice(index + 1).forEach((a, i) => { if (escapesNewlines(convs[i]) && convs[i]!.key === null) out.add(a.startIndex); });
  return out;
}

/**
 * A `%` format whose conversions all name a mapping key (`'%(volid)s: %(prop)s'`), given one argument after it: the
 * argument is that mapping, and only the named items reach the text (as an item selector: selectors' `'a|b`).
 */
function renderedItems(call: SyntaxNode, index: number): { argument: SyntaxNode; selector: string } | null {
  const args = positionalArgs(call);
  const format = args[index];
  if (!format || args.length !== index + 2) return null;
  const text = formatText(format);
  if (text === null) return null;
  const convs = conversions(text);
  if (convs.length === 0 || convs.some((c) => c.key === null || c.key.includes(KEY_ALTERNATIVE))) return null;
  const keys = [...new Set(convs.map((c) => c.key!))].sort();
  return { argument: args[index + 1]!, selector: `'${keys.join(KEY_ALTERNATIVE)}` };
}

function isFileOpen(c: CallInfo): boolean {
  return c.qualified === 'open' || c.qualified === 'io.open' || c.qualified === 'codecs.open' || c.qualified === 'os.fdopen';
}

function removesNewlines(arg: SyntaxNode | undefined): boolean {
  const s = arg ? stringValue(arg) : null;
  return s !== null && (s.includes('\\n') || s.includes('\\r') || s.includes('\n'));
}

/** Sequence displays and the calls that build one: what a text masker given them rewrites as a repr. */
const SEQUENCE_NODES: ReadonlySet<string> = new Set(['list', 'tuple', 'list_comprehension', 'generator_expression']);
const SEQUENCE_BUILDERS: ReadonlySet<string> = new Set(['list', 'tuple', 'map', 'sorted', 'filter']);

/** A text masker's call given a sequence: a list or tuple written there, or a result the code then joins as one. */
function maskedAsSequence(call: SyntaxNode): boolean {
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  const f = outer?.type === 'call' ? outer.childForFieldName('function') : null;
  if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'join') return true;
  const arg = positionalArgs(call)[0];
  if (!arg) return false;
  const a = unparenthesize(arg);
  if (SEQUENCE_NODES.has(a.type)) return true;
  const built = a.type === 'call' ? a.childForFieldName('function') : null;
  return built?.type === 'identifier' && SEQUENCE_BUILDERS.has(built.text);
}
