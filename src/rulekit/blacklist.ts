// Builds rules from blacklist entries (src/models/python/blacklists.ts): calls whose resolved name is listed, and
// imports of listed modules. Per-rule judgement (literal arguments, usedforsecurity=False…) comes in as `refine`.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { BlacklistEntry } from '../models/python/blacklists.js';
import type { PythonModel } from '../languages/python/model.js';
import type { ImportRecord } from '../languages/python/names.js';
import { argument, callee, isConstant, keywordArg, positionalArg, stringValue, unparenthesize } from '../languages/python/syntax.js';
import { defineRule } from './defineRule.js';
import { abbreviate } from './text.js';
import { remoteXmlDocument } from './xmlTrust.js';
import type { Confidence, Severity } from '../findings/types.js';
import type { MessageSpec, Rule, RuleContext, RuleDocs, RuleMeta, Visitors } from './types.js';

/** How a rule module adjusts one match; `null` from `refine` means "this one is fine, stay silent". */
export interface Verdict {
  messageId?: string;
  data?: Record<string, string | number>;
  severity?: Severity;
  confidence?: Confidence;
  node?: SyntaxNode;
}

export interface CallMatch { call: SyntaxNode; name: string }
export interface ImportMatch { node: SyntaxNode; imported: string; dynamic: boolean }

interface Common {
  docs: RuleDocs;
  status?: RuleMeta['status'];
  /**
   * The rule's profile (rulekit/profiles.ts). Import rules default to `bandit`: an import marks a module for a look
   * and shows no dangerous operation; call rules default to the default report.
   */
  profile?: RuleMeta['profile'];
  /** Messages beyond the entry's own (`blacklisted`), for refined verdicts. */
  messages?: Record<string, MessageSpec>;
}

export interface CallRuleOptions extends Common {
  refine?(match: CallMatch, ctx: RuleContext): Verdict | null;
  /** Visitors for what is not a call but means the same (B323's `x = ssl._create_unverified_context`). */
  extend?(ctx: RuleContext): Visitors;
}

export interface ImportRuleOptions extends Common {
  refine?(match: ImportMatch, ctx: RuleContext): Verdict | null;
  /**
   * The listed names are classes, so a call that resolves to one (`wsgiref.handlers.CGIHandler()` after
   * `import wsgiref.handlers`) is reported too, as Bandit does. Off for module names, which are never called.
   */
  matchCalls?: boolean;
}

function metaOf(entry: BlacklistEntry, options: Common): RuleMeta {
  return {
    id: entry.ruleId, cwe: entry.cwe, severity: entry.severity, confidence: entry.confidence, languages: ['python'],
    bandit: entry.bandit,
    banditName: entry.banditName, status: options.status ?? 'stable',
    profile: options.profile ?? (entry.kind === 'import' ? 'bandit' : 'default'),
    messages: { blacklisted: { text: entry.message, fix: entry.fix }, ...options.messages },
    docs: options.docs,
  };
}

interface CompiledPatterns { exact: Set<string>; wildcards: Array<{ pattern: string; prefix: string }> }
const compiledPatterns = new WeakMap<readonly string[], CompiledPatterns>();

/** The pattern `name` matches: one of `patterns` exactly, or lying below a `module.*` pattern; null when none. */
export function matchesName(name: string, patterns: readonly string[]): string | null {
  // Every call of a file is checked against every blacklist rule's list: sets, built once per list.
  let compiled = compiledPatterns.get(patterns);
  if (!compiled) {
    compiled = { exact: new Set(), wildcards: [] };
    for (const p of patterns) {
      if (p.endsWith('.*')) compiled.wildcards.push({ pattern: p, prefix: p.slice(0, -1) });
      else compiled.exact.add(p);
    }
    compiledPatterns.set(patterns, compiled);
  }
  if (compiled.exact.has(name)) return name;
  for (const w of compiled.wildcards) if (name.startsWith(w.prefix)) return w.pattern;
  return null;
}

