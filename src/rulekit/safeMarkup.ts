// Whether an expression can only produce literal or escaped HTML: the evaluator behind the mark_safe (B703) and
// Markup (B704) rules. Follows local names through reaching definitions; never trusts parameters or unknown calls.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { listAddition, stringValue, unparenthesize } from '../languages/python/syntax.js';
import { DJANGO_MARKUP_FREE_CALLS } from '../models/python/djangoMarkupFree.js';

/** Calls whose result is escaped (or already safe) HTML. */
const ESCAPERS = new Set([
  'django.utils.html.escape', 'django.utils.html.conditional_escape', 'django.utils.html.format_html',
  'django.utils.html.format_html_join', 'django.utils.html.escapejs', 'django.utils.html.json_script',
  'django.utils.html.linebreaks', 'django.utils.safestring.mark_safe', 'html.escape', 'markupsafe.escape',
  'markupsafe.Markup.escape', 'markupsafe.Markup', 'flask.escape', 'flask.Markup', 'jinja2.escape', 'cgi.escape',
  'int', 'len', 'float',
]);

/**
 * Expressions followed this deep: a list built by appends, a `%` of a dict name, and a same-file function returning
 * escaped parts (`", ".join(parts)` → `link % vals` → `vals` → `get_name(…)` → its `'<a>%s</a>' % (…)`) take ~10.
 * Cycles are cut by the walk's open sets, not by this bound.
 */
const MAX_DEPTH = 14;

export interface SafeMarkupOptions {
  /** Follow names to their assignments (B703 does, as Bandit's django_mark_safe; B704 takes only literals). */
  followNames?: boolean;
  /**
   * Also trust what takes reasoning Bandit's B703 does not do: operands of numeric `%` conversions (`%d`, `%(n).2f`),
   * library calls whose text cannot hold markup (models/python/djangoMarkupFree.ts), and calls of this file's
   * functions whose every return is safe (their parameters untrusted).
   */
  reasoned?: boolean;
}

interface Walk {
  model: PythonModel; followNames: boolean; reasoned: boolean;
  /** Definitions under evaluation: a loop back-edge. */ open: Set<number>;
  /** Functions whose returns are under evaluation: a recursive call adds nothing the other returns do not. */ openFns: Set<number>;
}

/**
 * True when `expr` can only produce literal or escaped text: literals, escaping calls, `%` / `+` /
 * `.format` / `.join` / f-strings over such parts, and (with followNames) names whose every reaching definition
 * assigns such an expression. Parameters and anything else are untrusted.
 */
export function isSafeMarkup(model: PythonModel, expr: SyntaxNode, options: SafeMarkupOptions = {}): boolean {
  return safeExpr({ model, followNames: options.followNames ?? true, reasoned: options.reasoned ?? false, open: new Set(), openFns: new Set() }, expr, 0);
}

function safeExpr(w: Walk, expr: SyntaxNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = unparenthesize(expr);
  const safe = (e: SyntaxNode | null): boolean => e !== null && safeExpr(w, e, depth + 1);
  switch (n.type) {
    case 'integer': case 'float': case 'true': case 'false': case 'none': return true;
    case 'string':
      return n.namedChildren.every((p) => p === null || p.type !== 'interpolation' || numericFormat(p) || safe(p.childForFieldName('expression')));
    case 'concatenated_string': return n.namedChildren.every((p) => p === null || safe(p));
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      if (op !== '+' && op !== '%') return false;
      if (!safe(n.childForFieldName('left'))) return false;
      const format = op === '%' && w.reasoned ? formatText(w.model, n.childForFieldName('left')!) : null;
      return format !== null ? percentOperandsSafe(format, n.childForFieldName('right'), safe) : safe(n.childForFieldName('right'));
    }
    case 'tuple': case 'list': return n.namedChildren.every((c) => c === null || safe(c));
    case 'dictionary':
      return n.namedChildren.every((c) => c === null || (c.type === 'pair' && safe(c.childForFieldName('value'))));
    case 'conditional_expression': {
      const parts = n.namedChildren.filter((c): c is SyntaxNode => c !== null);
      return parts.length === 3 && safe(parts[0]!) && safe(parts[2]!);
    }
    case 'call': return safeCall(w.model, n, safe) || (w.reasoned && reasonedCall(w, n, depth));
    case 'identifier': return w.followNames && safeName(w, n, safe);
    default: return false;
  }
}

