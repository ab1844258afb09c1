// What an oslo.policy check string admits, evaluated symbolically: "any authenticated caller" (`@`, the empty
// string, or a `rule:` alias that resolves to one of those), "no one" (`!`), "some callers" (a role, an owner
// comparison, a field check …) or "unknown" (a `rule:` alias this analysis cannot resolve). Syntax per the
// oslo.policy docs: `or`, `and`, `not`, parentheses, and atoms `kind:match`.

export type Admits = 'any' | 'some' | 'none' | 'unknown';

/** Resolves a `rule:NAME` alias to its check string, or undefined when the project does not define it. */
export type RuleLookup = (name: string) => string | undefined;

export interface Verdict {
  admits: Admits;
  /** The chain of aliases that led to the `@`/empty check, for messages (`rule:allow → @`). */
  via: string[];
}

/** Parentheses, or an atom — which may hold `%(name)s` substitutions (`project_id:%(project_id)s`). */
const TOKEN = /\(|\)|(?:%\([^)]*\)\w?|[^\s()])+/g;

/** Evaluate `check` with `lookup`; aliases are followed at most `depth` deep (cycles and deep chains: unknown). */
export function admits(check: string, lookup: RuleLookup, depth = 8): Verdict {
  const tokens = check.match(TOKEN) ?? [];
  if (tokens.length === 0) return { admits: 'any', via: ['""'] };
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const orExpr = (): Verdict => {
    const parts = [andExpr()];
    while (peek() === 'or') { pos++; parts.push(andExpr()); }
    return combine(parts, 'or');
  };
  const andExpr = (): Verdict => {
    const parts = [notExpr()];
    while (peek() === 'and') { pos++; parts.push(notExpr()); }
    return combine(parts, 'and');
  };
  const notExpr = (): Verdict => {
    if (peek() !== 'not') return atom();
    pos++;
    const v = notExpr();
    const flipped: Admits = v.admits === 'any' ? 'none' : v.admits === 'none' ? 'any' : v.admits;
    return { admits: flipped, via: v.via };
  };
  const atom = (): Verdict => {
    const t = tokens[pos++];
    if (t === undefined) return { admits: 'unknown', via: [] };
    if (t === '(') {
      const v = orExpr();
      if (peek() === ')') pos++;
      return v;
    }
    // `⟨module.NAME⟩`: a constant of another module nobody resolved (src/index/policies.ts).
    if (t.startsWith('⟨')) return { admits: 'unknown', via: [] };
    if (t === '@') return { admits: 'any', via: ['@'] };
    if (t === '!') return { admits: 'none', via: [] };
    if (t.startsWith('rule:')) {
      const name = t.slice(5);
      const target = depth > 0 ? lookup(name) : undefined;
      if (target === undefined) return { admits: 'unknown', via: [] };
      const v = admits(target, lookup, depth - 1);
      return { admits: v.admits, via: [t, ...v.via] };
    }
    // role:, project_id:%(…)s, is_admin:True, field:…, http: … — they depend on the caller or the target.
    return { admits: 'some', via: [] };
  };
  const v = orExpr();
  // Trailing tokens (an unbalanced parenthesis, a stray operator): do not guess.
  return pos === tokens.length ? v : { admits: 'unknown', via: [] };
}

function combine(parts: Verdict[], op: 'or' | 'and'): Verdict {
  if (parts.length === 1) return parts[0]!;
  const has = (a: Admits): Verdict | undefined => parts.find((p) => p.admits === a);
  if (op === 'or') {
    const any = has('any');
    if (any) return any;
    if (has('unknown')) return { admits: 'unknown', via: [] };
    return { admits: has('some') ? 'some' : 'none', via: [] };
  }
  if (has('none')) return { admits: 'none', via: [] };
  if (has('unknown')) return { admits: 'unknown', via: [] };
  if (parts.every((p) => p.admits === 'any')) return { admits: 'any', via: parts.flatMap((p) => p.via) };
  return { admits: 'some', via: [] };
}
