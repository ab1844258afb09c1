// What built-in type an expression is known to evaluate to (str, int, set …), from literals, builtin calls and the
// reaching definitions of the names it reads. Answers null whenever any path could give another type: rules that
// report "this is always a set" must never guess.
import type { SyntaxNode } from '../syntaxTree.js';
import type { PythonModel } from './model.js';
import { calleeName, callee, isBytesString, positionalArgs, unparenthesize } from './syntax.js';
import { lookupTable } from '../../lookupTable.js';

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



const ASSIGNING_NODES: readonly string[] = ['assignment', 'named_expression'];

/** A plain target (`x = …`, `self.x = …`, `(x) = …`, `x := …`) by its last name, with the value it is given. */
interface PlainAssignment { name: string; value: SyntaxNode | null }

/** The name an identifier, or an attribute by its last part, is filed under by the shortcuts below. */
function lastName(node: SyntaxNode): string | undefined {
  return node.type === 'identifier' ? node.text : node.type === 'attribute' ? node.childForFieldName('attribute')?.text : undefined;
}



/** Identifiers (callee or method names) that can start a set by kindOf's rules. */
const SET_MARKER_NAMES = new Set(['set', 'frozenset', 'difference', 'symmetric_difference']);
const SET_NODE_TYPES = new Set(['set', 'set_comprehension']);
const MENTION_TYPES: readonly string[] = ['identifier', 'binary_operator', ...SET_NODE_TYPES];

/**
 * Whether something in `expr`'s subtree could make it a set: a set display, a set-making call or method, a set
 * operator on a dict view (`d.keys() - seen`), or a name that may hold a set. A necessary condition for
 * kindOf(expr) === 'set', checked without dataflow.
 */
function mentionsSetSource(expr: SyntaxNode, names: ReadonlySet<string>): boolean {
  // A scan of the tree's arrays: setNames asks this of every assignment of the file, round after round, and only
  // the rare operator needs a node object.
  const { tree } = expr;
  const { type, subtreeEnd, startIndex, endIndex } = tree.data;
  const mention = tree.typeMask(MENTION_TYPES);
  const identifier = tree.typeMask('identifier');
  const operator = tree.typeMask('binary_operator');
  for (let i = expr.id, end = subtreeEnd[expr.id]!; i < end; i++) {
    const t = type[i]!;
    if (!mention[t]) continue;
    if (operator[t]) {
      if (isViewSetOperation(tree.node(i))) return true;
      continue;
    }
    if (!identifier[t]) return true; // a set display or comprehension
    const text = tree.source.slice(startIndex[i], endIndex[i]);
    if (SET_MARKER_NAMES.has(text) || names.has(text)) return true;
  }
  return false;
}

