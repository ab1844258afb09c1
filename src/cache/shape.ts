// Structural checks for cached analysis results: a cache entry is data from disk, so every field a reporter reads is
// checked before the entry may stand in for a fresh analysis.
import type { FileAnalysis } from '../engine/analyzePython.js';
import { CONFIDENCES, SEVERITIES } from '../findings/types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): boolean => Number.isInteger(v);
const isStr = (v: unknown): boolean => typeof v === 'string';
const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);

function isRange(v: unknown): boolean {
  return isObj(v) && isInt(v.startLine) && isInt(v.startColumn) && isInt(v.endLine) && isInt(v.endColumn);
}

function isLocation(v: unknown): boolean {
  return isObj(v) && isStr(v.file) && isRange(v.range) && isStr(v.message);
}

function isFinding(v: unknown): boolean {
  return isObj(v) && isStr(v.ruleId) && isInt(v.cwe) && isInt(v.pillar) &&
    (SEVERITIES as readonly unknown[]).includes(v.severity) && (CONFIDENCES as readonly unknown[]).includes(v.confidence) &&
    isStr(v.file) && isRange(v.range) && isStr(v.message) && isStr(v.remediation) && isStr(v.fingerprint) &&
    isStr(v.snippet) && optional(v.bandit, isStr) && optional(v.suppressed, (x) => typeof x === 'boolean') &&
    optional(v.evidence, (x) => Array.isArray(x) && x.every(isLocation));
}

function isDiagnostic(v: unknown): boolean {
  return isObj(v) && isStr(v.file) && isStr(v.code) && isStr(v.message) && optional(v.line, isInt) && optional(v.column, isInt);
}

export function isFileAnalysis(v: unknown): v is FileAnalysis {
  return isObj(v) && Array.isArray(v.findings) && v.findings.every(isFinding) &&
    Array.isArray(v.diagnostics) && v.diagnostics.every(isDiagnostic) && isInt(v.suppressed);
}
