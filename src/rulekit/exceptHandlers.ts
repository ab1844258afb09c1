// Recognises handlers that catch (almost) everything and do nothing else: shared by the try-except-pass (B110) and
// try-except-continue (B112) rules. Reads one handler's syntax; what the handler's body does is the rule's question.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { unparenthesize } from '../languages/python/syntax.js';

const BROAD = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

/**
 * The type text of a handler that catches (almost) everything: '' for a bare `except:`, the type for `Exception`
 * or `BaseException` (alone, with `as e`, Python 2 `, e`, or inside a tuple); null for narrower handlers.
 */
export function broadHandlerType(model: PythonModel, handler: SyntaxNode): string | null {
  const value = handler.childForFieldName('value');
  if (!value) return '';
  let type = unparenthesize(value);
  if (type.type === 'as_pattern') type = unparenthesize(type.namedChild(0) ?? type);
  const members = type.type === 'tuple' ? type.namedChildren.filter((c): c is SyntaxNode => c !== null) : [type];
  for (const m of members) {
    const q = model.qualifiedName(m);
    if (q !== null && BROAD.has(q)) return type.text;
  }
  return null;
}

/** The only statement of a handler's body (comments aside), or null when it has several. */
export function soleStatement(handler: SyntaxNode): SyntaxNode | null {
  const body = handler.namedChildren.find((c) => c?.type === 'block');
  const statements = body?.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') ?? [];
  return statements.length === 1 ? statements[0]! : null;
}
