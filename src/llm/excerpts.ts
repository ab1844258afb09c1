// What code goes into each LLM request: a whole file (long files split at top-level statements), or, in a change
// review, the changed lines with the functions that enclose them. Also the per-file facts findings need afterwards
// (scope names for fingerprints, comments for suppressions), read from one parse.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { FileChange } from '../changes/diff.js';
import { parsePython } from '../languages/python/parser.js';
import type { LineSpan } from './types.js';

// Lines per request. 400 lines of Python is ~4–6k tokens: fits an 8k-context local model with room for the
// instructions and the answer; larger pieces lose the model's attention, smaller ones lose cross-function context.
export const MAX_UNIT_LINES = 400;
// Around a changed line outside any function (or inside one too long to send whole): this much context each side.
const CHANGE_CONTEXT_LINES = 10;

export interface Unit {
  file: string;
  spans: LineSpan[];
  /** Change review: the lines the change added or rewrote (marked for the model); null for a whole-file review. */
  added: ReadonlySet<number> | null;
}

interface Definition extends LineSpan { scope: string; isFunction: boolean }

export interface FileOutline {
  lineCount: number;
  /** Functions and classes (decorators included) with their `Class.method` scope names. */
  definitions: Definition[];
  /** Each top-level statement's span, in order. */
  topLevel: LineSpan[];
  /** 1-based line → the comments on it. */
  comments: Map<number, string[]>;
}

export async function outlineOf(text: string): Promise<FileOutline> {
  const lines = text.split(/\r?\n/);
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const tree = await parsePython(text);
  const definitions: Definition[] = [];
  const comments = new Map<number, string[]>();
  const visit = (node: SyntaxNode, scope: string[]): void => {
    if (node.type === 'comment') {
      const line = node.startPosition.row + 1;
      comments.set(line, [...(comments.get(line) ?? []), node.text]);
    }
    let inner = scope;
    if (node.type === 'function_definition' || node.type === 'class_definition') {
      const name = node.childForFieldName('name')?.text ?? '?';
      inner = [...scope, name];
      const outer = node.parent?.type === 'decorated_definition' ? node.parent : node;
      definitions.push({
        start: outer.startPosition.row + 1, end: node.endPosition.row + 1, scope: inner.join('.'),
        isFunction: node.type === 'function_definition',
      });
    }
    for (const child of node.children) if (child) visit(child, inner);
  };
  visit(tree.rootNode, []);
  const topLevel = tree.rootNode.namedChildren.filter((n): n is SyntaxNode => n !== null)
    .map((n) => ({ start: n.startPosition.row + 1, end: n.endPosition.row + 1 }));
  return { lineCount, definitions, topLevel, comments };
}

/** The innermost function or class holding `line`, as `Class.method`, or `<module>` (as rules' fingerprints name it). */
export function scopeAt(outline: FileOutline, line: number): string {
  let best: Definition | undefined;
  for (const d of outline.definitions) {
    if (d.start <= line && line <= d.end && (!best || d.end - d.start <= best.end - best.start)) best = d;
  }
  return best?.scope ?? '<module>';
}

function size(s: LineSpan): number {
  return s.end - s.start + 1;
}

/** Consecutive pieces covering the file, cut where top-level statements start; over-long pieces cut into windows. */
function filePieces(outline: FileOutline): LineSpan[] {
  const starts = [1, ...outline.topLevel.map((s) => s.start).filter((l) => l > 1)];
  const pieces: LineSpan[] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : outline.lineCount;
    for (let s = start; s <= end; s += MAX_UNIT_LINES) pieces.push({ start: s, end: Math.min(end, s + MAX_UNIT_LINES - 1) });
  });
  return pieces;
}

/** Packs spans in order into groups of at most MAX_UNIT_LINES lines; adjacent spans fuse. */
function pack(spans: LineSpan[]): LineSpan[][] {
  const groups: LineSpan[][] = [];
  let current: LineSpan[] = [];
  let lines = 0;
  for (const span of spans) {
    if (lines + size(span) > MAX_UNIT_LINES && current.length > 0) {
      groups.push(current);
      current = [];
      lines = 0;
    }
    const last = current[current.length - 1];
    if (last && last.end + 1 >= span.start) last.end = Math.max(last.end, span.end);
    else current.push({ ...span });
    lines += size(span);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export function wholeFileUnits(file: string, outline: FileOutline): Unit[] {
  if (outline.lineCount === 0) return [];
  return pack(filePieces(outline)).map((spans) => ({ file, spans, added: null }));
}

/** Merges spans that overlap or nearly touch (a gap of two lines or less is cheaper to send than to mark). */
export function mergeSpans(spans: LineSpan[]): LineSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: LineSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end + 3) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** The changed lines of one file, each with its innermost function (or some context), packed into units. */
export function changeUnits(file: string, outline: FileOutline, change: FileChange): Unit[] {
  const n = outline.lineCount;
  if (n === 0) return [];
  const clip = (s: LineSpan): LineSpan => ({ start: Math.max(1, s.start), end: Math.min(n, s.end) });
  const touched = new Set<number>([...change.addedLines].filter((l) => l >= 1 && l <= n));
  // A removal between two lines changed what both of them now do together.
  for (const gap of change.removedAfter) for (const l of [gap, gap + 1]) if (l >= 1 && l <= n) touched.add(l);
  const spans: LineSpan[] = [];
  for (const line of touched) {
    let fn: Definition | undefined;
    for (const d of outline.definitions) {
      if (d.isFunction && d.start <= line && line <= d.end && (!fn || size(d) < size(fn))) fn = d;
    }
    if (fn && size(fn) <= MAX_UNIT_LINES) spans.push({ start: fn.start, end: fn.end });
    else spans.push(clip({ start: line - CHANGE_CONTEXT_LINES, end: line + CHANGE_CONTEXT_LINES }));
  }
  return pack(mergeSpans(spans)).map((group) => ({ file, spans: group, added: change.addedLines }));
}
