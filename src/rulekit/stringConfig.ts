// Boolean options that a WSGI filter reads from its paste.deploy configuration, where every value is a string: the
// flow from a paste factory (`filter_factory(global_conf, **local_conf)`) into the class it builds, the dict that
// class keeps (`self._conf = conf`), the reads of options the module declares as cfg.BoolOpt (or reads with a
// boolean default), and the truth tests and boolean parameters those strings reach unconverted. One file, no
// cross-file facts; it does not follow the dict into other modules.
import { NAMED, type SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { scopesOf } from '../languages/python/scopes/index.js';
import { callee, calleeName, positionalArg, stringValue, unparenthesize } from '../languages/python/syntax.js';
import { BOOLEAN_OPTION_DECLARATION, PASTE_FACTORY_NAME, STRING_TO_BOOL_CONVERTERS, TLS_VERIFICATION_PARAMETERS } from '../models/python/stringConfig.js';
import { reachingValues } from './valueKinds.js';

/** How many assignments a string-dict is followed through inside a factory (`conf = global_conf.copy()`). */
const MAX_HOPS = 3;

export type FlagUseKind = 'truth' | 'bool' | 'argument';

export interface StringFlagUse {
  /** The option's name (`insecure`). */
  key: string;
  /** Where it is read from the string dict (`self._conf_get('insecure')`, `conf.get('insecure', False)`). */
  read: SyntaxNode;
  /** Where the unconverted string is used as a boolean. */
  use: SyntaxNode;
  kind: FlagUseKind;
  /** The keyword or dict key it is passed as, for `argument` uses. */
  parameter: string | null;
  /** Why the option is meant to be a boolean: its cfg.BoolOpt declaration, or the boolean default of `.get`. */
  declaration: SyntaxNode;
}

export interface StringConfigHolder {
  /** The class whose constructor receives the paste options. */
  cls: SyntaxNode;
  /** The constructor parameter that holds them. */
  parameter: SyntaxNode;
  /** `self._conf = conf`: where the raw strings are kept for the whole class, when they are. */
  storage: SyntaxNode | null;
  /** The factory call that hands the paste options to the class. */
  factoryCall: SyntaxNode;
  uses: StringFlagUse[];
}

/** Every named node of the given types under `node`, nested functions and classes included (unlike descendantsOfType). */
function deep(node: SyntaxNode, types: ReadonlySet<string>): SyntaxNode[] {
  // In pre-order, as a walk of the named children would give them, by a scan of the subtree's node numbers: the
  // walk built a child list for every node of the file.
  const { tree } = node;
  const { type, flags, subtreeEnd } = tree.data;
  const mask = tree.typeMask(types);
  const out: SyntaxNode[] = [];
  for (let i = node.id + 1, end = subtreeEnd[node.id]!; i < end; i++) if (flags[i]! & NAMED && mask[type[i]!]) out.push(tree.node(i));
  return out;
}
const FUNCTIONS = new Set(['function_definition']);
const CALLS = new Set(['call']);
const READS = new Set(['call', 'subscript']);
const RETURNS = new Set(['return_statement']);
const ASSIGNMENTS = new Set(['assignment']);
const KEYWORDS = new Set(['keyword_argument']);
const ATTRIBUTES = new Set(['attribute']);
const IDENTIFIERS = new Set(['identifier']);
const BOOLEAN_EXPRESSIONS = new Set(['not_operator', 'boolean_operator', 'parenthesized_expression']);

function parameterNodes(fn: SyntaxNode): SyntaxNode[] {
  return fn.childForFieldName('parameters')?.namedChildren.filter((p): p is SyntaxNode => p !== null) ?? [];
}

function parameterName(p: SyntaxNode): string | null {
  if (p.type === 'identifier') return p.text;
  const id = p.namedChildren.find((c) => c?.type === 'identifier') ?? p.childForFieldName('name');
  return id?.text ?? null;
}

/** paste.deploy factories: named `*factory` with a `**local_conf` parameter; their non-receiver parameters. */
function pasteFactories(model: PythonModel): Array<{ fn: SyntaxNode; names: Set<string>; cls: SyntaxNode | null }> {
  const out: Array<{ fn: SyntaxNode; names: Set<string>; cls: SyntaxNode | null }> = [];
  for (const fn of deep(model.root, FUNCTIONS)) {
    if (!PASTE_FACTORY_NAME.test(fn.childForFieldName('name')?.text ?? '')) continue;
    const params = parameterNodes(fn);
    if (!params.some((p) => p.type === 'dictionary_splat_pattern')) continue;
    const cls = model.enclosingClass(fn);
    const names = new Set(params.slice(cls ? 1 : 0).map(parameterName).filter((n): n is string => n !== null));
    out.push({ fn, names, cls });
  }
  return out;
}

/** True when `expr` is the factory's options dict: a parameter, a copy of one, or `dict(global_conf, **local_conf)`. */
function isPasteDict(model: PythonModel, expr: SyntaxNode, names: Set<string>, hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  const n = unparenthesize(expr);
  if (n.type === 'identifier') {
    const reaching = reachingValues(model, n);
    if (!reaching) {
      // Inside a lambda (`lambda app: Filter(app, conf)`) the function's dataflow has no entry for the use: take
      // the enclosing function's bindings of the name, flow-insensitively.
      return scopesOf(model).lookup(n).some((b) => (b.kind === 'parameter' && names.has(n.text))
        || (b.kind === 'assignment' && b.value !== null && isPasteDict(model, b.value, names, hops + 1)));
    }
    if (reaching.parameter && names.has(n.text)) return true;
    return reaching.values.some((v) => v !== null && isPasteDict(model, v, names, hops + 1));
  }
  if (n.type === 'call') {
    const fn = callee(n);
    if (calleeName(n) === 'copy' && fn?.type === 'attribute') return isPasteDict(model, fn.childForFieldName('object')!, names, hops + 1);
    if (fn?.type === 'identifier' && fn.text === 'dict') {
      const first = positionalArg(n, 0);
      return !!first && isPasteDict(model, first, names, hops + 1);
    }
  }
  return false;
}

/** The class a call constructs when it is a class of this module (`AuthProtocol(app, conf)`, `cls(app, conf)`). */
function constructedClass(model: PythonModel, call: SyntaxNode, factoryClass: SyntaxNode | null): SyntaxNode | null {
  const fn = callee(call);
  if (fn?.type !== 'identifier') return null;
  if (fn.text === 'cls' && factoryClass) return factoryClass;
  for (const b of scopesOf(model).lookup(fn)) {
    if (b.fact.kind === 'definition' && b.fact.node.type === 'class_definition') return b.fact.node;
  }
  return null;
}

function classMethods(cls: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of cls.childForFieldName('body')?.namedChildren ?? []) {
    const fn = c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
    if (fn?.type === 'function_definition') out.push(fn);
  }
  return out;
}

