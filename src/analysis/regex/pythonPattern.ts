// Python `re` syntax rewritten into the ECMAScript syntax @eslint-community/regexpp parses, for analyses of a
// pattern's structure (never to run it). What the two languages spell differently is rewritten (`(?P<n>…)`, `\A`,
// `\Z`, `{,n}`, inline flags, verbose mode); what changes how Python backtracks, or what only Python has (atomic groups,
// possessive quantifiers, conditionals, back-references), makes the pattern unsupported: null.

export interface PythonFlags { ignoreCase: boolean; dotAll: boolean; verbose: boolean }

export interface TranslatedPattern {
  /** ECMAScript pattern source (no `u` flag). */
  source: string;
  ignoreCase: boolean;
  dotAll: boolean;
}

const INLINE_FLAGS = /^\(\?([aiLmsux]+)\)/;
const SCOPED_FLAGS = /^\(\?[aiLmsux]*(?:-[imsx]+)?:/;

export function translatePythonPattern(pattern: string, flags: PythonFlags): TranslatedPattern | null {
  let ignoreCase = flags.ignoreCase;
  let dotAll = flags.dotAll;
  let verbose = flags.verbose;
  // Global inline flags stand at the start in the patterns Python 3.11+ accepts.
  let rest = pattern;
  for (let m = INLINE_FLAGS.exec(rest); m; m = INLINE_FLAGS.exec(rest)) {
    if (m[1]!.includes('i')) ignoreCase = true;
    if (m[1]!.includes('s')) dotAll = true;
    if (m[1]!.includes('x')) verbose = true;
    rest = rest.slice(m[0].length);
  }
  let out = '';
  let inClass = false;
  let classStart = -1;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const n = rest[i + 1];
      if (n === undefined) return null;
      if (!inClass && /[1-9]/.test(n)) return null;
      if (n === 'N' || n === 'g') return null;
      if (!inClass && n === 'A') out += '^';
      else if (!inClass && (n === 'Z' || n === 'z')) out += '$';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      // `[]…]` and `[^]…]`: Python reads a `]` right after the opening as a member.
      if (c === ']' && i > classStart) { inClass = false; out += c; continue; }
      if (c === ']') { out += '\\]'; continue; }
      if (c === '[') { out += '\\['; continue; }
      out += c;
      continue;
    }
    if (verbose && /\s/.test(c)) continue;
    if (verbose && c === '#') {
      while (i < rest.length && rest[i] !== '\n') i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (rest[i + 1] === '^') { out += '^'; i++; }
      classStart = i + 1;
      continue;
    }
    if (c === '(' && rest[i + 1] === '?') {
      const tail = rest.slice(i);
      if (tail.startsWith('(?P<')) { out += '(?<'; i += 3; continue; }
      if (tail.startsWith('(?P=') || tail.startsWith('(?>') || tail.startsWith('(?(')) return null;
      if (tail.startsWith('(?#')) {
        const end = rest.indexOf(')', i);
        if (end < 0) return null;
        i = end;
        continue;
      }
      const scoped = SCOPED_FLAGS.exec(tail);
      if (scoped && scoped[0] !== '(?:') {
        if (/^\(\?[a-zA-Z]*i/.test(scoped[0])) ignoreCase = true;
        out += '(?:';
        i += scoped[0].length - 1;
        continue;
      }
      if (INLINE_FLAGS.test(tail)) return null;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && rest[i + 1] === '+') return null;
    if (c === '{' && rest[i + 1] === ',') {
      const m = /^\{,(\d+)\}/.exec(rest.slice(i));
      if (m) { out += `{0,${m[1]}}`; i += m[0].length - 1; continue; }
    }
    out += c;
  }
  if (inClass) return null;
  return { source: out, ignoreCase, dotAll };
}
