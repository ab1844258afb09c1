// Builds the scope tree of one module and records every name binding in the scope Python puts it in
// (Pyright's binder.ts plays this role). It does not decide which binding reaches a use, and it never evaluates code.
import { NAMED, type SyntaxNode } from '../../syntaxTree.js';
import { ImportTable } from '../names.js';
import type { Binding, BindingKind, Scope, ScopeKind, ValueFact } from './types.js';

export const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const COMPREHENSION_NAMES: Record<string, string> = {
  list_comprehension: '<listcomp>', set_comprehension: '<setcomp>', dictionary_comprehension: '<dictcomp>', generator_expression: '<genexpr>',
};

export interface BindResult {
  module: Scope;
  byNode: Map<number, Scope>;
  /** Modules named by `from m import *`, in source order: they may bind any name the file leaves unbound. */
  starModules: string[];
}

function newScope(kind: ScopeKind, node: SyntaxNode, parent: Scope | null, name: string): Scope {
  const scope: Scope = {
    kind, node, parent, children: [], name, bindings: new Map(), globals: new Set(), nonlocals: new Set(), selfAttributes: new Map(),
  };
  parent?.children.push(scope);
  return scope;
}

function qualifiedScopeName(parent: Scope, name: string): string {
  return parent.kind === 'module' ? name : `${parent.name}.${name}`;
}

/** The node types `visit` does more for than visit their children: every binding and every scope starts at one. */
const BINDING_TYPES: readonly string[] = [
  'function_definition', 'class_definition', 'lambda', 'import_statement', 'import_from_statement', 'global_statement',
  'nonlocal_statement', 'assignment', 'augmented_assignment', 'named_expression', 'for_statement', 'with_item',
  'except_clause', 'except_group_clause', 'case_pattern', 'delete_statement', ...COMPREHENSIONS,
];

/**
 * Which nodes hold a BINDING_TYPES node in their subtree (themselves included), by one backward pass over the
 * pre-order numbers: the binder skips the rest (most expressions, calls and their arguments), where visiting every
 * node would find nothing to bind.
 */
function bindingSubtrees(root: SyntaxNode): Uint8Array {
  const { tree } = root;
  const { type, parent, count } = tree.data;
  const mask = tree.typeMask(BINDING_TYPES);
  const out = new Uint8Array(count);
  for (let i = count - 1; i > 0; i--) {
    if (mask[type[i]!]) out[i] = 1;
    if (out[i]) out[parent[i]!] = 1;
  }
  out[0] = 1;
  return out;
}

class Binder {
  readonly byNode = new Map<number, Scope>();
  readonly module: Scope;
  readonly starModules: string[] = [];
  /** Per method scope: the name of its `self` parameter and the class scope that owns it. */
  private readonly selfOf = new Map<Scope, { self: string; cls: Scope }>();
  /** See bindingSubtrees; null: visit every node (tests compare both). */
  private readonly binds: Uint8Array | null;

  constructor(root: SyntaxNode, everyNode: boolean) {
    this.module = newScope('module', root, null, '<module>');
    this.byNode.set(root.id, this.module);
    this.binds = everyNode ? null : bindingSubtrees(root);
  }

  add(scope: Scope, name: string, kind: BindingKind, node: SyntaxNode, statement: SyntaxNode, value: SyntaxNode | null, fact: ValueFact = { kind: 'unknown' }): void {
    const list = scope.bindings.get(name) ?? [];
    list.push({ name, kind, node, statement, value, fact, scope });
    scope.bindings.set(name, list);
  }

