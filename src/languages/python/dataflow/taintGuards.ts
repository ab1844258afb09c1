// Conditions that vouch for a value on one branch: `if not uuidutils.is_uuid_like(x): raise`, `if x in ALLOWED:`,
// `if x.isdigit():`, `if not realpath(p).startswith(base): raise`. The walker calls this with the branch's truth.
import type { SyntaxNode } from '../../syntaxTree.js';
import { ALL_KINDS, type SinkKind } from '../../../analysis/taint/facts.js';
import type { SinkArgument } from '../../../analysis/taint/spec.js';
import { isConstant, keywordArg, positionalArgs, unparenthesize } from '../syntax.js';
import type { Env } from './env.js';
import { locationKey } from './locations.js';
import { callInfo, matches } from './taintMatch.js';
import type { TaintContext } from './taintTransfer.js';
import type { TaintValue } from './taintValue.js';

const VALIDATING_STR_METHODS = new Set(['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier']);
const PATH_NORMALISERS = /(^|\.)(realpath|abspath|normpath|resolve)$/;
const PATTERN_MATCHERS = new Set(['re.match', 're.fullmatch']);

function clearAt(env: Env<TaintValue>, node: SyntaxNode | null | undefined, kinds: readonly SinkKind[], only?: string): void {
  const key = node ? locationKey(node) : null;
  if (only !== undefined && key !== only) return;
  const v = key ? env.get(key) : undefined;
  if (!key || !v || v.facts.isEmpty) return;
  env.set(key, { ...v, facts: v.facts.clear(kinds) });
}

/** The location a path check is about: `p` in `os.path.realpath(p).startswith(base)` or in `p.startswith(base)`. */
function checkedPath(ctx: TaintContext, receiver: SyntaxNode): SyntaxNode | null {
  const r = unparenthesize(receiver);
  if (r.type === 'call') {
    const name = ctx.model.callName(r) ?? '';
    return PATH_NORMALISERS.test(name) ? positionalArgs(r)[0] ?? null : null;
  }
  return r;
}

/** True for a collection the attacker cannot extend: a literal, or an UPPER_CASE constant. */
function fixedCollection(n: SyntaxNode): boolean {
  const r = unparenthesize(n);
  if (isConstant(r)) return true;
  const name = locationKey(r);
  return name !== null && /^[A-Z][A-Z0-9_]*$/.test(name.split('.').at(-1)!);
}

/** The argument a guard vouches for: by keyword when given so, else by position (the first by default). */
function guardedArgument(call: SyntaxNode, arg: SinkArgument | undefined): SyntaxNode | undefined {
  const byKeyword = arg?.keyword ? keywordArg(call, arg.keyword) : null;
  return byKeyword ?? (arg && arg.index < 0 ? undefined : positionalArgs(call)[arg?.index ?? 0]);
}

/** `only`: the one location this refinement may clear (set inside `x and …`, see boolean_operator). */
export function refineGuard(ctx: TaintContext, cond: SyntaxNode, env: Env<TaintValue>, truthy: boolean, only?: string): void {
  const n = unparenthesize(cond);
  switch (n.type) {
    case 'not_operator': {
      const arg = n.childForFieldName('argument');
      if (arg) refineGuard(ctx, arg, env, !truthy, only);
      return;
    }
    case 'boolean_operator': {
      const op = n.childForFieldName('operator')?.text;
      // `a and b` true means both held; `a or b` false means both failed.
      if ((op === 'and' && truthy) || (op === 'or' && !truthy)) {
        for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) if (side) refineGuard(ctx, side, env, truthy, only);
        return;
      }
      // `x and not safe(x)` false: x is empty (nothing to inject) or safe(x) held, so what `not safe(x)` false says
      // about x itself holds; about other values it says nothing.
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const tested = left ? locationKey(left) : null;
      if (op === 'and' && !truthy && tested && right && (!only || only === tested)) refineGuard(ctx, right, env, false, tested);
      return;
    }
    case 'comparison_operator': {
      const [left, right] = [n.namedChild(0), n.namedChild(1)];
      const ops = n.children.filter((c) => c && !c.isNamed).map((c) => c!.text).join(' ');
      if (!left || !right || n.namedChildCount !== 2) return;
      // `x is None`: the value is no string at all on that branch.
      if (right.type === 'none' && ((ops === 'is' && truthy) || (ops === 'is not' && !truthy) || (ops === '==' && truthy))) {
        clearAt(env, left, ALL_KINDS, only);
        return;
      }
      const positive = ops === 'in' || ops === '==';
      const negative = ops === 'not in' || ops === '!=';
      if ((positive && truthy) || (negative && !truthy)) {
        if (ops.includes('in') ? fixedCollection(right) : isConstant(right)) clearAt(env, left, ALL_KINDS, only);
      }
      return;
    }
    case 'call': {
      if (!truthy) return;
      const c = callInfo(ctx.model, n);
      const first = positionalArgs(n)[0];
      if (c.method && c.receiver && VALIDATING_STR_METHODS.has(c.method)) { clearAt(env, c.receiver, ALL_KINDS, only); return; }
      if (c.method === 'startswith' && c.receiver) { clearAt(env, checkedPath(ctx, c.receiver), ['path'], only); return; }
      if (c.qualified === 'isinstance' && first && /\b(int|float|bool|UUID)\b/.test(positionalArgs(n)[1]?.text ?? '')) {
        clearAt(env, first, ALL_KINDS, only);
        return;
      }
      if (c.qualified && PATTERN_MATCHERS.has(c.qualified)) { clearAt(env, positionalArgs(n)[1], ALL_KINDS, only); return; }
      if (c.method === 'match' || c.method === 'fullmatch') { clearAt(env, first, ALL_KINDS, only); return; }
      const guard = ctx.spec.guards.find((g) => matches(g.call, c));
      if (guard) clearAt(env, guardedArgument(n, guard.argument), guard.clears === 'all' ? ALL_KINDS : guard.clears, only);
      return;
    }
    case 'identifier':
    case 'attribute':
    case 'subscript':
      // `if not x:`: on that branch x is None, empty or zero, and an empty value carries no input and no secret
      // (`if not var: return var` in a masking helper returns nothing to mask).
      if (!truthy) clearAt(env, n, ALL_KINDS, only);
      return;
    default:
  }
}
