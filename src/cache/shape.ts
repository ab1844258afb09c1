// Structural checks for cached analysis results: a cache entry is data from disk, so every field a reporter reads is
// checked before the entry may stand in for a fresh analysis.
import type { FileAnalysis } from '../engine/analyzePython.js';
import { CONFIDENCES, SEVERITIES } from '../findings/types.js';
import { FACTS_VERSION, type FileFacts } from '../index/types.js';

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
    Array.isArray(v.diagnostics) && v.diagnostics.every(isDiagnostic) && isInt(v.suppressed) && optional(v.split, isSplit);
}

const isArrayOf = (v: unknown, check: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(check);

/** Phase-1 facts (src/index/types.ts): every field the merge reads. */
export function isFileFacts(v: unknown): v is FileFacts {
  return isObj(v) && v.version === FACTS_VERSION && isStr(v.path) &&
    isArrayOf(v.options, (o) => isObj(o) && isStr(o.name) && (o.group === null || isStr(o.group)) && typeof o.secret === 'boolean' && isStr(o.type) && isInt(o.line)) &&
    isArrayOf(v.reads, (r) => isObj(r) && isStr(r.group) && isStr(r.name)) && isArrayOf(v.calls, isStr) &&
    isArrayOf(v.imports, (p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isStr(p[1])) &&
    isArrayOf(v.functions, (f) => isObj(f) && isStr(f.name) && isArrayOf(f.returns, isReturnPart)) &&
    isArrayOf(v.policies, (p) => isObj(p) && isStr(p.name) && (p.check === null || isStr(p.check)) && (p.write === null || typeof p.write === 'boolean') && isInt(p.line)) &&
    isArrayOf(v.policyConstants, (p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isStr(p[1])) &&
    isArrayOf(v.contextFallbacks, (c) => isObj(c) && isStr(c.name) && isStr(c.param) && isInt(c.index)) &&
    isArrayOf(v.raises, (r) => isObj(r) && isStr(r.name) && isArrayOf(r.raises, isStr)) && typeof v.catchesTyped === 'boolean' &&
    isArrayOf(v.scoping, (s) => isObj(s) && isStr(s.name) && isStr(s.how)) && typeof v.asksScoping === 'boolean' &&
    optional(v.encoders, (e) => isArrayOf(e, isEncoderFact)) && optional(v.buildsMarkup, (x) => x === true) &&
    optional(v.nonRaising, (n) => isArrayOf(n, isStr)) && optional(v.createsResources, (x) => x === true) &&
    optional(v.cpp, (c) => isObj(c) && isArrayOf(c.classes, isObj) && isArrayOf(c.includes, isStr) && isArrayOf(c.defines, isStr) && isArrayOf(c.constructs, isStr));
}

function isEncoderFact(v: unknown): boolean {
  if (!isObj(v) || !isStr(v.name) || !isStr(v.call)) return false;
  const o = v.option;
  return o === undefined || (isObj(o) && isStr(o.text) && o.param === undefined) ||
    (isObj(o) && isStr(o.param) && isInt(o.index) && (o.text === null || isStr(o.text)));
}

function isReturnPart(v: unknown): boolean {
  if (!isObj(v)) return false;
  if (v.kind === 'option') return isStr(v.group) && isStr(v.name);
  if (v.kind === 'call') return isStr(v.target) && isInt(v.param);
  return v.kind === 'mask' && isInt(v.param);
}

function isSplit(v: unknown): boolean {
  // A cached phase-1 result keeps its facts in the facts pack (engine/runFiles.ts): absent here.
  return isObj(v) && optional(v.facts, isFileFacts) && isArrayOf(v.findings, isFinding) && isInt(v.suppressed);
}
