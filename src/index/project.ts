// Phase 1½: the per-file facts merged into project facts — options by (root, group, name), function summaries
// resolved across files to a fixpoint ("returns a secret", "masks its argument") — and, per file, the slice of them
// that file can ask about (ProjectSlice). Runs in the main thread between the two phases; pure and deterministic:
// files are taken in path order, whatever order the workers delivered them in.
import { createHash } from 'node:crypto';
import { LIBRARY_SECRET_OPTIONS } from '../models/python/openstack/secrets.js';
import { CppClassIndex } from './cpp/classFacts.js';
import { ModuleMap } from './modules.js';
import { LazyNameTable, type NameTable } from './nameTable.js';
import { fillRefs, refsOf } from './policies.js';
import type { EncoderFact, FileFacts, FunctionFacts, FunctionSummaryFacts, ImageFacts, ImageRoleSummary, OptionDecl, OptionFacts, ProjectSlice } from './types.js';

/** Re-export hops followed through packages' imports (`from .utils import mask` in an `__init__`). */
const MAX_REEXPORT_HOPS = 3;
/** Fixpoint rounds over the summaries: call chains deeper than this are not followed (each round adds a hop). */
const MAX_ROUNDS = 8;

interface FunctionEntry { path: string; facts: FunctionFacts }

/**
 * A merge rebuilt from the last one (engine/projectPhase.ts's incremental merge): every file's path, each file's facts
 * read on demand (a changed file's fresh ones, the others' from the stored index), the files whose facts declare
 * options or policies (the tables read whole), and the last merge's summaries and scopers.
 */
export interface RestoredMerge {
  paths: readonly string[];
  facts(path: string): FileFacts | undefined;
  tablePaths: readonly string[];
  summaries: ReadonlyArray<[string, FunctionSummaryFacts]>;
  scopers: ReadonlyArray<[string, string]>;
}

/** The files whose facts declare options or policies, sorted: what a restored merge reads whole (RestoredMerge). */
export function tablePathsOf(all: readonly FileFacts[]): string[] {
  return all.filter((f) => f.options.length > 0 || f.policies.length > 0).map((f) => f.path).sort();
}

/** A return part with its referent resolved (resolveSummaries): a secret option's message, a mask, or a callee. */
type PlannedPart = { kind: 'option'; secret: string } | { kind: 'mask'; param: number } | { kind: 'call'; callee: string; param: number };
interface ImagePlan { own: ImageFacts; calls: string[]; returnedCalls: string[] }
interface SummaryPlan { name: string; returns: PlannedPart[]; image: ImagePlan | undefined }

/** The targets that resolve, in their order. */
function resolvedAll(targets: readonly string[], resolve: (t: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const t of targets) {
    const r = resolve(t);
    if (r !== undefined) out.push(r);
  }
  return out;
}

