// The preprocessing step before tree-sitter-cpp: blanks directives and the branches of `#if` groups after the first
// one taken, and rewrites the known macros of models/cpp/macros.ts, always replacing characters by characters of the
// same length (spaces, newlines kept) so that every line and column of the output is the input's. It expands
// nothing and evaluates no condition except a literal `#if 0`; what it blanks is reported, never silently lost.
import { macroAction } from '../../models/cpp/macros.js';

/** A branch of an `#if` group that was blanked (not analysed), 1-based inclusive lines of its text. */
export interface SkippedBranch { directive: string; startLine: number; endLine: number }

/** `includes`: the paths the `#include` directives name (`"foo_p.h"`, `<QtCore/private/foo_p.h>`), in order, taken or not. */
export interface Preprocessed { text: string; skipped: SkippedBranch[]; includes: string[] }

interface Group { taken: boolean; skipping: boolean; directive: string; skipStart: number }

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_]/;

export function preprocess(source: string): Preprocessed {
  const out = source.split('');
  const skipped: SkippedBranch[] = [];
  const includes: string[] = [];
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  const lineOf = (index: number): number => {
    let n = 1;
    for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) n++;
    return n;
  };
  const stack: Group[] = [];
  const skipping = (): boolean => stack.some((g) => g.skipping);
  const endSkip = (group: Group, at: number): void => {
    if (group.skipping && !stack.slice(0, -1).some((g) => g.skipping)) {
      const startLine = lineOf(group.skipStart);
      const endLine = lineOf(at) - 1;
      if (endLine >= startLine) skipped.push({ directive: group.directive, startLine, endLine });
    }
  };

  let i = 0;
  let lineStart = true;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === '\n') { lineStart = true; i++; continue; }
    if (lineStart && (c === ' ' || c === '\t' || c === '\r')) { i++; continue; }
    if (lineStart && c === '#') {
      const end = directiveEnd(source, i);
      const text = source.slice(i + 1, end).replace(/\\\r?\n/g, ' ').replace(/\/\*.*?\*\/|\/\/.*$/gs, '').trim();
      const [, keyword = '', rest = ''] = /^(\w*)\s*(.*)$/s.exec(text) ?? [];
      const afterLine = source.indexOf('\n', end);
      const next = afterLine === -1 ? n : afterLine + 1;
      if (keyword === 'if' || keyword === 'ifdef' || keyword === 'ifndef') {
        const parentSkipping = skipping();
        const literalFalse = keyword === 'if' && /^0\b/.test(rest);
        const group: Group = { taken: !literalFalse, skipping: literalFalse, directive: `#${keyword} ${rest}`, skipStart: next };
        if (parentSkipping) group.skipping = false; // the enclosing skipped region already covers it
        stack.push(group);
      } else if ((keyword === 'elif' || keyword === 'else') && stack.length > 0) {
        const group = stack.at(-1)!;
        endSkip(group, i);
        if (group.taken) {
          group.skipping = true;
          group.skipStart = next;
          group.directive = `#${keyword}${rest ? ` ${rest}` : ''}`;
        } else {
          group.taken = true;
          group.skipping = false;
        }
        if (stack.slice(0, -1).some((g) => g.skipping)) group.skipping = false;
      } else if (keyword === 'endif' && stack.length > 0) {
        endSkip(stack.at(-1)!, i);
        stack.pop();
      } else if (keyword === 'include') {
        const named = /^(?:"([^"]+)"|<([^>]+)>)/.exec(rest);
        if (named) includes.push(named[1] ?? named[2]!);
      }
      blank(i, end);
      i = end;
      lineStart = false;
      continue;
    }
    lineStart = false;
    if (skipping()) {
      const eol = source.indexOf('\n', i);
      const stop = eol === -1 ? n : eol;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') { const eol = source.indexOf('\n', i); i = eol === -1 ? n : eol; continue; }
    if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      const stop = close === -1 ? n : close + 2;
      // A block comment may span lines; a `#` right after it is not at a line start.
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") { i = literalEnd(source, i); continue; }
    if (IDENT_START.test(c) && (i === 0 || !IDENT.test(source[i - 1]!))) {
      let j = i + 1;
      while (j < n && IDENT.test(source[j]!)) j++;
      const name = source.slice(i, j);
      // Raw strings and prefixed literals (R"(...)", u8"...") are skipped with their prefix.
      if (source[j] === '"' && /^(R|LR|uR|UR|u8R)$/.test(name)) { i = rawStringEnd(source, j); continue; }
      const action = macroAction(name);
      if (action) i = rewrite(source, out, i, j, action, blank);
      else i = j;
      continue;
    }
    i++;
  }
  // An unterminated group (a truncated file): its skipped branch still counts.
  while (stack.length > 0) { endSkip(stack.at(-1)!, n + 1); stack.pop(); }
  return { text: out.join(''), skipped, includes };
}

