// What a rule sees of the project (`ctx.project`): its file's slice of the project facts, asked by the names the
// file itself uses. Empty in phase 1 and for files that use nothing the facts know; the engine re-runs the rules
// that ask it (meta.usesProject) in phase 2 with the merged facts.
import type { PythonModel } from '../languages/python/model.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { normaliseName, type DeclaredVersions } from './declaredDependencies.js';
import { callTarget, topLevelNames } from './extract.js';
import { EMPTY_SLICE, isEmptySlice, type EncoderFact, type FunctionSummaryFacts, type OptionFacts, type ProjectSlice } from './types.js';

/** A file's top-level names, per model (targetOf is asked per call). */
const topLevels = new WeakMap<PythonModel, ReadonlySet<string>>();

export class ProjectView {
  static readonly empty = new ProjectView(EMPTY_SLICE);

  constructor(readonly slice: ProjectSlice, readonly declared: DeclaredVersions = {}) {}

  /**
   * The lowest version of a distribution the file's project lets be installed (its requirements.txt, setup.cfg or
   * pyproject.toml; sources/projectManifests.ts), for the distributions in models/python/declaredVersions.ts;
   * undefined when unknown. Given to every rule, in both phases.
   */
  declaredMinimum(distribution: string): string | undefined {
    const name = normaliseName(distribution);
    return Object.hasOwn(this.declared, name) ? this.declared[name] : undefined;
  }

  /**
   * The name under which the facts know the function `call` invokes (extract.ts callTarget: qualified through the
   * imports, `:name` for this file's own), for the questions below; null for calls on computed values and locals.
   */
  targetOf(model: PythonModel, call: SyntaxNode): string | null {
    let top = topLevels.get(model);
    if (!top) { top = topLevelNames(model); topLevels.set(model, top); }
    return callTarget(model, call, top);
  }

  get isEmpty(): boolean {
    return isEmptySlice(this.slice);
  }

  /** The declared attributes of option `group.name` read in this file, when the project (or a library) declares it. */
  option(group: string, name: string): OptionFacts | undefined {
    return Object.hasOwn(this.slice.options, `${group}.${name}`) ? this.slice.options[`${group}.${name}`] : undefined;
  }

  /** The check string of a policy rule another file of the project defines, when a default of this file uses it. */
  policyRule(name: string): string | undefined {
    const r = this.slice.policyRules;
    return r && Object.hasOwn(r, name) ? r[name] : undefined;
  }

  /** The value of another module's constant this file's check strings name (`⟨nova.policies.base.RULE_ANY⟩`). */
  policyRef(ref: string): string | undefined {
    const r = this.slice.policyRefs;
    return r && Object.hasOwn(r, ref) ? r[ref] : undefined;
  }

  /** The context parameter a function of another file replaces by an admin context when the call leaves it out. */
  contextFallback(target: string): { param: string; index: number } | undefined {
    const r = this.slice.contextFallbacks;
    return r && Object.hasOwn(r, target) ? r[target] : undefined;
  }

  /** The classes a function of another file raises by its own `raise` statements, when all are named. */
  raises(target: string): readonly string[] | undefined {
    const r = this.slice.raises;
    return r && Object.hasOwn(r, target) ? r[target] : undefined;
  }

  /**
   * How a function of another file keeps a lookup to the caller's project (compares an owner, filters by one, or
   * returns what such a function returns), when it does.
   */
  scopesByProject(target: string): string | undefined {
    const r = this.slice.scoping;
    return r && Object.hasOwn(r, target) ? r[target] : undefined;
  }

  /** The library encoder every value a function of another file returns comes from, when one does (index/encoders.ts). */
  encoder(target: string): Omit<EncoderFact, 'name'> | undefined {
    const r = this.slice.encoders;
    return r && Object.hasOwn(r, target) ? r[target] : undefined;
  }

  /** A function of another file whose body cannot raise (index/raises.ts nonRaisingFunctions). */
  cannotRaise(target: string): boolean {
    return this.slice.nonRaising?.includes(target) ?? false;
  }

  /** The summary of the function a call names (`extract.ts` callTarget), when it is defined in another file. */
  function(target: string): FunctionSummaryFacts | undefined {
    return Object.hasOwn(this.slice.functions, target) ? this.slice.functions[target] : undefined;
  }
}
