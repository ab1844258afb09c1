// Where the code builds a URL that carries a password: a string template (`%`, f-string, `str.format`, `+` chain)
// that puts a value in the password slot of a URL's userinfo (`scheme://user:PASSWORD@host`, or a bare `user:PASSWORD@`
// prefix meant to be spliced into one). By URL syntax (RFC 3986 §3.2.1) the text after the first colon of the
// userinfo is the password, whatever the variables are called. It does not decide whether the value is empty, and
// it does not look into `urlunparse` tuples or netlocs built without a scheme (`'%s:%s@%s'` is also a container
// image `name:tag@digest`). Also: the parameters a function parses for the credentials in their userinfo.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { parameterNames } from '../languages/python/dataflow/functions.js';
import { formatText } from '../languages/python/dataflow/taintTransfer.js';
import { formatTemplate, fStringTemplate, percentTemplate } from '../languages/python/markupTemplates.js';
import type { PythonModel } from '../languages/python/model.js';
import { callee, enclosingFunction, positionalArgs, stringValue, unparenthesize } from '../languages/python/syntax.js';
import { URL_CREDENTIAL_ATTRIBUTES, URL_PASSWORD_PARSERS } from '../models/python/urlParsing.js';

/** A literal piece of the template, or a value put into it (null when the template does not say which value). */
type Part = { text: string } | { slot: SyntaxNode | null };

/** A marker for a value in the flattened template: no URL or format text holds it. */
const SLOT = '\u0000';
/**
 * `scheme://user:⟨slot⟩@` anywhere in the text, the user part possibly empty (`redis://:pw@host`) or itself a value,
 * or the whole template being `user:⟨slot⟩@` (a credential prefix spliced into a URL elsewhere). No whitespace, `/`,
 * `@` or `:` in the user part: `"%s: %s@%s"` is prose, `pool/vol@snap` a snapshot name.
 */
const IN_URL = new RegExp(`:\\/\\/[^\\s/@:]*:(${SLOT})@`, 'u');
const CREDENTIAL_PREFIX = new RegExp(`^[^\\s/@:]*:(${SLOT})@$`, 'u');

export interface PasswordSlot {
  /** The value in the password position, or null when the template names it indirectly (`% locals()`). */
  value: SyntaxNode | null;
  /** What the template puts there, for messages. */
  text: string;
}

/**
 * The value a string-building expression puts in a URL's password slot, or null when it builds no such URL, or the
 * password is a literal (a placeholder such as `***`, or an empty string).
 */
export function passwordSlot(n: SyntaxNode): PasswordSlot | null {
  const parts = templateOf(n);
  if (!parts) return null;
  let flat = '';
  const slots: Array<SyntaxNode | null> = [];
  for (const p of parts) {
    if ('text' in p) flat += p.text.replaceAll(SLOT, '');
    else { flat += SLOT; slots.push(p.slot); }
  }
  const m = IN_URL.exec(flat) ?? CREDENTIAL_PREFIX.exec(flat);
  if (!m) return null;
  const index = [...flat.slice(0, m.index + m[0].length - 2)].filter((c) => c === SLOT).length;
  const value = slots[index] ?? null;
  if (value !== null && isLiteral(value)) return null;
  return { value, text: value ? value.text : 'a value of `locals()`' };
}

function isLiteral(n: SyntaxNode): boolean {
  const u = unparenthesize(n);
  return stringValue(u) !== null || u.type === 'none' || u.type === 'integer';
}

/** The template a string-building expression fills, as literal text and values; null for anything else. */
function templateOf(node: SyntaxNode): Part[] | null {
  const n = unparenthesize(node);
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') return concatenationParts(n);
  const t = n.type === 'string' ? fStringTemplate(n)
    : n.type === 'binary_operator' ? percentTemplate(n, '@', formatText)
    : n.type === 'call' ? formatTemplate(n, '@', formatText) : null;
  if (!t) return null;
  // `fmt % creds`: one operand that is neither a tuple nor a mapping fills every positional placeholder.
  const right = n.type === 'binary_operator' ? unparenthesize(n.childForFieldName('right')!) : null;
  const whole = right && right.type !== 'tuple' && right.type !== 'dictionary' ? right : null;
  return t.parts.map((p): Part => {
    if ('text' in p) return { text: right ? p.text.replaceAll('%%', '%') : p.text };
    // `{0.password}`, `{url[password]}`: an attribute or item of the value, which may be anything.
    if (t.partial.has(p.placeholder)) return { slot: null };
    return { slot: t.values.get(p.placeholder) ?? whole };
  });
}

