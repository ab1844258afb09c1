// Function-level syntax facts the dataflow needs: parameters in binding order, the body, the enclosing class and
// its bases, decorators. Syntax only; which function a call reaches is decided in taintFile.ts.
import { NAMED, type SyntaxNode } from '../../syntaxTree.js';

export interface Parameter { name: string; node: SyntaxNode; index: number }

/** Parameters of a function in order (`*args`/`**kwargs` included by name); none for the module. */
export function parameterNames(fn: SyntaxNode): Parameter[] {
  if (fn.type !== 'function_definition') return [];
  const params = fn.childForFieldName('parameters');
  const out: Parameter[] = [];
  for (const p of params?.namedChildren ?? []) {
    if (!p) continue;
    let id: SyntaxNode | null = null;
    if (p.type === 'identifier') id = p;
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') id = p.childForFieldName('name');
    else if (p.type === 'typed_parameter') id = p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') id = p.namedChild(0);
    if (id?.type === 'identifier') out.push({ name: id.text, node: id, index: out.length });
  }
  return out;
}

export function functionBody(fn: SyntaxNode): SyntaxNode | null {
  return fn.type === 'module' ? fn : fn.childForFieldName('body');
}

/** The class a function is a method of (directly inside the class body), or null. */
export function enclosingClass(fn: SyntaxNode): SyntaxNode | null {
  let p = fn.parent;
  if (p?.type === 'decorated_definition') p = p.parent;
  if (p?.type !== 'block') return null;
  return p.parent?.type === 'class_definition' ? p.parent : null;
}

/** Decorator expressions as written (`wsgi.action('create')`, `validation.schema(...)`), without the `@`. */
export function decorators(fn: SyntaxNode): SyntaxNode[] {
  const p = fn.parent;
  if (p?.type !== 'decorated_definition') return [];
  return p.namedChildren.filter((c): c is SyntaxNode => c?.type === 'decorator').map((d) => d.namedChild(0)!).filter(Boolean);
}

/** Base class expressions of a class (`wsgi.Controller`), keywords (`metaclass=`) excluded. */
export function classBases(cls: SyntaxNode): SyntaxNode[] {
  const args = cls.childForFieldName('superclasses');
  return (args?.namedChildren ?? []).filter((c): c is SyntaxNode => c !== null && c.type !== 'keyword_argument' && c.type !== 'comment');
}

/** True for methods that receive the instance or class first (`self`, `cls`): not static methods. */
export function hasReceiver(fn: SyntaxNode): boolean {
  if (!enclosingClass(fn)) return false;
  return !decorators(fn).some((d) => d.text === 'staticmethod');
}

/**
 * Every function definition under `root`, nested ones included, in source order. Only statement structure is
 * entered (blocks, definitions, compound statements and their clauses), never expressions or ERROR regions. A scan
 * over pre-order numbers that jumps past every other subtree: no child list is built.
 */
export function allFunctions(root: SyntaxNode): SyntaxNode[] {
  const { tree } = root;
  const { type, flags, subtreeEnd } = tree.data;
  const structural = structuralMask(tree.vocabulary.typeNames);
  const fn = tree.typeMask(FUNCTION);
  const out: SyntaxNode[] = [];
  if (fn[type[root.id]!]) out.push(root);
  for (let i = root.id + 1, end = subtreeEnd[root.id]!; i < end; i++) {
    if (!(flags[i]! & NAMED) || !structural[type[i]!]) { i = subtreeEnd[i]! - 1; continue; }
    if (fn[type[i]!]) out.push(tree.node(i));
  }
  return out;
}

const FUNCTION = 'function_definition';
const structuralMasks = new WeakMap<readonly unknown[], Uint8Array>();

/** Which node types allFunctions enters, by symbol id of the grammar. */
function structuralMask(typeNames: ReadonlyArray<string>): Uint8Array {
  let mask = structuralMasks.get(typeNames);
  if (!mask) {
    mask = new Uint8Array(typeNames.length);
    typeNames.forEach((t, id) => {
      if (t === 'block' || t === FUNCTION || t === 'class_definition' || t === 'decorated_definition' ||
        t.endsWith('_statement') || t.endsWith('_clause')) mask![id] = 1;
    });
    structuralMasks.set(typeNames, mask);
  }
  return mask;
}
