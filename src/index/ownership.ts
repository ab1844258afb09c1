// Phase 1 of the "scopes by project" facts: the functions of a file that keep a lookup to the caller's project
// themselves — compare an owner field, build a filter or policy target with an owner key, pass an owner or
// `project_only=…` into a call (rulekit/ownership.ts decides). The merge (project.ts) adds the functions that return
// such a function's result, so a rule can tell `self.db.port_get(ctx, id)` that filters by project from one that
// sees every project, across files.
import type { PythonModel } from '../languages/python/model.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { ownScoping } from '../rulekit/ownership.js';
import { hasCallerIdLookup } from '../rulekit/ownershipSources.js';
import type { ScopingFact } from './types.js';

/** Only files that name an owner field or a scoping switch can scope anything (a necessary condition on the text). */
const MAY_SCOPE = /tenant|project|owner|user_id/;

export function scopingFacts(model: PythonModel, nameOf: (fn: SyntaxNode) => string | null): ScopingFact[] {
  if (!MAY_SCOPE.test(model.source)) return [];
  const out: ScopingFact[] = [];
  for (const fn of model.functions()) {
    const name = nameOf(fn);
    if (name === null) continue;
    const how = ownScoping(model, fn);
    if (how !== null) out.push({ name, how });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The file has a lookup the ownership rule may judge (one given an id its caller chose): only then do other files'
 * scoping facts join its slice, and only then does the file go to phase 2 for them.
 */
export function asksScoping(model: PythonModel): boolean {
  return hasCallerIdLookup(model);
}
