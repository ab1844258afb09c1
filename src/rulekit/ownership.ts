// Object-level authorisation (CWE-639) judgements shared by the rule and by the project facts (src/index/ownership.ts):
// whether a function keeps a lookup to the caller's project — compares an owner field, passes a project into a call,
// filters by an owner key — and which values a function received from its caller, items of caller-supplied lists
// included. Syntax and model queries only; what the names mean comes from the tables in models/python/openstack.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { calleeName, descendantsOfType, keywordArg, mentionsName, stringValue, targetNames, unparenthesize } from '../languages/python/syntax.js';
import type { PythonModel } from '../languages/python/model.js';
import { CONTEXT_PROJECT_ATTRIBUTES, OWNER_FIELDS, SCOPING_KEYWORDS } from '../models/python/openstack/index.js';
import { argumentValues, brief, carries, derivedNames } from './openstack.js';

/** Text every owner field, context project attribute and scoping keyword contains (a necessary condition). */
const OWNER_TEXT = new RegExp([...OWNER_FIELDS, ...CONTEXT_PROJECT_ATTRIBUTES, ...SCOPING_KEYWORDS].join('|'));

/** An owner field read off a value: `port['tenant_id']`, `inst.project_id`, `port.get('tenant_id')` → the field. */
export function ownerFieldOf(expr: SyntaxNode): string | null {
  const e = unparenthesize(expr);
  if (e.type === 'subscript') {
    const key = stringValue(e.childForFieldName('subscript'));
    return key !== null && OWNER_FIELDS.has(key) ? key : null;
  }
  if (e.type === 'attribute') {
    const attr = e.childForFieldName('attribute')?.text ?? '';
    return OWNER_FIELDS.has(attr) || CONTEXT_PROJECT_ATTRIBUTES.has(attr) ? attr : null;
  }
  if (e.type === 'call' && calleeName(e) === 'get' && e.childForFieldName('function')?.type === 'attribute') {
    const key = stringValue(argumentValues(e)[0] ?? null);
    return key !== null && OWNER_FIELDS.has(key) ? key : null;
  }
  return null;
}

/** A value that carries an owner somewhere in it: an owner field read, or a dict with an owner key set. */
function carriesOwner(expr: SyntaxNode): boolean {
  const e = unparenthesize(expr);
  if (ownerFieldOf(e)) return true;
  if (e.type === 'dictionary') return e.namedChildren.some((p) => p?.type === 'pair' && ownerKey(p));
  return e.namedChildren.some((c) => c !== null && c.type !== 'lambda' && carriesOwner(c));
}

/** `'project_id': value` with a value that is not None: a filter or a policy target naming an owner. */
function ownerKey(pair: SyntaxNode): boolean {
  const key = stringValue(pair.childForFieldName('key'));
  const value = pair.childForFieldName('value');
  return key !== null && OWNER_FIELDS.has(key) && value !== null && value.type !== 'none';
}

/**
 * How a call keeps what it looks up to an owner, by its arguments: an owner passed in (`get(ctx, id,
 * project_id=ctx.project_id)`, `filters={'tenant_id': t}`), or a scoping switch (`project_only=True`); null when
 * none does. Logging calls are the caller's business (a project named in a message filters nothing).
 */
export function callScoping(model: PythonModel, call: SyntaxNode): string | null {
  if (model.loggingCall(call) !== null) return null;
  for (const kw of SCOPING_KEYWORDS) {
    const v = keywordArg(call, kw);
    if (v && v.type !== 'false' && v.type !== 'none') return `\`${kw}=${brief(v, 30)}\``;
  }
  for (const a of argumentValues(call)) {
    if (carriesOwner(a)) return `\`${brief(a, 40)}\``;
  }
  const args = call.childForFieldName('arguments');
  for (const kw of args?.namedChildren ?? []) {
    if (kw?.type !== 'keyword_argument') continue;
    const name = kw.childForFieldName('name')?.text ?? '';
    const value = kw.childForFieldName('value');
    if (OWNER_FIELDS.has(name) && value && value.type !== 'none') return `\`${name}=${brief(value, 30)}\``;
  }
  return null;
}

/**
 * How function `fn` itself keeps lookups to the caller's project, or null: it compares an owner field
 * (`port['tenant_id'] != context.project_id`), builds a filter or policy target with an owner key, or passes an owner
 * or a scoping switch into a call. A description for messages and summaries.
 */
export function ownScoping(model: PythonModel, fn: SyntaxNode): string | null {
  const body = fn.childForFieldName('body');
  // Every way of scoping names an owner field or switch: most functions name none (one text scan, no tree walks).
  if (!body || !OWNER_TEXT.test(body.text)) return null;
  for (const cmp of descendantsOfType(body, 'comparison_operator')) {
    const side = cmp.namedChildren.find((s) => s !== null && ownerFieldOf(s) !== null);
    if (side) return `compares \`${brief(side, 40)}\``;
  }
  for (const d of descendantsOfType(body, 'dictionary')) {
    const pair = d.namedChildren.find((p) => p?.type === 'pair' && ownerKey(p));
    if (pair) return `filters by \`${brief(pair, 40)}\``;
  }
  for (const c of descendantsOfType(body, 'call')) {
    const how = callScoping(model, c);
    if (how) return `passes ${how} to \`${brief(c.childForFieldName('function') ?? c, 40)}\``;
  }
  return null;
}

/**
 * Names in `body` that hold what the function's caller passed in: its parameters (receiver and `skip` excluded),
 * locals derived from them, and the loop variables of `for` statements over such values (`for request in
 * requested_networks`), to a fixed point.
 */
export function callerSuppliedNames(model: PythonModel, fn: SyntaxNode, skip: (name: string) => boolean): Set<string> {
  const body = fn.childForFieldName('body');
  const seeds = model.parameters(fn).filter((p) => !p.receiver && !skip(p.name)).map((p) => p.name);
  if (!body || seeds.length === 0) return new Set();
  let names = derivedNames(body, seeds, 0);
  const loops = descendantsOfType(body, 'for_statement');
  for (let changed = true; changed;) {
    changed = false;
    for (const f of loops) {
      const right = f.childForFieldName('right');
      if (!right || !carries(right, names)) continue;
      for (const t of targetNames(f.childForFieldName('left'))) {
        if (!names.has(t)) { names.add(t); changed = true; }
      }
    }
    if (changed) names = derivedNames(body, names, 0);
  }
  return names;
}

/** The loop variables among `names`: the items of caller-supplied collections. */
export function loopItems(fn: SyntaxNode, names: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const f of descendantsOfType(fn, 'for_statement')) {
    const right = f.childForFieldName('right');
    if (!right || !mentionsName(right, names)) continue;
    for (const t of targetNames(f.childForFieldName('left'))) if (names.has(t)) out.add(t);
  }
  return out;
}

/**
 * A necessary condition, on the text, for a file to hold a lookup the ownership rule judges: an admin context or
 * client is made (`elevated()`, `get_admin_context()`, a client factory's admin switch) or request headers are read.
 * The rule's first gate, and the first test of the facts' asksScoping (rulekit/ownershipSources.ts hasCallerIdLookup).
 */
export function mayLookUpForCaller(model: PythonModel): boolean {
  return /\.elevated\(|get_admin_context|\badmin\s*=\s*True|privileged_user\s*=\s*True|client\([^()]*,\s*True\)|\.headers\b/.test(model.source);
}
