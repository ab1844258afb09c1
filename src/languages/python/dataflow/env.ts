// The abstract state of the structured forward analyses: one lattice value per tracked location (a local name
// `x` or an attribute path `self.x`, `a.b.c`). Absent means bottom; `null` states elsewhere mean unreachable.

export interface Lattice<V> {
  bottom(): V;
  join(a: V, b: V): V;
  /** Equality up to what matters for the fixpoint (taint compares facts, not their evidence paths). */
  equals(a: V, b: V): boolean;
}

const DOT = 46;

export class Env<V> {
  constructor(readonly lattice: Lattice<V>, private readonly vars: Map<string, V> = new Map()) {}

  get(key: string): V | undefined {
    return this.vars.get(key);
  }

  keys(): IterableIterator<string> {
    return this.vars.keys();
  }

  /** Strong update; paths below `key` (`key.attr`) described the old object and are dropped. */
  set(key: string, value: V): void {
    // Runs on every assignment the analyses walk: no key list or prefix string is built (a Map may delete the
    // entry forEach is on).
    const n = key.length;
    this.vars.forEach((_, k) => { if (k.length > n && k.charCodeAt(n) === DOT && k.startsWith(key)) this.vars.delete(k); });
    this.vars.set(key, value);
  }

  /** Weak update: the location may or may not hold `value` now (container writes, `.append`). */
  weak(key: string, value: V): void {
    const old = this.vars.get(key);
    this.vars.set(key, old === undefined ? value : this.lattice.join(old, value));
  }

  delete(key: string): void {
    this.vars.delete(key);
  }

  copy(): Env<V> {
    return new Env(this.lattice, copyMap(this.vars));
  }

  equals(other: Env<V>): boolean {
    if (this.vars.size !== other.vars.size) return false;
    let same = true;
    this.vars.forEach((v, k) => {
      if (!same) return;
      const o = other.vars.get(k);
      if (o === undefined || !this.lattice.equals(v, o)) same = false;
    });
    return same;
  }

  /** Calls `fn` on every location and value (forEach: no iterator objects on this hot path). */
  forEach(fn: (value: V, key: string) => void): void {
    this.vars.forEach(fn);
  }
}

/** Join of states where `null` (unreachable) is the identity. */
export function joinEnv<V>(a: Env<V> | null, b: Env<V> | null): Env<V> | null {
  if (!a) return b ? b.copy() : null;
  if (!b) return a.copy();
  const out = a.copy();
  b.forEach((v, k) => out.weak(k, v));
  return out;
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
