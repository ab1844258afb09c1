// Queries over the bound scopes of one module: the scope a node is evaluated in, the bindings a name refers to
// (LEGB, class scopes invisible to nested functions), qualified names through scoped imports, and value facts.
import type { SyntaxNode } from '../../syntaxTree.js';
import { dottedName, stringValue, unparenthesize } from '../syntax.js';
import { bindModule, COMPREHENSIONS } from './binder.js';
import type { Binding, Scope, ValueFact } from './types.js';

const SCOPE_NODES = new Set(['function_definition', 'class_definition', 'lambda', ...COMPREHENSIONS]);
const CONTAINERS: Record<string, 'list' | 'dict' | 'set' | 'tuple'> = {
  list: 'list', dictionary: 'dict', set: 'set', tuple: 'tuple',
  list_comprehension: 'list', dictionary_comprehension: 'dict', set_comprehension: 'set',
};
/** How deep alias chains (`a = b`, `b = yaml.load`) are followed; real code rarely needs more than two hops. */
const MAX_ALIAS_DEPTH = 8;

export interface Resolution { scope: Scope; bindings: Binding[] }

/**
 * What the head of a dotted expression (`sp` of `sp.Popen`) refers to where it is written:
 * - `unbound`: no binding in the file reaches it (a builtin, an unknown global, or a name a star import brings);
 * - `alias`: imports, or assignments of imported names (`load = yaml.load`), agree on one qualified name
 *   (`definition`: the head is a def or class of this file, `qualified` its name inside the module);
 * - `local`: a binding that is no alias (a parameter, a call's result, a def) shadows whatever the name meant.
 */
export type NameResolution =
  | { kind: 'unbound'; dotted: string; head: string }
  | { kind: 'alias'; dotted: string; head: string; qualified: string; definition: boolean }
  | { kind: 'local'; dotted: string; head: string; bindings: Binding[] };

export class ScopeModel {
  readonly module: Scope;
  /** Modules named by `from m import *` (module level, in source order). */
  readonly starModules: readonly string[];
  private readonly byNode: Map<number, Scope>;
  private readonly facts = new Map<Binding, ValueFact>();
  /** Names some scope other than the module binds or declares global/nonlocal (see resolveAt). */
  private nestedNames: Set<string> | undefined;

  constructor(root: SyntaxNode) {
    const bound = bindModule(root);
    this.module = bound.module;
    this.byNode = bound.byNode;
    this.starModules = bound.starModules;
  }

  /** The scope created by a function/class/lambda/comprehension node (or the module node). */
  scopeFor(scopeNode: SyntaxNode): Scope | undefined {
    return this.byNode.get(scopeNode.id);
  }

  /**
   * The scope `node` is evaluated in. Decorators, defaults, annotations, base classes and a comprehension's
   * outermost iterable belong to the enclosing scope, as in CPython.
   */
  scopeOf(node: SyntaxNode): Scope {
    let prev: SyntaxNode = node;
    let inDefault = false;
    let inFirstIterable = false;
    for (let n: SyntaxNode | null = node.parent; n; prev = n, n = n.parent) {
      if (n.type === 'default_parameter' || n.type === 'typed_default_parameter') {
        if (n.childForFieldName('name')?.id !== prev.id) inDefault = true;
      } else if (n.type === 'typed_parameter') {
        if (prev.type === 'type') inDefault = true;
      } else if (n.type === 'for_in_clause') {
        const first = n.parent?.namedChildren.find((c) => c?.type === 'for_in_clause');
        if (first?.id === n.id && n.childrenForFieldName('right').some((r) => r.id === prev.id)) inFirstIterable = true;
      }
      if (!SCOPE_NODES.has(n.type)) continue;
      const scope = this.byNode.get(n.id);
      let inside: boolean;
      if (n.type === 'function_definition' || n.type === 'lambda') {
        inside = prev.id === n.childForFieldName('body')?.id || (prev.id === n.childForFieldName('parameters')?.id && !inDefault);
      } else if (n.type === 'class_definition') {
        inside = prev.id === n.childForFieldName('body')?.id;
      } else {
        inside = !inFirstIterable;
      }
      if (inside && scope) return scope;
      inDefault = false;
      inFirstIterable = false;
    }
    return this.module;
  }

