// CWE-681: true division (`/`, a float in Python 3) used where only an int works — a range() bound, an index or
// slice bound, a repeat count (`"-" * (width / 2)`), a byte count. It raises TypeError (code ported from Python 2,
// where int / int floored). Only divisions with a known numeric operand are judged, so `Path / "x"` never is.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, calleeName, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { abbreviate } from '../../../rulekit/text.js';

/** Builtins and stdlib calls whose every positional argument must be an int. */
const INT_ONLY_CALLS = new Set(['range', 'chr', 'os.urandom', 'secrets.token_bytes', 'secrets.token_hex', 'random.randrange', 'itertools.islice', 'bytearray', 'bytes']);
/** Methods whose first argument must be an int (positions, widths, counts). */
const INT_FIRST_METHODS = new Set(['pop', 'insert', 'ljust', 'rjust', 'center', 'zfill', 'to_bytes', 'read', 'recv', 'sample']);
const MAX_HOPS = 3;

/** The `/` division that gives `expr` its value (directly or through local assignments), if it has a numeric operand. */
function floatDivision(model: PythonModel, expr: SyntaxNode, hops = 0): SyntaxNode | null {
  if (hops > MAX_HOPS) return null;
  const n = unparenthesize(expr);
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.text;
    if (op === '/') {
      const kinds = [model.kindOf(n.childForFieldName('left')), model.kindOf(n.childForFieldName('right'))];
      return kinds.some((k) => k === 'int' || k === 'float') && kinds.every((k) => k === null || k === 'int' || k === 'float') ? n : null;
    }
    // `a / 2 + 1` is still a float.
    if (op === '+' || op === '-' || op === '*') {
      return floatDivision(model, n.childForFieldName('left')!, hops + 1) ?? floatDivision(model, n.childForFieldName('right')!, hops + 1);
    }
    return null;
  }
  if (n.type !== 'identifier' || !model.mayBeAssigned(n)) return null;
  const reaching = model.reachingValues(n);
  if (!reaching || reaching.parameter || reaching.augmented.length > 0 || reaching.values.length === 0) return null;
  // Every path must divide: a name that is an int on some path may be guarded by the code that picks it.
  let found: SyntaxNode | null = null;
  for (const v of reaching.values) {
    const d = v ? floatDivision(model, v, hops + 1) : null;
    if (!d) return null;
    found ??= d;
  }
  return found;
}

interface Use { value: SyntaxNode; where: string }

/** Places that need an int, in the node `node` (a call, subscript or repetition). */
function intUses(model: PythonModel, node: SyntaxNode): Use[] {
  if (node.type === 'call') {
    const name = model.callName(node);
    if (name && INT_ONLY_CALLS.has(name)) return positionalArgs(node).map((a) => ({ value: a, where: `an argument of ${name}()` }));
    const method = calleeName(node);
    if (method && INT_FIRST_METHODS.has(method) && callee(node)?.type === 'attribute') {
      const first = positionalArgs(node)[0];
      return first ? [{ value: first, where: `the first argument of .${method}()` }] : [];
    }
    return [];
  }
  if (node.type === 'subscript') {
    const out: Use[] = [];
    for (const index of node.childrenForFieldName('subscript')) {
      if (index.type === 'slice') {
        for (const bound of index.namedChildren) if (bound) out.push({ value: bound, where: 'a slice bound' });
      } else {
        // A dict key may be a float; only sequences of known kind need an int index.
        const kind = model.kindOf(node.childForFieldName('value'));
        if (kind === 'list' || kind === 'str' || kind === 'tuple' || kind === 'bytes') out.push({ value: index, where: 'an index' });
      }
    }
    return out;
  }
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '*') {
    const left = node.childForFieldName('left')!;
    const right = node.childForFieldName('right')!;
    const seq = (k: string | null): boolean => k === 'str' || k === 'list' || k === 'bytes' || k === 'tuple';
    if (seq(model.kindOf(left))) return [{ value: right, where: 'a repeat count' }];
    if (seq(model.kindOf(right))) return [{ value: left, where: 'a repeat count' }];
  }
  return [];
}

export default defineRule({
  meta: {
    id: 'float-division-for-count',
    cwe: 681,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    messages: {
      direct: {
        text: '`{division}` is a float in Python 3 and is used as {where}: this raises TypeError',
        fix: 'Use floor division `{floor}` (or int(math.ceil(...)) when rounding up is meant)',
      },
      float: {
        text: '`{division}` is a float in Python 3, and `{value}` is used as {where}: this raises TypeError',
        fix: 'Use floor division `{floor}` (or int(math.ceil(...)) when rounding up is meant)',
      },
    },
    docs: {
      summary: 'True division (/) used as a count, index or size',
      why: 'In Python 3, `/` always returns a float, even for two ints that divide evenly. range(), indexes, slice bounds, repeat counts and byte counts accept only ints, so the line raises TypeError — often code carried over from Python 2, where int / int floored, and reached only on an uncommon path such as pagination or a size split (CWE-681: numeric conversion that changes the type).',
      example: 'def halves(items):\n    middle = len(items) / 2\n    return items[:middle], items[middle:]\n',
      useInstead: 'def halves(items):\n    middle = len(items) // 2\n    return items[:middle], items[middle:]\n',
      fix: 'Use `//` when an integer result is meant, or convert explicitly with int(), math.floor() or math.ceil() where the rounding matters.',
      references: ['https://cwe.mitre.org/data/definitions/681.html', 'https://peps.python.org/pep-0238/'],
    },
  },
  create(ctx): Visitors {
    // Every finding starts from a `/` operator; most files have none.
    if (!ctx.model.hasNodeOfType('/')) return {};
    const handle = (node: SyntaxNode): void => {
      for (const use of intUses(ctx.model, node)) {
        const division = floatDivision(ctx.model, use.value);
        if (!division) continue;
        const left = division.childForFieldName('left')!.text;
        const right = division.childForFieldName('right')!.text;
        ctx.report({
          node: use.value,
          messageId: division.id === unparenthesize(use.value).id ? 'direct' : 'float',
          data: { division: abbreviate(division.text), value: abbreviate(use.value.text), where: use.where, floor: abbreviate(`${left} // ${right}`) },
          evidence: division.id !== unparenthesize(use.value).id ? [{ node: division, message: 'the float is made here' }] : [],
        });
      }
    };
    return { call: handle, subscript: handle, binary_operator: handle };
  },
});
