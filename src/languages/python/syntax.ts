// Small read-only helpers over tree-sitter-python nodes: calls, arguments, literals, dotted names, statements.
// They answer syntax questions only; name resolution lives in names.ts.
import { NAMED, type SyntaxNode, type SyntaxTree } from '../syntaxTree.js';

export function callee(call: SyntaxNode): SyntaxNode | null {
  return call.childForFieldName('function');
}

function argumentList(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  // `f"..."`-style generator calls (`f(x for x in y)`) have a generator_expression instead of argument_list.
  if (!args || args.type !== 'argument_list') return args ? [args] : [];
  return args.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
}

const NOT_POSITIONAL = new Set(['keyword_argument', 'list_splat', 'dictionary_splat']);

/** Positional arguments in order (not `*args`, not keywords). */
export function positionalArgs(call: SyntaxNode): SyntaxNode[] {
  return argumentList(call).filter((n) => !NOT_POSITIONAL.has(n.type));
}

export function positionalArg(call: SyntaxNode, index: number): SyntaxNode | null {
  return positionalArgs(call)[index] ?? null;
}

export function keywordArg(call: SyntaxNode, name: string): SyntaxNode | null {
  // Asked of nearly every call by many rules: reads the node's own (cached) children instead of filtering a copy.
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return null;
  for (const arg of args.namedChildren) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) {
      return arg.childForFieldName('value');
    }
  }
  return null;
}

/** The argument at `index` or passed by `name`, as Python binds them. */
export function argument(call: SyntaxNode, index: number, name: string): SyntaxNode | null {
  return keywordArg(call, name) ?? (index >= 0 ? positionalArg(call, index) : null);
}

export function hasStarArgs(call: SyntaxNode): boolean {
  return argumentList(call).some((n) => n.type === 'list_splat' || n.type === 'dictionary_splat');
}

/** Strips `(...)` around an expression. */
export function unparenthesize(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

/**
 * The value of a string literal without interpolation (implicit concatenation included), or null.
 * Escape sequences are kept as written: rules compare against plain words, not decoded bytes.
 */
export function stringValue(node: SyntaxNode | null): string | null {
  if (!node) return null;
  const n = unparenthesize(node);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const part of n.namedChildren) {
      const v = part ? stringValue(part) : null;
      if (v === null) return null;
      out += v;
    }
    return out;
  }
  if (n.type !== 'string') return null;
  let out = '';
  for (const part of n.namedChildren) {
    if (!part) continue;
    if (part.type === 'interpolation') return null;
    if (part.type === 'string_content' || part.type === 'escape_sequence') out += part.text;
  }
  return out;
}

/** A string literal, possibly formatted or concatenated (its constant parts may still be inspected). */
export function isStringLike(node: SyntaxNode | null): boolean {
  if (!node) return false;
  const n = unparenthesize(node);
  return n.type === 'string' || n.type === 'concatenated_string';
}

/** True for an f-string (a string with at least one interpolation). */
export function isFString(node: SyntaxNode | null): boolean {
  if (!node) return false;
  const n = unparenthesize(node);
  if (n.type === 'concatenated_string') return n.namedChildren.some((c) => c !== null && isFString(c));
  return n.type === 'string' && n.namedChildren.some((c) => c?.type === 'interpolation');
}

/** Literal constants: numbers, strings without interpolation, True/False/None, and containers of them. */
export function isConstant(node: SyntaxNode | null): boolean {
  if (!node) return false;
  const n = unparenthesize(node);
  switch (n.type) {
    case 'integer': case 'float': case 'true': case 'false': case 'none': return true;
    case 'string': case 'concatenated_string': return stringValue(n) !== null;
    case 'unary_operator': return isConstant(n.childForFieldName('argument'));
    case 'list': case 'tuple': case 'set':
      return n.namedChildren.every((c) => c === null || c.type === 'comment' || isConstant(c));
    default: return false;
  }
}

export function isTrue(node: SyntaxNode | null): boolean {
  return !!node && unparenthesize(node).type === 'true';
}

export function isFalsy(node: SyntaxNode | null): boolean {
  if (!node) return false;
  const n = unparenthesize(node);
  return n.type === 'false' || n.type === 'none' || (n.type === 'integer' && Number(n.text) === 0);
}

/** `a.b.c` for identifiers and attribute chains; null for anything else (calls, subscripts…). */
export function dottedName(node: SyntaxNode | null): string | null {
  if (!node) return null;
  const n = unparenthesize(node);
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const obj = dottedName(n.childForFieldName('object'));
    const attr = n.childForFieldName('attribute');
    return obj && attr ? `${obj}.${attr.text}` : null;
  }
  return null;
}

/** The last segment of a call's function: `open` for `io.open(...)`, `execute` for `self.db.execute(...)`. */
export function calleeName(call: SyntaxNode): string | null {
  const fn = callee(call);
  if (!fn) return null;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text ?? null;
  return null;
}

