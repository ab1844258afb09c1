// The project facts layer's data: what phase 1 extracts from one file (FileFacts, plain JSON, cached by the file's
// content hash) and what phase 2 hands a rule about the rest of the project (ProjectSlice). Symbolic on purpose: a
// file's facts name what it reads and calls; only the merge (project.ts) knows what those names resolve to.
import type { CppClassFact, CppFileFacts } from './cpp/classFacts.js';

/** An oslo.config option declared in a file (`cfg.StrOpt('admin_password', secret=True)`). */
export interface OptionDecl {
  name: string;
  /**
   * The group it is registered in: `DEFAULT` for `register_opts(opts)` without a group, null when this file
   * declares it without registering it (nova's `conf/*.py` list them for `list_opts`): then any group matches.
   */
  group: string | null;
  secret: boolean;
  /** The Opt class as written, without module (`StrOpt`, `URIOpt`, `Opt`). */
  type: string;
  line: number;
}

/** Where a file reads an option: `CONF.keystone.password` → {group: 'keystone', name: 'password'}. */
export interface OptionRead { group: string; name: string }

/**
 * What a function's return value is made of, symbolically. `option`: an option read; `call`: the result of a call
 * to `target` (qualified through the imports, relative imports made absolute), whose first positional argument
 * is built from parameter `param` (-1: from none); `mask`: a library masking call applied to parameter `param`.
 * More kinds (taint param → return, raises, may-return-None…) slot in as further variants.
 */
export type ReturnPart =
  | { kind: 'option'; group: string; name: string }
  | { kind: 'call'; target: string; param: number }
  | { kind: 'mask'; param: number };

/**
 * What a function does with disk images as its own file shows it (rulekit/imageHandling: probes with qemu-img,
 * converts, inspects or rejects what a probe found), and the calls it makes into other files, for the merge to
 * carry those roles across files.
 */
export interface ImageFacts {
  probes: boolean;
  converts: boolean;
  validates: boolean;
  /** It returns what a probe in its own file reported (a probe wrapper hands the report back). */
  returnsProbe: boolean;
  /** Call targets as written (callTarget; `:name` for this file's), sorted. */
  calls: string[];
  /** The calls whose result it returns (in a `return`, or assigned to a name it returns), sorted. */
  returnedCalls: string[];
}

export interface FunctionFacts {
  /** `func`, or `Class.method` for methods. */
  name: string;
  returns: ReturnPart[];
  /** Present when the function has an image role or calls into other files. */
  image?: ImageFacts;
}

export interface FileFacts {
  /** Bumped when the layout changes (cached facts of another layout are not trusted). */
  version: number;
  path: string;
  options: OptionDecl[];
  /** Distinct option reads, sorted by group then name. */
  reads: OptionRead[];
  /** Distinct qualified names of the calls this file makes (absolute for relative imports), sorted. */
  calls: string[];
  /** Top-level `import` bindings: local name → qualified name (for re-exports through a package's `__init__`). */
  imports: Array<[string, string]>;
  functions: FunctionFacts[];
  /** oslo.policy defaults registered in this file (policies.ts). */
  policies: PolicyDefaultFact[];
  /** Top-level names bound to a check-string template (`RULE_ANY = '@'`), in file order. */
  policyConstants: Array<[string, string]>;
  /** Functions that make an admin context when their context parameter is missing (contextFallback.ts). */
  contextFallbacks: ContextFallbackFact[];
  /** Functions whose own `raise` statements all name a class, with those class names (raises.ts). */
  raises: RaisesFact[];
  /** It has an `except` clause listing types that fails the operation (raises in it): raise sets can change a finding. */
  catchesTyped: boolean;
  /** Functions that keep a lookup to the caller's project themselves (ownership.ts). */
  scoping: ScopingFact[];
  /** It holds a lookup the ownership rule judges (an admin context/client or request headers): scoping facts can change a finding. */
  asksScoping: boolean;
  /** A C or C++ file's classes, includes and out-of-line definitions (cpp/classFacts.ts); the Python fields are empty. */
  cpp?: CppFileFacts;
  /** Functions every value of which is the output of a library quoting/escaping call (encoders.ts). Absent when none. */
  encoders?: EncoderFact[];
  /** It formats values into a markup template (a literal opens a tag with an attribute): encoders can change a finding. */
  buildsMarkup?: true;
  /** Functions (as in FunctionFacts) whose bodies cannot raise (raises.ts nonRaisingFunctions), sorted. Absent when none. */
  nonRaising?: string[];
  /** It creates a cloud resource a leak rule tracks (serviceLeak creationOf): non-raising facts can change a finding. */
  createsResources?: true;
}

/**
 * `name` (as in FunctionFacts) returns only what the library encoder `call` (models/python/markupEscapers.ts) makes:
 * `def quote(value, safe='/'): return urllib.parse.quote(value, safe)`. `option`: how it passes the encoder's one
 * tunable argument (`safe=`, `quote=`, `entities=`): the source text of a literal, or its own parameter (name,
 * position with the receiver excluded, default's source text or null); absent when it leaves the library default.
 */
