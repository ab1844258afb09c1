// CWE-705: inside a `for` loop that processes each item, an except handler (or a guard that skips a missing item)
// `return`s instead of `continue`-ing, so one bad item silently abandons all the items after it.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { descendantsOfType, enclosingFunction, exceptTypes, mentionsName, targetNames } from '../../../languages/python/syntax.js';
import { SERVICE_WIDE_ERROR } from '../../../models/python/serviceErrors.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { truncate } from '../../../rulekit/text.js';

const NESTED = new Set(['function_definition', 'lambda', 'class_definition', 'for_statement', 'while_statement']);
/** Iterables that count attempts rather than hold items: a return there ends a retry loop, as intended. */
const COUNTERS = /^(range|xrange|itertools\.count|count|retry\w*|.*attempts?)$/;
/** Exceptions that mean "this item is gone": the classic place where `continue` was meant. */
const MISSING = /(NotFound|DoesNotExist|NotExist|NoSuch|Missing|Gone|KeyError|LookupError|IndexError)\b/;

/** Statements of the loop body that belong to this loop (not to nested loops or functions). */
function ownStatements(body: SyntaxNode, types: ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (types.has(c.type)) out.push(c);
      if (!NESTED.has(c.type)) stack.push(c);
    }
  }
  return out;
}

function bareReturn(stmt: SyntaxNode): boolean {
  if (stmt.type !== 'return_statement') return false;
  const value = stmt.namedChild(0);
  return !value || value.type === 'none';
}

/** Returns a value other than None anywhere in the function: the loop may be a search, `return` its answer. */
function returnsValues(fn: SyntaxNode): boolean {
  return descendantsOfType(fn, 'return_statement').some((r) => !bareReturn(r)) ||
    descendantsOfType(fn, 'yield').length > 0;
}

/** The loop body does work after `stmt` in the same iteration: the processing the return abandons. */
function workAfter(model: PythonModel, stmt: SyntaxNode, loopBody: SyntaxNode): boolean {
  for (let n: SyntaxNode = stmt; n.id !== loopBody.id && n.parent; n = n.parent) {
    for (let s = n.nextNamedSibling; s; s = s.nextNamedSibling) {
      if (s.type !== 'comment' && descendantsOfType(s, 'call').some((c) => !model.loggingCall(c))) return true;
    }
  }
  return false;
}

/** A block that only logs (or passes) and then returns nothing: the shape of "skip this one". */
function logThenReturn(model: PythonModel, block: SyntaxNode): SyntaxNode | null {
  const stmts = block.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const last = stmts[stmts.length - 1];
  if (!last || !bareReturn(last)) return null;
  for (const s of stmts.slice(0, -1)) {
    if (s.type === 'pass_statement') continue;
    const call = s.type === 'expression_statement' ? s.namedChild(0) : null;
    if (call?.type !== 'call' || !model.loggingCall(call)) return null;
  }
  return last;
}

/** `if item is None`, `if not item`, `if item not in known`, `if not item.get(...)`: testing the item's absence. */
function testsAbsence(cond: SyntaxNode, names: ReadonlySet<string>): boolean {
  if (!mentionsName(cond, names)) return false;
  // `if not backend.delete(mac, item)` tests whether an action on the item failed, not whether the item exists: a
  // negated call is an absence test only as a lookup (`item.get(k)`, `known.get(item)`).
  const negated = cond.type === 'not_operator' ? cond.childForFieldName('argument') : null;
  if (negated?.type === 'call') {
    const fn = negated.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (!(object && mentionsName(object, names)) && fn?.childForFieldName('attribute')?.text !== 'get') return false;
  }
  const t = cond.text.replace(/\s+/g, ' ');
  return /^not\b/.test(t) || /\bis None$/.test(t) || /\bnot in\b/.test(t);
}

/** The exception class names an `except` clause names, by their last segment: `A`, `(A, m.B)`, `A as e`. */
function exceptionNames(types: SyntaxNode): string[] {
  return exceptTypes(types).map((p) => p.text.split('.').pop() ?? p.text);
}

const FILLING_METHODS = new Set(['append', 'add', 'update', 'extend', 'insert', 'setdefault']);

/**
 * The loop only gathers a batch the function applies after it: a local made before the loop, filled in the body
 * (`patch[item] = value`, `found.append(x)`) and read after the loop (ironic's LLDP hook collects a port's link fields,
 * then sets and saves them). A `return` in the body then drops the whole batch, the items before the bad one as well:
 * malformed input is rejected as a whole, nothing is left half-processed. Only when the body acts on nothing itself.
 */
function gathersBatchAppliedAfter(model: PythonModel, loop: SyntaxNode, body: SyntaxNode, fn: SyntaxNode): boolean {
  const before = new Set<string>();
  for (const a of descendantsOfType(fn, 'assignment')) {
    const left = a.childForFieldName('left');
    if (a.endIndex <= loop.startIndex && left?.type === 'identifier') before.add(left.text);
  }
  const filled = new Set<string>();
  for (const a of descendantsOfType(body, 'assignment')) {
    const left = a.childForFieldName('left');
    const target = left?.type === 'subscript' ? left.childForFieldName('value') : null;
    if (target?.type === 'identifier' && before.has(target.text)) filled.add(target.text);
  }
  for (const c of descendantsOfType(body, 'call')) {
    const f = c.childForFieldName('function');
    const object = f?.type === 'attribute' ? f.childForFieldName('object') : null;
    if (object?.type === 'identifier' && before.has(object.text) && FILLING_METHODS.has(f!.childForFieldName('attribute')?.text ?? '')) filled.add(object.text);
  }
  if (filled.size === 0) return false;
  // A call made for its effect (a statement of its own) other than logging or filling the batch: the loop also acts
  // on each item, and those after the bad one are left undone.
  const acts = descendantsOfType(body, 'expression_statement').some((stmt) => {
    const call = stmt.namedChild(0);
    if (call?.type !== 'call' || model.loggingCall(call)) return false;
    const f = call.childForFieldName('function');
    const object = f?.type === 'attribute' ? f.childForFieldName('object') : null;
    return !(object?.type === 'identifier' && filled.has(object.text) && FILLING_METHODS.has(f!.childForFieldName('attribute')?.text ?? ''));
  });
  if (acts) return false;
  return descendantsOfType(fn, 'identifier').some((id) => id.startIndex >= loop.endIndex && filled.has(id.text));
}

