// CWE-79: data put into a Django form field's help_text, which Django renders without escaping. The value is judged
// by where it comes from: a read from an object or mapping that is not a constant, a request value or a parameter
// is data; literals, translations of literals, constants, numbers and escaped text are not. Other help-like texts
// (a form's or workflow action's own help_text, labels) are not judged: Django escapes labels.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, descendantsOfType, enclosingFunction, keywordArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { MARKUP_ESCAPERS, MARKUP_INERT_CALLS } from '../../../models/python/markupEscapers.js';
import { DJANGO_MARKUP_FREE_CALLS } from '../../../models/python/djangoMarkupFree.js';
import {
  FORM_FIELD_MODULES, FORM_FIELD_SUFFIX, FORM_REQUEST_ATTRIBUTES, NUMBER_TEXT_CALLS, NUMERIC_FIELD_ATTRIBUTES, NUMERIC_FORM_FIELDS,
} from '../../../models/python/djangoFormFields.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

/** Calls whose result holds no data markup: escapers, Django's markup-free texts, numbers. */
const CLEAN_CALLS = new Set<string>([
  ...MARKUP_ESCAPERS.map((e) => e.name), 'django.utils.html.format_html_join', 'django.utils.html.json_script',
  ...DJANGO_MARKUP_FREE_CALLS, ...MARKUP_INERT_CALLS, ...NUMBER_TEXT_CALLS,
]);
/** Conversions to text that keep their argument's characters. */
const TEXT_CALLS = new Set(['str', 'unicode', 'six.text_type', 'oslo_utils.encodeutils.safe_decode', 'django.utils.encoding.force_str', 'django.utils.encoding.force_text']);
/** Translation lookups: the catalogue's text for a literal is the developers' and translators' text. */
const TRANSLATORS = /^(?:django\.utils\.translation|gettext|oslo_i18n\.\w+|\w+\._i18n)\.(?:gettext|gettext_lazy|ugettext|ugettext_lazy|pgettext|pgettext_lazy|_)$/;
/** Reads of a mapping or object by method: `param.get('Description', '')`. */
const READ_METHODS = new Set(['get', 'pop', 'setdefault']);
/** Operators whose result is a number (`+` and `*` may join or repeat text). */
const NUMERIC_OPERATORS = new Set(['-', '/', '//', '**', '<<', '>>', '&', '|', '^']);
const ORDERING = new Set(['<', '>', '<=', '>=']);
/** `%` conversions; the numeric ones print digits or raise. */
const CONVERSION = /%(?:\(([^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
const NUMERIC_CONVERSION = /[diouxXeEfFgG]/;
/** Expressions followed this deep: a local built from a comprehension over a `self.x` list of another method. */
const MAX_DEPTH = 10;
const FORMS_IMPORT = /^\s*(?:from\s+(?:django|horizon)(?:\.[\w.]+)?\s+import\s[^\n]*\bforms\b|import\s+(?:django|horizon)\.forms\b|from\s+(?:django|horizon)\.forms\b)/m;

const args = (call: SyntaxNode): SyntaxNode[] =>
  (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is SyntaxNode => a !== null && a.type !== 'comment');

class Sources {
  private readonly numericCache = new Map<string, boolean>();
  constructor(private readonly model: PythonModel) {}

  /** The data `expr` holds (the read, parameter or request value it is built from), or null when none. */
  dataIn(expr: SyntaxNode | null, depth = 0): SyntaxNode | null {
    if (!expr || depth > MAX_DEPTH) return null;
    const e = unparenthesize(expr);
    const next = (x: SyntaxNode | null): SyntaxNode | null => this.dataIn(x, depth + 1);
    const first = (xs: Array<SyntaxNode | null>): SyntaxNode | null => { for (const x of xs) { const d = next(x); if (d) return d; } return null; };
    switch (e.type) {
      case 'integer': case 'float': case 'true': case 'false': case 'none': return null;
      case 'string':
        return first(e.namedChildren.filter((p): p is SyntaxNode => p?.type === 'interpolation')
          .filter((p) => !/[dxXobeEfFgGn%]$/.test(p.childForFieldName('format_specifier')?.text ?? ''))
          .map((p) => p.childForFieldName('expression')));
      case 'concatenated_string': case 'tuple': case 'list': case 'set': return first(e.namedChildren);
      case 'dictionary': return first(e.namedChildren.filter((p) => p?.type === 'pair').map((p) => p!.childForFieldName('value')));
      case 'conditional_expression': { const parts = e.namedChildren; return first([parts[0] ?? null, parts[2] ?? null]); }
      case 'boolean_operator': return first([e.childForFieldName('left'), e.childForFieldName('right')]);
      case 'binary_operator': {
        const op = e.childForFieldName('operator')?.text ?? '';
        if (NUMERIC_OPERATORS.has(op)) return null;
        if (op === '%') return this.percentData(e, depth);
        return first([e.childForFieldName('left'), e.childForFieldName('right')]);
      }
      case 'list_comprehension': case 'generator_expression': case 'set_comprehension': return next(e.childForFieldName('body'));
      case 'call': return this.callData(e, depth);
      case 'identifier': return this.nameData(e, depth);
      case 'attribute': case 'subscript': return this.readData(e, depth);
      default: return null;
    }
  }

  /** `fmt % operands`: an operand under a numeric conversion prints digits; others are judged. */
  private percentData(e: SyntaxNode, depth: number): SyntaxNode | null {
    const left = e.childForFieldName('left')!;
    const right = unparenthesize(e.childForFieldName('right')!);
    const fmt = this.formatText(left);
    if (fmt === null) return this.dataIn(left, depth + 1) ?? this.dataIn(right, depth + 1);
    const conversions = [...fmt.matchAll(CONVERSION)].filter((m) => m[2] !== '%');
    const numeric = (m: RegExpMatchArray | undefined): boolean => m !== undefined && NUMERIC_CONVERSION.test(m[2]!);
    if (conversions.every((m) => numeric(m))) return null;
    if (right.type === 'dictionary') {
      for (const p of right.namedChildren) {
        if (p?.type !== 'pair') continue;
        const key = stringValue(p.childForFieldName('key'));
        if (key !== null && conversions.filter((m) => m[1] === key).every((m) => numeric(m))) continue;
        const d = this.dataIn(p.childForFieldName('value'), depth + 1);
        if (d) return d;
      }
      return null;
    }
    if (right.type === 'tuple') {
      const items = right.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
      for (let i = 0; i < items.length; i++) {
        if (items.length === conversions.length && numeric(conversions[i])) continue;
        const d = this.dataIn(items[i]!, depth + 1);
        if (d) return d;
      }
      return null;
    }
    return this.dataIn(right, depth + 1);
  }

  /** A format written as a literal, or a translation of one (`_('Size (%s GiB)')`). */
  private formatText(left: SyntaxNode): string | null {
    const l = unparenthesize(left);
    const literal = stringValue(l);
    if (literal !== null || l.type !== 'call' || !TRANSLATORS.test(this.model.callName(l) ?? '')) return literal;
    const a = args(l);
    return a.length === 1 ? stringValue(a[0]!) : null;
  }

  private callData(call: SyntaxNode, depth: number): SyntaxNode | null {
    const name = this.model.callName(call);
    const a = args(call);
    const next = (x: SyntaxNode | null): SyntaxNode | null => this.dataIn(x, depth + 1);
    if (name !== null && CLEAN_CALLS.has(name)) return null;
    if (name !== null && (TRANSLATORS.test(name) || TEXT_CALLS.has(name))) {
      for (const x of a) { const d = next(x.type === 'keyword_argument' ? x.childForFieldName('value') : x); if (d) return d; }
      return null;
    }
    // getattr(obj, 'description', default): a read of obj.
    if (name === 'getattr' && a.length >= 2) return this.constantBase(a[0]!, depth) ? next(a[2] ?? null) : this.numericOr(call, call);
    const fn = callee(call);
    if (fn?.type !== 'attribute') return null;
    const object = fn.childForFieldName('object')!;
    const method = fn.childForFieldName('attribute')!.text;
    if (READ_METHODS.has(method)) return this.constantBase(object, depth) ? next(a[1] ?? null) : this.numericOr(call, call);
    // Text methods keep the receiver's data, `'sep'.join(xs)` and `'{}'.format(x)` their arguments'.
    if (stringValue(object) !== null && (method === 'join' || method === 'format')) {
      for (const x of a) {
        const v = x.type === 'keyword_argument' ? x.childForFieldName('value') : x.type === 'list_splat' || x.type === 'dictionary_splat' ? x.namedChild(0) : x;
        const d = next(v);
        if (d) return d;
      }
      return null;
    }
    if (['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'replace', 'format'].includes(method)) return next(object);
    // Other calls (a project's or library's function) are not followed: their text is theirs.
    return null;
  }

  /** A name: a parameter is data; a local is what its reaching definitions assign; a global is a constant. */
  private nameData(id: SyntaxNode, depth: number): SyntaxNode | null {
    // `if min_disk > min_size:`: the name holds a number whatever it was read from.
    if (this.numericUse(id)) return null;
    const comprehension = this.comprehensionSource(id);
    if (comprehension) return this.elementData(comprehension, id, depth);
    const scope = enclosingFunction(id) ?? this.model.root;
    const defs = this.model.dataflow(scope).definitionsOf(id);
    for (const def of defs) {
      const stmt = def.type === 'expression_statement' ? def.namedChild(0) : def;
      if (!stmt) continue;
      let d: SyntaxNode | null = null;
      if (stmt.type === 'assignment') d = this.dataIn(this.assignedValue(stmt, id.text), depth + 1);
      else if (stmt.type === 'augmented_assignment') d = this.dataIn(stmt.childForFieldName('right'), depth + 1);
      else if (stmt.type === 'named_expression') d = this.dataIn(stmt.childForFieldName('value'), depth + 1);
      else if (stmt.type === 'for_statement') d = this.elementData(stmt.childForFieldName('right'), id, depth);
      else if (this.isParameter(stmt, scope)) d = this.numericOr(id, id);
      if (d) return d;
    }
    return null;
  }

  private isParameter(def: SyntaxNode, scope: SyntaxNode): boolean {
    if (scope.type !== 'function_definition') return false;
    const p = this.model.parameters(scope).find((q) => q.declaration.id === def.id || q.node.id === def.id);
    return p !== undefined && !p.receiver;
  }

  /** The value an assignment gives `name`: the right side, or its item when unpacked from a tuple of the same size. */
  private assignedValue(stmt: SyntaxNode, name: string): SyntaxNode | null {
    let value = stmt.childForFieldName('right');
    while (value?.type === 'assignment') value = value.childForFieldName('right');
    const left = stmt.childForFieldName('left');
    if (!left || !value || left.type === 'identifier') return value;
    const targets = left.namedChildren.filter((c): c is SyntaxNode => c !== null);
    const v = unparenthesize(value);
    const items = v.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const i = targets.findIndex((t) => t.text === name);
    return (v.type === 'tuple' || v.type === 'list') && items.length === targets.length && i >= 0 ? items[i]! : value;
  }

  /** An element of `iterable` (a loop or comprehension over it): data when the iterable holds data or is not a constant. */
  private elementData(iterable: SyntaxNode | null, use: SyntaxNode, depth: number): SyntaxNode | null {
    if (!iterable) return null;
    const d = this.dataIn(iterable, depth + 1);
    if (d) return d;
    return this.constantBase(iterable, depth) ? null : this.numericOr(use, use);
  }

  /** The iterable of the comprehension clause that binds `id` around it, if any. */
  private comprehensionSource(id: SyntaxNode): SyntaxNode | null {
    for (let n = id.parent; n && n.type !== 'function_definition'; n = n.parent) {
      if (n.type !== 'list_comprehension' && n.type !== 'generator_expression' && n.type !== 'set_comprehension' && n.type !== 'dictionary_comprehension') continue;
      for (const clause of n.namedChildren) {
        if (clause?.type !== 'for_in_clause') continue;
        const left = clause.childForFieldName('left');
        if (left && (left.text === id.text || left.descendantsOfType('identifier').some((i) => i?.text === id.text))) return clause.childForFieldName('right');
      }
    }
    return null;
  }

  /** `obj.attr`, `obj[key]`: data unless read from a constant (a module constant, an import, a literal). */
  private readData(e: SyntaxNode, depth: number): SyntaxNode | null {
    if (e.type === 'attribute' && this.isSelf(e.childForFieldName('object')!)) return this.selfData(e, depth);
    const base = e.childForFieldName(e.type === 'attribute' ? 'object' : 'value')!;
    return this.constantBase(base, depth) ? null : this.numericOr(e, e);
  }

  /** `self.x`: what the class assigns it; the request horizon's forms hold is data; an attribute never assigned here is taken as the class's own. */
  private selfData(e: SyntaxNode, depth: number): SyntaxNode | null {
    if (FORM_REQUEST_ATTRIBUTES.has(e.childForFieldName('attribute')!.text)) return e;
    for (const v of this.model.valuesOf(e)) { const d = this.dataIn(v, depth + 1); if (d) return d; }
    return null;
  }

  /** An object whose items and attributes are constants: a literal, an import, a module or class constant, a copy of one. */
  private constantBase(expr: SyntaxNode, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const e = unparenthesize(expr);
    switch (e.type) {
      case 'string': case 'integer': case 'float': case 'dictionary': case 'list': case 'tuple': case 'set': return this.dataIn(e, depth + 1) === null;
      case 'subscript': return this.constantBase(e.childForFieldName('value')!, depth + 1);
      case 'call': {
        // getattr(settings, 'NEUTRON', {}): an attribute of a constant (the default too).
        if (this.model.callName(e) === 'getattr') {
          const a = args(e);
          return a.length >= 2 && a.every((x, i) => i === 1 || this.constantBase(x, depth + 1));
        }
        const fn = callee(e);
        return fn?.type === 'attribute' && ['copy', 'get', 'items', 'keys', 'values'].includes(fn.childForFieldName('attribute')!.text) &&
          this.constantBase(fn.childForFieldName('object')!, depth + 1);
      }
      case 'attribute': {
        const object = e.childForFieldName('object')!;
        if (this.isSelf(object)) {
          if (FORM_REQUEST_ATTRIBUTES.has(e.childForFieldName('attribute')!.text)) return false;
          const values = this.model.valuesOf(e);
          return values.every((v) => v !== null && this.constantBase(v, depth + 1));
        }
        return this.constantBase(object, depth + 1);
      }
      // `[t for t in TYPES if …]`: the elements of a constant.
      case 'list_comprehension': case 'generator_expression': case 'set_comprehension': {
        const body = e.childForFieldName('body');
        return body !== null && this.constantBase(body, depth + 1);
      }
      case 'identifier': {
        const source = this.comprehensionSource(e);
        if (source) return this.constantBase(source, depth + 1);
        const scope = enclosingFunction(e) ?? this.model.root;
        const defs = this.model.dataflow(scope).definitionsOf(e);
        if (defs.length === 0) return scope.type === 'function_definition' || this.model.nameAt(e)?.kind !== 'local' || this.model.bindingsOf(e).length > 0;
        return defs.every((def) => {
          const stmt = def.type === 'expression_statement' ? def.namedChild(0) : def;
          if (stmt?.type === 'assignment') { const v = this.assignedValue(stmt, e.text); return v !== null && this.constantBase(v, depth + 1); }
          if (stmt?.type === 'for_statement') return this.constantBase(stmt.childForFieldName('right')!, depth + 1);
          return false;
        });
      }
      default: return false;
    }
  }

  private isSelf(e: SyntaxNode): boolean {
    if (e.type !== 'identifier') return false;
    const fn = enclosingFunction(e);
    if (!fn || enclosingClassOf(fn) === null) return false;
    const first = this.model.parameters(fn)[0];
    return first !== undefined && first.receiver && first.name === e.text;
  }

  /** `data`, unless the code around `read` uses the same value as a number. */
  private numericOr(read: SyntaxNode, data: SyntaxNode): SyntaxNode | null {
    return this.numericUse(read) ? null : data;
  }

  /**
   * The function around `read` uses its value as a number: orders it (`size > min_size`), computes with it
   * (`size - 1`), or gives it (or a local copied from it) as the `initial`/`min_value`/`max_value` of a field the
   * class declares numeric (`self.fields['size'].initial = volume.size` with `size = forms.IntegerField(...)`).
   */
  private numericUse(read: SyntaxNode): boolean {
    const scope = enclosingFunction(read);
    if (!scope) return false;
    const key = `${scope.id}:${read.text}`;
    const cached = this.numericCache.get(key);
    if (cached !== undefined) return cached;
    const texts = new Set([read.text]);
    const assignments = descendantsOfType(scope, 'assignment');
    for (const a of assignments) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) continue;
      if (texts.has(unparenthesize(right).text)) texts.add(left.text);
      if (left.text === read.text) texts.add(unparenthesize(right).text);
    }
    const numeric = descendantsOfType(scope, 'comparison_operator').some((c) => {
      const operands = c.namedChildren.filter((x): x is SyntaxNode => x !== null);
      const ops = c.children.filter((x) => x !== null && !x.isNamed).map((x) => x!.text);
      return ops.every((o) => ORDERING.has(o)) && operands.some((o) => texts.has(o.text)) && operands.every((o) => stringValue(o) === null);
    }) || descendantsOfType(scope, 'binary_operator').some((b) => NUMERIC_OPERATORS.has(b.childForFieldName('operator')?.text ?? '') &&
      (texts.has(b.childForFieldName('left')!.text) || texts.has(b.childForFieldName('right')!.text)))
      || assignments.some((a) => texts.has(a.childForFieldName('right')?.text ?? '\0') && this.numericFieldAttribute(a.childForFieldName('left')!));
    this.numericCache.set(key, numeric);
    return numeric;
  }

  /** `self.fields['size'].initial` where the class body declares `size = forms.IntegerField(...)`. */
  private numericFieldAttribute(target: SyntaxNode): boolean {
    if (target.type !== 'attribute' || !NUMERIC_FIELD_ATTRIBUTES.has(target.childForFieldName('attribute')!.text)) return false;
    const field = target.childForFieldName('object')!;
    if (field.type !== 'subscript') return false;
    const key = stringValue(field.childForFieldName('subscript'));
    const fn = enclosingFunction(target);
    const cls = fn ? enclosingClassOf(fn) : null;
    const body = cls?.childForFieldName('body');
    if (key === null || !body) return false;
    return body.namedChildren.some((s) => {
      const a = s?.type === 'expression_statement' ? s.namedChild(0) : null;
      const right = a?.type === 'assignment' ? a.childForFieldName('right') : null;
      if (a?.childForFieldName('left')?.text !== key || right?.type !== 'call') return false;
      const name = this.model.callName(right) ?? '';
      return NUMERIC_FORM_FIELDS.has(name.slice(name.lastIndexOf('.') + 1));
    });
  }
}

function enclosingClassOf(fn: SyntaxNode): SyntaxNode | null {
  const p = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return p?.type === 'block' && p.parent?.type === 'class_definition' ? p.parent : null;
}

/** The form field class a call constructs (`forms.CharField`), or null. */
function fieldClass(model: PythonModel, call: SyntaxNode): string | null {
  const name = model.callName(call);
  if (!name) return null;
  const dot = name.lastIndexOf('.');
  const cls = name.slice(dot + 1);
  return cls.endsWith(FORM_FIELD_SUFFIX) && FORM_FIELD_MODULES.includes(name.slice(0, dot)) ? cls : null;
}

/** `self.fields['x']`, or a name bound to it or to a field constructor: a form field. */
function isFieldObject(model: PythonModel, e: SyntaxNode): boolean {
  const x = unparenthesize(e);
  if (x.type === 'subscript') {
    const v = x.childForFieldName('value');
    return v?.type === 'attribute' && v.childForFieldName('attribute')!.text === 'fields';
  }
  if (x.type === 'call') return fieldClass(model, x) !== null;
  if (x.type !== 'identifier') return false;
  const values = model.valuesOf(x);
  return values.length > 0 && values.every((v) => v !== null && v.type !== 'identifier' && isFieldObject(model, v));
}

/** The help_text values a `**kwargs` splat gives a constructor: a dict display, or a local dict and its `d['help_text'] = v`. */
function splatHelpTexts(model: PythonModel, splat: SyntaxNode): SyntaxNode[] {
  const e = splat.namedChild(0);
  if (!e) return [];
  const fromDict = (d: SyntaxNode | null): SyntaxNode[] => {
    const u = d ? unparenthesize(d) : null;
    if (u?.type !== 'dictionary') return [];
    return u.namedChildren.filter((p) => p?.type === 'pair' && stringValue(p.childForFieldName('key')) === 'help_text').map((p) => p!.childForFieldName('value')!);
  };
  const x = unparenthesize(e);
  if (x.type === 'dictionary') return fromDict(x);
  if (x.type !== 'identifier') return [];
  const out = model.valuesOf(x).flatMap((v) => fromDict(v));
  const scope = enclosingFunction(x) ?? model.root;
  for (const a of descendantsOfType(scope, 'assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type === 'subscript' && left.childForFieldName('value')?.text === x.text && stringValue(left.childForFieldName('subscript')) === 'help_text') {
      out.push(a.childForFieldName('right')!);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'django-help-text-unescaped',
    cwe: 79,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      unescaped: {
        text: '`{value}` goes into the help_text of `{field}`, which Django renders without escaping; markup in {data} reaches the page',
        fix: 'Escape it: `django.utils.html.escape({value})`, or build the text with `django.utils.html.format_html(...)`',
      },
    },
    docs: {
      summary: 'Data in a Django form field\'s help_text, which is rendered unescaped',
      why: 'Django does not HTML-escape a form field\'s `help_text` when it renders a form (its own form templates, and horizon\'s field template writes `{{ field.help_text|safe }}`), so the text is taken as markup. Text from data put there — a value of an API response, a template or stack parameter\'s description, a resource\'s name, a request value — runs as script in the browser of whoever opens the form (CWE-79). Labels are escaped and not concerned.\n\n**Class.** Cross-site scripting through a sink that is raw by contract: a form field constructor (`forms.*Field` of Django or horizon) given `help_text=` — as a keyword, as a `\'help_text\'` key of a dict splatted into it with `**`, or assigned later (`self.fields[\'x\'].help_text = …`) — whose value is built, directly or through `%`, `+`, `.format`, f-strings, translations with interpolated values and locals, from data: an item or attribute read from an object or mapping that is not a constant, a parameter, or the request. Literals, translations of literals, module and class constants, numbers (`%d`, `int()`, arithmetic, `filesizeformat`, a value the same code orders, computes with or gives to a numeric field) and escaped text (`escape`, `conditional_escape`, `format_html`) are clean; a value wrapped in `mark_safe` is left to django-mark-safe, and calls of other functions are not followed. Real case: horizon\'s stack launch form built each template parameter\'s field with its `Description` as help_text (OSSA-2015-010, CVE-2015-3988); the fix wrapped it in `django.utils.html.escape`. References: CWE-79; Django\'s form field reference (help_text "is not HTML-escaped in automatically-generated forms"); OSSA-2015-010; OWASP Cross Site Scripting Prevention Cheat Sheet.',
      example: 'from django import forms\n\n\nclass ParametersForm(forms.Form):\n    def __init__(self, *args, **kwargs):\n        parameters = kwargs.pop("parameters")\n        super().__init__(*args, **kwargs)\n        for key, param in parameters.items():\n            self.fields[key] = forms.CharField(label=key, help_text=param.get("Description", ""))\n',
      useInstead: 'from django import forms\nfrom django.utils.html import escape\n\n\nclass ParametersForm(forms.Form):\n    def __init__(self, *args, **kwargs):\n        parameters = kwargs.pop("parameters")\n        super().__init__(*args, **kwargs)\n        for key, param in parameters.items():\n            self.fields[key] = forms.CharField(label=key, help_text=escape(param.get("Description", "")))\n',
      fix: 'Escape the data before it becomes help text: `help_text=django.utils.html.escape(value)`, or build the text with `django.utils.html.format_html("…{}…", value)`.',
      references: [
        'https://cwe.mitre.org/data/definitions/79.html',
        'https://docs.djangoproject.com/en/stable/ref/forms/fields/#help-text',
        'https://security.openstack.org/ossa/OSSA-2015-010.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
      ],
    },
  },
  create(ctx) {
    const relevant = ctx.model.source.includes('help_text') && FORMS_IMPORT.test(ctx.model.source);
    const sources = relevant ? new Sources(ctx.model) : null;
    const reported = new Set<number>();
    const check = (value: SyntaxNode | null, field: string): void => {
      if (!value || !sources || reported.has(value.id)) return;
      reported.add(value.id);
      const data = sources.dataIn(value);
      if (!data) return;
      ctx.report({ node: value, messageId: 'unescaped', data: { value: abbreviate(value.text, 50), field, data: data.id === value.id ? 'it' : `\`${abbreviate(data.text, 40)}\`` } });
    };
    return {
      call(node) {
        if (!sources) return;
        const cls = fieldClass(ctx.model, node);
        if (!cls) return;
        check(keywordArg(node, 'help_text'), cls);
        for (const a of args(node)) if (a.type === 'dictionary_splat') for (const v of splatHelpTexts(ctx.model, a)) check(v, cls);
      },
      assignment(node) {
        if (!sources) return;
        const left = node.childForFieldName('left');
        if (left?.type !== 'attribute' || left.childForFieldName('attribute')!.text !== 'help_text') return;
        const object = left.childForFieldName('object')!;
        if (!isFieldObject(ctx.model, object)) return;
        check(node.childForFieldName('right'), abbreviate(object.text, 40));
      },
    };
  },
});