const DOT = 46;

/** True when dotted `path` is `prefix` or lies below it by whole components (`a.b` covers `a.b.c`, not `a.bc`). */
export function underPath(path: string, prefix: string): boolean {
  // Every import of a file is tested against every import rule's names: no `${prefix}.` string is built.
  return path === prefix || (path.length > prefix.length && path.charCodeAt(prefix.length) === DOT && path.startsWith(prefix));
}

// Per-file facts that several rules ask for; keyed by the model so they are computed once per file.
/** For each locally defined name, the functions it is defined in (`null`: module level). */
const localNamesCache = new WeakMap<PythonModel, Map<string, Array<SyntaxNode | null>>>();
const callNamesCache = new WeakMap<PythonModel, Set<string>>();

/** The function whose local namespace a definition binds into, `null` for the module, `undefined` for a class body. */
function bindingScope(node: SyntaxNode): SyntaxNode | null | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return n;
    if (n.type === 'class_definition') return undefined;
  }
  return null;
}

/**
 * True when the file itself binds `name` where `at` can see it (a def, class or plain assignment at module level or
 * in an enclosing function): such a name shadows a builtin or a `from m import *`. Methods and class attributes
 * do not count, since a bare name never reaches them.
 */
export function locallyDefined(model: PythonModel, name: string, at: SyntaxNode): boolean {
  let names = localNamesCache.get(model);
  if (!names) {
    names = new Map();
    for (const n of model.root.descendantsOfType(['function_definition', 'class_definition', 'assignment'])) {
      const target = n && (n.type === 'assignment' ? n.childForFieldName('left') : n.childForFieldName('name'));
      if (!n || target?.type !== 'identifier') continue;
      const scope = bindingScope(n);
      if (scope === undefined) continue;
      const list = names.get(target.text) ?? [];
      list.push(scope);
      names.set(target.text, list);
    }
    localNamesCache.set(model, names);
  }
  return (names.get(name) ?? []).some((scope) =>
    scope === null || (scope.startIndex <= at.startIndex && at.endIndex <= scope.endIndex));
}

/** The qualified names of every call in the file. */
function calledNames(model: PythonModel): Set<string> {
  let names = callNamesCache.get(model);
  if (!names) {
    names = new Set();
    for (const c of model.root.descendantsOfType('call')) {
      const q = model.callName(c);
      if (q) names.add(q);
    }
    callNamesCache.set(model, names);
  }
  return names;
}

/** True when the file calls `qualified` anywhere (e.g. `defusedxml.defuse_stdlib`). */
export function fileCalls(model: PythonModel, qualified: string): boolean {
  return calledNames(model).has(qualified);
}

const starPrefixesCache = new WeakMap<PythonModel, string[]>();

/** `m.` for every `from m import *` of the file. */
function starPrefixes(model: PythonModel): string[] {
  let stars = starPrefixesCache.get(model);
  if (!stars) {
    stars = model.imports.records.filter((r) => r.local === null && r.qualified.endsWith('.*')).map((r) => r.qualified.slice(0, -1));
    starPrefixesCache.set(model, stars);
  }
  return stars;
}

const mayCallCache = new WeakMap<PythonModel, Map<readonly string[], boolean>>();

/**
 * Whether some call of the file could resolve to one of `patterns` (by its own name or as a bare name brought in by
 * `from m import *`): when none can, a blacklist rule has nothing to look at in the file. Checks each distinct
 * name once, instead of every call once per rule.
 */
export function fileMayCall(model: PythonModel, patterns: readonly string[]): boolean {
  let perModel = mayCallCache.get(model);
  if (!perModel) mayCallCache.set(model, perModel = new Map());
  let may = perModel.get(patterns);
  if (may === undefined) {
    const stars = starPrefixes(model);
    may = false;
    for (const name of calledNames(model)) {
      if (matchesName(name, patterns) || (!name.includes('.') && stars.some((s) => matchesName(`${s}${name}`, patterns)))) {
        may = true;
        break;
      }
    }
    perModel.set(patterns, may);
  }
  return may;
}

