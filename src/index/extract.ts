// Phase 1 of the project facts: what one file declares and uses, extracted from its model with no knowledge of
// the other files — oslo.config options, option reads, the calls it makes (by qualified name), its imports, and
// per-function return summaries in symbolic form. Plain JSON, a pure function of the file's path and text, so it
// is cached with the file's content hash and computed in whichever worker analyses the file.
import { allFunctions, enclosingClass, functionBody, hasReceiver, parameterNames } from '../languages/python/dataflow/functions.js';
import type { PythonModel } from '../languages/python/model.js';
import { callee, descendantsOfType, dottedName, enclosingFunction, positionalArgs, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { isMaskingName } from '../models/python/openstack/secrets.js';
import { imageHandling, mayHandleImages, returnedExpressions } from '../rulekit/imageHandling.js';
import { extractOptions, optionReadOf } from './options.js';
import { extractPolicies } from './policies.js';
import { contextFallbacks } from './contextFallback.js';
import { catchesTyped, nonRaisingFunctions, raisesFacts } from './raises.js';
import { buildsMarkup, encoderFacts } from './encoders.js';
import { creationOf } from '../languages/python/resources/serviceLeak.js';
import { asksScoping, scopingFacts } from './ownership.js';
import { FACTS_VERSION, type FileFacts, type FunctionFacts, type ImageFacts, type ReturnPart } from './types.js';

/**
 * The name under which the facts know the function a call invokes: the qualified name through the imports
 * (relative ones kept relative: `.utils.mask`), `:name` for a function or class of this file, `:Class.method` for
 * `self.method(...)` inside a class of this file; null for calls on computed values, locals and builtins.
 */
export function callTarget(model: PythonModel, call: SyntaxNode, topLevel: ReadonlySet<string>): string | null {
  const fn = callee(call);
  if (!fn) return null;
  const f = unparenthesize(fn);
  if (f.type === 'identifier') {
    const imported = model.imports.lookup(f.text);
    if (imported !== undefined) return imported;
    if (topLevel.has(f.text)) return `:${f.text}`;
    // A local alias of an imported function (`get = flavors.get_flavor_by_flavor_id; get(x)`): the model follows it.
    // callName is qualifiedName of the callee, memoised: the rules ask it of the same calls.
    const q = model.callName(call);
    return q !== null && q !== f.text && q.includes('.') ? aliasTarget(model, q) : null;
  }
  if (f.type !== 'attribute') return null;
  const obj = f.childForFieldName('object')!;
  const attr = f.childForFieldName('attribute')!.text;
  if (obj.type === 'identifier' && (obj.text === 'self' || obj.text === 'cls')) {
    const method = enclosingFunction(call);
    const cls = method ? enclosingClass(method) : null;
    const cname = cls?.childForFieldName('name')?.text;
    return cname ? `:${cname}.${attr}` : null;
  }
  const q = model.callName(call);
  if (q === null) return null;
  const written = (dottedName(f) ?? '').split('.')[0]!;
  // Only names that went through an import (or a class of this file: `Helper.build`) are stable across files.
  if (model.imports.lookup(written) !== undefined) return q;
  return topLevel.has(written) ? `:${q}` : null;
}

/** `q` (a qualified name the model resolved through an alias) when its head module is imported under some name. */
function aliasTarget(model: PythonModel, q: string): string | null {
  for (const r of model.imports.records) if (q === r.qualified || q.startsWith(`${r.qualified}.`)) return q;
  return null;
}

/** Names defined at the top of the module: functions and classes. */
export function topLevelNames(model: PythonModel): Set<string> {
  const out = new Set<string>();
  for (const stmt of model.root.namedChildren) {
    const def = stmt?.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition' || def?.type === 'class_definition') {
      const name = def.childForFieldName('name')?.text;
      if (name) out.add(name);
    }
  }
  return out;
}

/**
 * The expressions that may read an option: the parents and grandparents of the identifiers a ConfigOpts object goes
 * by (`CONF`, `conf`, `_conf`), found by a scan of the tree's arrays that makes node objects only for those — phase
 * 1 runs on every file, and most attributes are not option reads.
 */
function configAccesses(model: PythonModel): SyntaxNode[] {
  const { tree, source } = model;
  const { count, type, startIndex, endIndex } = tree.data;
  const ident = tree.typeMask('identifier');
  const out: SyntaxNode[] = [];
  for (let i = 0; i < count; i++) {
    if (!ident[type[i]!]) continue;
    const len = endIndex[i]! - startIndex[i]!;
    if (len !== 4 && len !== 5) continue;
    const text = source.slice(startIndex[i], endIndex[i]);
    if (text !== 'CONF' && text !== 'conf' && text !== '_conf' && text !== '_CONF') continue;
    // `CONF.g.n` / `self.conf.g.n` / `getattr(CONF.g, 'n')`: up to three levels above the name.
    let n: SyntaxNode | null = tree.node(i).parent;
    for (let up = 0; n && up < 4; up++, n = n.parent) {
      if (n.type === 'attribute') out.push(n);
      else if (n.type === 'argument_list' && n.parent?.type === 'call') { out.push(n.parent); break; } else break;
    }
  }
  return out;
}