export class ProjectFacts {
  readonly modules: ModuleMap;
  /** Every file's facts (a full merge), or undefined when they are read on demand (a restored merge). */
  private readonly files: Map<string, FileFacts> | undefined;
  private readonly restored: RestoredMerge | undefined;
  /** `root\0group\0name` → declarations (group null entries under `root\0?\0name`). */
  private readonly options = new Map<string, Array<{ path: string; decl: OptionDecl }>>();
  /** Whether `options` and `policyRules` are filled (a restored merge fills them on first use). */
  private tablesRead: boolean;
  /** Absolute `module.func` / `module.Class.method` → its facts (a Map in a full merge: its names are iterated). */
  private readonly functions: NameTable<FunctionEntry>;
  private readonly summaries = new Map<string, FunctionSummaryFacts>();
  /**
   * resolveFunction's answers: every file asks about the calls it makes, and most targets are called from many files
   * (a warm nova run asked ~10x more than there are distinct questions). The answer depends on the target and, for a
   * relative or own-module name, on the asking file, else only on its source root (ModuleMap.split/fileOf); the
   * functions it looks in are all known before the first question, so an answer never goes stale.
   */
  private readonly resolved = new Map<string, string | undefined>();
  /** The same for the functions with a context fallback and those with a raise set (sliceFor asks per call). */
  private readonly resolvedFallbacks = new Map<string, string | undefined>();
  private readonly resolvedRaisers = new Map<string, string | undefined>();
  /** Absolute `module.func` / `module.Class.method` → the context parameter it replaces by an admin context. */
  private readonly fallbacks: NameTable<{ param: string; index: number }>;
  /** Absolute `module.func` / `module.Class.method` → the classes its own `raise` statements name. */
  private readonly raisers: NameTable<string[]>;
  /** Absolute `module.func` / `module.Class.method` → how it keeps a lookup to the caller's project (scopingFacts, then returns). */
  private readonly scopers = new Map<string, string>();
  private readonly resolvedScopers = new Map<string, string | undefined>();
  /** Absolute `module.func` → the library encoder all its return values come from (encoders.ts). */
  private readonly encoders: NameTable<Omit<EncoderFact, 'name'>>;
  private readonly resolvedEncoders = new Map<string, string | undefined>();
  /** Absolute `module.func` → true: its body cannot raise (raises.ts nonRaisingFunctions). */
  private readonly nonRaising: NameTable<true>;
  private readonly resolvedNonRaising = new Map<string, string | undefined>();
  /** Absolute `module.NAME` → the check-string template a module constant holds. */
  private readonly policyConstants: NameTable<{ path: string; template: string }>;
  /** `root\0name` → the check-string template of the policy rule of that name (the first file in path order). */
  private readonly policyRules = new Map<string, { path: string; template: string }>();

  /**
   * The import bindings a name resolution looked up (re-exports followed through them), as `path\0local name`:
   * only a change of these bindings can change an answer (engine/projectPhase.ts's incremental merge asks it).
   */
  readonly importsConsulted = new Set<string>();
  /**
   * Every name a resolution asked whether it is a known function (hops of re-exports included): only adding or
   * removing a function of one of these names can change an answer.
   */
  readonly askedNames = new Set<string>();
  /** C/C++ classes by name, built on the first C/C++ file's slice (cpp/classFacts.ts). */
  private cppClasses: CppClassIndex | undefined;
  /** The plans resolveSummaries made (for effectivePlan). */
  private readonly plans = new Map<string, SummaryPlan>();

