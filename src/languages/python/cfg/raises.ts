// Which statements may raise: the ones whose own evaluation calls, subscripts, awaits, yields, imports, raises or
// asserts. Name loads, arithmetic and attribute loads on names are treated as non-raising — a deliberate trade-off:
// modelling every `a.b` or `x + y` as raising would connect every line to every handler and drown the questions
// rules ask ("can *this call's* exception escape?") in edges nobody relies on. Logging calls count as non-raising:
// the logging package reports its own failures (Handler.handleError) instead of raising them.
import type { SyntaxNode } from '../../syntaxTree.js';
import { conventionalLoggingCall } from '../logging.js';

/** Whether a call only writes a log record (model.loggingCall; the naming convention where no model is at hand). */
export type IsLoggingCall = (call: SyntaxNode) => boolean;

/** Subtrees whose code does not run when the enclosing statement runs. */
const DEFERRED = new Set(['lambda', 'function_definition', 'class_definition', 'block']);
const ALWAYS = new Set(['call', 'subscript', 'await', 'yield', 'raise_statement', 'assert_statement',
  'import_statement', 'import_from_statement', 'print_statement', 'exec_statement']);

export function expressionMayRaise(node: SyntaxNode | null, isLogging: IsLoggingCall = conventionalLoggingCall): boolean {
  if (!node) return false;
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    // Its arguments are usually a format string, `_()` translations and values to interpolate; counting them would
    // make every log line an exception source again.
    if (n.type === 'call' && isLogging(n)) continue;
    if (ALWAYS.has(n.type)) return true;
    if (n.type === 'attribute') {
      const object = n.childForFieldName('object');
      // Attribute access on a computed value (`f().x`, `a[0].y`) is where AttributeError/None errors come from.
      if (object && (object.type === 'call' || object.type === 'subscript')) return true;
    }
    for (const c of n.namedChildren) if (c && !DEFERRED.has(c.type)) stack.push(c);
  }
  return false;
}

/**
 * The parts of a statement evaluated by its own CFG node: the whole of a simple statement, the header expressions
 * of a compound one (its blocks get their own nodes).
 */
export function headerParts(stmt: SyntaxNode): SyntaxNode[] {
  switch (stmt.type) {
    case 'if_statement': case 'elif_clause': case 'while_statement': {
      const c = stmt.childForFieldName('condition');
      return c ? [c] : [];
    }
    case 'for_statement': return stmt.childrenForFieldName('right');
    case 'with_item': return [stmt];
    case 'match_statement': return stmt.childrenForFieldName('subject');
    case 'case_clause': return stmt.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'block');
    case 'except_clause': case 'except_group_clause': return [];
    case 'function_definition': {
      // Defaults and decorators run at definition time.
      const params = stmt.childForFieldName('parameters');
      return params ? [params] : [];
    }
    case 'decorated_definition': {
      const parts = stmt.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type === 'decorator');
      const def = stmt.childForFieldName('definition');
      if (def) parts.push(...headerParts(def));
      return parts;
    }
    case 'class_definition': {
      const bases = stmt.childForFieldName('superclasses');
      return bases ? [bases] : [];
    }
    default: return [stmt];
  }
}

export function statementMayRaise(stmt: SyntaxNode, isLogging: IsLoggingCall = conventionalLoggingCall): boolean {
  if (stmt.type === 'raise_statement' || stmt.type === 'assert_statement') return true;
  return headerParts(stmt).some((p) => expressionMayRaise(p, isLogging));
}