export function extractFacts(model: PythonModel): FileFacts {
  const calls = model.root.descendantsOfType('call');
  // Declarations need an Opt class named in the text; most files declare none.
  const { options, reads } = extractOptions(model, model.source.includes('Opt') ? calls : [], configAccesses(model));
  const topLevel = topLevelNames(model);
  const targets = new Set<string>();
  const targetOf = new Map<number, string | null>();
  for (const c of calls) {
    const t = callTarget(model, c, topLevel);
    targetOf.set(c.id, t);
    if (t !== null && !t.startsWith(':')) targets.add(t);
  }
  const imports = new Map<string, string>();
  for (const r of model.imports.records) if (r.local && r.node.parent?.type === 'module' && !imports.has(r.local)) imports.set(r.local, r.qualified);
  return {
    version: FACTS_VERSION,
    path: model.path,
    options,
    reads,
    calls: [...targets].sort(),
    imports: [...imports.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    functions: functionFacts(model, topLevel, targetOf, ownTargets(model.path)),
    ...policyFacts(model),
    contextFallbacks: contextFallbacks(model, qualifiedFunctionName),
    raises: raisesFacts(model, qualifiedFunctionName),
    catchesTyped: catchesTyped(model),
    scoping: scopingFacts(model, qualifiedFunctionName),
    asksScoping: asksScoping(model),
    ...optionalFacts(model, calls),
  };
}

/** Words every creation the leak rules track has in its method name (models/python/openstack/resources.ts, network creates). */
const CREATOR_WORDS = /create|allocat|reserve_volume|initialize_connection|claim_resources|put_allocations/;

/** The facts present only when they hold (absent fields keep older facts' layout and the JSON small). */
function optionalFacts(model: PythonModel, calls: readonly SyntaxNode[]): Pick<FileFacts, 'encoders' | 'buildsMarkup' | 'nonRaising' | 'createsResources'> {
  const out: Pick<FileFacts, 'encoders' | 'buildsMarkup' | 'nonRaising' | 'createsResources'> = {};
  const encoders = encoderFacts(model, qualifiedFunctionName);
  if (encoders.length > 0) out.encoders = encoders;
  if (buildsMarkup(model)) out.buildsMarkup = true;
  const nonRaising = nonRaisingFunctions(model, qualifiedFunctionName);
  if (nonRaising.length > 0) out.nonRaising = nonRaising;
  // The leak rules judge only functions that roll back, and no test code: no handler, or a test module, no finding to
  // change (and no second analysis of the file in phase 2).
  const rollsBack = !model.isTestCode() && (model.source.includes('except') || model.source.includes('finally')) && CREATOR_WORDS.test(model.source);
  if (rollsBack && calls.some((c) => creationOf(c) !== null)) out.createsResources = true;
  return out;
}

function policyFacts(model: PythonModel): Pick<FileFacts, 'policies' | 'policyConstants'> {
  const { policies, constants } = extractPolicies(model);
  return { policies, policyConstants: constants };
}

/** Return summaries of the module's functions and of the methods of its top-level classes. */
function functionFacts(
  model: PythonModel, topLevel: ReadonlySet<string>, targetOf: ReadonlyMap<number, string | null>, own: (target: string) => boolean,
): FunctionFacts[] {
  // Return statements grouped by their function in one scan (a scan per function would revisit nested bodies).
  const byFunction = new Map<number, SyntaxNode[]>();
  for (const r of model.root.descendantsOfType('return_statement')) {
    const e = r.namedChild(0);
    if (!e) continue;
    const u = unparenthesize(e);
    // Only what a summary can use: option reads, calls, and names (followed to their assignments).
    if (u.type !== 'attribute' && u.type !== 'call' && u.type !== 'identifier') continue;
    const fn = enclosingFunction(r);
    if (!fn) continue;
    const list = byFunction.get(fn.id) ?? [];
    list.push(u);
    byFunction.set(fn.id, list);
  }
  const out: FunctionFacts[] = [];
  for (const fn of allFunctions(model.root)) {
    if (fn.type !== 'function_definition') continue;
    const name = qualifiedFunctionName(fn);
    if (name === null) continue;
    const returned = byFunction.get(fn.id);
    const returns = returned ? returnParts(model, fn, returned, topLevel) : [];
    const image = imageFacts(model, fn, targetOf, own, returned !== undefined);
    if (returns.length > 0 || image) out.push(image ? { name, returns, image } : { name, returns });
  }
  return out;
}

/**
 * A function's image roles as its own file shows them, and the functions it calls that may carry a role from
 * another file (`:name` for this file's, resolved by the merge). Files that name no qemu-img or inspector API get
 * no local roles (the text is a necessary condition), only their calls.
 */
function imageFacts(
  model: PythonModel, fn: SyntaxNode, targetOf: ReadonlyMap<number, string | null>, own: (target: string) => boolean, returnsSomething: boolean,
): ImageFacts | undefined {
  const local = mayHandleImages(model) ? imageHandling(model).facts(fn) : undefined;
  const calls = new Set<string>();
  for (const c of descendantsOfType(fn, 'call')) {
    const t = targetOf.get(c.id);
    if (t !== null && t !== undefined && own(t)) calls.add(t);
  }
  const probes = local?.probes ?? false;
  const converts = local?.converts ?? false;
  const validates = local?.validates ?? false;
  if (!probes && !converts && !validates && calls.size === 0) return undefined;
  const returned = new Set<string>();
  for (const e of returnsSomething ? returnedExpressions(fn) : []) {
    for (const c of [e, ...descendantsOfType(e, 'call')]) {
      const t = c.type === 'call' ? targetOf.get(c.id) : null;
      if (t !== null && t !== undefined && calls.has(t)) returned.add(t);
    }
  }
  return { probes, converts, validates, returnsProbe: local?.returnsProbe ?? false, calls: [...calls].sort(), returnedCalls: [...returned].sort() };
}

/**
 * Which call targets may name a function of the reviewed project, the only ones a role can come from: this file's
 * (`:name`), relative imports, and absolute names whose top package is a directory on the file's own path
 * (`nova.privsep.qemu.convert_image` from `…/nova/virt/images.py`). Library calls (oslo, six, logging) are dropped,
 * which keeps the facts of every function small.
 */
function ownTargets(path: string): (target: string) => boolean {
  const dirs = new Set(path.split(/[\\/]/).slice(0, -1));
  // Asked of every call of every function: the top package is cut out, not split off.
  return (t) => {
    if (t.startsWith(':') || t.startsWith('.')) return true;
    const dot = t.indexOf('.');
    return dirs.has(dot < 0 ? t : t.slice(0, dot));
  };
}

/** `f` for a module function, `C.m` for a method of a top-level class; null for nested functions. */
export function qualifiedFunctionName(fn: SyntaxNode): string | null {
  const owner = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  const name = fn.childForFieldName('name')?.text;
  if (!name) return null;
  if (owner?.type === 'module') return name;
  const cls = enclosingClass(fn);
  const clsOwner = cls?.parent?.type === 'decorated_definition' ? cls.parent.parent : cls?.parent;
  if (cls && clsOwner?.type === 'module') return `${cls.childForFieldName('name')!.text}.${name}`;
  return null;
}

function returnParts(model: PythonModel, fn: SyntaxNode, returned: readonly SyntaxNode[], topLevel: ReadonlySet<string>): ReturnPart[] {
  const body = functionBody(fn);
  if (!body) return [];
  const params = parameterNames(fn);
  const offset = hasReceiver(fn) ? 1 : 0;
  const paramIndex = new Map(params.filter((p) => p.index >= offset).map((p) => [p.name, p.index - offset]));
  const own = (n: SyntaxNode): boolean => enclosingFunction(n)?.id === fn.id;
  // One level through locals: `url = CONF.x.connection; return url` (assignments read only when a name is returned).
  let assigned: Map<string, SyntaxNode[]> | undefined;
  const assignmentsOf = (name: string): SyntaxNode[] => {
    if (!assigned) {
      assigned = new Map();
      for (const a of body.descendantsOfType('assignment')) {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'identifier' || !right || !own(a)) continue;
        const list = assigned.get(left.text) ?? [];
        list.push(right);
        assigned.set(left.text, list);
      }
    }
    return assigned.get(name) ?? [];
  };
  const candidates: SyntaxNode[] = [];
  for (const u of returned) {
    if (u.type !== 'identifier') { candidates.push(u); continue; }
    if (!paramIndex.has(u.text)) candidates.push(...assignmentsOf(u.text).map(unparenthesize));
  }
  const paramIn = (n: SyntaxNode | undefined): number => {
    if (!n) return -1;
    const u = unparenthesize(n);
    if (u.type === 'identifier') return paramIndex.get(u.text) ?? -1;
    for (const id of u.descendantsOfType('identifier')) {
      if (id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id) continue;
      if (id.parent?.type === 'keyword_argument' && id.parent.childForFieldName('name')?.id === id.id) continue;
      const i = paramIndex.get(id.text);
      if (i !== undefined) return i;
    }
    return -1;
  };
  const parts = new Map<string, ReturnPart>();
  for (const c of candidates) {
    const read = optionReadOf(c);
    if (read) { parts.set(`o${read.group}.${read.name}`, { kind: 'option', ...read }); continue; }
    if (c.type !== 'call') continue;
    const first = positionalArgs(c)[0];
    if (isMaskingName(model.callName(c))) {
      const p = paramIn(first);
      if (p >= 0) parts.set(`m${p}`, { kind: 'mask', param: p });
      continue;
    }
    const target = callTarget(model, c, topLevel);
    if (target !== null) parts.set(`c${target}/${paramIn(first)}`, { kind: 'call', target, param: paramIn(first) });
  }
  return [...parts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, p]) => p);
}
