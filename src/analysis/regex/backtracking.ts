// Exponential backtracking (ReDoS, CWE-1333) in a regular expression, decided on its structure. A backtracking
// matcher (Python's `re`) tries the ways a pattern can read the input one after another; when some state of the
// pattern can return to itself over the same text along two different paths, n repetitions of that text can be read
// in 2^n ways, and an input that then fails to match makes the matcher try them all. That is the exponential degree
// of ambiguity (EDA) of the pattern's automaton: a state q and two different paths q → q with the same label. It is
// found the usual way (Allauzen, Mohri, Rastogi, "A general weighted grammar library"; Weideman et al., "Analyzing
// matching time behavior of backtracking regular expression matchers"): in the product of the automaton with itself,
// a strongly connected component that holds a pair (q, q) and where the two paths part.
//
// The automaton is Thompson's, with its empty moves removed while counting them: `(\d+)*` reaches the same digit
// state by two empty paths (the inner loop, or the outer one), which is exactly the ambiguity a backtracking matcher
// explores, and which an automaton that merges parallel moves (as minimising libraries do) would hide.
// The blow-up needs an input that fails: a loop the matcher can leave to end the match (unanchored, or another
// branch reaching the pattern's end) is none. `$` counts as an end only at the end of the input; other assertions
// (`^`, `\b`, look-arounds) are read as empty, so a look-around that excludes one of the two paths is not seen, and
// the analysis may report a pattern whose look-ahead already prevents the blow-up.
import type { AST } from '@eslint-community/regexpp';
import { lazyRequire } from '../../lazyRequire.js';
import {
  ALL, DIGIT, NEWLINE, SPACE, WORD, complement, intersect, overlaps, sample, union, withOtherCase, type Ranges,
} from './charRanges.js';
import { translatePythonPattern, type PythonFlags } from './pythonPattern.js';

const regexpp = lazyRequire<typeof import('@eslint-community/regexpp')>('@eslint-community/regexpp');

/** Bounds that keep one pattern's analysis small; a pattern past them is not analysed (no finding). */
const MAX_STATES = 3_000;
const MAX_EMPTY_STEPS = 20_000;
const MAX_PAIRS = 150_000;
const MAX_PAIR_EDGES = 2_000_000;
/** Bounded repetition wider than this is analysed as unbounded; lower bounds past MAX_UNROLLED are cut to it. */
const WIDE_BOUND = 8;
const MAX_UNROLLED = 64;
/** Repeats of the ambiguous text read when checking that no other branch ends the match first. */
const PUMP_CHECKS = 3;

export interface Backtracking {
  /** Text that leads the matcher to the ambiguous loop (may be empty). */
  prefix: string;
  /** Text the loop reads in two different ways: repeated n times, 2^n ways. */
  pump: string;
  /** The innermost repetition of the pattern (as parsed) that the ambiguous loop goes through, e.g. `(?:[^"]|\\.)*`. */
  loop: string | null;
}

export interface MatchMode {
  /** The whole input must match (`re.fullmatch`): any failing suffix makes every way be tried. */
  whole: boolean;
}

class Unsupported extends Error {}

/** A move on one character, with the pattern element that reads it. */
interface CharEdge { set: Ranges; to: number; element: AST.Node }

class Thompson {
  readonly empty: number[][] = [];
  /** Per empty move of `empty`, whether it is a repetition's way back to its start. */
  readonly back: boolean[][] = [];
  /** States right after an end-of-input assertion (`$`, `\Z`): the pattern ends through them only at the end. */
  readonly endMarks = new Set<number>();
  readonly chars: CharEdge[][] = [];
  constructor(private readonly flags: { ignoreCase: boolean; dotAll: boolean }) {}

  state(): number {
    if (this.empty.length >= MAX_STATES) throw new Unsupported('too large');
    this.empty.push([]);
    this.back.push([]);
    this.chars.push([]);
    return this.empty.length - 1;
  }

  private char(from: number, set: Ranges, element: AST.Node): number {
    const to = this.state();
    this.chars[from]!.push({ set: this.flags.ignoreCase ? withOtherCase(set) : set, to, element });
    return to;
  }

  private eps(from: number, to: number, back = false): void {
    this.empty[from]!.push(to);
    this.back[from]!.push(back);
  }

  alternatives(alts: readonly AST.Alternative[], from: number): number {
    if (alts.length === 1) return this.sequence(alts[0]!.elements, from);
    const end = this.state();
    for (const alt of alts) {
      const start = this.state();
      this.eps(from, start);
      this.eps(this.sequence(alt.elements, start), end);
    }
    return end;
  }

  private sequence(elements: readonly AST.Element[], from: number): number {
    let at = from;
    for (const e of elements) at = this.element(e, at);
    return at;
  }

