// The exception classes a `raise` statement names, read from the syntax: shared by the cross-file raise-set facts
// (src/index/raises.ts) and the typed-rollback analysis's same-file checkers (resources/typedRollback.ts).
import type { SyntaxNode } from '../syntaxTree.js';
import { enclosingFunction } from './syntax.js';

const lastSegment = (n: SyntaxNode): string => n.text.split('.').pop() ?? '';
/** Python's naming convention: a capitalised name is a class, a lower-case one a bound object (`raise exc`). */
const isClassName = (name: string): boolean => /^[A-Z]/.test(name);

/**
 * The classes a `raise` names by their last segment (`exception.Conflict(...)` → `Conflict`); for a call of a local
 * (`ex = exception.Conflict; raise ex(...)`), the classes every assignment of that local in `fn` names. Null when
 * unknown: a bare re-raise, `raise exc` (an object bound earlier), a local assigned something else.
 */
export function raisedTypeNames(raise: SyntaxNode, fn: SyntaxNode): string[] | null {
  const raised = raise.namedChild(0);
  if (!raised || raised.type === 'comment') return null;
  const target = raised.type === 'call' ? raised.childForFieldName('function') : raised;
  if (target?.type !== 'identifier' && target?.type !== 'attribute') return null;
  const name = lastSegment(target);
  if (isClassName(name)) return [name];
  if (raised.type !== 'call' || target.type !== 'identifier') return null;
  const assigned = fn.descendantsOfType('assignment').filter((a) => enclosingFunction(a)?.id === fn.id && a.childForFieldName('left')?.text === target.text);
  const names = assigned.map((a) => a.childForFieldName('right')).map((r) => (r && (r.type === 'attribute' || r.type === 'identifier') ? lastSegment(r) : ''));
  return names.length > 0 && names.every(isClassName) ? names : null;
}
