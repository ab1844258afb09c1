// The point of the LLM feature: a claim survives only when it is checkable against the code. Its lines exist and were
// shown, its quote is the code on those lines (whitespace-normalised), its defect type is a selected one and its CWE a
// weakness under that type in View 1000, it says why the defect is reachable, and its description names something in
// the quoted code. Pure functions, no I/O.
import type { Selection } from '../config/selection.js';
import type { Confidence, LlmRejectReason, Range } from '../findings/types.js';
import { ancestorsOf, cweExists, isPillar, isWithin, pillarOf } from '../taxonomy/index.js';
import type { Claim, LineSpan } from './types.js';

export type Verdict<T> = { ok: true; value: T } | { ok: false; reason: LlmRejectReason; detail: string };

function reject(reason: LlmRejectReason, detail: string): { ok: false; reason: LlmRejectReason; detail: string } {
  return { ok: false, reason, detail };
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : null;
}

export function parseCwe(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(?:CWE[-\s]?)?(\d+)\s*$/i.exec(value);
  return m ? Number(m[1]) : null;
}

function parseConfidence(value: unknown): Confidence {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Some models answer with a probability; the cut-offs mirror low/medium/high thirds, biased low.
    return value >= 0.8 ? 'high' : value >= 0.5 ? 'medium' : 'low';
  }
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return text === 'high' || text === 'medium' ? text : 'low';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

// What models write when they have no reason: not an explanation of who reaches the code.
const NO_REASON = /^(?:n\/?a|none|unknown|unclear|not (?:reachable|applicable)|-+|\.+)\.?$/i;

/**
 * Checks the fields' shapes; a claim missing its line, CWE, quote, description or defect type cannot be verified at
 * all (`malformed`), and one that does not say why it is reachable is dropped on its own count (`no-reachability`).
 */
export function claimOf(item: unknown): Verdict<Claim> {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return reject('malformed', 'a defect entry is not an object');
  const raw = item as Record<string, unknown>;
  const line = positiveInt(raw.line ?? raw.start_line);
  if (line === null) return reject('malformed', `line ${JSON.stringify(raw.line ?? null)} is not a positive line number`);
  const end = positiveInt(raw.end_line ?? raw.endLine);
  const cwe = parseCwe(raw.cwe);
  if (cwe === null) return reject('malformed', `cwe ${JSON.stringify(raw.cwe ?? null)} is not a CWE id`);
  const quote = typeof raw.quote === 'string' ? raw.quote : '';
  if (quote.trim() === '') return reject('malformed', 'no quote of the code');
  const description = text(raw.description);
  if (description === '') return reject('malformed', 'no description');
  const type = raw.defect_type ?? raw.defectType ?? raw.pillar;
  const defectType = parseCwe(type);
  if (defectType === null) return reject('malformed', `defect_type ${JSON.stringify(type ?? null)} is not a CWE id`);
  const reachability = text(raw.reachability ?? raw.reachable);
  if (reachability === '' || NO_REASON.test(reachability)) {
    return reject('no-reachability', reachability === '' ? 'no reachability: the claim does not say how the defect is reached' : `reachability "${reachability}" explains nothing`);
  }
  return {
    ok: true,
    value: {
      // A missing or backwards end line is read as a one-line claim; the quote check still pins the lines.
      defectType, line, endLine: end !== null && end >= line ? end : line, cwe, quote, description, reachability,
      solution: text(raw.solution), confidence: parseConfidence(raw.confidence),
    },
  };
}

/** Whitespace runs → one space, with each kept character's 1-based line and column in the original. */
interface Normalised { text: string; at: Array<{ line: number; column: number }> }

function normalise(lines: readonly string[], start: number, end: number): Normalised {
  let out = '';
  const at: Normalised['at'] = [];
  let pendingSpace: { line: number; column: number } | null = null;
  for (let line = start; line <= end; line++) {
    const s = lines[line - 1] ?? '';
    for (let i = 0; i <= s.length; i++) {
      // The line break (i === s.length) counts as whitespace between lines.
      const ch = i < s.length ? s[i]! : '\n';
      if (/\s/.test(ch)) {
        pendingSpace ??= { line, column: i + 1 };
        continue;
      }
      if (pendingSpace && out.length > 0) { out += ' '; at.push(pendingSpace); }
      pendingSpace = null;
      out += ch;
      at.push({ line, column: i + 1 });
    }
  }
  return { text: out, at };
}

/** Models sometimes copy the `12 | ` gutter of the prompt into the quote; drop it when every line carries one. */
export function normaliseQuote(quote: string): string {
  const lines = quote.split(/\r?\n/).filter((l) => l.trim() !== '');
  const gutter = /^\s*\d+\s*[|+]\s?/;
  const stripped = lines.length > 0 && lines.every((l) => gutter.test(l)) ? lines.map((l) => l.replace(gutter, '')) : lines;
  return stripped.join('\n').replace(/\s+/g, ' ').trim();
}