  /**
   * `summaries`: the function summaries an earlier merge of facts with the same function, option and policy facts
   * resolved (exportSummaries), and `scopers` the functions it found to scope by project (exportScopers); they are
   * taken as they are instead of being resolved again. Then the functions' facts are only asked for their names.
   */
  constructor(all: readonly FileFacts[] | RestoredMerge, summaries?: ReadonlyArray<[string, FunctionSummaryFacts]>, scopers?: ReadonlyArray<[string, string]>) {
    if (!Array.isArray(all)) {
      // Restored: the tables keyed by qualified name are answered per name from the files of its module, and the
      // stored scopers are all of them (each file's own included; no incremental merge changes a file's).
      const restored = all as RestoredMerge;
      this.restored = restored;
      this.files = undefined;
      this.tablesRead = false;
      const paths = [...restored.paths].sort();
      this.modules = new ModuleMap(paths);
      const byModule = LazyNameTable.modulesOf(this.modules, paths);
      // A stored entry that cannot be read answers as a file with nothing in it: the state is sealed, so only a bug
      // could make one, and engine/projectPhase.ts checks every file has an entry before building the merge.
      const none = { functions: [], contextFallbacks: [], raises: [], policyConstants: [] };
      const facts = (path: string): Pick<FileFacts, 'functions' | 'contextFallbacks' | 'raises' | 'policyConstants' | 'encoders' | 'nonRaising'> => restored.facts(path) ?? none;
      this.functions = new LazyNameTable(byModule, (path) => facts(path).functions.map((fn) => [fn.name, { path, facts: fn }] as const));
      this.fallbacks = new LazyNameTable(byModule, (path) => facts(path).contextFallbacks.map((c) => [c.name, { param: c.param, index: c.index }] as const));
      this.raisers = new LazyNameTable(byModule, (path) => facts(path).raises.map((r) => [r.name, r.raises] as const));
      this.policyConstants = new LazyNameTable(byModule, (path) => facts(path).policyConstants.map(([name, template]) => [name, { path, template }] as const));
      this.encoders = new LazyNameTable(byModule, (path) => (facts(path).encoders ?? []).map(({ name, ...e }) => [name, e] as const));
      this.nonRaising = new LazyNameTable(byModule, (path) => (facts(path).nonRaising ?? []).map((name) => [name, true] as const));
      for (const [name, s] of restored.summaries) this.summaries.set(name, s);
      for (const [name, how] of restored.scopers) this.scopers.set(name, how);
      return;
    }
    const sorted = [...(all as readonly FileFacts[])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.restored = undefined;
    this.files = new Map();
    this.tablesRead = true;
    this.modules = new ModuleMap(sorted.map((f) => f.path));
    const functions = new Map<string, FunctionEntry>();
    const fallbacks = new Map<string, { param: string; index: number }>();
    const raisers = new Map<string, string[]>();
    const policyConstants = new Map<string, { path: string; template: string }>();
    const encoders = new Map<string, Omit<EncoderFact, 'name'>>();
    const nonRaising = new Map<string, true>();
    for (const f of sorted) {
      this.files.set(f.path, f);
      this.addTables(f);
      const info = this.modules.info(f.path);
      if (!info) continue;
      for (const [name, template] of f.policyConstants) policyConstants.set(`${info.module}.${name}`, { path: f.path, template });
      for (const c of f.contextFallbacks) fallbacks.set(`${info.module}.${c.name}`, { param: c.param, index: c.index });
      for (const r of f.raises) raisers.set(`${info.module}.${r.name}`, r.raises);
      for (const sc of f.scoping) this.scopers.set(`${info.module}.${sc.name}`, sc.how);
      for (const { name, ...e } of f.encoders ?? []) encoders.set(`${info.module}.${name}`, e);
      for (const name of f.nonRaising ?? []) nonRaising.set(`${info.module}.${name}`, true);
      for (const fn of f.functions) functions.set(`${info.module}.${fn.name}`, { path: f.path, facts: fn });
    }
    this.functions = functions;
    this.fallbacks = fallbacks;
    this.raisers = raisers;
    this.policyConstants = policyConstants;
    this.encoders = encoders;
    this.nonRaising = nonRaising;
    if (summaries) {
      for (const [name, s] of summaries) this.summaries.set(name, s);
      // The derived scopers come from other files' return facts, which an index does not carry.
      for (const [name, how] of scopers ?? []) this.scopers.set(name, how);
    } else {
      this.resolveSummaries();
      this.resolveScopers();
    }
  }

  /** A file's options and policy rules added to the tables read whole (`options`, `policyRules`), in path order. */
  private addTables(f: FileFacts): void {
    const root = this.modules.info(f.path)?.root ?? '';
    for (const decl of f.options) {
      const k = `${root}\0${decl.group ?? '?'}\0${decl.name}`;
      const list = this.options.get(k) ?? [];
      list.push({ path: f.path, decl });
      this.options.set(k, list);
    }
    for (const p of f.policies) {
      const k = `${root}\0${p.name}`;
      if (p.check !== null && !this.policyRules.has(k)) this.policyRules.set(k, { path: f.path, template: p.check });
    }
  }

  /** A restored merge fills the tables read whole on first use, from the files that declare options or policies. */
  private readTables(): void {
    if (this.tablesRead) return;
    this.tablesRead = true;
    for (const path of this.restored!.tablePaths) {
      const f = this.restored!.facts(path);
      if (f) this.addTables(f);
    }
  }

  /** A file's facts, read on demand in a restored merge. */
  private factsOf(path: string): FileFacts | undefined {
    return this.files ? this.files.get(path) : this.restored!.facts(path);
  }

  /** Every file's facts in path order (a restored merge reads them all: only C/C++ slices ask). */
  private allFiles(): Iterable<FileFacts> {
    if (this.files) return this.files.values();
    return [...this.restored!.paths].sort().map((p) => this.restored!.facts(p)).filter((f): f is FileFacts => f !== undefined);
  }

  /** The function names of a full merge (a restored one never iterates them: its summaries are given). */
  private functionNames(): string[] {
    if (!(this.functions instanceof Map)) throw new Error('a restored merge does not list its functions');
    return [...this.functions.keys()];
  }

  /**
   * What a function's facts contribute to any summary, given the final summaries, as a stable string; undefined when
   * nothing. A summary, once a function has one, is only ever replaced by another (resolveSummaries never removes
   * one), and so is an image role and a probe role: a callee without one at the end never had one in any round, and
   * a part naming it never contributed. So facts whose effective plans are the same as before take the summaries
   * through the same rounds to the same end — with the options, names and other facts the plans resolve against
   * unchanged (engine/projectPhase.ts checks those), the stored summaries stand.
   */
  effectivePlan(name: string): string | undefined {
    const plan = this.plans.get(name) ?? (this.functions.has(name) ? this.planOf(name) : undefined);
    if (!plan) return undefined;
    const returns = plan.returns.filter((p) => p.kind !== 'call' || this.summaries.has(p.callee));
    const img = plan.image;
    const calls = img ? img.calls.filter((c) => this.summaries.get(c)?.image !== undefined) : [];
    const returned = img ? img.returnedCalls.filter((c) => this.summaries.get(c)?.image?.probes === true) : [];
    // imageRoles reads these three of a function's own roles, and its callees' roles.
    const own = img ? { r: img.own.returnsProbe, c: img.own.converts, v: img.own.validates } : undefined;
    const image = own && (own.r || own.c || own.v || calls.length > 0 || returned.length > 0) ? { ...own, calls, returned } : undefined;
    // resolveScopers reads the calls whose result a function returns, when the callee scopes by project.
    const scopes = plan.returns.flatMap((p) => (p.kind === 'call' && this.scopers.has(p.callee) ? [p.callee] : []));
    if (returns.length === 0 && !image && scopes.length === 0) return undefined;
    return JSON.stringify({ returns, ...(image ? { image } : {}), ...(scopes.length > 0 ? { scopes } : {}) });
  }

  /** The effective plans of every function that has one, by name (sorted). */
  exportPlans(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.functionNames().sort()) {
      const p = this.effectivePlan(name);
      if (p !== undefined) out[name] = p;
    }
    return out;
  }

