// CWE-835: a loop that can stop making progress. Two shapes: (1) a `while`/`do` loop (or a `for` without an update)
// whose body `continue`s before the statement that advances the condition's variable (`++frameSize.index` after
// `if (…) continue;`), and (2) a loop whose condition reads only variables the body never changes (an iterator that
// is compared with end() but never incremented). Conditions that call anything but read-only methods are assumed to
// make progress themselves (`while (reader.readNext())`, `while (!ioctl(fd, …))`), and literal conditions
// (`while (true)`, `for (;;)`) are deliberate. (3) A counted `for (i = 0; i < n; ++i)` whose body also grows `n` on
// every iteration (`++count` typed for `++i`): the bound runs ahead of the index and the loop never ends.
// Progress the body makes indirectly counts: `stream >> x;` advances `stream`, and a lambda of the function that the
// body calls or passes on writes what its own body writes.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { callShape, enclosingFunction } from '../../../languages/cpp/syntax.js';
import { READ_ONLY_METHODS } from '../../../models/cpp/library.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const LOOPS = ['while_statement', 'do_statement', 'for_statement'];

/** Texts a statement writes: assignment targets, ++/--, `&x` arguments, `s >> x`, and receivers of non-read-only calls. */
function writtenIn(node: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const addTarget = (t: SyntaxNode | null): void => {
    if (!t) return;
    out.add(t.text.replace(/\s+/g, ''));
    // Writing `a.b` changes `a` too, as the condition sees it.
    for (const id of t.descendantsOfType('identifier')) out.add(id.text);
    if (t.type === 'identifier') out.add(t.text);
  };
  for (const n of node.descendantsOfType(['assignment_expression', 'update_expression', 'pointer_expression', 'call_expression', 'binary_expression'])) {
    switch (n.type) {
      case 'assignment_expression': addTarget(n.childForFieldName('left')); break;
      case 'update_expression': addTarget(n.childForFieldName('argument')); break;
      case 'pointer_expression': if (n.childForFieldName('operator')?.text === '&') addTarget(n.childForFieldName('argument')); break;
      case 'binary_expression': {
        if (n.childForFieldName('operator')?.text !== '>>') break;
        addTarget(n.childForFieldName('right'));
        // `stream >> a >> b;` as a statement is an extraction: it advances the stream (a shift would be discarded).
        if (isStatementLevelExtraction(n)) addTarget(leftmostOperand(n));
        break;
      }
      case 'call_expression': {
        const shape = callShape(n);
        if (shape?.receiver && !READ_ONLY_METHODS.has(shape.name)) addTarget(shape.receiver);
        // A variable passed to a function may be taken by reference.
        for (const arg of n.childForFieldName('arguments')?.namedChildren ?? []) if (arg?.type === 'identifier') out.add(arg.text);
        break;
      }
    }
  }
  return out;
}

/** True for a `>>` whose value is thrown away: the statement itself, or a link of a `s >> a >> b` chain that is. */
function isStatementLevelExtraction(n: SyntaxNode): boolean {
  let top = n;
  while (top.parent?.type === 'binary_expression' && top.parent.childForFieldName('operator')?.text === '>>' && top.parent.childForFieldName('left')?.id === top.id) top = top.parent;
  return top.parent?.type === 'expression_statement';
}

function leftmostOperand(n: SyntaxNode): SyntaxNode | null {
  let left = n.childForFieldName('left');
  while (left?.type === 'binary_expression' && left.childForFieldName('operator')?.text === '>>') left = left.childForFieldName('left');
  return left;
}

/** What the lambdas a function names (`auto write = [&](…) { … };`) write, by the lambda's name. */
function lambdaWrites(fn: SyntaxNode | null): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of fn?.descendantsOfType('init_declarator') ?? []) {
    const value = d.childForFieldName('value');
    const name = d.childForFieldName('declarator');
    if (value?.type === 'lambda_expression' && name?.type === 'identifier') out.set(name.text, writtenIn(value));
  }
  return out;
}