const SIMPLE_STATEMENTS = new Set([
  'expression_statement', 'return_statement', 'assert_statement', 'raise_statement', 'delete_statement',
  'pass_statement', 'break_statement', 'continue_statement', 'import_statement', 'import_from_statement',
  'future_import_statement', 'global_statement', 'nonlocal_statement', 'print_statement', 'exec_statement',
  'type_alias_statement',
]);

const COMPOUND_STATEMENTS = new Set([
  'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'with_statement',
  'try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'function_definition',
  'class_definition', 'decorated_definition', 'match_statement', 'case_clause',
]);

/**
 * Lines of the logical statement that holds `node`: a whole simple statement, or only the header of a compound
 * one (`if cond:` / `with open(x) as f:`), so that a comment on any physical line of it applies.
 */
export function statementLines(node: SyntaxNode): { start: number; end: number } {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (SIMPLE_STATEMENTS.has(n.type)) return { start: n.startPosition.row, end: n.endPosition.row };
    if (COMPOUND_STATEMENTS.has(n.type)) {
      const body = n.childForFieldName('body') ?? n.childForFieldName('consequence') ??
        n.namedChildren.find((c) => c?.type === 'block') ?? null;
      const end = body ? Math.max(n.startPosition.row, body.startPosition.row - (body.startPosition.row > n.startPosition.row ? 1 : 0)) : n.endPosition.row;
      return { start: n.startPosition.row, end };
    }
  }
  return { start: node.startPosition.row, end: node.endPosition.row };
}

/** The innermost function or class that contains `node`, as `Class.method`, or `<module>`. */
export function enclosingScopeName(node: SyntaxNode): string {
  const parts: string[] = [];
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition') {
      const name = n.childForFieldName('name')?.text;
      if (name) parts.unshift(name);
    }
  }
  return parts.length > 0 ? parts.join('.') : '<module>';
}

export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

/** The prefix letters of a string literal (`b`, `rb`, `f`, or ``), lower-cased; null for anything else. */
export function stringPrefix(node: SyntaxNode | null): string | null {
  if (!node) return null;
  const n = unparenthesize(node);
  if (n.type === 'concatenated_string') return stringPrefix(n.namedChild(0));
  if (n.type !== 'string') return null;
  const start = n.child(0);
  return start?.type === 'string_start' ? start.text.replace(/['"]+$/, '').toLowerCase() : '';
}

export function isBytesString(node: SyntaxNode | null): boolean {
  return stringPrefix(node)?.includes('b') ?? false;
}

/** A string that is a statement on its own: a docstring or a bare string expression, which nothing reads. */
export function isBareStringStatement(node: SyntaxNode): boolean {
  let n = node;
  while (n.parent?.type === 'concatenated_string' || n.parent?.type === 'parenthesized_expression') n = n.parent;
  return n.parent?.type === 'expression_statement' && n.parent.namedChildCount === 1;
}

/** The operators of a comparison, in order: `==`, `!=`, `in`, `not in`, `is not`… */
export function comparisonOperators(node: SyntaxNode): string[] {
  return node.childrenForFieldName('operators').map((op) => op.text.replace(/\s+/g, ' '));
}

/**
 * The value of an integer literal: decimal, 0x/0o/0b, Python 2 leading-zero octal (`0777`), `_` separators and a
 * leading unary minus; null for anything else or beyond 2^53.
 */
export function integerValue(node: SyntaxNode | null): number | null {
  if (!node) return null;
  const n = unparenthesize(node);
  if (n.type === 'unary_operator' && n.child(0)?.text === '-') {
    const inner = integerValue(n.childForFieldName('argument'));
    return inner === null ? null : -inner;
  }
  if (n.type !== 'integer') return null;
  const text = n.text.replace(/_/g, '').replace(/[lL]$/, '');
  let value: number;
  if (/^0[0-7]+$/.test(text)) value = parseInt(text.slice(1), 8);
  else if (/^0[oO][0-7]+$/.test(text)) value = parseInt(text.slice(2), 8);
  else if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[bB][01]+$/.test(text)) value = parseInt(text.slice(2), 2);
  else if (/^\d+$/.test(text)) value = Number(text);
  else return null;
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * `LOG.warning(...)`, `self.log.debug(...)`: the logging model's naming convention alone. Kept for callers without
 * a model; a rule asks `ctx.model.loggingCall(call)`, which also knows a logger by where it comes from.
 */
export { conventionalLoggingCall as isLoggingCall } from './logging.js';

/** Names bound by an assignment or loop target (`a`, `a, (b, *c)`), in order. */
export function targetNames(target: SyntaxNode | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'list_splat_pattern', 'parenthesized_expression'].includes(target.type)) {
    return target.namedChildren.flatMap((c) => (c ? targetNames(c) : []));
  }
  return [];
}