/** `scheme + '://' + user + ':' + password + '@' + host`: the operands of a `+` chain, left to right. */
function concatenationParts(n: SyntaxNode): Part[] | null {
  const operands: SyntaxNode[] = [];
  let cur: SyntaxNode = n;
  // The chain nests down its left operand: walk it with a loop (generated code can be thousands deep).
  while (cur.type === 'binary_operator' && cur.childForFieldName('operator')?.text === '+') {
    operands.push(cur.childForFieldName('right')!);
    cur = unparenthesize(cur.childForFieldName('left')!);
  }
  operands.push(cur);
  operands.reverse();
  // Only the outermost `+` of a chain answers, so a chain is looked at once.
  const parent = n.parent;
  if (parent?.type === 'binary_operator' && parent.childForFieldName('operator')?.text === '+' && parent.childForFieldName('left')?.id === n.id) return null;
  let literal = false;
  const parts = operands.map((o): Part => {
    const v = stringValue(o);
    if (v !== null) { literal = true; return { text: v }; }
    return { slot: o };
  });
  return literal ? parts : null;
}

/** A parameter that its function parses for the credentials in its userinfo, and where it does so. */
export interface ParsedForCredentials { fn: SyntaxNode; param: string; at: SyntaxNode }

const USERINFO_SPLITS: ReadonlySet<string> = new Set(['split', 'rsplit', 'partition', 'rpartition']);

/**
 * Parameters whose URL the function itself takes the credentials out of: it reads the `.password` of its parse
 * result, or splits the parse result's `netloc` at `@` (userinfo `@` host, RFC 3986 §3.2). Such a URL holds a
 * password as given to the function (`parse_uri(self, uri)` of a store location), so writing it out writes the
 * password.
 */
export function parsedForCredentials(model: PythonModel): ParsedForCredentials[] {
  const out: ParsedForCredentials[] = [];
  if (!model.source.includes('.password') && !model.source.includes("'@'") && !model.source.includes('"@"')) return out;
  for (const call of model.root.descendantsOfType('call')) {
    const q = model.callName(call);
    if (q === null || !URL_PASSWORD_PARSERS.includes(q)) continue;
    const arg = positionalArgs(call)[0];
    const fn = enclosingFunction(call);
    if (!fn || arg?.type !== 'identifier' || !parameterNames(fn).some((p) => p.name === arg.text)) continue;
    const holders = new Set<string>([localAssigned(call)].filter((x): x is string => x !== null));
    const isResult = (n: SyntaxNode | null): boolean => {
      const u = n ? unparenthesize(n) : null;
      return u !== null && (u.id === call.id || (u.type === 'identifier' && holders.has(u.text)));
    };
    const netlocs = new Set<string>();
    const isNetloc = (n: SyntaxNode | null): boolean => {
      const u = n ? unparenthesize(n) : null;
      if (!u) return false;
      if (u.type === 'identifier') return netlocs.has(u.text);
      return u.type === 'attribute' && u.childForFieldName('attribute')!.text === 'netloc' && isResult(u.childForFieldName('object'));
    };
    let at: SyntaxNode | null = null;
    // In source order: `netloc = pieces.netloc` comes before `netloc.split('@')`.
    for (const n of fn.descendantsOfType(['attribute', 'assignment', 'call'])) {
      if (n.startIndex < call.startIndex) continue;
      if (n.type === 'attribute' && URL_CREDENTIAL_ATTRIBUTES.has(n.childForFieldName('attribute')!.text) && isResult(n.childForFieldName('object'))) { at = n; break; }
      if (n.type === 'assignment') {
        const left = n.childForFieldName('left');
        if (left?.type === 'identifier' && isNetloc(n.childForFieldName('right'))) netlocs.add(left.text);
        continue;
      }
      if (n.type !== 'call') continue;
      const f = callee(n);
      if (f?.type !== 'attribute' || !USERINFO_SPLITS.has(f.childForFieldName('attribute')!.text)) continue;
      if (stringValue(positionalArgs(n)[0] ?? null) === '@' && isNetloc(f.childForFieldName('object'))) { at = n; break; }
    }
    if (at) out.push({ fn, param: arg.text, at });
  }
  return out;
}

/** The local a call's result is assigned to (`pieces = urlparse(uri)`), or null. */
function localAssigned(call: SyntaxNode): string | null {
  let p = call.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  const left = p?.type === 'assignment' ? p.childForFieldName('left') : null;
  return left?.type === 'identifier' ? left.text : null;
}