export default defineRule({
  meta: {
    id: 'return-in-loop-handler',
    cwe: 705,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      handler: {
        text: '`return` in the `{handler}` handler inside `for {target} in {iterable}` abandons every remaining item: one failing `{target}` silently skips the processing of all that follow',
        fix: 'Use `continue` instead of `return` so the loop goes on with the next item (and collect or log the failure)',
      },
      guard: {
        text: '`return` when `{target}` is missing inside `for {target} in {iterable}` abandons every remaining item instead of skipping this one',
        fix: 'Use `continue` instead of `return` so only this `{target}` is skipped',
      },
    },
    docs: {
      summary: '`return` where `continue` was meant, inside a loop that processes every item',
      why: 'A loop that unbinds, deletes or updates each item in turn must not stop at the first item that is missing or fails. A `return` in the handler (or in a "skip this item" guard) ends the whole function: every later item keeps its old state — ports stay bound to a deleted instance, resources stay allocated — with nothing but a debug log line to show for it (CWE-705). An exception about the service rather than the item (endpoint not found, connection or credentials refused) holds for every remaining item, so stopping there is correct and not reported.',
      example: 'def unbind_ports(client, port_ids):\n    for port_id in port_ids:\n        try:\n            port = client.show_port(port_id)\n        except PortNotFound:\n            LOG.debug("port %s is gone", port_id)\n            return\n        client.update_port(port["id"], {"device_id": ""})\n',
      useInstead: 'def unbind_ports(client, port_ids):\n    for port_id in port_ids:\n        try:\n            port = client.show_port(port_id)\n        except PortNotFound:\n            LOG.debug("port %s is gone", port_id)\n            continue\n        client.update_port(port["id"], {"device_id": ""})\n',
      fix: 'Replace the `return` with `continue`. If stopping really is intended, say so: use `break` with a comment, or re-raise so the caller knows the remaining items were not processed.',
      references: ['https://cwe.mitre.org/data/definitions/705.html', 'https://cwe.mitre.org/data/definitions/460.html'],
    },
  },
  create(ctx) {
    return {
      for_statement(loop) {
        const body = loop.childForFieldName('body');
        const iterable = loop.childForFieldName('right');
        const fn = enclosingFunction(loop);
        if (!body || !iterable || !fn) return;
        const head = iterable.type === 'call' ? iterable.childForFieldName('function')?.text ?? '' : iterable.text;
        if (COUNTERS.test(head)) return;
        const names = new Set(targetNames(loop.childForFieldName('left')));
        if (names.size === 0) return;
        // A loop that breaks out has an explicit notion of stopping early; a function returning values may be a search.
        if (ownStatements(body, new Set(['break_statement'])).length > 0 || returnsValues(fn)) return;
        if (gathersBatchAppliedAfter(ctx.model, loop, body, fn)) return;
        const data = { target: [...names].join(', '), iterable: truncate(iterable.text, 40) };

        for (const tryStmt of ownStatements(body, new Set(['try_statement']))) {
          const tryBody = tryStmt.childForFieldName('body');
          if (!tryBody || !mentionsName(tryBody, names)) continue;
          for (const clause of tryStmt.namedChildren) {
            if (clause?.type !== 'except_clause' && clause?.type !== 'except_group_clause') continue;
            const block = clause.namedChildren.find((c) => c?.type === 'block');
            const ret = block ? logThenReturn(ctx.model, block) : null;
            if (!ret) continue;
            const outcome = ctx.model.handlerOutcome(clause);
            if (!outcome.exits.has('return') || outcome.exits.has('raise')) continue;
            const types = clause.childForFieldName('value');
            // The endpoint is gone or the credentials are refused: every remaining item fails the same way.
            if (types && exceptionNames(types).every((t) => SERVICE_WIDE_ERROR.test(t))) continue;
            const missing = !!types && MISSING.test(types.text);
            if (!missing && !workAfter(ctx.model, tryStmt, body)) continue;
            const handler = types ? (types.type === 'as_pattern' ? types.namedChild(0)?.text ?? types.text : types.text) : 'bare except';
            ctx.report({ node: ret, messageId: 'handler', data: { ...data, handler }, confidence: missing ? 'high' : 'medium',
              evidence: [{ node: loop, message: `the loop over ${data.iterable}` }] });
          }
        }
        for (const ifStmt of ownStatements(body, new Set(['if_statement']))) {
          const cond = ifStmt.childForFieldName('condition');
          const consequence = ifStmt.childForFieldName('consequence');
          if (!cond || !consequence || ifStmt.childrenForFieldName('alternative').length > 0) continue;
          const ret = logThenReturn(ctx.model, consequence);
          // Only a guard that logs the skip: a silent `if not x: return` is as often a deliberate "stop here".
          if (!ret || consequence.namedChildren.filter((c) => c?.type === 'expression_statement').length === 0) continue;
          if (!testsAbsence(cond, names) || !workAfter(ctx.model, ifStmt, body)) continue;
          ctx.report({ node: ret, messageId: 'guard', data, evidence: [{ node: cond, message: 'the item is tested here' }] });
        }
      },
    };
  },
});