/** Options declared cfg.BoolOpt in this module, by name. */
function booleanOptions(model: PythonModel): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const call of deep(model.root, CALLS)) {
    if (!BOOLEAN_OPTION_DECLARATION.test(model.callName(call) ?? '')) continue;
    const name = stringValue(positionalArg(call, 0));
    if (name !== null && !out.has(name)) out.set(name, call);
  }
  return out;
}

interface Holder { matches(node: SyntaxNode): boolean }

/** `P` inside the constructor, or `self.A` anywhere in the class after `self.A = P`. */
function holderOf(init: SyntaxNode, param: string, attribute: string | null): Holder {
  return {
    matches(node) {
      const n = unparenthesize(node);
      if (n.type === 'identifier') return n.text === param && insideOf(n, init);
      return attribute !== null && n.type === 'attribute' && n.text === attribute;
    },
  };
}

function insideOf(node: SyntaxNode, outer: SyntaxNode): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

/** `H[key]` or `H.get(key, default)` with H a holder: the key expression and the default, else null. */
function dictRead(node: SyntaxNode, holder: Holder): { key: SyntaxNode; fallback: SyntaxNode | null } | null {
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    const key = node.childrenForFieldName('subscript')[0];
    return value && key && holder.matches(value) ? { key, fallback: null } : null;
  }
  if (node.type === 'call' && calleeName(node) === 'get') {
    const fn = callee(node);
    const key = positionalArg(node, 0);
    if (fn?.type !== 'attribute' || !key || !holder.matches(fn.childForFieldName('object')!)) return null;
    return { key, fallback: positionalArg(node, 1) };
  }
  return null;
}

/** Methods that hand back the holder's entry for their parameter (`def _conf_get(self, name): return self._conf[name]`). */
function accessors(methods: SyntaxNode[], holder: Holder): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of methods) {
    const params = parameterNodes(m).map(parameterName);
    for (const ret of deep(m, RETURNS)) {
      const value = ret.namedChild(0);
      const read = value ? dictRead(unparenthesize(value), holder) : null;
      const key = read && unparenthesize(read.key);
      const index = key?.type === 'identifier' ? params.indexOf(key.text) : -1;
      if (index >= 1) out.set(m.childForFieldName('name')?.text ?? '', index - 1);
    }
  }
  return out;
}