/** `{x:d}`, `{x:.2f}`: a numeric format spec can only produce digits and signs. */
function numericFormat(interpolation: SyntaxNode): boolean {
  const spec = interpolation.childForFieldName('format_specifier')?.text ?? '';
  return /[dxXobeEfFgGn%]$/.test(spec);
}

/** `%` conversions: `%(name)-5.2f`, `%s`, `%%` (a `*` width takes an operand of its own). */
const CONVERSION = /%(?:\(([^)]*)\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
/** Conversions that print a number or raise: no markup whatever the operand holds. */
const NUMERIC = /[diouxXeEfFgG]/;

/** The literal text of a `%` format: a string, or a translation lookup of one (`_('… %(id)s …')`). */
function formatText(model: PythonModel, left: SyntaxNode): string | null {
  const l = unparenthesize(left);
  const literal = stringValue(l);
  if (literal !== null) return literal;
  if (l.type !== 'call' || !TRANSLATORS.test(model.callName(l) ?? '')) return null;
  const args = (l.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a !== null && a.type !== 'comment');
  return args.length === 1 ? stringValue(args[0]!) : null;
}

/** Every operand of `format % right` lands in the text safely: under a numeric conversion, or safe itself. */
function percentOperandsSafe(format: string, right: SyntaxNode | null, safe: (e: SyntaxNode | null) => boolean): boolean {
  if (!right) return false;
  const conversions = [...format.matchAll(CONVERSION)].filter((m) => m[4] !== '%');
  if (conversions.some((m) => m[2] === '*' || m[3] === '*')) return safe(right);
  const r = unparenthesize(right);
  if (conversions.some((m) => m[1] !== undefined)) {
    const numeric = new Map<string, boolean>();
    for (const m of conversions) numeric.set(m[1] ?? '', (numeric.get(m[1] ?? '') ?? true) && NUMERIC.test(m[4]!));
    if ([...numeric.values()].every(Boolean)) return true;
    if (r.type !== 'dictionary') return safe(r);
    return r.namedChildren.every((p) => {
      if (p === null || p.type === 'comment') return true;
      if (p.type !== 'pair') return false;
      const key = stringValue(p.childForFieldName('key')!);
      return (key !== null && numeric.get(key) !== false) || safe(p.childForFieldName('value'));
    });
  }
  if (conversions.every((m) => NUMERIC.test(m[4]!))) return true;
  if (r.type !== 'tuple') return conversions.length === 1 ? safe(r) : false;
  const items = r.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  if (items.length !== conversions.length || items.some((c) => c.type === 'list_splat')) return safe(r);
  return items.every((item, i) => NUMERIC.test(conversions[i]![4]!) || safe(item));
}

/** A markup-free library call, or a call of this file's function whose every return is safe markup. */
function reasonedCall(w: Walk, call: SyntaxNode, depth: number): boolean {
  const name = w.model.callName(call);
  if (name !== null && DJANGO_MARKUP_FREE_CALLS.has(name)) return true;
  const callee = call.childForFieldName('function');
  const fn = callee ? w.model.definitionOf(callee) : null;
  if (!fn || fn.type !== 'function_definition') return false;
  if (w.openFns.has(fn.id)) return true;
  const body = fn.childForFieldName('body');
  if (!body || ownNodes(body, 'yield').length > 0) return false;
  w.openFns.add(fn.id);
  try {
    return ownNodes(body, 'return_statement').every((r) => {
      const value = r.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
      return value === null || safeExpr(w, value, depth + 1);
    });
  } finally {
    w.openFns.delete(fn.id);
  }
}

/** Nodes of `type` inside `body` that belong to its function, not to a nested function, lambda or class. */
function ownNodes(body: SyntaxNode, type: string): SyntaxNode[] {
  return body.descendantsOfType(type).filter((n): n is SyntaxNode => {
    for (let p = n?.parent ?? null; p && p !== body; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
    return n !== null;
  });
}

/**
 * Translation lookups: given a literal, they return the catalogue's text for it, written by the project's developers
 * and translators like the literal itself (`_("Unknown")`, `gettext_lazy("locked")`).
 */
const TRANSLATORS = /^(?:django\.utils\.translation|gettext|oslo_i18n\.\w+|\w+\._i18n)\.(?:gettext|gettext_lazy|ugettext|ugettext_lazy|pgettext|pgettext_lazy|_)$/;

function safeCall(model: PythonModel, call: SyntaxNode, safe: (e: SyntaxNode | null) => boolean): boolean {
  const name = model.callName(call);
  if (name !== null && ESCAPERS.has(name)) return true;
  if (name !== null && TRANSLATORS.test(name)) {
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a !== null && a.type !== 'comment');
    return args.length > 0 && args.every((a) => a!.type !== 'keyword_argument' && stringValue(a!) !== null);
  }
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text;
  const receiver = fn.childForFieldName('object');
  if ((method !== 'format' && method !== 'join') || !receiver || stringValue(receiver) === null) return false;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.every((a) => a === null || a.type === 'comment' ||
    (a.type === 'keyword_argument' ? safe(a.childForFieldName('value')) : safe(a.type === 'list_splat' ? a.namedChild(0) : a)));
}

/**
 * Every definition of `use` that reaches it (reaching definitions of the enclosing function or module body) assigns
 * a safe value. A name the function never binds is looked up among the module's top-level assignments (constants
 * defined at import time).
 */
function safeName(w: Walk, use: SyntaxNode, safe: (e: SyntaxNode | null) => boolean): boolean {
  let scope: SyntaxNode | null = use.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  const defs = w.model.dataflow(scope).definitionsOf(use);
  if (defs.length === 0) {
    // A class body's names are looked up in the module at class creation, unless the body binds them itself.
    const body = classBodyOf(use, scope);
    if (scope.type !== 'function_definition' && (body === null || bindsInClassBody(body, use.text))) return false;
    let module: SyntaxNode | null = scope;
    while (module && module.type !== 'module') module = module.parent;
    if (module === null || rebindsGlobal(module, use.text)) return false;
    return moduleBindingsAreSafe(module, use.text, safe) === true && addedValues(module, use.text).every(safe);
  }
  return defs.every((def) => {
    if (w.open.has(def.id)) return true;
    w.open.add(def.id);
    try {
      return definitionIsSafe(def, use.text, safe);
    } finally {
      w.open.delete(def.id);
    }
  }) && addedValues(scope, use.text).every(safe);
}

/**
 * What the scope puts into the container `name` in place — `name.append(x)`, `.extend(xs)`, `.insert(i, x)`,
 * `name[k] = x` — which its reaching definitions (`parts = []`) do not show: `", ".join(parts)` is made of them.
 */
function addedValues(scope: SyntaxNode, name: string): Array<SyntaxNode | null> {
  const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
  if (!body) return [];
  const out: Array<SyntaxNode | null> = [];
  for (const call of ownNodes(body, 'call')) {
    const addition = listAddition(call);
    if (addition?.list.type === 'identifier' && addition.list.text === name) out.push(addition.value);
  }
  for (const a of ownNodes(body, 'assignment')) {
    const left = a.childForFieldName('left');
    const target = left?.type === 'subscript' ? left.childForFieldName('value') : null;
    if (target?.type === 'identifier' && target.text === name) out.push(a.childForFieldName('right'));
  }
  return out;
}

/** Whether definition site `def` (an assignment statement, walrus, loop, parameter …) gives `name` a safe value. */
function definitionIsSafe(def: SyntaxNode, name: string, safe: (e: SyntaxNode | null) => boolean): boolean {
  const stmt = def.type === 'expression_statement' ? def.namedChild(0) : def;
  if (!stmt) return false;
  if (stmt.type === 'named_expression') return safe(stmt.childForFieldName('value'));
  if (stmt.type === 'augmented_assignment') {
    // `s += part`: the old value of s (its own reaching definitions) and the part must both be safe.
    const left = stmt.childForFieldName('left');
    return left?.type === 'identifier' && safe(left) && safe(stmt.childForFieldName('right'));
  }
  if (stmt.type !== 'assignment') return false;
  let value = stmt.childForFieldName('right');
  while (value?.type === 'assignment') value = value.childForFieldName('right');
  const targets: SyntaxNode[] = [];
  for (let a: SyntaxNode | null = stmt; a?.type === 'assignment'; a = a.childForFieldName('right')) {
    const t = a.childForFieldName('left');
    if (t) targets.push(t);
  }
  return targets.some((t) => bindsName(t, name)) &&
    targets.every((t) => !bindsName(t, name) || safe(valueFor(unparenthesize(t), name, value)));
}

const UNPACK = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list']);

/** The part of `value` that unpacking into `target` gives `name`: `a, _ = ("x", y)` gives a "x"; null if unknown. */
function valueFor(target: SyntaxNode, name: string, value: SyntaxNode | null): SyntaxNode | null {
  if (!value) return null;
  if (target.type === 'identifier') return target.text === name ? value : null;
  const v = unparenthesize(value);
  if (!UNPACK.has(target.type) || !UNPACK.has(v.type)) return null;
  const parts = target.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const values = v.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  if (parts.length !== values.length || values.some((c) => c.type === 'list_splat') || parts.some((c) => c.type === 'list_splat_pattern')) return null;
  for (let i = 0; i < parts.length; i++) {
    if (bindsName(parts[i]!, name)) return valueFor(unparenthesize(parts[i]!), name, values[i]!);
  }
  return null;
}

/** null when `module`'s top level does not bind `name`; otherwise whether every binding there is a safe value. */
function moduleBindingsAreSafe(module: SyntaxNode, name: string, safe: (e: SyntaxNode | null) => boolean): boolean | null {
  let seen = false;
  for (const b of module.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'as_pattern', 'named_expression'])) {
    if (!b || insideFunction(b, module)) continue;
    const target = b.type === 'as_pattern' ? b.childForFieldName('alias') : b.type === 'named_expression' ? b.childForFieldName('name') : b.childForFieldName('left');
    if (!target || !bindsName(target, name)) continue;
    if (b.type !== 'assignment' && b.type !== 'augmented_assignment' && b.type !== 'named_expression') return false;
    const value = b.childForFieldName(b.type === 'named_expression' ? 'value' : 'right');
    if (!safe(b.type === 'assignment' ? valueFor(unparenthesize(target), name, value) : value)) return false;
    seen = true;
  }
  return seen ? true : null;
}