  /** The module of a file, as its functions' qualified names begin (undefined for a file outside any module). */
  moduleOf(path: string): string | undefined {
    return this.modules.info(path)?.module;
  }

  /** Every function known to scope by project, with how (sorted), for a later merge of facts with the same global parts. */
  exportScopers(): Array<[string, string]> {
    return [...this.scopers].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Every resolved summary, by name (sorted), for a later merge of facts with the same global parts. */
  exportSummaries(): Array<[string, FunctionSummaryFacts]> {
    return [...this.summaries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /**
   * A function that returns the result of a call to a function that scopes by project scopes too (`get_port(ctx,
   * id): return self._get_port(ctx, id)` where `_get_port` filters by the context's project), to a fixpoint.
   */
  private resolveScopers(): void {
    const returning: Array<{ name: string; callees: string[] }> = [];
    for (const name of this.functionNames().sort()) {
      const { path, facts } = this.functions.get(name)!;
      const callees = facts.returns.flatMap((p) => (p.kind === 'call' ? [this.resolveFunction(p.target, path)] : []))
        .filter((c): c is string => c !== undefined);
      if (callees.length > 0) returning.push({ name, callees });
    }
    for (let round = 0, changed = true; changed && round < MAX_ROUNDS; round++) {
      changed = false;
      for (const { name, callees } of returning) {
        if (this.scopers.has(name)) continue;
        const callee = callees.find((c) => this.scopers.has(c));
        if (callee === undefined) continue;
        this.scopers.set(name, `returns \`${callee}()\`, which ${this.scopers.get(callee)!.replace(/^returns .*?, which /, '')}`);
        changed = true;
      }
    }
  }

  /** The option `group.name` as read from `fromPath`: declared in the same source root, or by a library. */
  option(group: string, name: string, fromPath: string): OptionFacts | undefined {
    this.readTables();
    const root = this.modules.info(fromPath)?.root ?? '';
    const exact = this.options.get(`${root}\0${group}\0${name}`) ?? this.options.get(`${root}\0?\0${name}`);
    if (exact) {
      const { path, decl } = exact.find((d) => d.decl.secret) ?? exact[0]!;
      return { secret: decl.secret, type: decl.type, declaredAt: `${path}:${decl.line}` };
    }
    if (LIBRARY_SECRET_OPTIONS.has(`${group}.${name}`)) return { secret: true, type: 'StrOpt', declaredAt: 'a library (registered with secret=True)' };
    return undefined;
  }

  /** The function a call target names, seen from `fromPath` (see extract.ts callTarget), after re-exports. */
  resolveFunction(target: string, fromPath: string): string | undefined {
    return this.resolveMemo(target, fromPath, this.functions, this.resolved);
  }

  /**
   * resolveUncached with `names` as the known names, its answers memoised in `memo`. The answer depends on the target
   * and, for a relative or own-module name, on the asking file, else only on its source root (ModuleMap.split/fileOf);
   * `names` is complete before the first question, so an answer never goes stale.
   */
  private resolveMemo(target: string, fromPath: string, names: { has(name: string): boolean }, memo: Map<string, string | undefined>): string | undefined {
    const relative = target.startsWith('.') || target.startsWith(':');
    const info = relative ? undefined : this.modules.info(fromPath);
    // A file outside any module has no root: ModuleMap.fileOf then accepts only a module's single candidate.
    const key = relative ? `p\0${fromPath}\0${target}` : info ? `r\0${info.root}\0${target}` : `n\0${target}`;
    if (memo.has(key)) return memo.get(key);
    const answer = this.resolveUncached(target, fromPath, (n) => names.has(n));
    memo.set(key, answer);
    return answer;
  }

  private resolveUncached(target: string, fromPath: string, known: (name: string) => boolean): string | undefined {
    let name = this.modules.absolute(target, fromPath);
    for (let hop = 0; name !== undefined && hop <= MAX_REEXPORT_HOPS; hop++) {
      this.askedNames.add(name);
      if (known(name)) return name;
      const split = this.modules.split(name, fromPath);
      if (!split) return undefined;
      const [head, ...tail] = split.rest.split('.');
      this.importsConsulted.add(`${split.path}\0${head}`);
      const imported = this.factsOf(split.path)?.imports.find(([local]) => local === head)?.[1];
      if (imported === undefined) return undefined;
      name = this.modules.absolute([imported, ...tail].join('.'), split.path);
      fromPath = split.path;
    }
    return undefined;
  }

  /** The value of the module constant `ref` names in `fromPath`, other constants filled in (depth-bounded). */
  policyRef(ref: string, fromPath: string, depth = 8): string | undefined {
    const abs = this.modules.absolute(ref, fromPath);
    const entry = abs === undefined || depth <= 0 ? undefined : this.policyConstants.get(abs);
    return entry && fillRefs(entry.template, (r) => this.policyRef(r, entry.path, depth - 1));
  }

  /** The check string of the policy rule `name` as the project (the source root of `fromPath`) defines it. */
  policyRule(name: string, fromPath: string): string | undefined {
    this.readTables();
    const root = this.modules.info(fromPath)?.root ?? '';
    const entry = this.policyRules.get(`${root}\0${name}`);
    return entry && fillRefs(entry.template, (r) => this.policyRef(r, entry.path));
  }

  summary(qualified: string): FunctionSummaryFacts | undefined {
    return this.summaries.get(qualified);
  }

  /**
   * The summaries to a fixpoint. What each part of a function refers to (the option it reads, the function a call
   * resolves to) does not depend on the summaries, so it is looked up once, before the rounds: a warm nova run spent
   * most of this phase re-resolving the same targets in every round. The rounds, their order and so the messages
   * chosen are the same as resolving in place.
   */
  private resolveSummaries(): void {
    const plans = this.functionNames().sort().map((name) => this.planOf(name));
    for (const plan of plans) this.plans.set(plan.name, plan);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let changed = false;
      for (const plan of plans) {
        const old = this.summaries.get(plan.name);
        const next: FunctionSummaryFacts = {};
        for (const part of plan.returns) {
          if (part.kind === 'option') {
            if (next.returnsSecret === undefined) next.returnsSecret = part.secret;
          } else if (part.kind === 'mask') {
            next.masks ??= part.param;
          } else {
            const s = this.summaries.get(part.callee);
            if (!s) continue;
            if (s.returnsSecret !== undefined && next.returnsSecret === undefined) next.returnsSecret = `\`${part.callee}()\`, which returns ${s.returnsSecret}`;
            if (s.masks === 0 && part.param >= 0) next.masks ??= part.param;
          }
        }
        const image = plan.image ? this.imageRoles(plan.image) : undefined;
        if (image) next.image = image;
        if (next.returnsSecret === undefined && next.masks === undefined && next.image === undefined) continue;
        if (!old || old.returnsSecret !== next.returnsSecret || old.masks !== next.masks || !sameImageRoles(old.image, next.image)) {
          this.summaries.set(plan.name, next);
          changed = true;
        }
      }
      if (!changed) break;
    }
  }

  /** A function's parts with what they refer to resolved; parts that can never contribute are dropped. */
  private planOf(name: string): SummaryPlan {
    const { path, facts } = this.functions.get(name)!;
    const returns: PlannedPart[] = [];
    for (const part of facts.returns) {
      if (part.kind === 'option') {
        const o = this.option(part.group, part.name, path);
        if (o?.secret) returns.push({ kind: 'option', secret: `option \`${part.group}.${part.name}\` declared secret at ${o.declaredAt}` });
      } else if (part.kind === 'mask') {
        returns.push({ kind: 'mask', param: part.param });
      } else {
        const callee = this.resolveFunction(part.target, path);
        if (callee !== undefined) returns.push({ kind: 'call', callee, param: part.param });
      }
    }
    const image = facts.image && {
      own: facts.image,
      calls: resolvedAll(facts.image.calls, (t) => this.resolveFunction(t, path)),
      returnedCalls: resolvedAll(facts.image.returnedCalls, (t) => this.resolveFunction(t, path)),
    };
    return { name, returns, image };
  }

  /**
   * A function's image roles: its own (from its file) and those its callees carry, with the precedence a same-file
   * wrapper has (rulekit/imageHandling): a callee that validates makes the caller validate, one that converts without
   * validating makes it convert, one that probes makes it a probe when it returns a value.
   */
  private imageRoles(plan: ImagePlan): ImageRoleSummary | undefined {
    let probes = plan.own.returnsProbe;
    let converts = plan.own.converts;
    let validates = plan.own.validates;
    for (const callee of plan.calls) {
      const s = this.summaries.get(callee)?.image;
      if (!s) continue;
      if (s.validates) validates = true;
      else if (s.converts) converts = true;
    }
    for (const callee of plan.returnedCalls) {
      if (this.summaries.get(callee)?.image?.probes) probes = true;
    }
    if (!probes && !converts && !validates) return undefined;
    const out: ImageRoleSummary = {};
    if (probes) out.probes = true;
    if (converts) out.converts = true;
    if (validates) out.validates = true;
    return out;
  }

  /**
   * What `path` can ask the project: the secret options it reads and the functions of other files it calls that
   * have a summary. Only facts that change a project-aware rule's answer are in it (a non-secret option or a
   * function with no summary answers like an unknown one), so most files have an empty slice and keep their
   * phase-1 results.
   */
  sliceFor(path: string): ProjectSlice {
    const facts = this.factsOf(path);
    const slice: ProjectSlice = { options: {}, functions: {} };
    if (!facts) return slice;
    if (facts.cpp) {
      this.cppClasses ??= new CppClassIndex(this.allFiles());
      const classes = this.cppClasses.sliceFor(facts);
      if (classes) slice.cppClasses = classes;
      return slice;
    }
    for (const r of facts.reads) {
      const o = this.option(r.group, r.name, path);
      if (o?.secret) slice.options[`${r.group}.${r.name}`] = o;
    }
    for (const target of facts.calls) {
      const fn = this.resolveFunction(target, path);
      const s = fn ? this.summaries.get(fn) : undefined;
      if (s) slice.functions[target] = s;
    }
    // Image roles matter only to a file that calls a converter of another file (the image rule reports conversions):
    // elsewhere they would make the slice non-empty, and the file's project-aware rules re-run, for nothing.
    const callsConverter = Object.values(slice.functions).some((s) => s.image?.converts && !s.image.validates);
    if (!callsConverter) {
      for (const [target, s] of Object.entries(slice.functions)) {
        if (!s.image) continue;
        const { image: _image, ...rest } = s;
        if (rest.returnsSecret === undefined && rest.masks === undefined) delete slice.functions[target];
        else slice.functions[target] = rest;
      }
    }
    if (facts.policies.some((p) => p.write === true)) this.policySlice(facts, slice);
    const fallbacks: Record<string, { param: string; index: number }> = {};
    for (const target of facts.calls) {
      const fn = this.resolveMemo(target, path, this.fallbacks, this.resolvedFallbacks);
      if (fn) fallbacks[target] = this.fallbacks.get(fn)!;
    }
    if (Object.keys(fallbacks).length > 0) slice.contextFallbacks = fallbacks;
    // Raise sets matter only to a file with an `except` that lists types (the typed-rollback analysis asks them).
    if (facts.catchesTyped) {
      const raises: Record<string, string[]> = {};
      for (const target of facts.calls) {
        const fn = this.resolveMemo(target, path, this.raisers, this.resolvedRaisers);
        if (fn) raises[target] = this.raisers.get(fn)!;
      }
      if (Object.keys(raises).length > 0) slice.raises = raises;
    }
    // Scoping facts matter only to a file with a lookup the ownership rule judges.
    if (facts.asksScoping) {
      const scoping: Record<string, string> = {};
      for (const target of facts.calls) {
        const fn = this.resolveMemo(target, path, this.scopers, this.resolvedScopers);
        if (fn) scoping[target] = this.scopers.get(fn)!;
      }
      if (Object.keys(scoping).length > 0) slice.scoping = scoping;
    }
    // Encoders matter only to a file that builds markup, non-raising functions only to one that creates resources.
    if (facts.buildsMarkup) {
      const encoders: Record<string, Omit<EncoderFact, 'name'>> = {};
      for (const target of facts.calls) {
        const fn = this.resolveMemo(target, path, this.encoders, this.resolvedEncoders);
        if (fn) encoders[target] = this.encoders.get(fn)!;
      }
      if (Object.keys(encoders).length > 0) slice.encoders = encoders;
    }
    if (facts.createsResources) {
      const nonRaising = facts.calls.filter((target) => this.resolveMemo(target, path, this.nonRaising, this.resolvedNonRaising) !== undefined);
      if (nonRaising.length > 0) slice.nonRaising = nonRaising;
    }
    return slice;
  }

  /**
   * The policy part of a slice: other modules' constants the file's check strings name, and the policy rules
   * defined in other files that its defaults reach through `rule:NAME` (transitively), with sorted keys.
   */
  private policySlice(facts: FileFacts, slice: ProjectSlice): void {
    const refs: Record<string, string> = {};
    const rules: Record<string, string> = {};
    const local = new Set(facts.policies.filter((p) => p.check !== null).map((p) => p.name));
    const pending: string[] = [];
    for (const p of facts.policies) {
      if (p.check === null) continue;
      for (const r of refsOf(p.check).sort()) {
        const v = this.policyRef(r, facts.path);
        if (v !== undefined) refs[r] = v;
      }
      pending.push(fillRefs(p.check, (r) => refs[r]));
    }
    const seen = new Set<string>();
    while (pending.length > 0) {
      for (const m of pending.pop()!.matchAll(/rule:([^\s()]+)/g)) {
        const name = m[1]!;
        if (seen.has(name)) continue;
        seen.add(name);
        if (local.has(name)) continue;
        const v = this.policyRule(name, facts.path);
        if (v === undefined) continue;
        rules[name] = v;
        pending.push(v);
      }
    }
    const sorted = (o: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
    if (Object.keys(refs).length > 0) slice.policyRefs = sorted(refs);
    if (Object.keys(rules).length > 0) slice.policyRules = sorted(rules);
  }
}

function sameImageRoles(a: ImageRoleSummary | undefined, b: ImageRoleSummary | undefined): boolean {
  return a?.probes === b?.probes && a?.converts === b?.converts && a?.validates === b?.validates;
}

/** A stable hash of a slice (keys are inserted in sorted order by sliceFor's sorted inputs). */
export function sliceHash(slice: ProjectSlice): string {
  return createHash('sha256').update(JSON.stringify(slice)).digest('hex');
}

/**
 * What the merge reads of a file for the other files' slices and for the summaries: everything but the file's own
 * reads, calls and typed-handler flag (only its own slice reads them), its imports (read only through the bindings
 * a resolution looks up: ProjectFacts.importsConsulted) and its functions (read through the names resolutions ask
 * for, ProjectFacts.askedNames, and through their effective plans, ProjectFacts.effectivePlan).
 * The per-function encoder and non-raising facts are read like functions, through the names resolutions ask for
 * (functionFactsChanged); the flags that gate them (buildsMarkup, createsResources) only by the file's own slice.
 * A field added to FileFacts is global unless listed here.
 */
export function globalPartsOf(f: FileFacts): Omit<FileFacts, 'reads' | 'calls' | 'catchesTyped' | 'imports' | 'path' | 'version' | 'functions' | LocalFlags | NamedFacts> {
  const {
    reads: _r, calls: _c, catchesTyped: _t, imports: _i, path: _p, version: _v, functions: _f,
    buildsMarkup: _b, createsResources: _cr, encoders: _e, nonRaising: _n, ...global
  } = f;
  return global;
}

type LocalFlags = 'buildsMarkup' | 'createsResources';
type NamedFacts = 'encoders' | 'nonRaising';

/**
 * Whether a changed file's encoder or non-raising facts differ from its indexed ones for a function whose name a
 * resolution asked for (`asked`, qualified under `module`): only then can another file's slice change through them.
 */
export function functionFactsChanged(before: Pick<FileFacts, NamedFacts>, after: Pick<FileFacts, NamedFacts>, module: string, asked: { has(name: string): boolean }): boolean {
  const encoders = (f: Pick<FileFacts, NamedFacts>): Map<string, string> => new Map((f.encoders ?? []).map(({ name, ...e }) => [name, JSON.stringify(e)]));
  const [eb, ea] = [encoders(before), encoders(after)];
  const [nb, na] = [new Set(before.nonRaising ?? []), new Set(after.nonRaising ?? [])];
  for (const name of new Set([...eb.keys(), ...ea.keys(), ...nb, ...na])) {
    if (!asked.has(`${module}.${name}`)) continue;
    if (eb.get(name) !== ea.get(name) || nb.has(name) !== na.has(name)) return true;
  }
  return false;
}

/** A stable hash of a file's global parts: two facts with the same one leave every other file's slice as it was. */
export function globalHash(f: FileFacts): string {
  return createHash('sha256').update(JSON.stringify(globalPartsOf(f))).digest('hex');
}

/**
 * A file as a merge with restored summaries needs it when the file is not the one asking (the index an
 * incremental merge is built from): its global parts and imports, functions by name only.
 */
export type IndexedFacts = Omit<FileFacts, 'reads' | 'calls' | 'catchesTyped' | 'functions'> & { functions: string[] };

export function indexedFacts(f: FileFacts): IndexedFacts {
  const { reads: _r, calls: _c, catchesTyped: _t, functions, ...rest } = f;
  return { ...rest, functions: functions.map((fn) => fn.name) };
}

/** The facts a merge with restored summaries sees of an indexed file (it reads no other file's calls or reads). */
export function fromIndex(f: IndexedFacts): FileFacts {
  return { ...f, reads: [], calls: [], catchesTyped: false, functions: f.functions.map((name) => ({ name, returns: [] })) };
}

/** The local names whose binding (the first of that name, as resolution reads it) differs between two import lists. */
export function changedBindings(before: ReadonlyArray<[string, string]>, after: ReadonlyArray<[string, string]>): string[] {
  const first = (list: ReadonlyArray<[string, string]>): Map<string, string> => {
    const m = new Map<string, string>();
    for (const [local, target] of list) if (!m.has(local)) m.set(local, target);
    return m;
  };
  const a = first(before);
  const b = first(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((local) => a.get(local) !== b.get(local));
}