/** The variables a condition reads, or null when the condition itself may make progress (calls non-read-only code). */
function conditionVariables(cond: SyntaxNode): Set<string> | null {
  for (const call of cond.descendantsOfType('call_expression')) {
    const shape = callShape(call);
    if (!shape?.receiver || !READ_ONLY_METHODS.has(shape.name)) return null;
  }
  if (cond.descendantsOfType(['assignment_expression', 'update_expression']).length > 0) return null;
  const names = new Set<string>();
  for (const id of cond.descendantsOfType('identifier')) if (!/^[A-Z][A-Z0-9_]*$/.test(id.text)) names.add(id.text);
  return names;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'loop-without-progress',
    cwe: 835,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      continueSkips: {
        text: '`{cont}` jumps back to `{cond}` before `{advance}` runs: on that path the loop never advances and spins forever',
        fix: 'Advance the loop before `continue` (or move `{advance}` into the loop header), so every path makes progress',
      },
      neverAdvances: {
        text: 'the loop on `{cond}` never changes {vars} in its body: once entered it cannot end unless something inside returns',
        fix: 'Advance the loop variable in every iteration (`++it`, read the next item), or loop over the container with a range-for',
      },
      boundGrows: {
        text: '`{grow}` grows the bound of `{cond}` on every iteration, as fast as the loop advances `{index}`: the condition never becomes false',
        fix: 'Leave `{bound}` alone inside the loop (advance `{index}` only), or compute the bound once before the loop',
      },
    },
    docs: {
      summary: 'Loop whose condition is not advanced on some path (a continue before the increment, or no increment at all)',
      why: 'A parser or device-enumeration loop that skips its increment on an unexpected entry, or compares an iterator with end() without ever moving it, spins forever on the input that reaches that path: a hang that an attacker-controlled file or device triggers at will (CWE-835).',
      example: 'void Camera::enumerate(int fd)\n{\n    v4l2_frmsizeenum size = {};\n    while (!ioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size)) {\n        if (size.type != V4L2_FRMSIZE_TYPE_DISCRETE)\n            continue;\n        addSize(size.discrete.width, size.discrete.height);\n        ++size.index;\n    }\n}\n',
      useInstead: 'void Camera::enumerate(int fd)\n{\n    v4l2_frmsizeenum size = {};\n    for (; !ioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size); ++size.index) {\n        if (size.type != V4L2_FRMSIZE_TYPE_DISCRETE)\n            continue;\n        addSize(size.discrete.width, size.discrete.height);\n    }\n}\n',
      fix: 'Put the advance where no path can skip it: in the `for` header, or before any `continue`; make sure an iterator compared with end() is incremented in every iteration.',
      references: ['https://cwe.mitre.org/data/definitions/835.html'],
    },
  },
  create(ctx) {
    const check = (loop: SyntaxNode): void => {
      if (loop.type === 'for_statement' && loop.childForFieldName('update')) {
        const grows = boundGrows(loop);
        if (grows) ctx.report({ node: grows.grow, messageId: 'boundGrows', data: { grow: grows.grow.text.trim(), cond: grows.cond, index: grows.index, bound: grows.bound } });
        return;
      }
      if (loop.type === 'for_statement' && !loop.childForFieldName('condition')) return;
      const cond = loop.childForFieldName('condition');
      const body = loop.childForFieldName('body');
      if (!cond || !body || body.type !== 'compound_statement') return;
      // `while (reader.readNext())`: the condition advances the loop by itself.
      if (cond.descendantsOfType('call_expression').some((c) => { const shape = callShape(c); return shape?.receiver && !READ_ONLY_METHODS.has(shape.name); })) return;
      const condText = cond.text.replace(/\s+/g, ' ').replace(/^\((.*)\)$/, '$1');
      const statements = body.namedChildren.filter((s): s is SyntaxNode => s !== null && s.type !== 'comment');
      // (1) A `continue` in an early statement, an advance of what the condition reads (or passes by address) later.
      const condWrites = conditionTargets(cond);
      for (let i = 0; i < statements.length; i++) {
        const cont = ownContinue(statements[i]!);
        if (!cont) continue;
        // A retry path that counts and bails out (`if (++retry > 10) return; else continue;`) is bounded.
        if (statements[i]!.descendantsOfType(['return_statement', 'break_statement', 'throw_statement']).length > 0) break;
        const before = statements.slice(0, i + 1).some((s) => [...writtenIn(s)].some((w) => condWrites.has(w)));
        if (before) break;
        const advance = statements.slice(i + 1).find((s) => s.type === 'expression_statement' && [...writtenIn(s)].some((w) => condWrites.has(w)));
        if (advance) {
          ctx.report({ node: cont, messageId: 'continueSkips', data: { cont: 'continue', cond: condText.slice(0, 60), advance: advance.text.trim().slice(0, 60) } });
          return;
        }
      }
      // (2) Nothing the condition reads changes in the body.
      const vars = conditionVariables(cond);
      if (!vars || vars.size === 0) return;
      const written = writtenIn(body);
      const fn = enclosingFunction(loop);
      // A lambda of the function the body calls or passes on (`toSample(v, write)`) writes what its body writes.
      const lambdas = lambdaWrites(fn);
      if (lambdas.size > 0) for (const id of body.descendantsOfType('identifier')) for (const w of lambdas.get(id.text) ?? []) written.add(w);
      if ([...vars].some((v) => written.has(v))) return;
      if (body.descendantsOfType(['break_statement', 'goto_statement', 'throw_statement']).length > 0) return;
      // A call of a method of this class (`discardBytes(n)`) may advance a member the condition reads.
      const locals = new Set(fn ? fn.descendantsOfType(['declaration', 'parameter_declaration']).flatMap((d) => d.descendantsOfType('identifier').map((i) => i.text)) : []);
      const plainCall = body.descendantsOfType('call_expression').some((c) => callShape(c)?.receiver === null);
      if (plainCall && [...vars].some((v) => !locals.has(v))) return;
      ctx.report({ node: cond, messageId: 'neverAdvances', data: { cond: condText.slice(0, 60), vars: [...vars].map((v) => `\`${v}\``).join(', ') } });
    };
    return Object.fromEntries(LOOPS.map((type) => [type, check]));
  },
});

