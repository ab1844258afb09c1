// Helpers shared by the OpenStack rules: matching calls against the tables in src/models/python/openstack, names
// derived from a value inside one function, and short renderings for messages. Syntax and model queries only.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { callee, calleeName, descendantsOfType, keywordArg, mentionsName, positionalArgs, targetNames, unparenthesize } from '../languages/python/syntax.js';
import type { PythonModel } from '../languages/python/model.js';
import {
  ADMIN_CONTEXT_CALLS, CLIENT_FACTORIES, ELEVATING_METHODS, NEUTRONCLIENT_CALLS, OPENSTACKSDK_NETWORK_CALLS,
  RELEASE_METHOD, ROOT_EXECUTOR_NAMES, ROOT_EXECUTORS, type NetworkCall,
} from '../models/python/openstack/index.js';

const ANY_ASSIGNMENT_NODES = new Set(['assignment', 'augmented_assignment']);

const NETWORK_BY_METHOD = new Map<string, NetworkCall>();
for (const c of [...NEUTRONCLIENT_CALLS, ...OPENSTACKSDK_NETWORK_CALLS]) if (!NETWORK_BY_METHOD.has(c.method)) NETWORK_BY_METHOD.set(c.method, c);

export function line(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/** One-line, bounded rendering of code for a message. */
export function brief(node: SyntaxNode | string, max = 60): string {
  const flat = (typeof node === 'string' ? node : node.text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** The calls inside `node` (itself included), not descending into nested functions and classes. */
export function callsIn(node: SyntaxNode): SyntaxNode[] {
  return node.type === 'call' ? [node, ...descendantsOfType(node, 'call')] : descendantsOfType(node, 'call');
}

/** The object a method is called on (`self.client` for `self.client.show_port(x)`), or null for plain calls. */
export function receiver(call: SyntaxNode): SyntaxNode | null {
  const fn = callee(call);
  return fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
}

/** The callee as written without arguments (`self.network_api.show_port`), for messages. */
export function calleeText(call: SyntaxNode): string {
  return brief(callee(call)?.text ?? call.text, 50);
}

/** Every argument expression of a call: positional ones and keyword values. */
export function argumentValues(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  return args.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type !== 'comment')
    .map((n) => (n.type === 'keyword_argument' ? n.childForFieldName('value') : n.type === 'list_splat' || n.type === 'dictionary_splat' ? n.namedChild(0) : n))
    .filter((n): n is SyntaxNode => n !== null);
}

/** A neutronclient / openstacksdk network method call (`client.create_port(body)`), by its method name. */
export function networkCall(call: SyntaxNode): NetworkCall | null {
  if (callee(call)?.type !== 'attribute') return null;
  return NETWORK_BY_METHOD.get(calleeName(call) ?? '') ?? null;
}

export function isReleaseCall(call: SyntaxNode): boolean {
  const name = calleeName(call);
  return !!name && RELEASE_METHOD.test(name);
}

/** True when `call` runs a command as root: a process helper with `run_as_root=True` (directly or in `**kwargs`). */
export function runsAsRoot(model: PythonModel, call: SyntaxNode, fnBody: SyntaxNode | null): boolean {
  const qualified = model.callName(call) ?? '';
  const name = calleeName(call) ?? '';
  const spec = ROOT_EXECUTORS.find((e) => qualified === e.suffix || qualified.endsWith(`.${e.suffix}`));
  if (!spec && !ROOT_EXECUTOR_NAMES.has(name)) return false;
  const keyword = spec?.rootKeyword ?? 'run_as_root';
  const value = keywordArg(call, keyword);
  if (value) return value.type === 'true';
  // `kwargs = dict(process_input=data, run_as_root=True); execute('tee', *args, **kwargs)`
  const args = call.childForFieldName('arguments');
  const splat = args?.namedChildren.find((n) => n?.type === 'dictionary_splat')?.namedChild(0);
  if (!splat || splat.type !== 'identifier' || !fnBody) return false;
  return descendantsOfType(fnBody, 'assignment').some((a) =>
    a.childForFieldName('left')?.text === splat.text && new RegExp(`\\b${keyword}['"]?\\s*[:=]\\s*True\\b`).test(a.childForFieldName('right')?.text ?? ''));
}

/** A call that returns an admin context or an admin client: `context.elevated()`, `get_client(ctx, admin=True)`. */
export function isAdminSource(model: PythonModel, call: SyntaxNode): boolean {
  const qualified = model.callName(call) ?? '';
  const name = calleeName(call) ?? '';
  if (ADMIN_CONTEXT_CALLS.has(qualified) || name === 'get_admin_context') return true;
  if (ELEVATING_METHODS.has(name) && callee(call)?.type === 'attribute') return true;
  const factory = CLIENT_FACTORIES.find((f) => qualified === f.suffix || qualified.endsWith(`.${f.suffix}`) || name === f.suffix);
  if (!factory) return false;
  const flag = keywordArg(call, factory.adminKeyword);
  if (flag) return flag.type === 'true';
  // `get_client(context, True)`: the admin flag is the second positional argument of nova's factory.
  return positionalArgs(call)[1]?.type === 'true';
}

/**
 * Names that stand for `seeds` after `after` in `body`: assignments whose value mentions one (`port_id =
 * port['id']`), and containers one was added to (`created.append(port_id)`, `ids[k] = port_id`). Iterated to a
 * fixed point so that chains (`port` → `port_id` → `created_ids`) are followed.
 */
export function derivedNames(body: SyntaxNode, seeds: Iterable<string>, after: number): Set<string> {
  const names = new Set(seeds);
  const assignments = descendantsOfType(body, ANY_ASSIGNMENT_NODES).filter((a) => a.startIndex >= after);
  const calls = descendantsOfType(body, 'call').filter((c) => c.startIndex >= after);
  for (let changed = true; changed;) {
    changed = false;
    const add = (n: string): void => { if (!names.has(n)) { names.add(n); changed = true; } };
    for (const a of assignments) {
      const right = a.childForFieldName('right');
      if (!right || !carries(right, names)) continue;
      const left = a.childForFieldName('left');
      if (!left) continue;
      for (const t of targetNames(left)) add(t);
      // `by_id[port_id] = port`: the container now holds it.
      if (left.type === 'subscript') { const v = left.childForFieldName('value'); if (v?.type === 'identifier') add(v.text); }
    }
    for (const c of calls) {
      const method = calleeName(c) ?? '';
      if (!/^(append|add|extend|insert|update|setdefault)$/.test(method)) continue;
      const obj = receiver(c);
      if (obj?.type === 'identifier' && positionalArgs(c).some((a) => mentionsName(a, names))) add(obj.text);
    }
  }
  return names;
}

/** The identifier a call's result is bound to (`port = client.create_port(...)`, `port = f(...)['port']`). */
export function boundName(call: SyntaxNode): { name: string; statement: SyntaxNode } | null {
  let n: SyntaxNode = call;
  while (n.parent && (n.parent.type === 'subscript' || n.parent.type === 'parenthesized_expression' || (n.parent.type === 'attribute' && n.parent.childForFieldName('object')?.id === n.id))) n = n.parent;
  const p = n.parent;
  if (p?.type !== 'assignment' || p.childForFieldName('right')?.id !== n.id) return null;
  const left = unparenthesize(p.childForFieldName('left')!);
  return left.type === 'identifier' ? { name: left.text, statement: p } : null;
}

// The statement around a node is a syntax question: its home is languages/python/syntax.ts.
export { statementOf } from '../languages/python/syntax.js';

/** Container methods whose result is (part of) the receiver: `port.get('id')` still names the port. */
const CARRYING = new Set(['get', 'copy', 'pop', 'values', 'keys', 'items']);

/**
 * True when `expr` is one of `names`, a part of one (`port['port']['id']`, `vif.uuid`, `port.get('id')`) or a
 * literal container holding such a value: the value itself, not something computed from it (`f(port)`).
 */
export function carries(expr: SyntaxNode, names: ReadonlySet<string>): boolean {
  const e = unparenthesize(expr);
  switch (e.type) {
    case 'identifier': return names.has(e.text);
    case 'subscript': return carries(e.childForFieldName('value')!, names);
    case 'attribute': return carries(e.childForFieldName('object')!, names);
    case 'call': {
      const obj = receiver(e);
      return !!obj && CARRYING.has(calleeName(e) ?? '') && carries(obj, names);
    }
    case 'list': case 'tuple': case 'set': case 'expression_list':
      return e.namedChildren.some((c) => c !== null && carries(c, names));
    case 'dictionary':
      return e.namedChildren.some((p) => p?.type === 'pair' && carries(p.childForFieldName('value')!, names));
    default: return false;
  }
}

/** The first call in `body` that runs as root and receives one of `names` (or a value derived from one). */
export function rootUseOf(model: PythonModel, body: SyntaxNode, names: ReadonlySet<string>, after = 0): SyntaxNode | null {
  const all = derivedPaths(body, names, after);
  return callsIn(body).find((c) => c.startIndex >= after && runsAsRoot(model, c, body) && argumentValues(c).some((a) => mentionsName(a, all))) ?? null;
}

/**
 * `names` plus locals computed from them by path operations (`parent = os.path.dirname(p)`, `args.append(p)`):
 * a wider derivation than `derivedNames`, since any path built from a joined path still points into it.
 */
function derivedPaths(body: SyntaxNode, names: ReadonlySet<string>, after: number): Set<string> {
  const out = new Set(names);
  const assignments = descendantsOfType(body, 'assignment').filter((a) => a.startIndex >= after);
  for (let changed = true; changed;) {
    changed = false;
    for (const a of assignments) {
      if (!mentionsName(a.childForFieldName('right'), out)) continue;
      for (const t of targetNames(a.childForFieldName('left'))) if (!out.has(t)) { out.add(t); changed = true; }
    }
    for (const c of callsIn(body)) {
      const obj = receiver(c);
      if (c.startIndex < after || obj?.type !== 'identifier' || out.has(obj.text) || !/^(append|extend|insert)$/.test(calleeName(c) ?? '')) continue;
      if (positionalArgs(c).some((a) => mentionsName(a, out))) { out.add(obj.text); changed = true; }
    }
  }
  return out;
}