function isBoolLiteral(node: SyntaxNode | null): boolean {
  const n = node && unparenthesize(node);
  return n?.type === 'true' || n?.type === 'false';
}

function skipParens(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  return n;
}

export interface Use { use: SyntaxNode; kind: FlagUseKind; parameter: string | null }

/**
 * Where the string read at `node` is used as a boolean: directly, or through one assignment to a local or to a
 * `self.` attribute. Explicit comparisons (`in ('true', '1')`) and converter calls end the search.
 */
export function booleanUses(model: PythonModel, node: SyntaxNode, scope: SyntaxNode, hops = 0): Use[] {
  const n = skipParens(node);
  const p = n.parent;
  if (!p) return [];
  switch (p.type) {
    case 'not_operator': case 'boolean_operator': return [{ use: p, kind: 'truth', parameter: null }];
    case 'if_statement': case 'elif_clause': case 'while_statement':
      return p.childForFieldName('condition')?.id === n.id ? [{ use: p, kind: 'truth', parameter: null }] : [];
    case 'conditional_expression':
      return p.namedChild(1)?.id === n.id ? [{ use: p, kind: 'truth', parameter: null }] : [];
    case 'argument_list': {
      const call = p.parent!;
      return calleeName(call) === 'bool' && callee(call)?.type === 'identifier' ? [{ use: call, kind: 'bool', parameter: null }] : [];
    }
    case 'keyword_argument': {
      const call = p.parent?.parent;
      if (!call || STRING_TO_BOOL_CONVERTERS.test(model.callName(call) ?? '')) return [];
      return [{ use: p, kind: 'argument', parameter: p.childForFieldName('name')?.text ?? null }];
    }
    case 'pair': {
      if (p.childForFieldName('value')?.id !== n.id) return [];
      return [{ use: p, kind: 'argument', parameter: stringValue(p.childForFieldName('key')) }];
    }
    case 'assignment': {
      if (hops > 0 || p.childForFieldName('right')?.id !== n.id) return [];
      const left = p.childForFieldName('left');
      if (!left || (left.type !== 'identifier' && left.type !== 'attribute')) return [];
      // A local is read in its function; a `self.` attribute anywhere in the class.
      const where = left.type === 'attribute' ? scope : enclosingFunctionOf(p) ?? scope;
      const uses: Use[] = [];
      for (const other of deep(where, left.type === 'attribute' ? ATTRIBUTES : IDENTIFIERS)) {
        if (other.text !== left.text || other.id === left.id || other.startIndex < p.endIndex && left.type === 'identifier') continue;
        uses.push(...booleanUses(model, other, scope, hops + 1));
      }
      return uses;
    }
    default: return [];
  }
}

function enclosingFunctionOf(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

/** Every class of the module that receives paste.deploy options and uses a boolean one unconverted. */
export function stringConfigHolders(model: PythonModel): StringConfigHolder[] {
  // A paste factory is a function named `*factory` taking **kwargs: files without both skip the walk for one.
  if (!model.hasNodeOfType('dictionary_splat_pattern') || !model.source.includes('factory')) return [];
  const factories = pasteFactories(model);
  if (factories.length === 0) return [];
  const declared = booleanOptions(model);
  const out: StringConfigHolder[] = [];
  const seen = new Set<number>();
  for (const factory of factories) {
    for (const call of deep(factory.fn, CALLS)) {
      const cls = constructedClass(model, call, factory.cls);
      if (!cls) continue;
      const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => a !== null) ?? [];
      const index = args.findIndex((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && isPasteDict(model, a, factory.names));
      const splat = args.find((a) => a.type === 'dictionary_splat' && isPasteDict(model, a.namedChild(0)!, factory.names));
      if (index < 0 && !splat) continue;
      const init = classMethods(cls).find((m) => m.childForFieldName('name')?.text === '__init__');
      if (!init) continue;
      const params = parameterNodes(init);
      const param = index >= 0 ? params[index + 1] : params.find((p) => p.type === 'dictionary_splat_pattern');
      const name = param && parameterName(param);
      if (!param || !name || seen.has(param.id)) continue;
      seen.add(param.id);
      const holder = holderFor(model, cls, init, name, declared);
      if (holder.uses.length > 0) out.push({ cls, parameter: param, storage: holder.storage, factoryCall: call, uses: holder.uses });
    }
  }
  return out;
}

function holderFor(model: PythonModel, cls: SyntaxNode, init: SyntaxNode, param: string, declared: Map<string, SyntaxNode>): { storage: SyntaxNode | null; uses: StringFlagUse[] } {
  // `self.A = P` in the constructor: the class keeps the raw strings.
  let storage: SyntaxNode | null = null;
  let attribute: string | null = null;
  for (const a of deep(init, ASSIGNMENTS)) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' && right && unparenthesize(right).type === 'identifier' && unparenthesize(right).text === param) {
      storage = a.parent?.type === 'expression_statement' ? a.parent : a;
      attribute = left.text;
      break;
    }
  }
  const holder = holderOf(init, param, attribute);
  const methods = classMethods(cls);
  const getters = accessors(methods, holder);
  const uses: StringFlagUse[] = [];
  for (const call of deep(cls, READS)) {
    let keyNode: SyntaxNode | null = null;
    let fallback: SyntaxNode | null = null;
    const direct = dictRead(call, holder);
    if (direct) { keyNode = direct.key; fallback = direct.fallback; }
    else if (call.type === 'call') {
      const fn = callee(call);
      const index = fn?.type === 'attribute' && fn.childForFieldName('object')?.text === 'self' ? getters.get(calleeName(call) ?? '') : undefined;
      if (index !== undefined) keyNode = positionalArg(call, index);
    }
    const key = stringValue(keyNode);
    if (key === null) continue;
    const declaration = declared.get(key) ?? (isBoolLiteral(fallback) ? fallback : null);
    if (!declaration) continue;
    for (const u of booleanUses(model, call, cls)) uses.push({ key, read: call, declaration, ...u });
  }
  uses.sort((a, b) => a.use.startIndex - b.use.startIndex);
  return { storage, uses };
}