  /** The scope a binding name resolves in from `scope` (LEGB), with its bindings; null for builtins/unknown. */
  resolve(name: string, scope: Scope): Resolution | null {
    if (scope.globals.has(name)) return this.hit(this.module, name);
    if (scope.bindings.has(name) && !scope.nonlocals.has(name)) return this.hit(scope, name);
    for (let p = scope.parent; p; p = p.parent) {
      // Class bodies do not form a closure: methods and comprehensions inside a class cannot see its names.
      if (p.kind === 'class') continue;
      if (p.bindings.has(name)) return this.hit(p, name);
    }
    return null;
  }

  /**
   * resolve(name, scopeOf(node)), without finding the scope when it cannot matter: a name that no function, class,
   * lambda or comprehension binds or declares resolves from any of them as from the module (class scopes are
   * skipped, the module never is). Most names read in a file are imports and module globals. (A `global` or
   * `nonlocal` statement at module level resolves differently from the module and from a function: its names take
   * the long way too.)
   */
  private resolveAt(name: string, node: SyntaxNode): Resolution | null {
    if (!this.nestedNames) {
      const names = new Set<string>([...this.module.globals, ...this.module.nonlocals]);
      const stack = [...this.module.children];
      while (stack.length > 0) {
        const s = stack.pop()!;
        for (const n of s.bindings.keys()) names.add(n);
        for (const n of s.globals) names.add(n);
        for (const n of s.nonlocals) names.add(n);
        stack.push(...s.children);
      }
      this.nestedNames = names;
    }
    return this.resolve(name, this.nestedNames.has(name) ? this.scopeOf(node) : this.module);
  }

