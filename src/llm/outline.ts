// The per-file facts the LLM review needs from one parse: functions and classes with their scope names (for
// fingerprints and for cutting code only between definitions), each class's header, the module's imports, the
// top-level statements, and the comments (for suppressions). Reads the syntax tree only; decides nothing. C and C++
// files get the same outline from outlineCpp.ts.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { parsePython } from '../languages/python/parser.js';
import type { Language } from '../rulekit/types.js';
import { outlineCpp } from './outlineCpp.js';
import type { LineSpan } from './types.js';

export interface Definition extends LineSpan { scope: string; isFunction: boolean }

export interface ClassOutline extends LineSpan {
  /** What a reader of one method needs of its class: the signature line(s) and the class-level statements. */
  header: LineSpan[];
  /** The statements of its body that are definitions (methods, nested classes), decorators included, in order. */
  members: LineSpan[];
}

export interface FileOutline {
  lineCount: number;
  /** Functions and classes (decorators included) with their `Class.method` scope names. */
  definitions: Definition[];
  /** Classes, decorators included, outer ones before the classes nested in them. */
  classes: ClassOutline[];
  /** The module's top-level import statements. */
  imports: LineSpan[];
  /** Each top-level statement's span, in order. */
  topLevel: LineSpan[];
  /** 1-based line → the comments on it. */
  comments: Map<number, string[]>;
  /** The scope name of code outside any definition (as the rules of the file's language name it in fingerprints). */
  fileScope: string;
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);
const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

function spanOf(node: SyntaxNode): LineSpan {
  return { start: node.startPosition.row + 1, end: node.endPosition.row + 1 };
}

function named(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? node.namedChildren.filter((n): n is SyntaxNode => n !== null) : [];
}

function classOutline(node: SyntaxNode, outer: SyntaxNode): ClassOutline {
  const body = node.childForFieldName('body');
  const statements = named(body).filter((n) => n.type !== 'comment');
  const first = statements[0];
  // The signature runs from the decorators to the line before the body's first statement (or the whole class when
  // the body shares the `class` line).
  const signatureEnd = first && first.startPosition.row > node.startPosition.row ? first.startPosition.row : node.endPosition.row + 1;
  const header: LineSpan[] = [{ start: outer.startPosition.row + 1, end: signatureEnd }];
  const members: LineSpan[] = [];
  for (const statement of statements) {
    if (statement.startPosition.row + 1 <= signatureEnd) continue;
    (DEFINITIONS.has(statement.type) ? members : header).push(spanOf(statement));
  }
  return { ...spanOf(outer), header, members };
}

/** The outline of a Python file, or of a C/C++ file (outlineCpp.ts) when `language` says so. */
export async function outlineOf(text: string, language: Language = 'python'): Promise<FileOutline> {
  const lines = text.split(/\r?\n/);
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  if (language === 'cpp') return outlineCpp(text, lineCount);
  const tree = await parsePython(text);
  const definitions: Definition[] = [];
  const classes: ClassOutline[] = [];
  const comments = new Map<number, string[]>();
  const visit = (node: SyntaxNode, scope: string[]): void => {
    if (node.type === 'comment') {
      const line = node.startPosition.row + 1;
      comments.set(line, [...(comments.get(line) ?? []), node.text]);
    }
    let inner = scope;
    if (node.type === 'function_definition' || node.type === 'class_definition') {
      const name = node.childForFieldName('name')?.text ?? '?';
      inner = [...scope, name];
      const outer = node.parent?.type === 'decorated_definition' ? node.parent : node;
      definitions.push({
        start: outer.startPosition.row + 1, end: node.endPosition.row + 1, scope: inner.join('.'),
        isFunction: node.type === 'function_definition',
      });
      if (node.type === 'class_definition') classes.push(classOutline(node, outer));
    }
    for (const child of node.children) if (child) visit(child, inner);
  };
  visit(tree.rootNode, []);
  const top = named(tree.rootNode);
  return {
    lineCount, definitions, classes, comments,
    imports: top.filter((n) => IMPORTS.has(n.type)).map(spanOf),
    topLevel: top.map(spanOf), fileScope: '<module>',
  };
}

/** The innermost function or class holding `line`, as `Class.method` (`Class::method`), or the file's scope (as rules' fingerprints name it). */
export function scopeAt(outline: FileOutline, line: number): string {
  let best: Definition | undefined;
  for (const d of outline.definitions) {
    if (d.start <= line && line <= d.end && (!best || d.end - d.start <= best.end - best.start)) best = d;
  }
  return best?.scope ?? outline.fileScope;
}