/** The body of the class `use` is directly in (no function between them), below `scope`; null otherwise. */
function classBodyOf(use: SyntaxNode, scope: SyntaxNode): SyntaxNode | null {
  for (let n = use.parent; n && n !== scope; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda') return null;
    if (n.type === 'class_definition') return n.childForFieldName('body');
  }
  return null;
}

/** The class body itself (not its methods) assigns `name`. */
function bindsInClassBody(body: SyntaxNode, name: string): boolean {
  return body.descendantsOfType(['assignment', 'augmented_assignment', 'named_expression', 'for_statement', 'function_definition', 'class_definition'])
    .some((b) => b !== null && !insideFunction(b, body) && (b.type === 'function_definition' || b.type === 'class_definition'
      ? b.childForFieldName('name')?.text === name
      : bindsName(b.childForFieldName(b.type === 'named_expression' ? 'name' : 'left')!, name)));
}

/** Some function declares `global name`, so the module-level value may be replaced at run time. */
function rebindsGlobal(module: SyntaxNode, name: string): boolean {
  return module.descendantsOfType('global_statement').some((g) => g?.namedChildren.some((n) => n?.text === name));
}

function insideFunction(node: SyntaxNode, scope: SyntaxNode): boolean {
  for (let n = node.parent; n && n !== scope; n = n.parent) if (n.type === 'function_definition' || n.type === 'class_definition') return true;
  return false;
}

function bindsName(target: SyntaxNode, name: string): boolean {
  if (target.type === 'identifier') return target.text === name;
  return target.descendantsOfType('identifier').some((i) => i?.text === name && i.parent?.type !== 'attribute');
}
