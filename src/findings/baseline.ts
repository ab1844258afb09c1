// Baselines: the findings a project has accepted for now, stored as fingerprints with counts so that moved code
// still matches and a third copy of a twice-accepted defect is still reported (Bandit's #1467 and #466).
import type { ValidateFunction } from 'ajv';
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../config/errors.js';
import { lazyRequire } from '../lazyRequire.js';
import { compareFindings } from './order.js';
import type { Finding } from './types.js';

export const BASELINE_FORMAT = 1;

export interface BaselineEntry {
  file: string;
  ruleId: string;
  /** rule + enclosing scope + normalised code (findings/fingerprint.ts): unchanged when lines move. */
  fingerprint: string;
  /** How many findings with this file and fingerprint are accepted. */
  count: number;
}

export interface Baseline {
  pillarBaseline: typeof BASELINE_FORMAT;
  generatedBy: string;
  findings: BaselineEntry[];
}

const SCHEMA = {
  type: 'object',
  required: ['pillarBaseline', 'findings'],
  additionalProperties: false,
  properties: {
    pillarBaseline: { const: BASELINE_FORMAT },
    generatedBy: { type: 'string' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['file', 'ruleId', 'fingerprint', 'count'],
        additionalProperties: false,
        properties: {
          file: { type: 'string', minLength: 1 },
          ruleId: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$' },
          count: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;

// Compiled on first use: Ajv's code generation costs ~50 ms, paid only by runs that have a file to check.
let compiled: ValidateFunction<Baseline> | undefined;
const ajv = lazyRequire<typeof import('ajv')>('ajv');
const validator = (): ValidateFunction<Baseline> => compiled ??= new (ajv().Ajv)({ allErrors: true }).compile<Baseline>(SCHEMA);

const keyOf = (file: string, fingerprint: string): string => `${file}\0${fingerprint}`;

/** The baseline of the given findings; suppressed ones are already accepted in the code and are left out. */
export function createBaseline(findings: readonly Finding[], generatedBy: string): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const key = keyOf(f.file, f.fingerprint);
    const entry = entries.get(key);
    if (entry) entry.count++;
    else entries.set(key, { file: f.file, ruleId: f.ruleId, fingerprint: f.fingerprint, count: 1 });
  }
  const sorted = [...entries.values()].sort((a, b) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { pillarBaseline: BASELINE_FORMAT, generatedBy, findings: sorted };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Parses and validates a baseline; every problem is a UsageError naming the file (exit code 2). */
export function parseBaseline(text: string, path: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${path} is not JSON: ${(error as Error).message}`);
  }
  if (raw !== null && typeof raw === 'object' && 'pillarBaseline' in raw && (raw as { pillarBaseline: unknown }).pillarBaseline !== BASELINE_FORMAT) {
    throw new UsageError(`baseline ${path} has format ${JSON.stringify((raw as { pillarBaseline: unknown }).pillarBaseline)}; this pillar reads format ${BASELINE_FORMAT}`);
  }
  const validate = validator();
  if (!validate(raw)) {
    const details = (validate.errors ?? []).map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
      return `${where}: ${e.message}${extra}`;
    });
    throw new UsageError(`invalid baseline ${path} (write one with --write-baseline):\n  ${details.join('\n  ')}`);
  }
  return raw;
}

export function loadBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read baseline ${path}: ${(error as Error).message}`);
  }
  return parseBaseline(text, path);
}

export interface BaselineOptions {
  /**
   * Among findings that share a fingerprint, which ones to report first when there are more than the baseline
   * accepts: a change review passes "lies on changed lines", so the copy the change added is the one reported.
   */
  preferReported?: (finding: Finding) => boolean;
}

/**
 * Hides as many findings per (file, fingerprint) as the baseline counts; the rest are new. Copies are told apart
 * only by `preferReported`, then by position: the later copies in the file are the ones reported.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, options: BaselineOptions = {}): { kept: Finding[]; hidden: number } {
  const allowance = new Map<string, number>();
  for (const e of baseline.findings) {
    const key = keyOf(e.file, e.fingerprint);
    allowance.set(key, (allowance.get(key) ?? 0) + e.count);
  }
  const prefer = options.preferReported ?? (() => false);
  const order = findings.map((f, index) => ({ f, index, reportFirst: !f.suppressed && prefer(f) }));
  // Accepted copies are used up by the findings least likely to be new: not preferred, earliest in the file.
  order.sort((a, b) => Number(a.reportFirst) - Number(b.reportFirst) || compareFindings(a.f, b.f));
  const hiddenIndexes = new Set<number>();
  for (const { f, index } of order) {
    if (f.suppressed) continue;
    const key = keyOf(f.file, f.fingerprint);
    const left = allowance.get(key) ?? 0;
    if (left > 0) {
      allowance.set(key, left - 1);
      hiddenIndexes.add(index);
    }
  }
  return { kept: findings.filter((_, i) => !hiddenIndexes.has(i)), hidden: hiddenIndexes.size };
}