export interface EncoderFact { name: string; call: string; option?: EncoderOption }
export type EncoderOption = { text: string } | { param: string; index: number; text: string | null };

/** `name` (as in FunctionFacts) keeps lookups to the caller's project: `how` (compares an owner field, filters by one…). */
export interface ScopingFact { name: string; how: string }

/** `name` (as in FunctionFacts) raises, by its own `raise` statements, only the classes `raises` (last segments, sorted). */
export interface RaisesFact { name: string; raises: string[] }

/** `name` (as in FunctionFacts) replaces a missing `param` (positional `index`, receiver excluded) by an admin context. */
export interface ContextFallbackFact { name: string; param: string; index: number }

/**
 * One `RuleDefault`/`DocumentedRuleDefault`: its name, its check string as a template (`⟨qualified⟩` marks a
 * constant of another module; null when the expression is not one the extractor follows), whether it guards a
 * state change (null: an alias such as `admin_or_owner`, or undecided), and the check string's line.
 */
export interface PolicyDefaultFact {
  name: string;
  check: string | null;
  write: boolean | null;
  line: number;
}

// Bumped whenever FileFacts changes shape, so cached facts of an older shape are re-extracted. 2: image roles;
// 3: policy defaults and context fallbacks; 4: both; 5: raise sets and typed handlers; 6: scoping by project; 7: asksScoping only for a file with a lookup given a caller-chosen id;
// 8: encoders and non-raising functions.
export const FACTS_VERSION = 8;

/** What one function is known to do, as a rule sees it (merged, resolved across files). */
export interface FunctionSummaryFacts {
  /** It returns a secret: how (`returns option keystone.password declared secret at nova/conf/x.py:12`). */
  returnsSecret?: string;
  /** It returns its positional parameter `masks` (0-based, receiver excluded) with secrets masked. */
  masks?: number;
  /** Its role with disk images, through every file it calls into (see ImageFacts); absent when it has none. */
  image?: ImageRoleSummary;
}

export interface ImageRoleSummary {
  /** It runs `qemu-img info` (or a wrapper of it) and returns the report. */
  probes?: true;
  /** It converts an image and does not inspect it itself. */
  converts?: true;
  /** It inspects an image (format inspector, safety check) or rejects on what a probe reported. */
  validates?: true;
}

export interface OptionFacts { secret: boolean; type: string; declaredAt: string }

/**
 * The part of the project's facts one file can ask about: the options it reads and the functions it calls that have
 * a summary. Serialisable and deterministic (sorted keys): its hash joins the file's cache key in phase 2, so a
 * dependency whose facts change re-runs the dependents' project-aware rules, and only theirs.
 */
export interface ProjectSlice {
  /** By `group.name` as read in the file. */
  options: Record<string, OptionFacts>;
  /** By the qualified name the file calls it with. */
  functions: Record<string, FunctionSummaryFacts>;
  /**
   * For a file that registers policy defaults: the check strings of the policy rules its defaults reach through
   * `rule:NAME` that other files of the project define (by name), and the values of the constants of other modules
   * its check strings are built from (by qualified name as written), both with other modules' constants filled in.
   * Absent when empty.
   */
  policyRules?: Record<string, string>;
  policyRefs?: Record<string, string>;
  /** Functions of other files this file calls (by call target) that fall back to an admin context. Absent when empty. */
  contextFallbacks?: Record<string, { param: string; index: number }>;
  /** Functions of other files this file calls (by call target) whose own raises all name a class. Absent when empty. */
  raises?: Record<string, string[]>;
  /**
   * Functions of other files this file calls (by call target) that keep a lookup to the caller's project, with how
   * (for a file that asksScoping). Absent when empty.
   */
  scoping?: Record<string, string>;
  /**
   * For a C/C++ file: the classes other files declare whose methods it defines out of line (by the qualifier as
   * written), when a constructor of theirs can leave a member unset (cpp/classFacts.ts). Absent when empty.
   */
  cppClasses?: Record<string, CppClassFact>;
  /** Functions of other files this file calls (by call target) that return only an encoder's output (for a file that buildsMarkup). Absent when empty. */
  encoders?: Record<string, Omit<EncoderFact, 'name'>>;
  /** Functions of other files this file calls (call targets, sorted) whose bodies cannot raise (for a file that createsResources). Absent when empty. */
  nonRaising?: string[];
}

export const EMPTY_SLICE: ProjectSlice = { options: {}, functions: {} };

export function isEmptySlice(s: ProjectSlice): boolean {
  return Object.keys(s.options).length === 0 && Object.keys(s.functions).length === 0 &&
    Object.keys(s.policyRules ?? {}).length === 0 && Object.keys(s.policyRefs ?? {}).length === 0 &&
    Object.keys(s.contextFallbacks ?? {}).length === 0 && Object.keys(s.raises ?? {}).length === 0 &&
    Object.keys(s.scoping ?? {}).length === 0 && Object.keys(s.cppClasses ?? {}).length === 0 &&
    Object.keys(s.encoders ?? {}).length === 0 && (s.nonRaising ?? []).length === 0;
}
