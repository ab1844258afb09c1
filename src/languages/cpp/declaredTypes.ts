// The types a C/C++ file declares for its names, as written: parameters and locals per function, members and globals
// per file, and the return type of each function definition. Rules ask "what type did the code give this operand?"
// instead of guessing from a name. Only this file is read (members declared in a header it includes are unknown), a
// name declared with two different types in the same scope is unknown, and an unknown type answers null: callers
// must treat null as "not the type I worry about".
import type { SyntaxNode } from '../syntaxTree.js';

/** A declared type: its spelling (whitespace collapsed, `std::` and `const` dropped) and whether a `*` or `[]` made it a pointer/array. */
export interface DeclaredType { name: string; indirect: boolean }

function typeName(declaration: SyntaxNode): string | null {
  const t = declaration.childForFieldName('type');
  if (!t) return null;
  return t.text.replace(/\s+/g, ' ').replace(/^std::/, '').trim();
}

/** The declared name and whether the declarator is a pointer or array; references are the type itself. */
function declared(declarator: SyntaxNode): { name: string; indirect: boolean } | null {
  let indirect = false;
  let d: SyntaxNode | null = declarator;
  while (d) {
    switch (d.type) {
      case 'identifier': case 'field_identifier': return { name: d.text, indirect };
      case 'init_declarator': case 'reference_declarator': d = d.childForFieldName('declarator') ?? d.namedChild(0); break;
      case 'pointer_declarator': case 'array_declarator': indirect = true; d = d.childForFieldName('declarator') ?? d.namedChild(0); break;
      default: return null;
    }
  }
  return null;
}

type Scope = Map<string, DeclaredType | null>;

function add(scope: Scope, name: string, type: DeclaredType): void {
  if (!scope.has(name)) { scope.set(name, type); return; }
  const known = scope.get(name);
  if (known && (known.name !== type.name || known.indirect !== type.indirect)) scope.set(name, null);
}

function collect(nodes: readonly SyntaxNode[], scope: Scope): void {
  for (const decl of nodes) {
    const type = typeName(decl);
    if (!type) continue;
    for (const d of decl.childrenForFieldName('declarator')) {
      const named = declared(d);
      if (named) add(scope, named.name, { name: type, indirect: named.indirect });
    }
  }
}

/** Declared types of one file; build once per tree with `declaredTypes(root)`. */
export class DeclaredTypes {
  /** Globals and namespace-scope variables. */
  private readonly globals: Scope = new Map();
  /** Members by class name (the class's own declarations, not its bases'). */
  private readonly classes = new Map<string, Scope>();
  private readonly functionScopes = new Map<number, Scope>();
  private readonly returns: Scope = new Map();

  constructor(readonly root: SyntaxNode) {
    for (const cls of root.descendantsOfType(['class_specifier', 'struct_specifier'])) {
      const name = cls.childForFieldName('name')?.text;
      const body = cls.childForFieldName('body');
      if (!name || !body) continue;
      const scope = this.classes.get(name) ?? new Map();
      collect(body.namedChildren.filter((c) => c.type === 'field_declaration'), scope);
      this.classes.set(name, scope);
    }
    collect(root.descendantsOfType('declaration').filter((d) => !inFunction(d)), this.globals);
    for (const fn of root.descendantsOfType('function_definition')) {
      const type = this.returnType(fn);
      const name = fnName(fn);
      if (name && type) add(this.returns, baseName(name), type);
    }
  }

  /**
   * The type a name was declared with, or null when unknown or ambiguous: a plain identifier is looked up in its
   * function, then in the members of the method's class, then among the globals; a member access `obj.m` / `p->m` /
   * `this->m` in the class its object was declared with (when this file defines that class).
   */
  typeOf(node: SyntaxNode): DeclaredType | null {
    if (node.type === 'field_expression') {
      const field = node.childForFieldName('field');
      const object = node.childForFieldName('argument');
      if (!field || !object) return null;
      const cls = object.type === 'this' ? this.classOf(node) : this.typeOf(object)?.name;
      return cls ? this.classes.get(cls)?.get(field.text) ?? null : null;
    }
    if (node.type !== 'identifier') return null;
    const fn = enclosingDefinition(node);
    if (fn) {
      const local = this.scopeOf(fn);
      if (local.has(node.text)) return local.get(node.text) ?? null;
      const cls = this.classOf(node);
      const members = cls ? this.classes.get(cls) : undefined;
      if (members?.has(node.text)) return members.get(node.text) ?? null;
    }
    return this.globals.get(node.text) ?? null;
  }

  /** The return type a function definition declares (null for constructors, `auto` and unparsed declarators). */
  returnType(fn: SyntaxNode): DeclaredType | null {
    const type = typeName(fn);
    const declarator = fn.childForFieldName('declarator');
    if (!type || !declarator || type === 'auto') return null;
    return { name: type, indirect: declarator.type === 'pointer_declarator' };
  }

  /** The return type shared by every definition in the file of a function with this (unqualified) name. */
  returnTypeOfName(name: string): DeclaredType | null {
    return this.returns.get(name) ?? null;
  }

  /** The class a method belongs to: `Foo` for `Foo::bar` defined outside, or the class an inline method sits in. */
  private classOf(node: SyntaxNode): string | null {
    for (let n = node.parent; n; n = n.parent) {
      if (n.type === 'function_definition') {
        const name = fnName(n);
        const i = name?.lastIndexOf('::') ?? -1;
        if (name && i !== -1) return baseName(name.slice(0, i));
      }
      if (n.type === 'class_specifier' || n.type === 'struct_specifier') return n.childForFieldName('name')?.text ?? null;
    }
    return null;
  }

  private scopeOf(fn: SyntaxNode): Scope {
    let scope = this.functionScopes.get(fn.id);
    if (scope) return scope;
    scope = new Map();
    collect(fn.descendantsOfType(['declaration', 'parameter_declaration', 'optional_parameter_declaration']), scope);
    this.functionScopes.set(fn.id, scope);
    return scope;
  }
}

function baseName(name: string): string {
  const i = name.lastIndexOf('::');
  return i === -1 ? name : name.slice(i + 2);
}

function inFunction(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return true;
  return false;
}

/** The function definition (lambdas included: their parameters are declared inside it) holding a node. */
function enclosingDefinition(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

function fnName(fn: SyntaxNode): string | null {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  return d?.childForFieldName('declarator')?.text.replace(/\s+/g, '') ?? null;
}

const memo = new WeakMap<object, DeclaredTypes>();

/** The declared types of the file a node is in (memoised per tree). */
export function declaredTypes(node: SyntaxNode): DeclaredTypes {
  const key = node.tree as object;
  let types = memo.get(key);
  if (!types) memo.set(key, types = new DeclaredTypes(node.tree.rootNode));
  return types;
}
