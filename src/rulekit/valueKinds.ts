// What built-in type an expression is known to evaluate to (str, int, set …), from literals, builtin calls and the
// reaching definitions of the names it reads. Answers null whenever any path could give another type: rules that
// report "this is always a set" must never guess.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { dataflowOf } from '../languages/python/dataflow/reaching.js';
import type { PythonModel } from '../languages/python/model.js';
import { scopesOf } from '../languages/python/scopes/index.js';
import { calleeName, callee, isBytesString, positionalArgs, unparenthesize } from '../languages/python/syntax.js';
import { lookupTable } from '../lookupTable.js';

export type ValueKind = 'str' | 'bytes' | 'int' | 'float' | 'bool' | 'none' | 'set' | 'list' | 'dict' | 'tuple';

/** Alias and operator chains longer than this are left unknown; real code rarely needs more than three hops. */
const MAX_DEPTH = 6;

const BUILTIN_RESULT: Record<string, ValueKind> = lookupTable({
  str: 'str', repr: 'str', chr: 'str', hex: 'str', oct: 'str', bin: 'str', format: 'str',
  int: 'int', len: 'int', ord: 'int', hash: 'int',
  float: 'float', set: 'set', frozenset: 'set', list: 'list', sorted: 'list', dict: 'dict', tuple: 'tuple',
  bytes: 'bytes', bool: 'bool', isinstance: 'bool', callable: 'bool',
});

/** Methods that only str has (`hexdigest` is hashlib's, and always gives a str). */
const STR_ONLY_METHODS = new Set(['casefold', 'hexdigest']);
/** Methods str and bytes share, each returning the receiver's own type (`b"x ".strip()` is bytes). */
const STR_OR_BYTES_METHODS = new Set(['lower', 'upper', 'strip', 'lstrip', 'rstrip', 'swapcase', 'zfill', 'title', 'capitalize']);
/** Methods that give a new set when called on a set. */
const SET_METHODS = new Set(['difference', 'union', 'intersection', 'symmetric_difference', 'copy']);
/** Methods that only sets (and frozensets) have: the receiver must be a set, so the result is one. */
const SET_ONLY_METHODS = new Set(['difference', 'symmetric_difference']);
const SET_OPERATORS = new Set(['-', '|', '&', '^']);
const DICT_VIEWS = new Set(['keys', 'items']);

const setSources = new WeakMap<PythonModel, boolean>();

/**
 * False when no expression of the file can be a set by kindOf's rules, so a rule looking for sets can skip the
 * file without building its dataflow. A set starts at a set display or comprehension, a call of set()/frozenset()
 * or of a set-only method, or a set operator applied to keys()/items(); everything else only passes one along.
 */