/** What the condition may read that a statement could advance: its names, and `x.f` for `&x` passed to a call. */
function conditionTargets(cond: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const id of cond.descendantsOfType(['identifier', 'field_expression'])) out.add(id.text.replace(/\s+/g, ''));
  return out;
}

/** A `continue` belonging to this loop level in `statement` (inside ifs and blocks, not inside nested loops). */
function ownContinue(statement: SyntaxNode): SyntaxNode | null {
  if (statement.type === 'continue_statement') return statement;
  if (LOOPS.includes(statement.type) || statement.type === 'for_range_loop' || statement.type === 'switch_statement') return null;
  for (const child of statement.namedChildren) {
    if (!child) continue;
    const found = ownContinue(child);
    if (found) return found;
  }
  return null;
}

/** Whether a statement increments `name`: `++n`, `n++` or `n += k`. */
function increments(stmt: SyntaxNode, name: string): boolean {
  const e = stmt.type === 'expression_statement' ? stmt.namedChild(0) : stmt;
  if (!e) return false;
  if (e.type === 'update_expression') return e.childForFieldName('argument')?.text === name && e.text.includes('++');
  if (e.type === 'assignment_expression') return e.childForFieldName('left')?.text === name && e.childForFieldName('operator')?.text === '+=';
  return false;
}

/** Shape (3): `for (…; i < n; ++i) { …; ++n; … }` with `++n` a top-level statement of the body and no way out. */
function boundGrows(loop: SyntaxNode): { grow: SyntaxNode; cond: string; index: string; bound: string } | null {
  const cond = loop.childForFieldName('condition');
  const update = loop.childForFieldName('update');
  const body = loop.childForFieldName('body');
  if (cond?.type !== 'binary_expression' || !update || body?.type !== 'compound_statement') return null;
  if (!['<', '<=', '!='].includes(cond.childForFieldName('operator')?.text ?? '')) return null;
  const index = cond.childForFieldName('left');
  const bound = cond.childForFieldName('right');
  if (index?.type !== 'identifier' || bound?.type !== 'identifier') return null;
  if (!increments(update, index.text)) return null;
  if (body.descendantsOfType(['break_statement', 'return_statement', 'goto_statement', 'throw_statement']).length > 0) return null;
  const grow = body.namedChildren.find((s): s is SyntaxNode => s !== null && increments(s, bound.text));
  return grow ? { grow, cond: cond.text, index: index.text, bound: bound.text } : null;
}
