// What code goes into each LLM request: a whole file, or pieces of a long one, or, in a change review, the changed
// lines with the functions that hold them. Code is never cut inside a function: a long file is cut between top-level
// statements, and a class too long to send whole between its methods; a function is sent whole whatever its length.
// Each piece travels with what a reviewer reads first: the module's imports and the header of every class around it.
import type { FileChange } from '../changes/diff.js';
import type { FileOutline } from './outline.js';
import type { LineSpan } from './types.js';

// Lines per request. 400 lines of Python is ~4–6k tokens: fits an 8k-context local model with room for the
// instructions and the answer; larger pieces lose the model's attention, smaller ones lose cross-function context.
// Imports and class headers count towards it; a single function longer than this is still sent whole.
export const MAX_UNIT_LINES = 400;
// Around a changed line outside any function: this much context each side, short of any function it would cut.
const CHANGE_CONTEXT_LINES = 10;

export interface Unit {
  file: string;
  /** Every line shown: the code under review and its context (imports, class headers), merged and in order. */
  spans: LineSpan[];
  /** Change review: the lines the change added or rewrote (marked for the model); null for a whole-file review. */
  added: ReadonlySet<number> | null;
}

/** A piece of code to review with the context a reader needs beside it. */
interface Block { span: LineSpan; context: LineSpan[] }

function size(s: LineSpan): number {
  return s.end - s.start + 1;
}

/** The imports and the headers of the classes around `anchor` (outermost first), not counting `anchor` itself. */
function contextOf(outline: FileOutline, anchor: LineSpan): LineSpan[] {
  const classes = outline.classes.filter((c) => c.start <= anchor.start && anchor.end <= c.end && (c.start !== anchor.start || c.end !== anchor.end));
  return [...outline.imports, ...classes.flatMap((c) => c.header)];
}

/** Merges spans that overlap or nearly touch (a gap of two lines or less is cheaper to send than to mark). */
export function mergeSpans(spans: readonly LineSpan[]): LineSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: LineSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end + 3) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

function shown(blocks: readonly Block[]): LineSpan[] {
  return mergeSpans(blocks.flatMap((b) => [b.span, ...b.context]));
}

/** Packs blocks in order into units of at most MAX_UNIT_LINES lines shown, context included; a block never splits. */
function pack(blocks: readonly Block[]): LineSpan[][] {
  const groups: Block[][] = [];
  let current: Block[] = [];
  const lines = (group: readonly Block[]): number => shown(group).reduce((n, s) => n + size(s), 0);
  for (const block of blocks) {
    // Over the limit, a new unit starts, unless what came before is only this block's own context (the imports
    // before an over-long function), which it shows anyway.
    const together = lines([...current, block]);
    if (current.length > 0 && together > MAX_UNIT_LINES && together > lines([block])) {
      groups.push(current);
      current = [];
    }
    current.push(block);
  }
  if (current.length > 0) groups.push(current);
  return groups.map(shown);
}

/**
 * Consecutive pieces covering the file, cut where top-level statements start; a piece that is a class too long to
 * send whole is cut again where its methods and nested classes start, and so on inwards. Nothing else is cut.
 */
function filePieces(outline: FileOutline): LineSpan[] {
  const cuts = new Set<number>([1, ...outline.topLevel.map((s) => s.start)]);
  const classAt = new Map(outline.classes.map((c) => [c.start, c]));
  const piecesOf = (): LineSpan[] => {
    const starts = [...cuts].filter((l) => l <= outline.lineCount).sort((a, b) => a - b);
    return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1]! - 1 : outline.lineCount }));
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const piece of piecesOf()) {
      const cls = size(piece) > MAX_UNIT_LINES ? classAt.get(piece.start) : undefined;
      for (const member of cls?.members ?? []) {
        if (!cuts.has(member.start)) { cuts.add(member.start); grew = true; }
      }
    }
  }
  return piecesOf();
}

export function wholeFileUnits(file: string, outline: FileOutline): Unit[] {
  if (outline.lineCount === 0) return [];
  if (outline.lineCount <= MAX_UNIT_LINES) return [{ file, spans: [{ start: 1, end: outline.lineCount }], added: null }];
  const blocks = filePieces(outline).map((span) => ({ span, context: contextOf(outline, span) }));
  return pack(blocks).map((spans) => ({ file, spans, added: null }));
}

/** Lines around a changed line outside any function, stopping short of any function they would cut into. */
function windowAround(outline: FileOutline, line: number): LineSpan {
  const w = { start: Math.max(1, line - CHANGE_CONTEXT_LINES), end: Math.min(outline.lineCount, line + CHANGE_CONTEXT_LINES) };
  for (const d of outline.definitions) {
    if (!d.isFunction) continue;
    if (d.end < line && d.end >= w.start && d.start < w.start) w.start = d.end + 1;
    if (d.start > line && d.start <= w.end && d.end > w.end) w.end = d.start - 1;
  }
  return w;
}

/** The changed lines of one file, each with its outermost enclosing function (or some context), packed into units. */
export function changeUnits(file: string, outline: FileOutline, change: FileChange): Unit[] {
  const n = outline.lineCount;
  if (n === 0) return [];
  const touched = new Set<number>([...change.addedLines].filter((l) => l >= 1 && l <= n));
  // A removal between two lines changed what both of them now do together.
  for (const gap of change.removedAfter) for (const l of [gap, gap + 1]) if (l >= 1 && l <= n) touched.add(l);
  const blocks = new Map<string, Block>();
  for (const line of [...touched].sort((a, b) => a - b)) {
    // The outermost function: a closure is read with the function whose variables it uses.
    let fn: LineSpan | undefined;
    for (const d of outline.definitions) {
      if (d.isFunction && d.start <= line && line <= d.end && (!fn || size(d) > size(fn))) fn = d;
    }
    const span = fn ? { start: fn.start, end: fn.end } : windowAround(outline, line);
    const key = `${span.start}:${span.end}`;
    if (!blocks.has(key)) blocks.set(key, { span, context: contextOf(outline, fn ?? { start: line, end: line }) });
  }
  const ordered = [...blocks.values()].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return pack(ordered).map((spans) => ({ file, spans, added: change.addedLines }));
}
