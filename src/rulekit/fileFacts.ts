// What the file under review itself declares, read exactly as the project facts (src/index/) read every file: the
// oslo.policy defaults it registers, the option an expression reads, its own functions that fall back to an admin
// context. A rule judging its own file asks here, so its reading and the merged facts of other files cannot
// disagree; it never imports the extractors (test/model/modelApi.test.ts). What other files declare comes from
// `ctx.project`.
import { contextFallbacks } from '../index/contextFallback.js';
import { qualifiedFunctionName } from '../index/extract.js';
import { optionDeclaration, optionReadOf } from '../index/options.js';
import { extractPolicies, type PolicyFileFacts } from '../index/policies.js';
import type { ContextFallbackFact, OptionDecl, OptionRead } from '../index/types.js';
import type { PythonModel } from '../languages/python/model.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';

export type { PolicyFileFacts, ContextFallbackFact, OptionDecl, OptionRead };

/** The policy defaults this file registers, with the check-string expression of each (same order) to report at. */
export function policyDefaultsOf(model: PythonModel): PolicyFileFacts {
  return extractPolicies(model);
}

/** The oslo.config option an expression reads (`CONF.g.n` → g, n; `CONF.n` → DEFAULT, n), or null. */
export function optionRead(node: SyntaxNode): OptionRead | null {
  return optionReadOf(node);
}

/** The oslo.config option a call declares (`cfg.StrOpt('password', secret=True)`), read as the project facts read it. */
export function optionDeclared(model: PythonModel, call: SyntaxNode): OptionDecl | null {
  return optionDeclaration(model, call);
}

/**
 * This file's functions that replace a missing context parameter by an admin context, keyed as
 * `ctx.project.targetOf` names a call to one of them (`:name`, `:Class.method`).
 */
export function ownContextFallbacks(model: PythonModel): Map<string, ContextFallbackFact> {
  return new Map(contextFallbacks(model, qualifiedFunctionName).map((f) => [`:${f.name}`, f]));
}