  /** The bindings an identifier refers to, in the scope it resolves in (flow-insensitive: all of them). */
  lookup(nameNode: SyntaxNode): Binding[] {
    if (nameNode.type !== 'identifier') return [];
    // The `x` of `a.x` and of `f(x=1)` names an attribute or a parameter, not a variable.
    const parent = nameNode.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === nameNode.id) return [];
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === nameNode.id) return [];
    return this.resolveAt(nameNode.text, nameNode)?.bindings ?? [];
  }

  /**
   * The qualified name of a dotted expression through the imports visible at its position: `sp.Popen` →
   * `subprocess.Popen` when `sp` is the imported module there. Null when the head is a local variable that is not
   * an alias of an import (a local assignment shadows an import); builtins and unknown globals stay as written.
   */
  qualifiedNameAt(expr: SyntaxNode | null, depth = 0): string | null {
    const name = this.nameAt(expr, depth);
    if (!name) return null;
    if (name.kind === 'unbound') return name.dotted;
    return name.kind === 'alias' ? name.qualified : null;
  }

  /** How the head of the dotted expression `expr` resolves at its position; null when `expr` is not dotted. */
  nameAt(expr: SyntaxNode | null, depth = 0): NameResolution | null {
    if (!expr) return null;
    const inner = unparenthesize(expr);
    const dotted = dottedName(inner);
    if (dotted === null) return null;
    const dot = dotted.indexOf('.');
    const head = dot < 0 ? dotted : dotted.slice(0, dot);
    const headNode = leftmostIdentifier(inner);
    if (!head || !headNode) return null;
    const found = this.resolveAt(head, headNode);
    if (!found) return { kind: 'unbound', dotted, head };
    const base = this.aliasOf(found.bindings, depth);
    if (base === null) return { kind: 'local', dotted, head, bindings: found.bindings };
    const definition = found.bindings.every((b) => b.kind === 'function' || b.kind === 'class');
    return { kind: 'alias', dotted, head, qualified: dot < 0 ? base : base + dotted.slice(dot), definition };
  }

  /** Qualified name of the thing a set of bindings stands for, when they agree on being one alias. */
  private aliasOf(bindings: Binding[], depth: number): string | null {
    let alias: string | null = null;
    for (const b of bindings) {
      const fact = this.factOf(b, depth);
      if (fact.kind === 'alias') { alias ??= fact.qualified; continue; }
      if (fact.kind === 'definition') { alias ??= fact.qualified; continue; }
      // `try: import simplejson as json / except ImportError: json = None` keeps meaning the import.
      if (fact.kind === 'literal' && fact.value === null) continue;
      return null;
    }
    return alias;
  }

  /** What a binding's value is known to be. */
  factOf(binding: Binding, depth = 0): ValueFact {
    const known = binding.fact.kind !== 'unknown' ? binding.fact : this.facts.get(binding);
    if (known) return known;
    const fact = binding.value ? this.valueFact(binding.value, depth) : { kind: 'unknown' as const };
    // Alias facts computed at the depth limit may be truncated; only memoise complete answers.
    if (depth < MAX_ALIAS_DEPTH) this.facts.set(binding, fact);
    return fact;
  }

  /** The value fact of an arbitrary expression at its position. */
  valueFact(value: SyntaxNode, depth = 0): ValueFact {
    const v = unparenthesize(value);
    switch (v.type) {
      case 'none': return { kind: 'literal', value: null };
      case 'true': return { kind: 'literal', value: true };
      case 'false': return { kind: 'literal', value: false };
      case 'integer': case 'float': return Number.isFinite(Number(v.text)) ? { kind: 'literal', value: Number(v.text) } : { kind: 'unknown' };
      case 'string': case 'concatenated_string': {
        const s = stringValue(v);
        return s === null ? { kind: 'unknown' } : { kind: 'literal', value: s };
      }
      case 'call': {
        // `x = x.copy()` refers to itself: the callee chain is followed as far as alias chains are.
        const callee = depth >= MAX_ALIAS_DEPTH ? null : this.qualifiedNameAt(v.childForFieldName('function'), depth + 1);
        return { kind: 'call', callee, node: v };
      }
      case 'await': { const inner = v.namedChild(0); return inner ? this.valueFact(inner, depth) : { kind: 'unknown' }; }
      case 'identifier': case 'attribute': {
        if (depth >= MAX_ALIAS_DEPTH) return { kind: 'unknown' };
        const q = this.qualifiedNameAt(v, depth + 1);
        return q === null ? { kind: 'unknown' } : { kind: 'alias', qualified: q };
      }
      default: {
        const container = CONTAINERS[v.type];
        return container ? { kind: 'container', container, node: v } : { kind: 'unknown' };
      }
    }
  }

  /** Bindings of `self.x` for an attribute expression inside a method, from every method of its class. */
  selfAttribute(attr: SyntaxNode): Binding[] {
    if (attr.type !== 'attribute') return [];
    const object = attr.childForFieldName('object');
    const name = attr.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || !name) return [];
    const cls = this.classOfMethodSelf(object);
    return cls?.selfAttributes.get(name) ?? [];
  }

  /** The class scope whose instance `selfNode` (the first parameter of a method) stands for. */
  classOfMethodSelf(selfNode: SyntaxNode): Scope | null {
    const bindings = this.lookup(selfNode);
    const param = bindings.find((b) => b.kind === 'parameter' && b.fact.kind === 'parameter' && b.fact.index === 0);
    const method = param?.scope;
    return method?.kind === 'function' && method.parent?.kind === 'class' && bindings.length === 1 ? method.parent : null;
  }

  /** Nearest enclosing function scope (function or lambda) of a node, or null at module/class level. */
  functionOf(node: SyntaxNode): Scope | null {
    for (let s: Scope | null = this.scopeOf(node); s; s = s.parent) if (s.kind === 'function' || s.kind === 'lambda') return s;
    return null;
  }

  private hit(scope: Scope, name: string): Resolution {
    return { scope, bindings: scope.bindings.get(name) ?? [] };
  }
}

function leftmostIdentifier(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  while (n && n.type === 'attribute') n = n.childForFieldName('object');
  while (n && n.type === 'parenthesized_expression') n = n.namedChild(0);
  return n?.type === 'identifier' ? n : null;
}
