// Sets of characters as sorted, disjoint, inclusive code-point ranges: what the backtracking analysis needs to ask
// whether two transitions of a pattern can read the same character, and which one to show in an example input.

export type Ranges = ReadonlyArray<readonly [number, number]>;

export const MAX_CHAR = 0x10ffff;
export const ALL: Ranges = [[0, MAX_CHAR]];

export function normalize(ranges: Array<readonly [number, number]>): Ranges {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function union(...sets: Ranges[]): Ranges {
  return normalize(sets.flat());
}

export function complement(set: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [a, b] of set) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CHAR) out.push([next, MAX_CHAR]);
  return out;
}

export function intersect(x: Ranges, y: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a, b] = x[i]!;
    const [c, d] = y[j]!;
    const lo = Math.max(a, c);
    const hi = Math.min(b, d);
    if (lo <= hi) out.push([lo, hi]);
    if (b < d) i++; else j++;
  }
  return out;
}

export function overlaps(x: Ranges, y: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a, b] = x[i]!;
    const [c, d] = y[j]!;
    if (Math.max(a, c) <= Math.min(b, d)) return true;
    if (b < d) i++; else j++;
  }
  return false;
}

/** ASCII letters of the set in the other case too (`re.IGNORECASE` on the patterns that matter here). */
export function withOtherCase(set: Ranges): Ranges {
  const extra: Array<[number, number]> = [];
  const shift = (lo: number, hi: number, from: number, to: number, by: number): void => {
    const a = Math.max(lo, from);
    const b = Math.min(hi, to);
    if (a <= b) extra.push([a + by, b + by]);
  };
  for (const [a, b] of set) {
    shift(a, b, 0x41, 0x5a, 0x20);
    shift(a, b, 0x61, 0x7a, -0x20);
  }
  return extra.length === 0 ? set : union(set, extra);
}

/** Where an example character is looked for first: letters and digits, which look-arounds seldom exclude. */
const PREFERRED: Ranges = [[0x61, 0x7a], [0x41, 0x5a], [0x30, 0x39], [0x21, 0x7e]];

/** A character of the set to show in an example: a letter or digit first, other printable ASCII next, else the smallest. */
export function sample(set: Ranges): number | null {
  for (const range of PREFERRED) {
    const common = intersect(set, [range]);
    if (common.length > 0) return common[0]![0];
  }
  return set.length > 0 ? set[0]![0] : null;
}

/**
 * Python's classes over ASCII. Python's str patterns also take other scripts' digits, letters and spaces; the analysis
 * asks only whether two sets share a character, and ASCII answers that for the patterns reviewed.
 */
export const DIGIT: Ranges = [[0x30, 0x39]];
export const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
export const SPACE: Ranges = [[0x09, 0x0d], [0x20, 0x20]];
export const NEWLINE: Ranges = [[0x0a, 0x0a]];
