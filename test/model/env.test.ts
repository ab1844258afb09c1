// The copy-on-write environment must mean exactly what one plain Map per state meant: random programs of writes,
// copies, joins and comparisons are run on both and every state is compared after every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Env, joinEnv, sameEnv, type Lattice } from '../../src/languages/python/dataflow/env.js';

/** Sets of small numbers as the lattice (join = union), compared by content. */
type V = ReadonlySet<number>;
const lattice: Lattice<V> = {
  bottom: () => new Set(),
  join: (a, b) => (a === b ? a : new Set([...a, ...b])),
  equals: (a, b) => a.size === b.size && [...a].every((x) => b.has(x)),
};

/** The reference: the environment as it was before copy-on-write, one Map per state. */
class PlainEnv {
  constructor(readonly vars = new Map<string, V>()) {}
  set(key: string, v: V): void {
    for (const k of [...this.vars.keys()]) if (k.startsWith(`${key}.`)) this.vars.delete(k);
    this.vars.set(key, v);
  }
  weak(key: string, v: V): void {
    const old = this.vars.get(key);
    this.vars.set(key, old === undefined ? v : lattice.join(old, v));
  }
  copy(): PlainEnv { return new PlainEnv(new Map(this.vars)); }
  join(other: PlainEnv): PlainEnv {
    const out = this.copy();
    other.vars.forEach((v, k) => out.weak(k, v));
    return out;
  }
  equals(other: PlainEnv): boolean {
    return this.vars.size === other.vars.size && [...this.vars].every(([k, v]) => other.vars.has(k) && lattice.equals(v, other.vars.get(k)!));
  }
}

const KEYS = ['a', 'b', 'a.x', 'a.y', 'a.x.z', 'b.q', 'c', 'self', 'self.h'];
type Op =
  | { op: 'set' | 'weak'; env: number; key: number; value: number }
  | { op: 'delete'; env: number; key: number }
  | { op: 'copy' | 'join' | 'equals'; env: number; other: number }
  | { op: 'grow'; env: number; count: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('set' as const, 'weak' as const), env: fc.nat(), key: fc.nat(), value: fc.nat({ max: 5 }) }),
  fc.record({ op: fc.constant('delete' as const), env: fc.nat(), key: fc.nat() }),
  fc.record({ op: fc.constantFrom('copy' as const, 'join' as const, 'equals' as const), env: fc.nat(), other: fc.nat() }),
  // Many fresh names at once: pushes a state past the fold threshold, so shared and unshared bases both occur.
  fc.record({ op: fc.constant('grow' as const), env: fc.nat(), count: fc.integer({ min: 1, max: 80 }) }),
);

function contents(env: Env<V>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  env.forEach((v, k) => out.set(k, [...v].sort()));
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

function plainContents(env: PlainEnv): Map<string, number[]> {
  return new Map([...env.vars].map(([k, v]) => [k, [...v].sort()] as [string, number[]]).sort(([a], [b]) => a.localeCompare(b)));
}

describe('copy-on-write environments', () => {
  it('behave like one Map per state under random writes, copies, joins and comparisons', () => {
    fc.assert(fc.property(fc.array(op, { minLength: 1, maxLength: 120 }), (ops) => {
      // Start from a state whose names sit in a folded, shared base, as in the middle of a long function.
      const start = new Env<V>(lattice);
      const startPlain = new PlainEnv();
      for (const [i, key] of [...KEYS, ...Array.from({ length: 60 }, (_, n) => `w${n}`)].entries()) {
        start.set(key, new Set([i % 4]));
        startPlain.set(key, new Set([i % 4]));
      }
      const cow: Env<V>[] = [new Env(lattice), start.copy(), start.copy()];
      const plain: PlainEnv[] = [new PlainEnv(), startPlain.copy(), startPlain.copy()];
      let fresh = 0;
      for (const o of ops) {
        const i = o.env % cow.length;
        switch (o.op) {
          case 'set': case 'weak': {
            const key = KEYS[o.key % KEYS.length]!;
            const v = new Set([o.value]);
            cow[i]![o.op](key, v);
            plain[i]![o.op](key, v);
            break;
          }
          case 'delete': {
            const key = KEYS[o.key % KEYS.length]!;
            cow[i]!.delete(key);
            plain[i]!.vars.delete(key);
            break;
          }
          case 'grow':
            for (let n = 0; n < o.count; n++) {
              const key = `v${fresh++}`;
              cow[i]!.set(key, new Set([n % 3]));
              plain[i]!.set(key, new Set([n % 3]));
            }
            break;
          case 'copy':
            cow.push(cow[i]!.copy());
            plain.push(plain[i]!.copy());
            break;
          case 'join': {
            const j = o.other % cow.length;
            cow.push(joinEnv(cow[i]!, cow[j]!)!);
            plain.push(plain[i]!.join(plain[j]!));
            break;
          }
          case 'equals': {
            const j = o.other % cow.length;
            expect(sameEnv(cow[i]!, cow[j]!)).toBe(plain[i]!.equals(plain[j]!));
            break;
          }
        }
        cow.forEach((env, k) => expect(contents(env)).toEqual(plainContents(plain[k]!)));
      }
    }), { numRuns: 300 });
  });

  it('joins a location one side rewrote since the shared base with the base value of the other side', () => {
    const env = new Env(lattice);
    env.set('a', new Set([1]));
    for (let n = 0; n < 100; n++) env.set(`v${n}`, new Set([n]));
    const left = env.copy();
    const right = env.copy();
    left.set('a', new Set([2]));
    right.set('v1', new Set([7]));
    const joined = joinEnv(left, right)!;
    expect([...joined.get('a')!].sort()).toEqual([1, 2]);
    expect([...joined.get('v1')!].sort()).toEqual([1, 7]);
    expect(sameEnv(left, right)).toBe(false);
    expect(sameEnv(joined, joinEnv(right, left))).toBe(true);
  });

  it('drops the paths below a name that is assigned again, from the shared base too', () => {
    const env = new Env(lattice);
    for (let n = 0; n < 100; n++) env.set(`v${n}`, new Set([n]));
    env.set('self.a', new Set([1]));
    env.set('self.a.b', new Set([2]));
    const branch = env.copy();
    branch.set('self', new Set([3]));
    expect(branch.get('self.a')).toBeUndefined();
    expect(branch.get('self.a.b')).toBeUndefined();
    expect(env.get('self.a.b')).toEqual(new Set([2]));
  });
});