/**
 * The listed name a call resolves to. Beyond Bandit's alias resolution, a bare name brought in by
 * `from m import *` resolves to `m.name` unless the file defines that name itself; a bare builtin (`eval`) only
 * counts when neither an import nor a local definition rebinds it.
 */
export function resolveCall(model: PythonModel, call: SyntaxNode, names: readonly string[]): string | null {
  const name = model.callName(call);
  if (!name) return null;
  const bare = !name.includes('.') && model.imports.lookup(name) === undefined;
  let hit = matchesName(name, names) ? name : null;
  if (!hit && bare) {
    for (const r of model.imports.records) {
      if (r.local !== null || !r.qualified.endsWith('.*')) continue;
      const candidate = `${r.qualified.slice(0, -2)}.${name}`;
      if (matchesName(candidate, names)) { hit = candidate; break; }
    }
  }
  // Checked last: the scan for local definitions is the expensive part and most calls never get here.
  if (!hit || (bare && locallyDefined(model, name, call))) return null;
  return hit;
}

export function blacklistCallRule(entry: BlacklistEntry, options: CallRuleOptions): Rule {
  if (entry.kind !== 'call') throw new Error(`${entry.bandit} is not a call blacklist`);
  return defineRule({
    meta: metaOf(entry, options),
    create(ctx) {
      const visitors: Visitors = !fileMayCall(ctx.model, entry.names) ? {} : {
        call(node) {
          const name = resolveCall(ctx.model, node, entry.names);
          if (!name) return;
          const verdict = options.refine ? options.refine({ call: node, name }, ctx) : {};
          if (verdict === null) return;
          const code = callee(node)?.text ?? name;
          ctx.report({
            node: verdict.node ?? node, messageId: verdict.messageId ?? 'blacklisted',
            data: { name, code, ...verdict.data },
            ...(verdict.severity ? { severity: verdict.severity } : {}),
            ...(verdict.confidence ? { confidence: verdict.confidence } : {}),
          });
        },
      };
      const extra = options.extend?.(ctx) ?? {};
      for (const [type, visit] of Object.entries(extra)) {
        const own = visitors[type];
        visitors[type] = own ? (n) => { own(n); visit(n); } : visit;
      }
      return visitors;
    },
  });
}

/** The listed module an imported path falls under, unless it is one of the entry's harmless members. */
export function matchImport(entry: BlacklistEntry, imported: string): string | null {
  if ((entry.harmless ?? []).some((h) => underPath(imported, h))) return null;
  return entry.names.find((n) => underPath(imported, n)) ?? null;
}

const importsByStatementCache = new WeakMap<PythonModel, Map<number, ImportRecord[]>>();

/** The file's import records by the id of their statement: built once per file for all the import rules. */
function importsByStatement(model: PythonModel): Map<number, ImportRecord[]> {
  let byStatement = importsByStatementCache.get(model);
  if (!byStatement) {
    byStatement = new Map();
    for (const r of model.imports.records) {
      const list = byStatement.get(r.node.id) ?? [];
      list.push(r);
      byStatement.set(r.node.id, list);
    }
    importsByStatementCache.set(model, byStatement);
  }
  return byStatement;
}

const DYNAMIC_IMPORTERS = new Set(['importlib.import_module', 'importlib.__import__']);

/** The module a `__import__('x')` / `importlib.import_module('x')` call loads, when it is a literal. */
function dynamicImportTarget(model: PythonModel, call: SyntaxNode): string | null {
  const fn = callee(call);
  if (!fn) return null;
  const f = unparenthesize(fn);
  const builtin = f.type === 'identifier' && f.text === '__import__' && model.imports.lookup('__import__') === undefined;
  if (!builtin && !DYNAMIC_IMPORTERS.has(model.callName(call) ?? '')) return null;
  return stringValue(argument(call, 0, 'name'));
}