  visit(node: SyntaxNode, scope: Scope): void {
    switch (node.type) {
      case 'function_definition': return this.functionDef(node, scope);
      case 'class_definition': return this.classDef(node, scope);
      case 'lambda': return this.lambda(node, scope);
      case 'import_statement': case 'import_from_statement': return this.importStatement(node, scope);
      case 'global_statement': case 'nonlocal_statement':
        for (const id of node.namedChildren) if (id?.type === 'identifier') (node.type === 'global_statement' ? scope.globals : scope.nonlocals).add(id.text);
        return;
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        // Chained `a = b = value`: the inner assignment is the right side; every target gets the innermost value.
        let value = right;
        while (value?.type === 'assignment') value = value.childForFieldName('right');
        if (left) this.target(left, scope, 'assignment', node, value);
        if (right) this.visit(right, scope);
        const type = node.childForFieldName('type');
        if (type) this.visit(type, scope);
        return;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left) this.target(left, scope, 'augmented', node, null);
        const right = node.childForFieldName('right');
        if (right) this.visit(right, scope);
        return;
      }
      case 'named_expression': {
        // PEP 572: a walrus inside a comprehension binds in the enclosing function or module.
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name) this.add(target, name.text, 'walrus', name, node, value);
        if (value) this.visit(value, scope);
        return;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        if (left) this.target(left, scope, 'for-target', node, null);
        for (const c of node.namedChildren) if (c && c.id !== left?.id) this.visit(c, scope);
        return;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const target = value.childForFieldName('alias')?.namedChild(0) ?? null;
          const expr = value.namedChild(0);
          if (target) this.target(target, scope, 'with-target', node, expr);
          if (expr) this.visit(expr, scope);
          return;
        }
        if (value) this.visit(value, scope);
        return;
      }
      case 'except_clause': case 'except_group_clause': {
        // Python 2 `except E, e:` parses as two `value` fields; the second is the target.
        const values = node.childrenForFieldName('value');
        if (values.length === 2 && values[1]!.type === 'identifier') this.add(scope, values[1]!.text, 'except-target', values[1]!, node, null);
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === 'as_pattern') {
            const target = c.childForFieldName('alias')?.namedChild(0);
            if (target) this.add(scope, target.text, 'except-target', target, node, null);
            const expr = c.namedChild(0);
            if (expr) this.visit(expr, scope);
          } else this.visit(c, scope);
        }
        return;
      }
      case 'case_pattern': return this.capturePattern(node, scope);
      case 'delete_statement':
        for (const c of node.namedChildren) {
          if (c?.type === 'identifier') this.add(scope, c.text, 'delete', c, node, null);
          else if (c?.type === 'expression_list') for (const e of c.namedChildren) if (e?.type === 'identifier') this.add(scope, e.text, 'delete', e, node, null);
          else if (c) this.visit(c, scope);
        }
        return;
      default:
        if (COMPREHENSIONS.has(node.type)) return this.comprehension(node, scope);
        this.visitNamedChildren(node, scope);
    }
  }

  /**
   * Visits the named children from the tree's sibling links: the binder passes every node of the file, and asking
   * for `namedChildren` would build and keep an array per node. Nodes without children (identifiers, numbers)
   * bind nothing, so they are not visited.
   */
  private visitNamedChildren(node: SyntaxNode, scope: Scope): void {
    const { tree } = node;
    const { firstChild, nextSibling, flags } = tree.data;
    const binds = this.binds;
    for (let c = firstChild[node.id]!; c >= 0; c = nextSibling[c]!) {
      if (flags[c]! & NAMED && firstChild[c]! >= 0 && (!binds || binds[c])) this.visit(tree.node(c), scope);
    }
  }

  /** Binds every name in an assignment target; `self.x` targets become attributes of the enclosing class. */
  target(node: SyntaxNode, scope: Scope, kind: BindingKind, statement: SyntaxNode, value: SyntaxNode | null): void {
    switch (node.type) {
      case 'identifier': this.add(scope, node.text, kind, node, statement, value); return;
      case 'pattern_list': case 'tuple_pattern': case 'list_pattern': case 'tuple': case 'list': case 'expression_list':
        // Unpacking: the value of each element is not tracked, so no single value is attached.
        for (const c of node.namedChildren) if (c) this.target(c, scope, kind, statement, null);
        return;
      case 'list_splat_pattern': case 'parenthesized_expression': {
        const inner = node.namedChild(0);
        if (inner) this.target(inner, scope, kind, statement, node.type === 'parenthesized_expression' ? value : null);
        return;
      }
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        const method = this.selfOf.get(scope);
        if (method && object?.type === 'identifier' && object.text === method.self && attr) {
          const list = method.cls.selfAttributes.get(attr.text) ?? [];
          list.push({ name: attr.text, kind, node, statement, value, fact: { kind: 'unknown' }, scope: method.cls });
          method.cls.selfAttributes.set(attr.text, list);
        }
        this.visit(node, scope);
        return;
      }
      default: this.visit(node, scope);
    }
  }

  private functionDef(node: SyntaxNode, scope: Scope): void {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<anonymous>';
    const parameters = node.childForFieldName('parameters');
    for (const c of node.namedChildren) {
      // Decorators (on the parent), defaults, annotations and the return type are evaluated in the enclosing scope.
      if (c && c.id !== nameNode?.id && c.id !== parameters?.id && c.type !== 'block') this.visit(c, scope);
    }
    const fn = newScope('function', node, scope, qualifiedScopeName(scope, name));
    this.byNode.set(node.id, fn);
    if (nameNode) this.add(scope, name, 'function', nameNode, node, null, { kind: 'definition', qualified: fn.name, node });
    const params = parameters ? this.parameters(parameters, scope, fn, fn.name) : [];
    if (scope.kind === 'class' && params.length > 0 && !isStaticMethod(node)) this.selfOf.set(fn, { self: params[0]!, cls: scope });
    const body = node.childForFieldName('body');
    if (body) this.visit(body, fn);
  }

  /** Binds parameters in `inner`, visiting defaults and annotations in `outer`; returns the names in order. */
  private parameters(params: SyntaxNode, outer: Scope, inner: Scope, functionName: string): string[] {
    const names: string[] = [];
    for (const p of params.namedChildren) {
      if (!p) continue;
      let nameNode: SyntaxNode | null = null;
      switch (p.type) {
        case 'identifier': nameNode = p; break;
        case 'default_parameter': case 'typed_default_parameter': {
          nameNode = p.childForFieldName('name');
          for (const f of ['value', 'type']) { const v = p.childForFieldName(f); if (v) this.visit(v, outer); }
          break;
        }
        case 'typed_parameter': {
          nameNode = p.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'list_splat_pattern' || c?.type === 'dictionary_splat_pattern') ?? null;
          const t = p.childForFieldName('type');
          if (t) this.visit(t, outer);
          break;
        }
        case 'list_splat_pattern': case 'dictionary_splat_pattern': nameNode = p; break;
        default: break;
      }
      if (nameNode && nameNode.type !== 'identifier') nameNode = nameNode.namedChildren.find((c) => c?.type === 'identifier') ?? null;
      if (!nameNode || nameNode.type !== 'identifier') continue;
      this.add(inner, nameNode.text, 'parameter', nameNode, p, null, { kind: 'parameter', index: names.length, name: nameNode.text, functionName });
      names.push(nameNode.text);
    }
    return names;
  }

  private classDef(node: SyntaxNode, scope: Scope): void {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<anonymous>';
    const body = node.childForFieldName('body');
    for (const c of node.namedChildren) if (c && c.id !== nameNode?.id && c.id !== body?.id) this.visit(c, scope);
    const cls = newScope('class', node, scope, qualifiedScopeName(scope, name));
    this.byNode.set(node.id, cls);
    if (nameNode) this.add(scope, name, 'class', nameNode, node, null, { kind: 'definition', qualified: cls.name, node });
    if (body) this.visit(body, cls);
  }

  private lambda(node: SyntaxNode, scope: Scope): void {
    const fn = newScope('lambda', node, scope, qualifiedScopeName(scope, '<lambda>'));
    this.byNode.set(node.id, fn);
    const params = node.childForFieldName('parameters');
    if (params) this.parameters(params, scope, fn, fn.name);
    const body = node.childForFieldName('body');
    if (body) this.visit(body, fn);
  }

  private comprehension(node: SyntaxNode, scope: Scope): void {
    const comp = newScope('comprehension', node, scope, qualifiedScopeName(scope, COMPREHENSION_NAMES[node.type] ?? '<comp>'));
    this.byNode.set(node.id, comp);
    let first = true;
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'for_in_clause') {
        const left = c.childForFieldName('left');
        if (left) this.target(left, comp, 'for-target', c, null);
        // Only the outermost iterable is evaluated in the enclosing scope (it runs before the comprehension's frame).
        for (const r of c.childrenForFieldName('right')) if (r) this.visit(r, first ? scope : comp);
        first = false;
      } else this.visit(c, comp);
    }
  }

  private importStatement(node: SyntaxNode, scope: Scope): void {
    const table = new ImportTable();
    table.add(node);
    for (const r of table.records) {
      if (!r.local) {
        if (r.qualified.endsWith('.*')) this.starModules.push(r.qualified.slice(0, -2));
        continue;
      }
      // `import a.b.c` binds `a`; the dotted path stays resolvable through it.
      const dotted = !r.fromImport && r.local.includes('.');
      const local = dotted ? r.local.split('.')[0]! : r.local;
      const qualified = dotted ? local : r.qualified;
      const nameNode = findIdentifier(node, local) ?? node;
      this.add(scope, local, 'import', nameNode, node, null, { kind: 'alias', qualified });
    }
  }

  private capturePattern(node: SyntaxNode, scope: Scope): void {
    const stack: SyntaxNode[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const parent = n.parent;
      // A lone name in a pattern (or as a keyword pattern's value) captures; `Point(...)` and `a.B` are values.
      if (n.type === 'dotted_name' && n.namedChildCount === 1 && (parent?.type === 'case_pattern' || parent?.type === 'keyword_pattern') && n.text !== '_') {
        this.add(scope, n.text, 'match-capture', n.namedChild(0)!, node, null);
        continue;
      }
      if (n.type === 'as_pattern_target' || n.type === 'splat_pattern' || n.type === 'list_splat_pattern' || n.type === 'dictionary_splat_pattern') {
        const id = n.namedChildren.find((c) => c?.type === 'identifier');
        if (id && id.text !== '_') this.add(scope, id.text, 'match-capture', id, node, null);
        continue;
      }
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
  }

  /** `global`/`nonlocal` declarations move the scope's bindings of those names to the scope they name. */
  finish(scope: Scope): void {
    for (const child of scope.children) this.finish(child);
    for (const name of [...scope.globals, ...scope.nonlocals]) {
      const moved = scope.bindings.get(name);
      if (!moved) continue;
      let target: Scope | null = null;
      if (scope.globals.has(name)) target = this.module;
      else for (let p = scope.parent; p; p = p.parent) if (p.kind === 'function' && p.bindings.has(name)) { target = p; break; }
      if (!target) continue;
      scope.bindings.delete(name);
      const list = target.bindings.get(name) ?? [];
      for (const b of moved) list.push({ ...b, scope: target });
      target.bindings.set(name, list);
    }
  }
}

function isStaticMethod(fn: SyntaxNode): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  return !!decorated && decorated.namedChildren.some((c) => c?.type === 'decorator' && /\bstaticmethod\b/.test(c.text));
}

function findIdentifier(node: SyntaxNode, name: string): SyntaxNode | null {
  const stack: SyntaxNode[] = [node];
  let found: SyntaxNode | null = null;
  while (stack.length > 0) {
    const n = stack.pop()!;
    // The last identifier with this text is the bound one (`import a as b` → b, not a part of the module path).
    if (n.type === 'identifier' && n.text === name && (!found || n.startIndex > found.startIndex)) found = n;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return found;
}

/** `everyNode`: visit every node instead of skipping subtrees with nothing to bind (for tests: the result is the same). */
export function bindModule(root: SyntaxNode, options: { everyNode?: boolean } = {}): BindResult {
  const binder = new Binder(root, options.everyNode ?? false);
  for (const c of root.namedChildren) if (c) binder.visit(c, binder.module);
  binder.finish(binder.module);
  return { module: binder.module, byNode: binder.byNode, starModules: binder.starModules };
}

export type { Binding };
