// Small questions about tree-sitter-cpp nodes that rules and the engine share: the function a node is in, its
// qualified name, the name a call calls, the object a member call is made on.
import type { SyntaxNode } from '../syntaxTree.js';

export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return n;
    if (n.type === 'lambda_expression') return null;
  }
  return null;
}

/** The declarator naming a function_definition (`QSvgUse::draw`, `~Foo`, `operator==`), through pointers/references. */
export function functionNameNode(fn: SyntaxNode): SyntaxNode | null {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  return d?.childForFieldName('declarator') ?? null;
}

/** `Class::method` as written, or the plain name; null for a definition the parser could not name. */
export function functionName(fn: SyntaxNode): string | null {
  return functionNameNode(fn)?.text.replace(/\s+/g, '') ?? null;
}

/** The last component of a (qualified) name: `QSvgUse::draw` → `draw`. */
export function baseName(name: string): string {
  const i = name.lastIndexOf('::');
  return i === -1 ? name : name.slice(i + 2);
}

/** The class part of a qualified function name, or null (`QSvgUse::draw` → `QSvgUse`). */
export function className(name: string): string | null {
  const i = name.lastIndexOf('::');
  return i === -1 ? null : name.slice(0, i);
}

/** For fingerprints: the enclosing function's name, or `<file>`. */
export function enclosingScopeName(node: SyntaxNode): string {
  const fn = node.type === 'function_definition' ? node : enclosingFunction(node);
  return (fn && functionName(fn)) ?? '<file>';
}

export interface CallShape {
  /** The called name's last component (`draw` in `node->draw(p)`). */
  name: string;
  /** The object of a member call (`node` in `node->draw(p)`), null for a plain call. */
  receiver: SyntaxNode | null;
}

export function callShape(call: SyntaxNode): CallShape | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  if (fn.type === 'identifier') return { name: fn.text, receiver: null };
  if (fn.type === 'qualified_identifier') return { name: baseName(fn.text.replace(/\s+/g, '')), receiver: null };
  if (fn.type === 'field_expression') {
    const field = fn.childForFieldName('field');
    if (!field) return null;
    return { name: baseName(field.text), receiver: fn.childForFieldName('argument') };
  }
  return null;
}

/** The lines a finding covers for suppression comments: the statement's first line through the node's end. */
export function statementRows(node: SyntaxNode): { start: number; end: number } {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.type.endsWith('_statement') || n.type === 'declaration' || n.type === 'field_declaration') {
      if (n.type === 'compound_statement') break;
      const first = n.startPosition.row;
      return { start: first, end: Math.max(first, node.startPosition.row) };
    }
    if (n.type === 'function_definition') break;
  }
  return { start: node.startPosition.row, end: node.startPosition.row };
}

/** The expression inside any number of parentheses (`((n))` → `n`). */
export function unparenthesize(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChild(0)) n = n.namedChild(0)!;
  return n;
}