  private element(e: AST.Element, from: number): number {
    switch (e.type) {
      case 'Character': return this.char(from, [[e.value, e.value]], e);
      case 'CharacterSet': return this.char(from, this.characterSet(e), e);
      case 'CharacterClass': return this.char(from, this.characterClass(e), e);
      case 'Group': case 'CapturingGroup': return this.alternatives(e.alternatives, from);
      case 'Assertion': {
        if (e.kind !== 'end') return from;
        const mark = this.state();
        this.eps(from, mark);
        this.endMarks.add(mark);
        return mark;
      }
      case 'Quantifier': return this.quantifier(e, from);
      default: throw new Unsupported(e.type);
    }
  }

  private quantifier(q: AST.Quantifier, from: number): number {
    const body = q.element as AST.Element;
    // A wide bound is read as no bound: `[a-z]{1,63}` splits a run as many ways as `[a-z]+` does once the run is
    // longer than the lower bound twice, and unrolling 63 copies would multiply the moves of the product by 63².
    const max = q.max - q.min > WIDE_BOUND ? Infinity : q.max;
    const min = Math.min(q.min, MAX_UNROLLED);
    let at = from;
    for (let i = 0; i < min; i++) at = this.element(body, at);
    if (max === Infinity) {
      // Thompson's star, with its own entry and exit: a loop nested in another is re-entered through its entry, a
      // path apart from its own way back, so `(a*)*` reaches the `a` two ways.
      const start = this.state();
      const exit = this.state();
      this.eps(at, start);
      this.eps(at, exit);
      const end = this.element(body, start);
      this.eps(end, start, true);
      this.eps(end, exit);
      return exit;
    }
    // `x{1,3}` is `x(?:x(?:x)?)?`: skipping one optional copy skips the rest, or `x?x?` would read one `x` two ways.
    if (max === min) return at;
    const exit = this.state();
    for (let i = min; i < max; i++) {
      this.eps(at, exit);
      at = this.element(body, at);
    }
    this.eps(at, exit);
    return exit;
  }

  private characterSet(e: AST.CharacterSet | AST.EscapeCharacterSet): Ranges {
    if (e.kind === 'any') return this.flags.dotAll ? ALL : complement(NEWLINE);
    if (e.kind === 'property') throw new Unsupported('property');
    const base = e.kind === 'digit' ? DIGIT : e.kind === 'space' ? SPACE : WORD;
    return e.negate ? complement(base) : base;
  }

  private characterClass(e: AST.CharacterClass): Ranges {
    const parts: Ranges[] = [];
    for (const el of e.elements) {
      if (el.type === 'Character') parts.push([[el.value, el.value]]);
      else if (el.type === 'CharacterClassRange') parts.push([[el.min.value, el.max.value]]);
      else if (el.type === 'CharacterSet') parts.push(this.characterSet(el as AST.EscapeCharacterSet));
      else throw new Unsupported(el.type);
    }
    const set = union(...parts);
    return e.negate ? complement(set) : set;
  }
}

interface Move { set: Ranges; to: number; ways: number; element: AST.Node }

/** Moves on one character from each state, each counted once per empty path that reaches it (capped at 2). */
function movesWithoutEmpty(nfa: Thompson, sources: readonly number[], final: number): { moves: Map<number, Move[]>; accepting: Set<number> } {
  const moves = new Map<number, Move[]>();
  const accepting = new Set<number>();
  for (const s of sources) {
    const ways = new Map<number, number>();
    // Forward empty moves never make a cycle; a way back does, and is taken only when the iteration it closes
    // read something (its start is not on this empty path): Python ends a repetition at an empty iteration. A way
    // back can lead to a state this path saw in the iteration before (`x(?:(-y)?(,z)?)*`: `-y` then `,z` as two
    // iterations passes the exit of `(-y)?` twice), which is a path of its own.
    const onPath = new Map<number, number>();
    let steps = 0;
    let pastEnd = 0;
    const walk = (q: number): void => {
      if (++steps > MAX_EMPTY_STEPS) throw new Unsupported('empty paths');
      ways.set(q, Math.min(2, (ways.get(q) ?? 0) + 1));
      const mark = nfa.endMarks.has(q);
      if (mark) pastEnd++;
      // The pattern can end here whatever follows, unless the way to its end asserts the end of the input.
      if (q === final && pastEnd === 0) accepting.add(s);
      onPath.set(q, (onPath.get(q) ?? 0) + 1);
      const targets = nfa.empty[q]!;
      for (let i = 0; i < targets.length; i++) {
        const r = targets[i]!;
        if (!nfa.back[q]![i] || !onPath.has(r)) walk(r);
      }
      const n = onPath.get(q)! - 1;
      if (n === 0) onPath.delete(q); else onPath.set(q, n);
      if (mark) pastEnd--;
    };
    walk(s);
    const out: Move[] = [];
    for (const [q, n] of [...ways].sort((a, b) => a[0] - b[0])) {
      for (const e of nfa.chars[q]!) out.push({ set: e.set, to: e.to, ways: n, element: e.element });
    }
    moves.set(s, out);
  }
  return { moves, accepting };
}

