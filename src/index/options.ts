// oslo.config in one file: the options it declares (`cfg.StrOpt('admin_password', secret=True)`, lists of them,
// `register_opt(s)(opts, group=…)` with a group named by a string, a `cfg.OptGroup` or its `.name`) and where it
// reads options (`CONF.group.name`, `CONF.name`, `self.conf.group.name`, `getattr(CONF.group, 'name')`).
// Syntax over one file only: which declaration a read means is decided by the merge (project.ts).
import type { PythonModel } from '../languages/python/model.js';
import { callee, dottedName, isTrue, keywordArg, moduleAssignments, positionalArgs, stringValue, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { OptionDecl, OptionRead } from './types.js';

/** `StrOpt`, `SecretOpt`… from oslo.config's `cfg` (any import spelling: oslo_config, oslo.config, an incubator copy). */
const OPT_CLASS = /(?:^|\.)cfg\.(\w*Opt)$/;
const OPT_GROUP = /(?:^|\.)cfg\.OptGroup$/;
const REGISTER = new Set(['register_opts', 'register_opt', 'register_cli_opts', 'register_cli_opt']);

/**
 * A ConfigOpts object as oslo.config code names it: `CONF` (module global, `cfg.CONF`, imported from the project's
 * conf package), `conf`/`_conf`, `self.conf`/`self._conf`. The name is oslo.config's documented convention; a read
 * only counts when the merge finds the option declared.
 */
export function isConfigObject(node: SyntaxNode): boolean {
  const d = dottedName(node);
  if (d === null) return false;
  const last = d.slice(d.lastIndexOf('.') + 1);
  return /^_?(?:conf|CONF)$/.test(last);
}

/** The option an expression reads, or null: `CONF.g.n` → (g, n); `CONF.n` → (DEFAULT, n). */
export function optionReadOf(node: SyntaxNode): OptionRead | null {
  const n = unparenthesize(node);
  if (n.type === 'attribute') {
    const obj = n.childForFieldName('object')!;
    const name = n.childForFieldName('attribute')!.text;
    if (isConfigObject(obj)) return { group: 'DEFAULT', name };
    if (obj.type === 'attribute' && isConfigObject(obj.childForFieldName('object')!)) return { group: obj.childForFieldName('attribute')!.text, name };
    return null;
  }
  if (n.type === 'call' && callee(n)?.text === 'getattr') {
    const [target, key] = positionalArgs(n);
    const name = stringValue(key ?? null);
    if (!target || name === null) return null;
    const t = unparenthesize(target);
    if (isConfigObject(t)) return { group: 'DEFAULT', name };
    if (t.type === 'attribute' && isConfigObject(t.childForFieldName('object')!)) return { group: t.childForFieldName('attribute')!.text, name };
  }
  return null;
}

/**
 * The option a call declares (`cfg.StrOpt('admin_password', secret=True)`: name, Opt class, secret flag; the group
 * is left null, registration decides it), or null when the call is not an option constructor with a literal name.
 */
export function optionDeclaration(model: PythonModel, call: SyntaxNode): OptionDecl | null {
  const m = OPT_CLASS.exec(model.callName(call) ?? '');
  if (!m) return null;
  const name = stringValue(positionalArgs(call)[0] ?? keywordArg(call, 'name'));
  if (name === null) return null;
  const secret = keywordArg(call, 'secret');
  return { name, group: null, secret: secret !== null && isTrue(secret), type: m[1]!, line: call.startPosition.row + 1 };
}

export interface FileOptions { options: OptionDecl[]; reads: OptionRead[] }

/** `calls`: the calls that may declare or register options; `accesses`: the expressions that may read one. */
export function extractOptions(model: PythonModel, calls: readonly SyntaxNode[], accesses: readonly SyntaxNode[]): FileOptions {
  const groupNames = new Map<string, string>();
  const lists = new Map<string, SyntaxNode[]>();
  const decls = new Map<SyntaxNode, OptionDecl>();
  for (const call of calls) {
    const decl = optionDeclaration(model, call);
    if (decl) decls.set(call, decl);
  }
  // Module-level names for groups and option lists: `grp = cfg.OptGroup('x')`, `GROUP = 'x'`, `opts = [...]`.
  for (const { name: left, value: right } of moduleAssignments(model.root)) {
    const r = unparenthesize(right);
    const literal = stringValue(r);
    if (literal !== null) groupNames.set(left.text, literal);
    else if (r.type === 'call' && OPT_GROUP.test(model.callName(r) ?? '')) {
      const g = stringValue(positionalArgs(r)[0] ?? keywordArg(r, 'name'));
      if (g !== null) groupNames.set(left.text, g);
    } else {
      const members = optsIn(r, decls, lists);
      if (members.length > 0) lists.set(left.text, members);
    }
  }
  const groupOf = (g: SyntaxNode | null): string | null => {
    if (!g) return 'DEFAULT';
    const n = unparenthesize(g);
    const lit = stringValue(n);
    if (lit !== null) return lit;
    if (n.type === 'identifier') return groupNames.get(n.text) ?? null;
    if (n.type === 'attribute' && n.childForFieldName('attribute')!.text === 'name') {
      const o = n.childForFieldName('object')!;
      return o.type === 'identifier' ? groupNames.get(o.text) ?? null : null;
    }
    if (n.type === 'call' && OPT_GROUP.test(model.callName(n) ?? '')) return stringValue(positionalArgs(n)[0] ?? keywordArg(n, 'name'));
    return null;
  };
  const registered: OptionDecl[] = [];
  const seen = new Set<OptionDecl>();
  for (const call of calls) {
    const fn = callee(call);
    if (fn?.type !== 'attribute' || !REGISTER.has(fn.childForFieldName('attribute')!.text)) continue;
    const [first, second] = positionalArgs(call);
    const optsArg = first ?? keywordArg(call, 'opts') ?? keywordArg(call, 'opt');
    if (!optsArg) continue;
    const group = groupOf(keywordArg(call, 'group') ?? second ?? null);
    for (const member of optsIn(unparenthesize(optsArg), decls, lists)) {
      const d = decls.get(member)!;
      seen.add(d);
      registered.push({ ...d, group: group ?? null });
    }
  }
  const options = [...registered, ...[...decls.values()].filter((d) => !seen.has(d))];
  const reads = new Map<string, OptionRead>();
  for (const n of accesses) {
    const r = optionReadOf(n);
    if (r) reads.set(`${r.group}\0${r.name}`, r);
  }
  return {
    options: dedupe(options),
    reads: [...reads.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r),
  };
}

/** Option declarations an expression denotes: one, a list of them, a named list, or a sum of those. */
function optsIn(n: SyntaxNode, decls: Map<SyntaxNode, OptionDecl>, lists: Map<string, SyntaxNode[]>): SyntaxNode[] {
  if (n.type === 'call') return decls.has(n) ? [n] : [];
  if (n.type === 'identifier') return lists.get(n.text) ?? [];
  if (n.type === 'list' || n.type === 'tuple') return n.namedChildren.flatMap((c) => (c ? optsIn(unparenthesize(c), decls, lists) : []));
  if (n.type === 'binary_operator') {
    return [n.childForFieldName('left'), n.childForFieldName('right')].flatMap((c) => (c ? optsIn(unparenthesize(c), decls, lists) : []));
  }
  return [];
}

function dedupe(options: OptionDecl[]): OptionDecl[] {
  const byKey = new Map<string, OptionDecl>();
  for (const o of options) {
    const k = `${o.group ?? '?'}\0${o.name}\0${o.line}`;
    if (!byKey.has(k)) byKey.set(k, o);
  }
  return [...byKey.values()].sort((a, b) => a.line - b.line || (a.group ?? '').localeCompare(b.group ?? '') || a.name.localeCompare(b.name));
}
