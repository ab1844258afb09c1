// Builds rules from blacklist entries (src/models/python/blacklists.ts): calls whose resolved name is listed, and
// imports of listed modules. Per-rule judgement (literal arguments, usedforsecurity=False…) comes in as `refine`.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { BlacklistEntry } from '../models/python/blacklists.js';
import type { PythonModel } from '../languages/python/model.js';
import { argument, callee, isConstant, keywordArg, positionalArg, stringValue } from '../languages/python/syntax.js';
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

import { matchesName, underPath } from '../languages/python/names.js';

// Kept here for the rules that import them from the blacklist kit.
export { matchesName, underPath };

/** True when the file calls `qualified` anywhere (e.g. `defusedxml.defuse_stdlib`). Delegate of model.calledNames. */
export function fileCalls(model: PythonModel, qualified: string): boolean {
  return model.calledNames().has(qualified);
}

/**
 * The listed name a call resolves to, through the model's scope-aware resolver: aliases followed, a local binding
 * that shadows the import or builtin rejected, and a bare name the file binds nowhere tried under each
 * `from m import *`. Delegate of `model.callMatching` kept for the rules not yet moved to it.
 */
export function resolveCall(model: PythonModel, call: SyntaxNode, names: readonly string[]): string | null {
  return model.callMatching(call, names);
}

export function blacklistCallRule(entry: BlacklistEntry, options: CallRuleOptions): Rule {
  if (entry.kind !== 'call') throw new Error(`${entry.bandit} is not a call blacklist`);
  return defineRule({
    meta: metaOf(entry, options),
    create(ctx) {
      const visitors: Visitors = !ctx.model.mayCall(entry.names) ? {} : {
        call(node) {
          const name = ctx.model.callMatching(node, entry.names);
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

const DYNAMIC_IMPORTERS = new Set(['importlib.import_module', 'importlib.__import__']);

/** The module a `__import__('x')` / `importlib.import_module('x')` call loads, when it is a literal. */
function dynamicImportTarget(model: PythonModel, call: SyntaxNode): string | null {
  // The model resolves the builtin only where nothing in the file rebinds `__import__`.
  const name = model.callName(call) ?? '';
  if (name !== '__import__' && !DYNAMIC_IMPORTERS.has(name)) return null;
  return stringValue(argument(call, 0, 'name'));
}

export function blacklistImportRule(entry: BlacklistEntry, options: ImportRuleOptions): Rule {
  if (entry.kind !== 'import') throw new Error(`${entry.bandit} is not an import blacklist`);
  return defineRule({
    meta: metaOf(entry, options),
    create(ctx) {
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
        for (const r of ctx.model.importsOf(node)) {
          if (r.qualified.startsWith('.')) continue;
          const path = r.qualified.endsWith('.*') ? r.qualified.slice(0, -2) : r.qualified;
          if (matchImport(entry, path) === null) continue;
          report({ node, imported: path, dynamic: false }, abbreviate(node.text));
          return;
        }
      };
      const visitors: Visitors = { import_statement: statement, import_from_statement: statement };
      const called = ctx.model.calledNames();
      const dynamic = called.has('__import__') || [...DYNAMIC_IMPORTERS].some((d) => called.has(d));
      // Calls matter only where the file imports dynamically or (for classes) calls a listed name.
      if (!dynamic && !(options.matchCalls && ctx.model.mayCall(entry.names))) return visitors;
      return {
        ...visitors,
        call(node) {
          const target = dynamicImportTarget(ctx.model, node);
          if (target !== null && matchImport(entry, target) !== null) {
            report({ node, imported: target, dynamic: true }, abbreviate(node.text));
            return;
          }
          const used = options.matchCalls ? ctx.model.callMatching(node, entry.names) : null;
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
