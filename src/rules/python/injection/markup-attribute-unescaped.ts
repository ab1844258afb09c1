// CWE-116: a value formatted into a quoted attribute of hand-built HTML/XML either unescaped while the same code
// escapes its other values (the author knows the data is untrusted; this one was missed), or escaped with a function
// that leaves quotes alone (xml.sax.saxutils.escape, cgi.escape), so it can still close the attribute. Element
// content is not judged: numbers and ids formatted there are the common, harmless case. A percent-encoded value
// (urllib's quote, Django's reverse) is judged by the characters the encoder leaves against the attribute's quote;
// a project function that returns only an encoder's output counts as that encoder (index/encoders.ts). A
// `javascript:` URL at the start of an href is another class: no escaper here stops it.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import type { ProjectView } from '../../../index/view.js';
import type { EncoderOption } from '../../../index/types.js';
import { markupContexts, type MarkupContext } from '../../../analysis/markupContext.js';
import { formatTemplate, fStringTemplate, percentTemplate, type Template } from '../../../languages/python/markupTemplates.js';
import { callee, descendantsOfType, enclosingFunction, isFalsy, keywordArg, positionalArgs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { MARKUP_ESCAPERS, MARKUP_INERT_CALLS, URL_ENCODERS, type MarkupEscaper, type UrlEncoder } from '../../../models/python/markupEscapers.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

const ESCAPERS = new Map(MARKUP_ESCAPERS.map((e) => [e.name, e]));
const URL_ENCODER = new Map(URL_ENCODERS.map((e) => [e.name, e]));
/** Conversions to text that keep their argument's characters. */
const TEXT_CALLS = new Set(['str', 'unicode', 'six.text_type', 'oslo_utils.encodeutils.safe_decode', 'django.utils.encoding.force_str', 'django.utils.encoding.force_text']);

type Escaping = { kind: 'inert' } | { kind: 'plain' } | { kind: 'escaped'; name: string; quotes: boolean };

/** String methods whose result holds only the receiver's characters and those of their (literal) arguments. */
const KEEPING_METHODS = new Set(['replace', 'lower', 'upper', 'strip', 'lstrip', 'rstrip', 'title', 'capitalize', 'casefold', 'split']);
const COMPREHENSIONS = new Set(['generator_expression', 'list_comprehension']);

/**
 * The escaping of a value made of parts: plain if any part is, a quote-leaving escape if any part has one, escaped if
 * any part is, else inert. Null for no parts.
 */
function combine(parts: readonly Escaping[]): Escaping | null {
  if (parts.length === 0) return null;
  if (parts.some((p) => p.kind === 'plain')) return { kind: 'plain' };
  const escaped = parts.filter((p): p is Extract<Escaping, { kind: 'escaped' }> => p.kind === 'escaped');
  return escaped.find((p) => !p.quotes) ?? escaped[0] ?? { kind: 'inert' };
}

/**
 * The tuning argument of an encoder as a call gives it: a syntax node, a literal's source text (from a project
 * wrapper's summary), or null when left to the default.
 */
type OptionValue = { node: SyntaxNode } | { text: string } | null;

function argAt(call: SyntaxNode, keyword: string, index: number): OptionValue {
  const v = keywordArg(call, keyword) ?? positionalArgs(call)[index] ?? null;
  return v && { node: v };
}

const FALSY_TEXT = /^(False|None|0|''|"")$/;

function quotesEncoded(e: MarkupEscaper, value: (keyword: string, index: number) => OptionValue): boolean {
  const q = e.quotes;
  if (q === 'always') return true;
  if (q === 'never') return false;
  if ('keyword' in q) {
    const v = value(q.keyword, q.index);
    return v === null ? q.default : 'node' in v ? !isFalsy(v.node) : !FALSY_TEXT.test(v.text);
  }
  // saxutils.escape(x, {'"': '&quot;'}): the extra entities are trusted to cover the quote.
  const v = value(q.entities, q.index);
  return v !== null && !('text' in v && v.text === 'None');
}

/** A Python string literal's value from its source text (no escapes handled: enough for `safe=':/'`), or null. */
function literalText(text: string): string | null {
  const m = /^[rRuUbB]{0,2}(['"])([^'"\\]*)\1$/.exec(text);
  return m ? m[2]! : null;
}

/** The characters a percent-encoder's output may hold besides letters, digits, `_.-~%`; null when unknown. */
function urlLeaves(e: UrlEncoder, value: (keyword: string, index: number) => OptionValue): string | null {
  if (!e.safe) return e.leaves;
  const v = value(e.safe.keyword, e.safe.index);
  const safe = v === null ? e.safe.default : 'node' in v ? stringValue(v.node) : literalText(v.text);
  return safe === null ? null : e.leaves + safe;
}

/** Characters that end or break out of a value in each attribute context. */
const BREAKING: Record<'attr-double' | 'attr-single' | 'attr-unquoted', RegExp> = {
  'attr-double': /"/, 'attr-single': /'/, 'attr-unquoted': /["'\s>=<`]/,
};

class Escapes {
  private readonly assignments = new Map<string, SyntaxNode[]>();
  private readonly escapers = new Map<string, string | null>();
  constructor(private readonly model: PythonModel, private readonly project: ProjectView, private readonly context: AttributeContext) {}

  /**
   * How `expr` is escaped: a call written there, or every assignment of a local name in the function. A value built
   * of parts is judged by its parts: `a + b`, `'../' * n`, `quote(p).replace('.', '%2E')`, `' '.join(escape(t) for t
   * in ts)`, and the return values of a function of this file it calls (`self._css_path(prefix)`).
   */
  of(expr: SyntaxNode, depth = 0): Escaping {
    const e = unparenthesize(expr);
    if (e.type === 'integer' || e.type === 'float' || stringValue(e) !== null) return { kind: 'inert' };
    if (e.type === 'binary_operator' && depth < 4) {
      const op = e.childForFieldName('operator')?.text;
      const left = e.childForFieldName('left')!;
      const right = e.childForFieldName('right')!;
      if (op === '+') return combine([this.of(left, depth + 1), this.of(right, depth + 1)])!;
      // `'../' * depth`: the literal repeated; the count adds no characters.
      if (op === '*' && (stringValue(left) !== null || stringValue(right) !== null)) return { kind: 'inert' };
    }
    if (e.type === 'call') {
      const parts = depth < 4 ? this.partsOfCall(e, depth) : null;
      if (parts) return parts;
      const name = this.model.callName(e);
      if (!name) return { kind: 'plain' };
      const known = this.encoding(name, (k, i) => argAt(e, k, i));
      if (known) return known;
      if (MARKUP_INERT_CALLS.has(name)) return { kind: 'inert' };
      const wrapper = this.wrapperEncoding(e);
      if (wrapper) return wrapper;
      const inner = positionalArgs(e)[0];
      if (TEXT_CALLS.has(name) && inner && depth < 4) return this.of(inner, depth + 1);
      return { kind: 'plain' };
    }
    if (e.type === 'identifier' && depth < 4) {
      const bound = this.bindings(e).map((a) => this.of(a.childForFieldName('right')!, depth + 1));
      if (bound.length > 0 && bound.every((b) => b.kind !== 'plain')) return bound.find((b) => b.kind === 'escaped') ?? bound[0]!;
    }
    return { kind: 'plain' };
  }

  /** What the library encoder `name` makes of a value, given its tuning argument; null for other calls. */
  private encoding(name: string, value: (keyword: string, index: number) => OptionValue): Escaping | null {
    const esc = ESCAPERS.get(name);
    if (esc) return { kind: 'escaped', name, quotes: quotesEncoded(esc, value) };
    const url = URL_ENCODER.get(name);
    if (!url) return null;
    // A percent-encoded value is inert where none of the characters it leaves can end the attribute.
    const leaves = urlLeaves(url, value);
    return leaves !== null && !BREAKING[this.context].test(leaves) ? { kind: 'inert' } : { kind: 'plain' };
  }

  /**
   * A function of another file of the project that returns only a library encoder's output (index/encoders.ts):
   * judged as that encoder, with the tuning argument it passes on taken from this call when it is its parameter.
   */
  private wrapperEncoding(call: SyntaxNode): Escaping | null {
    const target = this.project.targetOf(this.model, call);
    const fact = target === null ? undefined : this.project.encoder(target);
    if (!fact) return null;
    const option: EncoderOption | undefined = fact.option;
    return this.encoding(fact.call, () => {
      if (!option) return null;
      if (!('param' in option)) return { text: option.text };
      const given = keywordArg(call, option.param) ?? positionalArgs(call)[option.index] ?? null;
      if (given) return { node: given };
      return option.text === null ? null : { text: option.text };
    });
  }

  /** A call whose result is made of parts that can be judged, or null: a keeping string method, a join, a local function. */
  private partsOfCall(call: SyntaxNode, depth: number): Escaping | null {
    const fn = callee(call);
    // `f(x for x in y)`: the generator is the argument list itself.
    const list = call.childForFieldName('arguments');
    const args = list?.type === 'generator_expression' ? [list] : list?.namedChildren.filter((a): a is SyntaxNode => a !== null) ?? [];
    if (fn?.type === 'attribute') {
      const object = fn.childForFieldName('object')!;
      const method = fn.childForFieldName('attribute')!.text;
      const literalArgs = args.every((a) => stringValue(a) !== null || a.type === 'integer');
      if (KEEPING_METHODS.has(method) && literalArgs && stringValue(object) === null) return this.of(object, depth + 1);
      // `sep.join(<comprehension>)` with a literal separator: the elements' escaping.
      if (method === 'join' && stringValue(object) !== null && args.length === 1 && COMPREHENSIONS.has(args[0]!.type)) {
        const body = args[0]!.childForFieldName('body');
        return body ? this.of(body, depth + 1) : null;
      }
    }
    // A function of this file: every value it returns.
    const def = fn ? this.model.definitionOf(fn) : null;
    if (!def) return null;
    const returned = descendantsOfType(def, 'return_statement')
      .filter((r) => enclosingFunction(r)?.id === def.id)
      .map((r) => r.namedChild(0));
    if (returned.some((v) => v === null)) return { kind: 'plain' };
    return combine(returned.map((v) => this.of(v!, depth + 1)));
  }

  private bindings(id: SyntaxNode): SyntaxNode[] {
    const scope = enclosingFunction(id) ?? this.model.root;
    const key = `${scope.id}`;
    let all = this.assignments.get(key);
    if (!all) { all = descendantsOfType(scope, 'assignment'); this.assignments.set(key, all); }
    return all.filter((a) => a.childForFieldName('left')?.text === id.text && a.childForFieldName('right'));
  }

  /** The first markup escaper the function around `node` calls, if any: evidence that its data is untrusted. */
  escaperNear(node: SyntaxNode): string | null {
    const scope = enclosingFunction(node) ?? this.model.root;
    const key = `${scope.id}`;
    if (!this.escapers.has(key)) {
      const found = descendantsOfType(scope, 'call').map((c) => this.model.callName(c)).find((n) => n !== null && ESCAPERS.has(n));
      this.escapers.set(key, found ?? null);
    }
    return this.escapers.get(key)!;
  }
}

type AttributeContext = 'attr-double' | 'attr-single' | 'attr-unquoted';
const QUOTED: ReadonlySet<MarkupContext> = new Set(['attr-double', 'attr-single']);
const ATTRIBUTE: ReadonlySet<MarkupContext> = new Set(['attr-double', 'attr-single', 'attr-unquoted']);
const isAttribute = (c: MarkupContext): c is AttributeContext => ATTRIBUTE.has(c);

export default defineRule({
  meta: {
    id: 'markup-attribute-unescaped',
    cwe: 116,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      weakEscape: {
        text: '`{value}` is escaped with `{escaper}`, which leaves quotes alone, and placed inside a quoted attribute of `{template}`; a `"` in it closes the attribute',
        fix: 'Use an escaper that encodes quotes for `{value}`: `xml.sax.saxutils.quoteattr()` (it adds the quotes itself), `html.escape(value, quote=True)`, or pass `{"\\"": "&quot;"}` as `{escaper}`\'s entities',
      },
      unescaped: {
        text: '`{value}` is placed unescaped in an attribute of `{template}`, while this code escapes its other values with `{escaper}`',
        fix: 'Escape `{value}` for an attribute too (`{escaper}` if it encodes quotes, else `html.escape(value, quote=True)` / `xml.sax.saxutils.quoteattr()`), or build the markup with a template engine that autoescapes',
      },
    },
    docs: {
      summary: 'Value placed in a hand-built HTML/XML attribute without attribute escaping',
      why: 'Markup built by string formatting is only as safe as the escaping of each value. An attribute value needs its quote character encoded as well as `<` and `&`: `xml.sax.saxutils.escape()` and `cgi.escape()` leave `"` alone, and a value formatted in unescaped next to escaped ones is usually one the author forgot. A value that closes the attribute adds attributes or elements: stored XSS in HTML (an event handler, a `javascript:` link), injected or malformed elements in XML listings other clients parse (CWE-116, CWE-79, CWE-91).\n\nClass: output encoding that does not fit the context the value lands in (CWE-116; OWASP Cross Site Scripting Prevention Cheat Sheet, rule #2 "Attribute Encode"; OpenStack Security Guidelines, "Cross Site Scripting"). A percent-encoder fits an attribute when the characters it leaves cannot close it: `urllib.parse.quote` with its default `safe` encodes both quotes, Django\'s `reverse()` encodes `"` but leaves `\'`; a project\'s own wrapper of one (`def quote(value, safe=\'/\'): return urllib.parse.quote(value, safe)`) is judged as the call it wraps, with the `safe` set the caller gives. None of them, nor an HTML escaper, stops a `javascript:` URL at the start of an href: that is URL scheme validation, another class.\n\nSeen in OpenStack in an object store\'s XML account listing (the account name in a `name="…"` attribute, first unescaped beside escaped container names, then escaped with `saxutils.escape`) and in a dashboard\'s table cell link (the URL in `href="…"` unescaped beside the escaped link text).',
      example: 'from xml.sax import saxutils\n\n\ndef listing(owner, items):\n    out = [\'<list owner="%s">\' % owner]\n    for item in items:\n        out.append(\'<item>%s</item>\' % saxutils.escape(item))\n    return "".join(out)\n\n\ndef header(owner):\n    return \'<list owner="%s">\' % saxutils.escape(owner)\n',
      useInstead: 'from xml.sax import saxutils\n\n\ndef listing(owner, items):\n    out = [\'<list owner=%s>\' % saxutils.quoteattr(owner)]\n    for item in items:\n        out.append(\'<item>%s</item>\' % saxutils.escape(item))\n    return "".join(out)\n\n\ndef header(owner):\n    return \'<list owner="%s">\' % saxutils.escape(owner, {\'"\': "&quot;"})\n',
      fix: 'Encode every value for the context it lands in: `xml.sax.saxutils.quoteattr()` or `html.escape(value, quote=True)` for attribute values, `escape()` for element content; better, build XML with an element API (ElementTree, lxml) and HTML with an autoescaping template or `django.utils.html.format_html`.',
      references: [
        'https://cwe.mitre.org/data/definitions/116.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
        'https://security.openstack.org/guidelines/dg_cross-site-scripting-xss.html',
        'https://docs.python.org/3/library/xml.sax.utils.html#xml.sax.saxutils.quoteattr',
      ],
    },
  },
  create(ctx) {
    // What a value is made of depends on the context: a percent-encoder that leaves `'` fits a double-quoted value only.
    const escapes = {
      'attr-double': new Escapes(ctx.model, ctx.project, 'attr-double'),
      'attr-single': new Escapes(ctx.model, ctx.project, 'attr-single'),
      'attr-unquoted': new Escapes(ctx.model, ctx.project, 'attr-unquoted'),
    };
    const check = (t: Template | null): void => {
      if (!t || t.values.size === 0) return;
      const contexts = markupContexts(t.parts);
      for (const [i, context] of contexts) {
        if (!isAttribute(context)) continue;
        const value = t.values.get(i);
        if (!value) continue;
        const how = escapes[context].of(value);
        const data = { value: abbreviate(value.text, 50), template: abbreviate(t.literal.text, 60) };
        if (how.kind === 'escaped' && !how.quotes && QUOTED.has(context)) {
          ctx.report({ node: value, messageId: 'weakEscape', data: { ...data, escaper: how.name } });
        } else if (how.kind === 'plain') {
          const escaper = escapes[context].escaperNear(value);
          if (escaper) ctx.report({ node: value, messageId: 'unescaped', data: { ...data, escaper } });
        }
      }
    };
    return {
      binary_operator(node) { check(percentTemplate(node, '<')); },
      call(node) { check(formatTemplate(node, '<')); },
      string(node) { check(fStringTemplate(node, '<')); },
    };
  },
});
