// The contract between a rule module and the engine: declarative metadata plus visitors keyed by node type.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { Confidence, Severity } from '../findings/types.js';
import type { PythonModel } from '../languages/python/model.js';
import type { ProjectView } from '../index/view.js';
import type { CppModel } from '../languages/cpp/model.js';
import type { CppProjectView } from '../index/cpp/view.js';
import type { Profile } from './profiles.js';

/** The languages a rule reads; a file's language comes from its extension (sources/language.ts). */
export type Language = 'python' | 'cpp';

export interface RuleDocs {
  /** One line: what the rule finds. */
  summary: string;
  /** Why is this a defect (the attack or failure it allows). */
  why: string;
  /** Code in the rule's language that the rule must report (checked by the docs test). */
  example: string;
  /** The same code fixed; the rule must stay silent on it. */
  useInstead: string;
  /** How to fix it in general. */
  fix: string;
  references: string[];
  /** Where and why pillar deliberately differs from the Bandit test it mirrors. */
  banditDifferences?: string;
}

/** A message and the concrete fix that goes with it, with `{name}` placeholders filled from report data. */
export interface MessageSpec { text: string; fix: string }

export interface RuleMeta {
  id: string;
  cwe: number;
  severity: Severity;
  confidence: Confidence;
  languages: readonly Language[];
  messages: Record<string, MessageSpec>;
  docs: RuleDocs;
  /** The Bandit test this rule covers (B602), surfaced in SARIF as `properties.bandit`. */
  bandit?: string;
  /** Bandit's plugin or blacklist name (`subprocess_popen_with_shell_equals_true`), honoured in `# nosec <name>`. */
  banditName?: string;
  status?: 'stable' | 'preview' | 'deprecated';
  /**
   * The profile that runs the rule (rulekit/profiles.ts): `bandit` for Bandit-style notices a security reviewer
   * would not raise unprompted; left out, the rule is in the default report.
   */
  profile?: Profile;
  /**
   * The rule asks `ctx.project` (cross-file facts): the engine runs it again in phase 2 on files whose slice of
   * the project facts is not empty, and caches that result under the slice's hash too.
   */
  usesProject?: boolean;
}

export interface EvidenceStep { node: SyntaxNode; message: string }

export interface ReportDescriptor {
  node: SyntaxNode;
  messageId: string;
  data?: Record<string, string | number>;
  /** Overrides the rule's default when this instance is more or less certain/severe (Bandit-style branches). */
  severity?: Severity;
  confidence?: Confidence;
  evidence?: EvidenceStep[];
  /** Nodes whose source text is a secret (a literal password): the finding's snippet shows them masked. */
  redact?: SyntaxNode[];
}

export interface RuleContext {
  readonly model: PythonModel;
  /** The project facts this file can ask about (src/index/); empty unless the rule sets meta.usesProject. */
  readonly project: ProjectView;
  report(descriptor: ReportDescriptor): void;
}

export type Visitor = (node: SyntaxNode) => void;
/** Handlers keyed by tree-sitter node type (`call`), or `type:exit` for the way out of a node. */
export type Visitors = Record<string, Visitor>;

export interface CppRuleContext {
  readonly model: CppModel;
  /** The project facts this file can ask about (index/cpp/); empty unless the rule sets meta.usesProject. */
  readonly project: CppProjectView;
  report(descriptor: ReportDescriptor): void;
}

/** A rule over Python files (the `language` tag is left out by the Python rules). */
export interface PythonRule {
  language?: 'python';
  meta: RuleMeta;
  create(ctx: RuleContext): Visitors;
}

/** A rule over C and C++ files. */
export interface CppRule {
  language: 'cpp';
  meta: RuleMeta;
  create(ctx: CppRuleContext): Visitors;
}

export type Rule = PythonRule | CppRule;

export const ruleLanguage = (rule: Rule): Language => rule.language ?? 'python';
