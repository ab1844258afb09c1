// When a process call runs its command through a shell, and which part of the command the shell parses: shared by
// the B602-B605 and wildcard rules. Judges syntax only; which calls start processes is models/python/processes.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { isFalsy, stringValue, unparenthesize } from '../languages/python/syntax.js';

/** `shell=` values that make the call spawn a shell: anything but a value Python treats as false. */
export function shellEnabled(value: SyntaxNode | null): boolean {
  if (!value) return false;
  const v = unparenthesize(value);
  if (isFalsy(v)) return false;
  switch (v.type) {
    case 'float': return Number(v.text.replace(/_/g, '')) !== 0;
    case 'string': case 'concatenated_string': return stringValue(v) !== '';
    case 'list': case 'tuple': case 'dictionary': case 'set':
      return v.namedChildren.some((c) => c !== null && c.type !== 'comment');
    // True, non-zero numbers and computed values (a flag passed in by the caller): Bandit treats both as a shell.
    default: return true;
  }
}

/**
 * The part of a command that a shell parses: the string itself, or for a list/tuple only its first element
 * (POSIX `sh -c` receives the rest as positional parameters, not as shell text).
 */
export function shellText(command: SyntaxNode): SyntaxNode | null {
  const c = unparenthesize(command);
  if (c.type === 'list' || c.type === 'tuple') {
    return c.namedChildren.find((n) => n !== null && n.type !== 'comment') ?? null;
  }
  return c;
}
