// The C/C++ side of outline.ts: functions and classes (templates included) with `Class::method` scope names, each
// class's header, the file's `#include` lines, the declarations where a long file may be cut (namespaces and
// `extern "C"` blocks are looked into, as they often wrap a whole file), and the comments. Reads the syntax tree of
// the preprocessed text (same lines and columns as the file); decides nothing.
import { parseCppSource } from '../languages/cpp/parser.js';
import { functionName } from '../languages/cpp/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { ClassOutline, Definition, FileOutline } from './outline.js';
import type { LineSpan } from './types.js';

const CLASSES = new Set(['class_specifier', 'struct_specifier', 'union_specifier']);
/** Blocks whose declarations are read as the file's own top level. */
const WRAPPERS = new Set(['namespace_definition', 'linkage_specification']);
const INCLUDE = /^\s*#\s*include\b/;

function spanOf(node: SyntaxNode): LineSpan {
  return { start: node.startPosition.row + 1, end: node.endPosition.row + 1 };
}

function named(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? node.namedChildren.filter((n): n is SyntaxNode => n !== null) : [];
}

/** The class or struct with a body that `node` defines: itself, or the type of `struct S {…};` / `class C {…} c;`. */
function definedClass(node: SyntaxNode): SyntaxNode | null {
  if (CLASSES.has(node.type)) return node.childForFieldName('body') ? node : null;
  if (node.type === 'field_declaration' || node.type === 'declaration' || node.type === 'template_declaration') {
    const type = node.type === 'template_declaration' ? named(node).at(-1) : node.childForFieldName('type');
    return type && CLASSES.has(type.type) && type.childForFieldName('body') ? type : null;
  }
  return null;
}

/** A statement of a class body or of the file that a reader takes as one definition (a method, a nested class). */
function isDefinition(node: SyntaxNode): boolean {
  if (node.type === 'function_definition') return true;
  if (node.type === 'template_declaration') return named(node).some((n) => n.type === 'function_definition') || definedClass(node) !== null;
  return definedClass(node) !== null;
}

/** The node a definition's span starts from: its `template <…>` line(s), or the statement holding a class body. */
function outerOf(node: SyntaxNode): SyntaxNode {
  let outer = node;
  const parent = node.parent;
  if (parent && (parent.type === 'template_declaration' || ((parent.type === 'field_declaration' || parent.type === 'declaration') && CLASSES.has(node.type)))) outer = parent;
  if (outer !== node && outer.parent?.type === 'template_declaration') outer = outer.parent;
  return outer;
}

function classOutline(node: SyntaxNode, outer: SyntaxNode): ClassOutline {
  const statements = named(node.childForFieldName('body')).filter((n) => n.type !== 'comment');
  const first = statements[0];
  const signatureEnd = first && first.startPosition.row > node.startPosition.row ? first.startPosition.row : node.endPosition.row + 1;
  const header: LineSpan[] = [{ start: outer.startPosition.row + 1, end: signatureEnd }];
  const members: LineSpan[] = [];
  for (const statement of statements) {
    if (statement.startPosition.row + 1 <= signatureEnd) continue;
    (isDefinition(statement) ? members : header).push(spanOf(statement));
  }
  return { ...spanOf(outer), header, members };
}

function topLevelOf(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    for (const child of named(node)) {
      const body = WRAPPERS.has(child.type) ? child.childForFieldName('body') : null;
      if (body) visit(body);
      else out.push(child);
    }
  };
  visit(root);
  return out;
}

export async function outlineCpp(text: string, lineCount: number): Promise<FileOutline> {
  const tree = await parseCppSource(text);
  const definitions: Definition[] = [];
  const classes: ClassOutline[] = [];
  const comments = new Map<number, string[]>();
  const visit = (node: SyntaxNode, scope: string[]): void => {
    if (node.type === 'comment') {
      const line = node.startPosition.row + 1;
      comments.set(line, [...(comments.get(line) ?? []), node.text]);
      return;
    }
    let inner = scope;
    if (node.type === 'function_definition') {
      inner = [...scope, functionName(node) ?? '?'];
      definitions.push({ ...spanOf(outerOf(node)), scope: inner.join('::'), isFunction: true });
    } else if (CLASSES.has(node.type) && node.childForFieldName('body')) {
      inner = [...scope, node.childForFieldName('name')?.text ?? '?'];
      const outer = outerOf(node);
      definitions.push({ ...spanOf(outer), scope: inner.join('::'), isFunction: false });
      classes.push(classOutline(node, outer));
    }
    for (const child of node.children) if (child) visit(child, inner);
  };
  visit(tree.rootNode, []);
  const imports: LineSpan[] = [];
  text.split(/\r?\n/).forEach((line, i) => { if (INCLUDE.test(line)) imports.push({ start: i + 1, end: i + 1 }); });
  return { lineCount, definitions, classes, comments, imports, topLevel: topLevelOf(tree.rootNode).map(spanOf), fileScope: '<file>' };
}