/** Where the quote sits within lines start..end, as a range; null when it is not there. */
export function locateQuote(lines: readonly string[], start: number, end: number, quote: string): Range | null {
  const wanted = normaliseQuote(quote);
  if (wanted === '') return null;
  const haystack = normalise(lines, start, end);
  const index = haystack.text.indexOf(wanted);
  if (index < 0) return null;
  const first = haystack.at[index]!;
  const last = haystack.at[index + wanted.length - 1]!;
  return { startLine: first.line, startColumn: first.column, endLine: last.line, endColumn: last.column + 1 };
}

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'self', 'cls',
]);

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Identifiers in the quoted code that a description could name (keywords and self/cls say nothing specific). */
export function quotedIdentifiers(quote: string): string[] {
  return [...new Set(normaliseQuote(quote).match(IDENTIFIER) ?? [])].filter((id) => !PYTHON_KEYWORDS.has(id));
}

/**
 * The first identifier of the quoted code that the description names, or null. Words match case-insensitively as
 * whole tokens; a one-letter name counts only inside backticks, as "a" or "i" in prose names nothing.
 */
export function namedIdentifier(description: string, quote: string): string | null {
  const words = new Set((description.match(IDENTIFIER) ?? []).map((w) => w.toLowerCase()));
  const ticked = new Set([...description.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.match(IDENTIFIER) ?? []));
  for (const id of quotedIdentifiers(quote)) {
    if (id.length >= 2 ? words.has(id.toLowerCase()) : ticked.has(id)) return id;
  }
  return null;
}

export interface VerifyContext {
  lines: readonly string[];
  lineCount: number;
  /** The spans the model was shown. */
  shown: readonly LineSpan[];
  selection: Selection;
}

/** Where a kept claim's finding goes, and its pillar (the claimed one, where the CWE lies under several). */
export interface Placement { range: Range; pillar: number }

/**
 * The pillar of a claim under `defectType`: the defect type itself when it is a pillar (so a CWE with parents in two
 * pillars takes the one the model chose), else the CWE's primary pillar if the selected CWE lies under it.
 */
export function claimPillar(defectType: number, cwe: number): number {
  if (isPillar(defectType)) return defectType;
  const primary = pillarOf(cwe);
  if (primary !== null && isWithin(defectType, primary)) return primary;
  return ancestorsOf(defectType).find(isPillar) ?? primary ?? defectType;
}

/** The range a kept claim's finding gets (exactly where its quote is within the claimed lines) and its pillar. */
export function verifyClaim(claim: Claim, ctx: VerifyContext): Verdict<Placement> {
  const lines = claim.line === claim.endLine ? `line ${claim.line}` : `lines ${claim.line}-${claim.endLine}`;
  if (claim.endLine > ctx.lineCount) return reject('no-such-line', `${lines}: the file has ${ctx.lineCount} lines`);
  for (let l = claim.line; l <= claim.endLine; l++) {
    if (!ctx.shown.some((s) => s.start <= l && l <= s.end)) return reject('outside-excerpt', `${lines}: line ${l} was not in the code sent`);
  }
  const range = locateQuote(ctx.lines, claim.line, claim.endLine, claim.quote);
  if (!range) {
    const elsewhere = ctx.shown.map((s) => locateQuote(ctx.lines, s.start, s.end, claim.quote)).find((r) => r !== null);
    if (elsewhere) return reject('wrong-lines', `the quote is at line ${elsewhere.startLine}, not at ${lines}`);
    return reject('invented-quote', `the quote is not in the code at ${lines} nor anywhere in the code sent`);
  }
  if (!cweExists(claim.cwe)) return reject('unknown-cwe', `CWE-${claim.cwe} does not exist`);
  if (pillarOf(claim.cwe) === null) return reject('unknown-cwe', `CWE-${claim.cwe} is a category or view, not a weakness`);
  const type = claim.defectType;
  if (!ctx.selection.pillars.includes(type) && !ctx.selection.cwes.includes(type)) {
    return reject('not-selected', `defect type CWE-${type} is not one of the selected pillars/CWEs`);
  }
  if (!isWithin(claim.cwe, type)) {
    const primary = pillarOf(claim.cwe)!;
    return reject('cwe-not-under-pillar', `CWE-${claim.cwe} does not lie under CWE-${type} in View 1000 (its pillar is CWE-${primary})`);
  }
  if (namedIdentifier(claim.description, claim.quote) === null) {
    const ids = quotedIdentifiers(claim.quote);
    return reject('vague', ids.length === 0
      ? 'the quote holds no identifier to name'
      : `the description names none of ${ids.slice(0, 6).map((i) => `\`${i}\``).join(', ')} from the quoted code`);
  }
  return { ok: true, value: { range, pillar: claimPillar(type, claim.cwe) } };
}