/**
 * The TLS keyword a `self.x` attribute set in a branch is passed to elsewhere in its class (`self._verify = False`,
 * then `requests.post(..., verify=self._verify)`): the attribute is that parameter under another name.
 */
function tlsArgumentOf(attribute: SyntaxNode): string | null {
  const object = attribute.childForFieldName('object');
  if (object?.type !== 'identifier' || object.text !== 'self') return null;
  let cls: SyntaxNode | null = attribute.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  if (!cls) return null;
  for (const k of deep(cls, KEYWORDS)) {
    const name = k.childForFieldName('name')?.text;
    const value = k.childForFieldName('value');
    if (name && TLS_VERIFICATION_PARAMETERS.has(name) && value && unparenthesize(value).text === attribute.text) return name;
  }
  return null;
}

/**
 * The TLS verification parameter a use decides, if any: passed as `insecure=`/`verify=` (also negated, `verify=not
 * x`), or a truth test whose branch sets one (`if self.ssl_insecure: kwargs['verify'] = False`), directly or through an
 * attribute of the class passed as one.
 */
export function tlsParameter(use: StringFlagUse): string | null {
  if (use.kind === 'argument') return use.parameter !== null && TLS_VERIFICATION_PARAMETERS.has(use.parameter) ? use.parameter : null;
  let n = use.use;
  if (n.type === 'not_operator' || n.type === 'boolean_operator') {
    // `verify=not x`, `verify=bundle or not x`: climb the boolean expression to the parameter it fills.
    let top = n;
    while (top.parent && BOOLEAN_EXPRESSIONS.has(top.parent.type)) top = top.parent;
    const p = top.parent;
    const name = p?.type === 'keyword_argument' ? p.childForFieldName('name')?.text : p?.type === 'pair' ? stringValue(p.childForFieldName('key')) : null;
    // An operand of `and`/`or` may reach the parameter as the string itself: a CA path is what `verify` accepts.
    const passesValue = use.use.type === 'boolean_operator';
    if (name && TLS_VERIFICATION_PARAMETERS.has(name) && !(passesValue && name === 'verify')) return name;
    n = p ?? n;
  }
  if (n.type !== 'if_statement') return null;
  for (const a of deep(n.childForFieldName('consequence') ?? n, ASSIGNMENTS)) {
    const left = a.childForFieldName('left');
    const name = left?.type === 'subscript' ? stringValue(left.childrenForFieldName('subscript')[0] ?? null)
      : left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : null;
    if (name && TLS_VERIFICATION_PARAMETERS.has(name)) return name;
    const passed = left?.type === 'attribute' ? tlsArgumentOf(left) : null;
    if (passed) return passed;
  }
  for (const k of deep(n.childForFieldName('consequence') ?? n, KEYWORDS)) {
    const name = k.childForFieldName('name')?.text;
    if (name && TLS_VERIFICATION_PARAMETERS.has(name)) return name;
  }
  return null;
}