export function blacklistImportRule(entry: BlacklistEntry, options: ImportRuleOptions): Rule {
  if (entry.kind !== 'import') throw new Error(`${entry.bandit} is not an import blacklist`);
  return defineRule({
    meta: metaOf(entry, options),
    create(ctx) {
      const recordsOf = (node: SyntaxNode): ImportRecord[] => importsByStatement(ctx.model).get(node.id) ?? [];
      const report = (match: ImportMatch, code: string): void => {
        const verdict = options.refine ? options.refine(match, ctx) : {};
        if (verdict === null) return;
        ctx.report({
          node: verdict.node ?? match.node, messageId: verdict.messageId ?? 'blacklisted',
          data: { name: match.imported, code, ...verdict.data },
          ...(verdict.severity ? { severity: verdict.severity } : {}),
          ...(verdict.confidence ? { confidence: verdict.confidence } : {}),
        });
      };
      const statement = (node: SyntaxNode): void => {
        // One finding per statement and rule, on the statement's first line, like Bandit. Relative imports name
        // the project's own modules (`from .pickle import x`), never the stdlib one, so they are skipped.
        for (const r of recordsOf(node)) {
          if (r.qualified.startsWith('.')) continue;
          const path = r.qualified.endsWith('.*') ? r.qualified.slice(0, -2) : r.qualified;
          if (matchImport(entry, path) === null) continue;
          report({ node, imported: path, dynamic: false }, abbreviate(node.text));
          return;
        }
      };
      const visitors: Visitors = { import_statement: statement, import_from_statement: statement };
      const called = calledNames(ctx.model);
      const dynamic = called.has('__import__') || [...DYNAMIC_IMPORTERS].some((d) => called.has(d));
      // Calls matter only where the file imports dynamically or (for classes) calls a listed name.
      if (!dynamic && !(options.matchCalls && fileMayCall(ctx.model, entry.names))) return visitors;
      return {
        ...visitors,
        call(node) {
          const target = dynamicImportTarget(ctx.model, node);
          if (target !== null && matchImport(entry, target) !== null) {
            report({ node, imported: target, dynamic: true }, abbreviate(node.text));
            return;
          }
          const used = options.matchCalls ? resolveCall(ctx.model, node, entry.names) : null;
          if (used) report({ node, imported: used, dynamic: false }, callee(node)?.text ?? used);
        },
      };
    },
  });
}

// The stdlib XML functions whose first argument is the document itself rather than a file or stream.
const XML_FROM_TEXT = new Set(['fromstring', 'XML', 'parseString']);

/**
 * Shared judgement of the B313–B319 rules: a module that calls defusedxml.defuse_stdlib() has patched these
 * parsers, and a document written as a literal in the code is not untrusted input.
 */
export function refineStdlibXmlCall({ call, name }: CallMatch, ctx: RuleContext): Verdict | null {
  if (fileCalls(ctx.model, 'defusedxml.defuse_stdlib')) return null;
  const document = positionalArg(call, 0) ?? keywordArg(call, 'text') ?? keywordArg(call, 'string');
  if (XML_FROM_TEXT.has(name.split('.').pop()!) && isConstant(document)) return null;
  // Python >= 3.7.1 resolves no external entities and expat >= 2.4.1 caps expansion: what is left is a client's
  // document exhausting the parser. Only a document seen coming from a request keeps the entry's confidence.
  return remoteXmlDocument(ctx.model, call) ? {} : { confidence: 'low' };
}

/**
 * Shared judgement of the B405–B409 rules: the import is harmless once defusedxml.defuse_stdlib() runs, and an
 * import alone parses nothing, so it is a low-confidence notice (the parse call, when fed a request, is the finding).
 */
export function refineStdlibXmlImport(_match: ImportMatch, ctx: RuleContext): Verdict | null {
  return fileCalls(ctx.model, 'defusedxml.defuse_stdlib') ? null : { confidence: 'low' };
}