/** `d.keys() - other`, `keys() | x`: a set operator whose left side calls a dict view method. */
function isViewSetOperation(n: SyntaxNode): boolean {
  const left = n.childForFieldName('left');
  const l = left ? unparenthesize(left) : null;
  return SET_OPERATORS.has(n.childForFieldName('operator')?.text ?? '') && l?.type === 'call' && DICT_VIEWS.has(calleeName(l) ?? '');
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




function isNumber(k: ValueKind): boolean {
  return k === 'int' || k === 'float';
}


function isStringLiteral(n: SyntaxNode): boolean {
  const u = unparenthesize(n);
  return u.type === 'string' || u.type === 'concatenated_string';
}


/** Augmented assignments being evaluated on the current chain (evaluation is synchronous, so one set suffices). */
const inProgress = new Set<number>();


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

/**
 * The value-kind queries of one file, with the per-file facts they share. Owned by the PythonModel (one per file):
 * rules ask `model.kindOf(expr)`, `model.reachingValues(use)`, … rather than this class.
 */
export class ValueKinds {
  private setSources: boolean | undefined;
  private plainAssignmentList: PlainAssignment[] | undefined;
  private assignedNameSet: Set<string> | undefined;
  private setNameSet: Set<string> | undefined;

  constructor(private readonly model: PythonModel) {}

  /**
   * False when no expression of the file can be a set by kindOf's rules, so a rule looking for sets can skip the
   * file without building its dataflow. A set starts at a set display or comprehension, a call of set()/frozenset()
   * or of a set-only method, or a set operator applied to keys()/items(); everything else only passes one along.
   */
  mayProduceSets(): boolean {
    let may = this.setSources;
    if (may === undefined) {
      const { source } = this.model;
      may = this.model.hasNodeOfType('set') || this.model.hasNodeOfType('set_comprehension') ||
        /\b(?:set|frozenset|difference|symmetric_difference)[\s\\]*\(/.test(source) ||
        (/\b(?:keys|items)\b/.test(source) && [...SET_OPERATORS].some((op) => this.model.hasNodeOfType(op)));
      this.setSources = may;
    }
    return may;
  }

  /** Every plain assignment of the file, chains included (each `assignment` node of `a = b = v` is one). */
  private plainAssignments(): PlainAssignment[] {
    let out = this.plainAssignmentList;
    if (!out) {
      out = [];
      for (const node of this.model.root.descendantsOfType(ASSIGNING_NODES)) {
        const isAssignment = node.type === 'assignment';
        const target = node.childForFieldName(isAssignment ? 'left' : 'name');
        const name = target ? lastName(unparenthesize(target)) : undefined;
        if (name !== undefined) out.push({ name, value: node.childForFieldName(isAssignment ? 'right' : 'value') });
      }
      this.plainAssignmentList = out;
    }
    return out;
  }

  /**
   * The last names of all plain targets: only such a statement gives a name a value whose kind can be known, through
   * reaching definitions or scope bindings alike (parameters, imports, loop and `with` targets, augmented and
   * unpacking assignments give none). A name outside this set is of unknown kind without building the function's
   * dataflow: most names a rule asks about are parameters, imports or attributes of other objects.
   */
  private assignedNames(): Set<string> {
    this.assignedNameSet ??= new Set(this.plainAssignments().map((a) => a.name));
    return this.assignedNameSet;
  }

  /**
   * The last names of the targets that may be given a set: those assigned an expression that mentions a set source
   * or another such name (to a fixpoint). kindOf finds a name to be a set only through such an assignment.
   */
  private setNames(): Set<string> {
    let names = this.setNameSet;
    if (names) return names;
    names = new Set();
    let pending = this.plainAssignments().filter((a): a is { name: string; value: SyntaxNode } => a.value !== null);
    for (let grew = true; grew;) {
      grew = false;
      const rest: typeof pending = [];
      for (const p of pending) {
        if (names.has(p.name)) continue;
        if (mentionsSetSource(p.value, names)) { names.add(p.name); grew = true; } else rest.push(p);
      }
      pending = rest;
    }
    this.setNameSet = names;
    return names;
  }

  /**
   * False when `expr` cannot be a set by kindOf's rules: it mentions no set source and no name that may be given a
   * set. Lets a rule looking for sets skip kindOf, and the dataflow it builds, for nearly every expression.
   */
  mayBeSet(expr: SyntaxNode): boolean {
    return this.mayProduceSets() && mentionsSetSource(expr, this.setNames());
  }

  /**
   * False when no plain assignment (`=`, `:=`) in the file targets the last name of `use` (an identifier or attribute):
   * then every value reachingValues could give is null (parameters, imports, loop targets, augmented assignments), so
   * a caller that needs a known expression on every path can stop without building the function's dataflow.
   */
  mayBeAssigned(use: SyntaxNode): boolean {
    const name = lastName(use);
    return name !== undefined && this.assignedNames().has(name);
  }

  /** The innermost function whose dataflow sees `node`, or the module. */
  dataflowOwner(node: SyntaxNode): SyntaxNode {
    for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
    return this.model.root;
  }

  /**
   * The values a name (or `self.x` path) may hold where it is read: its reaching definitions in the function, or for
   * names the function never assigns, the module-level (or class `self.`) bindings when every one is an assignment.
   */
  reachingValues(use: SyntaxNode): Reaching | null {
    const u = unparenthesize(use);
    if (u.type !== 'identifier' && u.type !== 'attribute') return null;
    const defs = this.model.dataflow(this.dataflowOwner(u)).definitionsOf(u);
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
    const scopes = this.model.scopes;
    const bindings = u.type === 'identifier' ? scopes.lookup(u) : scopes.selfAttribute(u);
    if (bindings.length === 0) return null;
    // A name bound in this very function but never reaching here (assigned later, only in a loop's next round…).
    if (u.type === 'identifier' && bindings.some((b) => b.scope.node.id === this.dataflowOwner(u).id)) return null;
    for (const b of bindings) {
      if (b.kind !== 'assignment') return null;
      out.values.push(b.value);
    }
    return out;
  }

  /** The built-in type `expr` evaluates to on every path, or null when unknown or when paths disagree. */
  kindOf(expr: SyntaxNode | null, depth = 0): ValueKind | null {
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
        const k = this.kindOf(v.childForFieldName('argument'), depth + 1);
        return k === 'int' || k === 'float' ? k : null;
      }
      case 'conditional_expression': {
        const branches = v.namedChildren.filter((c): c is SyntaxNode => c !== null);
        return joinKinds([this.kindOf(branches[0] ?? null, depth + 1), this.kindOf(branches[2] ?? null, depth + 1)]);
      }
      case 'binary_operator': return this.binaryKind(v, depth);
      case 'call': return this.callKind(v, depth);
      case 'identifier': case 'attribute': return this.nameKind(v, depth);
      default: return null;
    }
  }

  private binaryKind(v: SyntaxNode, depth: number): ValueKind | null {
    const op = v.childForFieldName('operator')?.text ?? '';
    const leftNode = v.childForFieldName('left');
    const left = this.kindOf(leftNode, depth + 1);
    if (SET_OPERATORS.has(op)) {
      if (left === 'set') return 'set';
      // `d.keys() - other` builds a set from the dict view.
      const l = leftNode ? unparenthesize(leftNode) : null;
      if (l?.type === 'call' && DICT_VIEWS.has(calleeName(l) ?? '') && positionalArgs(l).length === 0) return 'set';
      return null;
    }
    const right = this.kindOf(v.childForFieldName('right'), depth + 1);
    if (op === '/') return left && right && isNumber(left) && isNumber(right) ? 'float' : null;
    if (op === '+' && left === right && (left === 'str' || left === 'int' || left === 'list' || left === 'bytes')) return left;
    if (op === '%' && left === 'str') return 'str';
    if (op === '*' && ((left === 'str' && right === 'int') || (left === 'int' && right === 'str'))) return 'str';
    if (['+', '-', '*', '//', '%', '**'].includes(op) && left === 'int' && right === 'int') return 'int';
    return null;
  }

  private callKind(v: SyntaxNode, depth: number): ValueKind | null {
    const fn = callee(v);
    if (fn?.type === 'identifier') {
      const kind = BUILTIN_RESULT[fn.text];
      // A local function or import called `set`/`len` is not the builtin.
      return kind && this.model.scopes.lookup(fn).length === 0 ? kind : null;
    }
    if (fn?.type !== 'attribute') return null;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const receiver = fn.childForFieldName('object');
    if (STR_ONLY_METHODS.has(method)) return 'str';
    if (STR_OR_BYTES_METHODS.has(method)) {
      // A literal argument (`strip(b" ")`) or a receiver of known type says which of the two it is.
      const arg = positionalArgs(v)[0];
      const fromArg = arg ? this.kindOf(arg, depth + 1) : null;
      if (fromArg === 'str' || fromArg === 'bytes') return fromArg;
      const fromReceiver = this.kindOf(receiver, depth + 1);
      return fromReceiver === 'str' || fromReceiver === 'bytes' ? fromReceiver : null;
    }
    if (method === 'join' || method === 'format') return receiver && isStringLiteral(receiver) ? (isBytesString(receiver) ? 'bytes' : 'str') : null;
    if (SET_ONLY_METHODS.has(method)) return 'set';
    if (method === 'encode') return this.kindOf(receiver, depth + 1) === 'str' ? 'bytes' : null;
    if (method === 'decode') return this.kindOf(receiver, depth + 1) === 'bytes' ? 'str' : null;
    if (SET_METHODS.has(method)) return this.kindOf(receiver, depth + 1) === 'set' ? 'set' : null;
    return null;
  }

  private nameKind(v: SyntaxNode, depth: number): ValueKind | null {
    if (!this.mayBeAssigned(v)) return null;
    const reaching = this.reachingValues(v);
    if (!reaching || reaching.parameter) return null;
    const kinds: Array<ValueKind | null> = reaching.values.map((value) => this.kindOf(value, depth + 1));
    for (const aug of reaching.augmented) {
      // A loop's `n += 1` reaches its own left side: assume the cycle keeps the type and let the other
      // definitions decide (the usual optimistic fixpoint), instead of giving up at the depth limit.
      if (inProgress.has(aug.id)) continue;
      inProgress.add(aug.id);
      try { kinds.push(this.augmentedKind(aug, depth)); } finally { inProgress.delete(aug.id); }
    }
    return kinds.length === 0 ? null : joinKinds(kinds);
  }

  /** `x -= y` keeps a set a set; `n += 1` keeps an int an int. Anything else is unknown. */
  private augmentedKind(stmt: SyntaxNode, depth: number): ValueKind | null {
    const a = stmt.namedChild(0);
    const op = a?.childForFieldName('operator')?.text ?? '';
    const before = this.kindOf(a?.childForFieldName('left') ?? null, depth + 1);
    if (before === 'set' && ['-=', '|=', '&=', '^='].includes(op)) return 'set';
    if (before === 'int' && ['+=', '-=', '*=', '//='].includes(op) && this.kindOf(a?.childForFieldName('right') ?? null, depth + 1) === 'int') return 'int';
    return null;
  }
}