export function mayProduceSets(model: PythonModel): boolean {
  let may = setSources.get(model);
  if (may === undefined) {
    const { source } = model;
    may = model.hasNodeOfType('set') || model.hasNodeOfType('set_comprehension') ||
      /\b(?:set|frozenset|difference|symmetric_difference)[\s\\]*\(/.test(source) ||
      (/\b(?:keys|items)\b/.test(source) && [...SET_OPERATORS].some((op) => model.hasNodeOfType(op)));
    setSources.set(model, may);
  }
  return may;
}

const ASSIGNING_NODES: readonly string[] = ['assignment', 'named_expression'];

/** A plain target (`x = …`, `self.x = …`, `(x) = …`, `x := …`) by its last name, with the value it is given. */
interface PlainAssignment { name: string; value: SyntaxNode | null }
const plainAssignmentsOf = new WeakMap<PythonModel, PlainAssignment[]>();
const assignedNamesOf = new WeakMap<PythonModel, Set<string>>();

/** The name an identifier, or an attribute by its last part, is filed under by the shortcuts below. */
function lastName(node: SyntaxNode): string | undefined {
  return node.type === 'identifier' ? node.text : node.type === 'attribute' ? node.childForFieldName('attribute')?.text : undefined;
}

/** Every plain assignment of the file, chains included (each `assignment` node of `a = b = v` is one). */
function plainAssignments(model: PythonModel): PlainAssignment[] {
  let out = plainAssignmentsOf.get(model);
  if (!out) {
    out = [];
    for (const node of model.root.descendantsOfType(ASSIGNING_NODES)) {
      const isAssignment = node.type === 'assignment';
      const target = node.childForFieldName(isAssignment ? 'left' : 'name');
      const name = target ? lastName(unparenthesize(target)) : undefined;
      if (name !== undefined) out.push({ name, value: node.childForFieldName(isAssignment ? 'right' : 'value') });
    }
    plainAssignmentsOf.set(model, out);
  }
  return out;
}

/**
 * The last names of all plain targets: only such a statement gives a name a value whose kind can be known, through
 * reaching definitions or scope bindings alike (parameters, imports, loop and `with` targets, augmented and
 * unpacking assignments give none). A name outside this set is of unknown kind without building the function's
 * dataflow: most names a rule asks about are parameters, imports or attributes of other objects.
 */
function assignedNames(model: PythonModel): Set<string> {
  let names = assignedNamesOf.get(model);
  if (!names) assignedNamesOf.set(model, names = new Set(plainAssignments(model).map((a) => a.name)));
  return names;
}

/** Identifiers (callee or method names) that can start a set by kindOf's rules. */
const SET_MARKER_NAMES = new Set(['set', 'frozenset', 'difference', 'symmetric_difference']);
const SET_NODE_TYPES = new Set(['set', 'set_comprehension']);
const MENTION_TYPES: readonly string[] = ['identifier', 'binary_operator', ...SET_NODE_TYPES];
const setNamesOf = new WeakMap<PythonModel, Set<string>>();

/**
 * Whether something in `expr`'s subtree could make it a set: a set display, a set-making call or method, a set
 * operator on a dict view (`d.keys() - seen`), or a name that may hold a set. A necessary condition for
 * kindOf(expr) === 'set', checked without dataflow.
 */
function mentionsSetSource(expr: SyntaxNode, names: ReadonlySet<string>): boolean {
  for (const n of expr.descendantsOfType(MENTION_TYPES)) {
    if (n.type === 'binary_operator') {
      if (isViewSetOperation(n)) return true;
    } else if (SET_NODE_TYPES.has(n.type) || SET_MARKER_NAMES.has(n.text) || names.has(n.text)) return true;
  }
  return false;
}

/** `d.keys() - other`, `keys() | x`: a set operator whose left side calls a dict view method. */
function isViewSetOperation(n: SyntaxNode): boolean {
  const left = n.childForFieldName('left');
  const l = left ? unparenthesize(left) : null;
  return SET_OPERATORS.has(n.childForFieldName('operator')?.text ?? '') && l?.type === 'call' && DICT_VIEWS.has(calleeName(l) ?? '');
}

/**
 * The last names of the targets that may be given a set: those assigned an expression that mentions a set source
 * or another such name (to a fixpoint). kindOf finds a name to be a set only through such an assignment.
 */
function setNames(model: PythonModel): Set<string> {
  let names = setNamesOf.get(model);
  if (names) return names;
  names = new Set();
  let pending = plainAssignments(model).filter((a): a is { name: string; value: SyntaxNode } => a.value !== null);
  for (let grew = true; grew;) {
    grew = false;
    const rest: typeof pending = [];
    for (const p of pending) {
      if (names.has(p.name)) continue;
      if (mentionsSetSource(p.value, names)) { names.add(p.name); grew = true; } else rest.push(p);
    }
    pending = rest;
  }
  setNamesOf.set(model, names);
  return names;
}

/**
 * False when `expr` cannot be a set by kindOf's rules: it mentions no set source and no name that may be given a
 * set. Lets a rule looking for sets skip kindOf, and the dataflow it builds, for nearly every expression.
 */
export function mayBeSet(model: PythonModel, expr: SyntaxNode): boolean {
  return mayProduceSets(model) && mentionsSetSource(expr, setNames(model));
}

/**
 * False when no plain assignment (`=`, `:=`) in the file targets the last name of `use` (an identifier or attribute):
 * then every value reachingValues could give is null (parameters, imports, loop targets, augmented assignments), so
 * a caller that needs a known expression on every path can stop without building the function's dataflow.
 */
export function mayBeAssigned(model: PythonModel, use: SyntaxNode): boolean {
  const name = lastName(use);
  return name !== undefined && assignedNames(model).has(name);
}

/** The innermost function whose dataflow sees `node`, or the module. */
export function dataflowOwner(model: PythonModel, node: SyntaxNode): SyntaxNode {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return model.root;
}

/** The expression assigned to `name` by a definition statement, `'parameter'` for a parameter, or null if unknown. */
export function definedValue(def: SyntaxNode, name: string): SyntaxNode | 'parameter' | 'augmented' | null {
  if (def.type === 'identifier') return 'parameter';
  if (def.type === 'named_expression') return def.childForFieldName('value');
  if (def.type !== 'expression_statement') return null;
  const expr = def.namedChild(0);
  if (expr?.type === 'augmented_assignment') return expr.childForFieldName('left')?.text === name ? 'augmented' : null;
  let a: SyntaxNode | null | undefined = expr;
  let found = false;
  let value: SyntaxNode | null = null;
  while (a?.type === 'assignment') {
    const left = a.childForFieldName('left');
    if (left && unparenthesize(left).text === name) found = true;
    value = a.childForFieldName('right');
    a = value;
  }
  return found ? value : null;
}

export interface Reaching {
  /** Values assigned on every path that reaches the use (null entries: a definition whose value is unknown). */
  values: Array<SyntaxNode | null>;
  parameter: boolean;
  /** Augmented assignments (`x -= y`): their statements, whose left side has its own reaching definitions. */
  augmented: SyntaxNode[];
}

/**
 * The values a name (or `self.x` path) may hold where it is read: its reaching definitions in the function, or for
 * names the function never assigns, the module-level (or class `self.`) bindings when every one is an assignment.
 */
export function reachingValues(model: PythonModel, use: SyntaxNode): Reaching | null {
  const u = unparenthesize(use);
  if (u.type !== 'identifier' && u.type !== 'attribute') return null;
  const defs = dataflowOf(model, dataflowOwner(model, u)).definitionsOf(u);
  const out: Reaching = { values: [], parameter: false, augmented: [] };
  if (defs.length > 0) {
    for (const d of defs) {
      const v = definedValue(d, u.text);
      if (v === 'parameter') out.parameter = true;
      else if (v === 'augmented') out.augmented.push(d);
      else out.values.push(v);
    }
    return out;
  }
  const scopes = scopesOf(model);
  const bindings = u.type === 'identifier' ? scopes.lookup(u) : scopes.selfAttribute(u);
  if (bindings.length === 0) return null;
  // A name bound in this very function but never reaching here (assigned later, only in a loop's next round…).
  if (u.type === 'identifier' && bindings.some((b) => b.scope.node.id === dataflowOwner(model, u).id)) return null;
  for (const b of bindings) {
    if (b.kind !== 'assignment') return null;
    out.values.push(b.value);
  }
  return out;
}

/** The built-in type `expr` evaluates to on every path, or null when unknown or when paths disagree. */
export function kindOf(model: PythonModel, expr: SyntaxNode | null, depth = 0): ValueKind | null {
  if (!expr || depth > MAX_DEPTH) return null;
  const v = unparenthesize(expr);
  switch (v.type) {
    case 'string': case 'concatenated_string': return isBytesString(v) ? 'bytes' : 'str';
    case 'integer': return 'int';
    case 'float': return 'float';
    case 'true': case 'false': return 'bool';
    case 'none': return 'none';
    case 'set': case 'set_comprehension': return 'set';
    case 'list': case 'list_comprehension': return 'list';
    case 'dictionary': case 'dictionary_comprehension': return 'dict';
    case 'tuple': return 'tuple';
    case 'unary_operator': {
      const k = kindOf(model, v.childForFieldName('argument'), depth + 1);
      return k === 'int' || k === 'float' ? k : null;
    }
    case 'conditional_expression': {
      const branches = v.namedChildren.filter((c): c is SyntaxNode => c !== null);
      return joinKinds([kindOf(model, branches[0] ?? null, depth + 1), kindOf(model, branches[2] ?? null, depth + 1)]);
    }
    case 'binary_operator': return binaryKind(model, v, depth);
    case 'call': return callKind(model, v, depth);
    case 'identifier': case 'attribute': return nameKind(model, v, depth);
    default: return null;
  }
}

function binaryKind(model: PythonModel, v: SyntaxNode, depth: number): ValueKind | null {
  const op = v.childForFieldName('operator')?.text ?? '';
  const leftNode = v.childForFieldName('left');
  const left = kindOf(model, leftNode, depth + 1);
  if (SET_OPERATORS.has(op)) {
    if (left === 'set') return 'set';
    // `d.keys() - other` builds a set from the dict view.
    const l = leftNode ? unparenthesize(leftNode) : null;
    if (l?.type === 'call' && DICT_VIEWS.has(calleeName(l) ?? '') && positionalArgs(l).length === 0) return 'set';
    return null;
  }
  const right = kindOf(model, v.childForFieldName('right'), depth + 1);
  if (op === '/') return left && right && isNumber(left) && isNumber(right) ? 'float' : null;
  if (op === '+' && left === right && (left === 'str' || left === 'int' || left === 'list' || left === 'bytes')) return left;
  if (op === '%' && left === 'str') return 'str';
  if (op === '*' && ((left === 'str' && right === 'int') || (left === 'int' && right === 'str'))) return 'str';
  if (['+', '-', '*', '//', '%', '**'].includes(op) && left === 'int' && right === 'int') return 'int';
  return null;
}

function isNumber(k: ValueKind): boolean {
  return k === 'int' || k === 'float';
}

function callKind(model: PythonModel, v: SyntaxNode, depth: number): ValueKind | null {
  const fn = callee(v);
  if (fn?.type === 'identifier') {
    const kind = BUILTIN_RESULT[fn.text];
    // A local function or import called `set`/`len` is not the builtin.
    return kind && scopesOf(model).lookup(fn).length === 0 ? kind : null;
  }
  if (fn?.type !== 'attribute') return null;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const receiver = fn.childForFieldName('object');
  if (STR_ONLY_METHODS.has(method)) return 'str';
  if (STR_OR_BYTES_METHODS.has(method)) {
    // A literal argument (`strip(b" ")`) or a receiver of known type says which of the two it is.
    const arg = positionalArgs(v)[0];
    const fromArg = arg ? kindOf(model, arg, depth + 1) : null;
    if (fromArg === 'str' || fromArg === 'bytes') return fromArg;
    const fromReceiver = kindOf(model, receiver, depth + 1);
    return fromReceiver === 'str' || fromReceiver === 'bytes' ? fromReceiver : null;
  }
  if (method === 'join' || method === 'format') return receiver && isStringLiteral(receiver) ? (isBytesString(receiver) ? 'bytes' : 'str') : null;
  if (SET_ONLY_METHODS.has(method)) return 'set';
  if (method === 'encode') return kindOf(model, receiver, depth + 1) === 'str' ? 'bytes' : null;
  if (method === 'decode') return kindOf(model, receiver, depth + 1) === 'bytes' ? 'str' : null;
  if (SET_METHODS.has(method)) return kindOf(model, receiver, depth + 1) === 'set' ? 'set' : null;
  return null;
}

function isStringLiteral(n: SyntaxNode): boolean {
  const u = unparenthesize(n);
  return u.type === 'string' || u.type === 'concatenated_string';
}

function nameKind(model: PythonModel, v: SyntaxNode, depth: number): ValueKind | null {
  if (!mayBeAssigned(model, v)) return null;
  const reaching = reachingValues(model, v);
  if (!reaching || reaching.parameter) return null;
  const kinds: Array<ValueKind | null> = reaching.values.map((value) => kindOf(model, value, depth + 1));
  for (const aug of reaching.augmented) {
    // A loop's `n += 1` reaches its own left side: assume the cycle keeps the type and let the other
    // definitions decide (the usual optimistic fixpoint), instead of giving up at the depth limit.
    if (inProgress.has(aug.id)) continue;
    inProgress.add(aug.id);
    try { kinds.push(augmentedKind(model, aug, depth)); } finally { inProgress.delete(aug.id); }
  }
  return kinds.length === 0 ? null : joinKinds(kinds);
}

/** Augmented assignments being evaluated on the current chain (evaluation is synchronous, so one set suffices). */
const inProgress = new Set<number>();

/** `x -= y` keeps a set a set; `n += 1` keeps an int an int. Anything else is unknown. */
function augmentedKind(model: PythonModel, stmt: SyntaxNode, depth: number): ValueKind | null {
  const a = stmt.namedChild(0);
  const op = a?.childForFieldName('operator')?.text ?? '';
  const before = kindOf(model, a?.childForFieldName('left') ?? null, depth + 1);
  if (before === 'set' && ['-=', '|=', '&=', '^='].includes(op)) return 'set';
  if (before === 'int' && ['+=', '-=', '*=', '//='].includes(op) && kindOf(model, a?.childForFieldName('right') ?? null, depth + 1) === 'int') return 'int';
  return null;
}

/** The one kind every path agrees on; `None` paths are left out (a `None` default later replaced). */
function joinKinds(kinds: Array<ValueKind | null>): ValueKind | null {
  let out: ValueKind | null = null;
  for (const k of kinds) {
    if (k === null) return null;
    if (k === 'none') continue;
    if (out !== null && out !== k) return null;
    out = k;
  }
  return out;
}
