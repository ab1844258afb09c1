// The abstract state of the structured forward analyses: one lattice value per tracked location (a local name
// `x` or an attribute path `self.x`, `a.b.c`). Absent means bottom; `null` states elsewhere mean unreachable.
//
// Copy-on-write in two levels, so that a long run of branches over many names stays near-linear:
//
//     Env ──own──► { x: v7, y: GONE }        this state's writes since `base` (GONE = deleted)
//      └──base──► frozen Map, shared          by every copy made since the last fold
//
// A copy shares `base` and copies only `own`; a join or comparison of two states on the same base looks only at
// their `own` entries. `own` is folded into a new base once it outgrows the square root of the base, which bounds
// both a copy (√n) and the folds (n every √n writes): 20,000 sequential `if` blocks cost n·√n, not n².

export interface Lattice<V> {
  bottom(): V;
  join(a: V, b: V): V;
  /** Equality up to what matters for the fixpoint (taint compares facts, not their evidence paths). */
  equals(a: V, b: V): boolean;
}

const DOT = 46;
const GONE: unique symbol = Symbol('deleted');
type Slot<V> = V | typeof GONE;

/**
 * `own` entries below which a state is never folded: small functions keep one map, as before, and pay no fold.
 * Higher means cheaper folds but costlier copies on long runs of branches; 32 keeps both well under a microsecond.
 */
const FOLD_MIN = 32;

interface Base<V> {
  readonly map: ReadonlyMap<string, V>;
  /** Every `a` and `a.b` that prefixes a dotted key of `map`: a strong update elsewhere needs no scan. */
  readonly parents: ReadonlySet<string>;
}

const EMPTY_BASE: Base<never> = { map: new Map<string, never>(), parents: new Set<string>() };

function addParents(key: string, into: Set<string>): void {
  for (let i = key.indexOf('.'); i > 0; i = key.indexOf('.', i + 1)) into.add(key.slice(0, i));
}

export class Env<V> {
  private base: Base<V>;
  private own: Map<string, Slot<V>>;
  /** Parents of the dotted keys written into `own` (null while there are none). */
  private ownParents: Set<string> | null;

  constructor(readonly lattice: Lattice<V>, base: Base<V> = EMPTY_BASE, own = new Map<string, Slot<V>>(), ownParents: Set<string> | null = null) {
    this.base = base;
    this.own = own;
    this.ownParents = ownParents;
  }

  get(key: string): V | undefined {
    const o = this.own.get(key);
    if (o !== undefined) return o === GONE ? undefined : o;
    return this.base.map.get(key);
  }

  keys(): IterableIterator<string> {
    const out: string[] = [];
    this.forEach((_, k) => out.push(k));
    return out.values();
  }

  /** Strong update; paths below `key` (`key.attr`) described the old object and are dropped. */
  set(key: string, value: V): void {
    if (this.base.parents.has(key) || this.ownParents?.has(key)) this.dropBelow(key);
    this.own.set(key, value);
    if (key.includes('.')) addParents(key, this.ownParents ??= new Set());
  }

  private dropBelow(key: string): void {
    const n = key.length;
    const below = (k: string): boolean => k.length > n && k.charCodeAt(n) === DOT && k.startsWith(key);
    this.base.map.forEach((_, k) => { if (below(k)) this.own.set(k, GONE); });
    this.own.forEach((_, k) => { if (below(k)) this.delete(k); });
  }

  /** Weak update: the location may or may not hold `value` now (container writes, `.append`). */
  weak(key: string, value: V): void {
    const old = this.get(key);
    this.own.set(key, old === undefined ? value : this.lattice.join(old, value));
    if (key.includes('.')) addParents(key, this.ownParents ??= new Set());
  }

  delete(key: string): void {
    if (this.base.map.has(key)) this.own.set(key, GONE);
    else this.own.delete(key);
  }

  copy(): Env<V> {
    this.maybeFold();
    return new Env(this.lattice, this.base, copyMap(this.own), this.ownParents ? new Set(this.ownParents) : null);
  }

  /** Moves `own` into a fresh shared base once it is large next to it (see the file comment). */
  private maybeFold(): void {
    const size = this.own.size;
    if (size < FOLD_MIN || size * size <= this.base.map.size) return;
    const map = new Map<string, V>();
    const parents = new Set<string>();
    this.forEach((v, k) => {
      map.set(k, v);
      if (k.includes('.')) addParents(k, parents);
    });
    this.base = { map, parents };
    this.own = new Map();
    this.ownParents = null;
  }

  equals(other: Env<V>): boolean {
    if (this.base === other.base) {
      // Entries of the shared base that neither state overwrote are equal by identity.
      let same = true;
      const check = (_: unknown, k: string): void => {
        if (!same) return;
        const a = this.get(k);
        const b = other.get(k);
        if (a === undefined || b === undefined ? a !== b : !this.lattice.equals(a, b)) same = false;
      };
      this.own.forEach(check);
      if (same) other.own.forEach(check);
      return same;
    }
    let count = 0;
    let same = true;
    this.forEach((v, k) => {
      count++;
      if (!same) return;
      const o = other.get(k);
      if (o === undefined || !this.lattice.equals(v, o)) same = false;
    });
    if (!same) return false;
    let otherCount = 0;
    other.forEach(() => { otherCount++; });
    return count === otherCount;
  }

  /** Calls `fn` on every location and value (forEach: no iterator objects on this hot path). */
  forEach(fn: (value: V, key: string) => void): void {
    const own = this.own;
    this.base.map.forEach((v, k) => { if (!own.has(k)) fn(v, k); });
    own.forEach((v, k) => { if (v !== GONE) fn(v, k); });
  }

  /** `this ⊔ other` into a new state: every location of either, joined (left first) where both hold one. */
  joinWith(other: Env<V>): Env<V> {
    if (this.base !== other.base) {
      const out = this.copy();
      other.forEach((v, k) => out.weak(k, v));
      return out;
    }
    // On a shared base only the locations one side wrote since can differ; the rest are the same value on both.
    const out = new Env(this.lattice, this.base, copyMap(this.own), this.ownParents ? new Set(this.ownParents) : null);
    other.own.forEach((v, k) => { if (v !== GONE) out.weak(k, v); });
    this.own.forEach((_, k) => {
      if (other.own.has(k)) return;
      const v = this.base.map.get(k);
      if (v !== undefined) out.weak(k, v);
    });
    return out;
  }
}

/** Join of states where `null` (unreachable) is the identity. */
export function joinEnv<V>(a: Env<V> | null, b: Env<V> | null): Env<V> | null {
  if (!a) return b ? b.copy() : null;
  if (!b) return a.copy();
  return a.joinWith(b);
}

export function sameEnv<V>(a: Env<V> | null, b: Env<V> | null): boolean {
  if (!a || !b) return a === b;
  return a.equals(b);
}

/**
 * A copy of a Map made with forEach: `new Map(map)` goes through the iterator protocol here (Node 20), allocating an
 * entry array and a result object per entry, and environments are copied at every branch.
 */
export function copyMap<K, V>(from: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  from.forEach((v, k) => out.set(k, v));
  return out;
}