/** True when an identifier named one of `names` occurs in `node` (attribute names and keywords excluded). */
export function mentionsName(node: SyntaxNode | null, names: ReadonlySet<string>): boolean {
  if (!node || names.size === 0) return false;
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && names.has(n.text)) {
      const p = n.parent;
      const isAttrName = p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id;
      const isKeyword = p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id;
      if (!isAttrName && !isKeyword) return true;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

const NESTED_SCOPES: ReadonlySet<string> = new Set(['function_definition', 'lambda', 'class_definition']);
/**
 * Answers for one tree (the file being analysed), by `${node id}|${types}`: rules ask for the same function's calls
 * or assignments repeatedly. Only the latest tree is kept, so memory never outlives the next file.
 */
let memoTree: SyntaxTree | undefined;
let descendantsMemo = new Map<string, SyntaxNode[]>();

/** The memo key part of each set of types passed in (callers pass constant sets, so this is built once each). */
const typeKeys = new WeakMap<ReadonlySet<string>, string>();

/**
 * Named nodes of the given type (or types) under `node`, in pre-order, not descending into nested functions, lambdas or
 * classes (which are still reported when their type is asked for). Memoised per tree; callers get their own copy.
 */
export function descendantsOfType(node: SyntaxNode, types: string | ReadonlySet<string>): SyntaxNode[] {
  if (node.tree !== memoTree) {
    memoTree = node.tree;
    descendantsMemo = new Map();
  }
  const memo = descendantsMemo;
  let typesKey = typeof types === 'string' ? types : typeKeys.get(types);
  if (typesKey === undefined && typeof types !== 'string') typeKeys.set(types, typesKey = [...types].join('|'));
  const key = `${node.id}|${typesKey}`;
  const known = memo.get(key);
  if (known) return known.slice();
  const out: SyntaxNode[] = [];
  const { tree } = node;
  const { type, subtreeEnd, flags } = tree.data;
  const wanted = tree.typeMask(types);
  const nested = tree.typeMask(NESTED_SCOPES);
  // Pre-order numbers: the subtree is the range after the node; a nested scope is skipped by jumping past its range.
  for (let i = node.id + 1, end = subtreeEnd[node.id]!; i < end; i++) {
    // Anonymous nodes are tokens: never matched.
    if (!(flags[i]! & NAMED)) continue;
    const t = type[i]!;
    if (wanted[t]) out.push(tree.node(i));
    if (nested[t]) i = subtreeEnd[i]! - 1;
  }
  memo.set(key, out);
  return out.slice();
}

export interface ComparisonPair { left: SyntaxNode; operator: string; right: SyntaxNode }

/** The pairwise comparisons of a (possibly chained) comparison: `a < b <= c` → (a, <, b), (b, <=, c). */
export function comparisonPairs(node: SyntaxNode): ComparisonPair[] {
  const operands = node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const operators = comparisonOperators(node);
  const out: ComparisonPair[] = [];
  for (let i = 0; i < operators.length && i + 1 < operands.length; i++) {
    out.push({ left: operands[i]!, operator: operators[i]!, right: operands[i + 1]! });
  }
  return out;
}

/** The statement (a simple statement, or the compound statement) of a block or the module that contains `node`. */
export function statementOf(node: SyntaxNode): SyntaxNode {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.parent?.type === 'block' || n.parent?.type === 'module') return n;
  }
  return node;
}

/** The module's top-level `NAME = expr` statements, in file order (the assignments the index reads as constants). */
/** The assignment whose left side `n` is (`n = …`, `d['k'] = …`, `obj.attr = …`), or null: `n` is written there. */
export function assignmentTargeting(n: SyntaxNode): SyntaxNode | null {
  const p = n.parent;
  return p?.type === 'assignment' && p.childForFieldName('left')?.id === n.id ? p : null;
}

export function moduleAssignments(root: SyntaxNode): Array<{ name: SyntaxNode; value: SyntaxNode }> {
  const out: Array<{ name: SyntaxNode; value: SyntaxNode }> = [];
  for (const stmt of root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChild(0) : null;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && right) out.push({ name: left, value: right });
  }
  return out;
}

/** The type expressions of an `except` clause's type part: `A` → [A], `(A, m.B)` → [A, m.B], `A as e` → [A]. */
export function exceptTypes(types: SyntaxNode): SyntaxNode[] {
  const t = types.type === 'as_pattern' ? types.namedChild(0) ?? types : types;
  const parts = t.type === 'tuple' || t.type === 'parenthesized_expression' ? t.namedChildren : [t];
  return parts.filter((n): n is SyntaxNode => n !== null);
}

const LIST_ADDERS: ReadonlySet<string> = new Set(['append', 'extend', 'insert']);

/**
 * `xs.append(v)`, `xs.extend(vs)`, `xs.insert(i, v)`: the list an in-place call adds to and what it adds (null when
 * the call does not say); null for any other call.
 */
export function listAddition(call: SyntaxNode): { list: SyntaxNode; value: SyntaxNode | null } | null {
  const fn = callee(call);
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : '';
  const list = fn?.childForFieldName('object');
  if (!list || !LIST_ADDERS.has(method)) return null;
  const values = positionalArgs(call);
  return { list, value: (method === 'insert' ? values[1] : values[0]) ?? null };
}