/** Applies one macro's rewrite at [start, nameEnd); answers where scanning goes on. */
function rewrite(source: string, out: string[], start: number, nameEnd: number, action: string, blank: (a: number, b: number) => void): number {
  const open = skipSpaces(source, nameEnd);
  switch (action) {
    case 'blank':
      // `Q_DECL_DEPRECATED_X("why")`: arguments right after the name go with it.
      if (source[nameEnd] === '(') { const close = matchParen(source, nameEnd); blank(start, close); return close; }
      blank(start, nameEnd);
      return nameEnd;
    case 'blank-call': {
      if (source[open] !== '(') { blank(start, nameEnd); return nameEnd; }
      const close = matchParen(source, open);
      blank(start, close);
      return close;
    }
    case 'access': {
      if (source[skipSpaces(source, nameEnd)] !== ':') return nameEnd;
      const word = 'public'.padEnd(nameEnd - start, ' ');
      for (let k = 0; k < word.length; k++) out[start + k] = word[k]!;
      return nameEnd;
    }
    case 'foreach': {
      if (source[open] !== '(') return nameEnd;
      const close = matchParen(source, open);
      const comma = lastTopLevelComma(source, open + 1, close - 1);
      if (comma === -1) return nameEnd;
      const word = 'for'.padEnd(nameEnd - start, ' ');
      for (let k = 0; k < word.length; k++) out[start + k] = word[k]!;
      out[comma] = ':';
      return open + 1;
    }
    default:
      return nameEnd;
  }
}

function skipSpaces(source: string, i: number): number {
  while (i < source.length && /[ \t\r\n]/.test(source[i]!)) i++;
  return i;
}

/** The index after the `)` matching the `(` at `open` (strings and comments inside skipped); end of text if none. */
function matchParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'") { i = literalEnd(source, i) - 1; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}

function lastTopLevelComma(source: string, from: number, to: number): number {
  let depth = 0;
  let found = -1;
  for (let i = from; i < to; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'") { i = literalEnd(source, i) - 1; continue; }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) found = i;
  }
  return found;
}

/** End (exclusive) of a directive: its line, with `\` continuations and block comments that span lines. */
function directiveEnd(source: string, i: number): number {
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      const before = source[i - 1] === '\r' ? i - 2 : i - 1;
      if (source[before] === '\\') { i++; continue; }
      return i;
    }
    if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close === -1 ? source.length : close + 2;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      const eol = source.indexOf('\n', i);
      return eol === -1 ? source.length : eol;
    }
    i++;
  }
  return source.length;
}

/** End (exclusive) of the string or character literal opening at `i`; a literal never runs past its line. */
function literalEnd(source: string, i: number): number {
  const quote = source[i]!;
  for (let j = i + 1; j < source.length; j++) {
    const c = source[j]!;
    if (c === '\\') { j++; continue; }
    if (c === quote) return j + 1;
    if (c === '\n') return j;
  }
  return source.length;
}

/** End of a raw string literal whose `"` is at `quote`: R"delim( ... )delim". */
function rawStringEnd(source: string, quote: number): number {
  const paren = source.indexOf('(', quote);
  if (paren === -1) return quote + 1;
  const delimiter = source.slice(quote + 1, paren);
  const close = source.indexOf(`)${delimiter}"`, paren);
  return close === -1 ? source.length : close + delimiter.length + 2;
}