interface PairEdge { to: number; ch: number; parting: boolean; elements: readonly [AST.Node, AST.Node] }

/** The first ambiguous loop the matcher can reach with an input that then fails, as an example input; null if none. */
export function exponentialBacktracking(pattern: string, flags: PythonFlags, mode: MatchMode): Backtracking | null {
  const translated = translatePythonPattern(pattern, flags);
  const ast = translated && parse(translated.source);
  if (!ast) return null;
  try {
    return analyse(ast, translated, mode, true);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** The pattern's syntax tree (ECMAScript syntax, no `u` flag), or null when it does not parse. */
function parse(source: string): AST.Pattern | null {
  try {
    return new (regexpp().RegExpParser)({ ecmaVersion: 2022, strict: false }).parsePattern(source, 0, source.length, { unicode: false });
  } catch {
    return null;
  }
}

/** `describe`: also name the repetition the loop goes through (a second analysis of its text alone). */
function analyse(ast: AST.Pattern, flags: { ignoreCase: boolean; dotAll: boolean }, mode: MatchMode, describe: boolean): Backtracking | null {
  const nfa = new Thompson(flags);
  const initial = nfa.state();
  const final = nfa.alternatives(ast.alternatives, initial);
  const sources = [initial, ...new Set(nfa.chars.flat().map((e) => e.to))].sort((a, b) => a - b);
  const { moves, accepting } = movesWithoutEmpty(nfa, sources, final);
  // A pattern that must reach the end of the input fails on any extra character, whatever state it stopped in. An
  // end assertion in the pattern (`$`) is the same for the ways that pass it (see movesWithoutEmpty).
  const mustEnd = mode.whole;

  // The product automaton, breadth first from (initial, initial).
  const index = new Map<number, number>();
  const pairs: Array<[number, number]> = [];
  const edges: PairEdge[][] = [];
  const parent: Array<{ from: number; ch: number } | null> = [];
  const n = nfa.empty.length;
  const add = (a: number, b: number, from: number | null, ch: number): number => {
    const key = a * n + b;
    let id = index.get(key);
    if (id === undefined) {
      if (pairs.length >= MAX_PAIRS) throw new Unsupported('too many pairs');
      id = pairs.length;
      index.set(key, id);
      pairs.push([a, b]);
      edges.push([]);
      parent.push(from === null ? null : { from, ch });
    }
    return id;
  };
  add(initial, initial, null, 0);
  let edgeCount = 0;
  for (let v = 0; v < pairs.length; v++) {
    const [a, b] = pairs[v]!;
    const ma = moves.get(a)!;
    const mb = moves.get(b)!;
    for (let i = 0; i < ma.length; i++) {
      for (let j = 0; j < mb.length; j++) {
        const x = ma[i]!;
        const y = mb[j]!;
        if (!overlaps(x.set, y.set)) continue;
        if (++edgeCount > MAX_PAIR_EDGES) throw new Unsupported('too many moves');
        const ch = sample(intersect(x.set, y.set))!;
        const to = add(x.to, y.to, v, ch);
        edges[v]!.push({ to, ch, parting: a === b && (i !== j || x.ways > 1), elements: [x.element, y.element] });
      }
    }
  }

  // Unless the whole input must match, a state from which the pattern can end is a way out: the first time the
  // matcher backs up to it, the match succeeds. The ambiguous loop must then avoid such states on both paths.
  const blocked = pairs.map(([a, b]) => !mustEnd && (accepting.has(a) || accepting.has(b)));
  const inLoop = edges.map((list, v) => (blocked[v] ? [] : list.filter((e) => !blocked[e.to])));
  const component = stronglyConnected(inLoop);
  // For each component: a diagonal pair, and whether the two paths part and meet again inside it.
  const diagonal = new Map<number, number>();
  const parted = new Set<number>();
  pairs.forEach(([a, b], v) => {
    if (blocked[v]) return;
    const c = component[v]!;
    if (a !== b) parted.add(c);
    else if (!diagonal.has(c)) diagonal.set(c, v);
  });
  inLoop.forEach((list, v) => {
    for (const e of list) if (e.parting && component[e.to] === component[v]) parted.add(component[v]!);
  });
  const hits = [...diagonal].filter(([c]) => parted.has(c)).map(([, v]) => v).sort((x, y) => x - y);
  for (const v of hits) {
    const pump = pumpAt(v, inLoop, component, pairs);
    const prefix = prefixTo(v, parent);
    if (!mustEnd && endsEarly(pump.text.repeat(PUMP_CHECKS), pairs[v]![0], moves, accepting)) continue;
    return { prefix, pump: pump.text, loop: describe ? enclosingRepetition(pump.elements, flags) : null };
  }
  return null;
}

/**
 * Whether some way of reading `text` from the loop's state reaches the end of the pattern on the way: a branch other
 * than the loop's (in `\[(\\]|[^\]]|\\])*\].*`, `\` as plain text, then `]` closing the group) makes the match
 * succeed at the first backing up, before the ambiguous repeats are tried. Ways out before the loop do not count:
 * the matcher backs up to them only after trying every way through it.
 */
function endsEarly(text: string, from: number, moves: ReadonlyMap<number, readonly Move[]>, accepting: ReadonlySet<number>): boolean {
  let states = new Set([from]);
  for (const ch of text) {
    if ([...states].some((q) => accepting.has(q))) return true;
    const c = ch.codePointAt(0)!;
    const next = new Set<number>();
    for (const q of states) for (const m of moves.get(q)!) if (m.set.some(([a, b]) => a <= c && c <= b)) next.add(m.to);
    states = next;
  }
  return [...states].some((q) => accepting.has(q));
}

function prefixTo(v: number, parent: ReadonlyArray<{ from: number; ch: number } | null>): string {
  const chars: number[] = [];
  for (let p = parent[v]; p; p = parent[p.from]) chars.push(p.ch);
  return String.fromCodePoint(...chars.reverse());
}

/**
 * A loop from the diagonal pair v back to itself on which the two paths differ (an edge parts them, or they leave the
 * diagonal): its text, and the pattern elements either path reads on it.
 */
function pumpAt(v: number, edges: readonly PairEdge[][], component: readonly number[], pairs: ReadonlyArray<readonly [number, number]>): { text: string; elements: AST.Node[] } {
  const c = component[v];
  // Breadth first inside the component over (pair, parted yet) states, from (v, no) to (v, yes).
  const key = (u: number, parted: boolean): number => u * 2 + (parted ? 1 : 0);
  const start = key(v, false);
  const goal = key(v, true);
  const back = new Map<number, { from: number; edge: PairEdge }>();
  const queue = [start];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    const u = s >> 1;
    for (const e of edges[u]!) {
      if (component[e.to] !== c) continue;
      const [a, b] = pairs[e.to]!;
      const next = key(e.to, (s & 1) === 1 || e.parting || a !== b);
      if (seen.has(next)) continue;
      seen.add(next);
      back.set(next, { from: s, edge: e });
      if (next === goal) {
        const path: PairEdge[] = [];
        for (let t = goal; t !== start; t = back.get(t)!.from) path.push(back.get(t)!.edge);
        path.reverse();
        return { text: String.fromCodePoint(...path.map((p) => p.ch)), elements: path.flatMap((p) => [...p.elements]) };
      }
      queue.push(next);
    }
  }
  return { text: '', elements: [] };
}

/**
 * The innermost repetition whose text holds every element the loop reads and which is ambiguous on its own: in
 * `(\d+)*x` the loop reads only `\d`, but `\d+` alone is not ambiguous and `(\d+)*` is.
 */
function enclosingRepetition(elements: readonly AST.Node[], flags: { ignoreCase: boolean; dotAll: boolean }): string | null {
  if (elements.length === 0) return null;
  const start = Math.min(...elements.map((e) => e.start));
  const end = Math.max(...elements.map((e) => e.end));
  for (let n: AST.Node | null = elements[0]!.parent; n; n = n.parent) {
    if (n.type !== 'Quantifier' || n.max <= 1 || n.start > start || end > n.end) continue;
    const alone = parse(n.raw);
    try {
      if (alone && analyse(alone, flags, { whole: true }, false)) return n.raw;
    } catch (e) {
      // Too large to analyse alone: an outer repetition may still be named.
      if (!(e instanceof Unsupported)) throw e;
    }
  }
  return null;
}

/** Tarjan's strongly connected components, iteratively (patterns unrolled from `{1,255}` make long paths). */
function stronglyConnected(edges: readonly PairEdge[][]): number[] {
  const count = edges.length;
  const order = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const component = new Array<number>(count).fill(-1);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  let next = 0;
  let components = 0;
  for (let root = 0; root < count; root++) {
    if (order[root]! >= 0) continue;
    const work: Array<[number, number]> = [[root, 0]];
    order[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [u, i] = top;
      if (i < edges[u]!.length) {
        top[1]++;
        const w = edges[u]![i]!.to;
        if (order[w]! < 0) {
          order[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) low[u] = Math.min(low[u]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const p = work[work.length - 1]![0];
        low[p] = Math.min(low[p]!, low[u]!);
      }
      if (low[u] === order[u]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component[w] = components;
        } while (w !== u);
        components++;
      }
    }
  }
  return component;
}
