// Decides which findings a change introduced: the whole file was analysed, and a finding belongs to the change
// when its primary range or one of its evidence steps lies on a line the change added or rewrote (or spans a spot
// where it removed lines) — unless the same defect (same fingerprint) was already in the old file and the change
// only moved it. Optionally keeps pre-existing findings inside changed functions, marked `context`.
import type { Finding, Range } from '../findings/types.js';
import { parseCppSource } from '../languages/cpp/parser.js';
import { parsePython } from '../languages/python/parser.js';
import { languageOf } from '../sources/language.js';
import type { FileChange } from './diff.js';

export interface Attribution {
  /** Findings the change introduced (the objects given, unchanged). */
  introduced: Finding[];
  /** With `contextFindings`: pre-existing findings in changed functions (the objects given, not yet marked). */
  context: Finding[];
  /** Findings in the changed files that the change did not introduce and that are not shown. */
  hidden: number;
}

interface LineSpan { start: number; end: number }

/** The lines a range covers; a range that ends at column 1 stops at the end of the line before. */
function span(range: Range): LineSpan {
  const end = range.endColumn <= 1 && range.endLine > range.startLine ? range.endLine - 1 : range.endLine;
  return { start: range.startLine, end };
}

export function spanTouches(s: LineSpan, change: FileChange): boolean {
  for (let line = s.start; line <= s.end; line++) if (change.addedLines.has(line)) return true;
  // A removal between two lines of the span changed what the span does (a check deleted from a call's arguments).
  for (const gap of change.removedAfter) if (gap >= s.start && gap < s.end) return true;
  return false;
}

/** True when the finding's range or an evidence step lies on changed lines of its file. */
export function introducedBy(finding: Finding, changes: ReadonlyMap<string, FileChange>): boolean {
  const own = changes.get(finding.file);
  if (own && spanTouches(span(finding.range), own)) return true;
  return (finding.evidence ?? []).some((step) => {
    const change = changes.get(step.file);
    return change !== undefined && spanTouches(span(step.range), change);
  });
}

export interface AttributeOptions {
  /** Keep pre-existing findings whose innermost enclosing function the change touched, marked `context: true`. */
  contextFindings: boolean;
}

/**
 * Filters one file's findings. `source` is its reviewed text (parsed only when a function's extent is needed);
 * `before` counts the fingerprints of the file's old version, when that version could be rebuilt:
 *
 *   - a finding on changed lines whose fingerprint the old file already had, more often than the unchanged lines
 *     still hold it, was moved, not written: hidden;
 *   - a finding on unchanged lines whose fingerprint is new (git matched its line, but the change rewrote the
 *     function around it, e.g. `def old` became `def added`) is reported when its innermost function was changed.
 */
export async function attributeFindings(
  findings: readonly Finding[], changes: ReadonlyMap<string, FileChange>, file: string, source: string,
  options: AttributeOptions, before?: ReadonlyMap<string, number>,
): Promise<Attribution> {
  const change = changes.get(file);
  let spans: LineSpan[] | undefined;
  const inChangedFunction = async (f: Finding): Promise<boolean> => {
    if (!change) return false;
    spans ??= await functionSpans(file, source);
    const inner = innermost(spans, f.range.startLine);
    return inner !== undefined && spanTouches(inner, change);
  };
  const touched: Finding[] = [];
  const untouched: Finding[] = [];
  for (const f of findings) (introducedBy(f, changes) ? touched : untouched).push(f);
  const introduced: Finding[] = [];
  const others: Finding[] = [];
  if (!before) {
    introduced.push(...touched);
    others.push(...untouched);
  } else {
    const oldCopies = new Map(before);
    const take = (fp: string): boolean => {
      const left = oldCopies.get(fp) ?? 0;
      if (left > 0) oldCopies.set(fp, left - 1);
      return left > 0;
    };
    // Unchanged lines use up the old copies first; those in changed functions last, as they are the likelier new.
    const flagged = await Promise.all(untouched.map(async (f) => ({ f, changedFunction: await inChangedFunction(f) })));
    flagged.sort((a, b) => Number(a.changedFunction) - Number(b.changedFunction));
    for (const { f, changedFunction } of flagged) {
      if (take(f.fingerprint) || !changedFunction) others.push(f);
      else introduced.push(f);
    }
    for (const f of touched) (take(f.fingerprint) ? others : introduced).push(f);
  }
  if (!options.contextFindings || others.length === 0 || !change) return { introduced, context: [], hidden: others.length };
  const context: Finding[] = [];
  for (const f of others) if (await inChangedFunction(f)) context.push(f);
  return { introduced, context, hidden: others.length - context.length };
}

/** The functions of the file, each from its first line (`template <…>` included in C++) to its last. */
async function functionSpans(file: string, source: string): Promise<LineSpan[]> {
  // C and C++ with their own grammar: the Python grammar finds no function in C++ (or invents some).
  const cpp = languageOf(file) === 'cpp';
  const tree = cpp ? await parseCppSource(source) : await parsePython(source);
  return tree.rootNode.descendantsOfType('function_definition').map((n) => {
    const outer = cpp && n.parent?.type === 'template_declaration' ? n.parent : n;
    return { start: outer.startPosition.row + 1, end: n.endPosition.row + 1 };
  });
}

function innermost(spans: readonly LineSpan[], line: number): LineSpan | undefined {
  let best: LineSpan | undefined;
  for (const s of spans) {
    if (s.start <= line && line <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

/**
 * Narrows a whole review to one change: findings outside the changed files go, and in each changed file only
 * what the change introduced stays (plus context findings on request). `sources` holds the reviewed text of each
 * changed file (needed only for context findings); `before` the fingerprint counts of each file's old version.
 */
export async function narrowToChange(
  findings: readonly Finding[], changed: readonly FileChange[], sources: ReadonlyMap<string, string>, options: AttributeOptions,
  before: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
): Promise<Attribution> {
  const changes = new Map(changed.map((c) => [c.path, c]));
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const introduced: Finding[] = [];
  const context: Finding[] = [];
  let hidden = 0;
  for (const [file, list] of byFile) {
    const result = await attributeFindings(list, changes, file, sources.get(file) ?? '', options, before.get(file));
    introduced.push(...result.introduced);
    context.push(...result.context);
    hidden += result.hidden;
  }
  return { introduced, context, hidden };
}

/** Fingerprint → how many findings carry it: the old version's side of the moved-code check. */
export function fingerprintCounts(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
  return counts;
}
