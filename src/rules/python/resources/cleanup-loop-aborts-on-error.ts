// CWE-460: a loop that releases resources held outside the process one by one (ports, bindings, attachments,
// allocations, host block devices…) where one item's failure escapes the loop, so every later item is never
// released. Per-item handlers that log and go on are the fix. Releases and the loop search: src/analysis/resources.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { Cfg } from '../../../languages/python/model.js';
import { callMayRaise, creationOf, externalRelease, releaseFailureLeavesLoop, tryGoesOnForSomeFailures } from '../../../languages/python/resources/index.js';
import { callee, descendantsOfType, enclosingFunction, mentionsName, targetNames } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { broadHandlerType } from '../../../rulekit/exceptHandlers.js';
import { truncate } from '../../../rulekit/text.js';

/** A transaction context: deletions inside it are undone together on failure, so aborting is intended there. */
const TRANSACTION = /(session|transaction|\.begin\(|writer|\bautonested)/i;

/**
 * Where the loop runs: on an error path (handler or finally), where an abort leaves the remaining resources behind
 * for certain; elsewhere the caller may retry the whole operation, so that case is less sure.
 */
function onErrorPath(loop: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n = loop.parent; n && n.id !== fn.id; n = n.parent) {
    if (n.type === 'except_clause' || n.type === 'except_group_clause' || n.type === 'finally_clause') return true;
  }
  return false;
}

/** Inside `with session.begin():` (or a writer context) a failure rolls every deletion back together, as intended. */
function inTransaction(loop: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n = loop.parent; n && n.id !== fn.id; n = n.parent) {
    if (n.type !== 'with_statement') continue;
    const items = n.namedChildren.find((c) => c?.type === 'with_clause')?.text ?? '';
    if (TRANSACTION.test(items)) return true;
  }
  return false;
}

function inHandlerWithin(call: SyntaxNode, loop: SyntaxNode): boolean {
  for (let n = call.parent; n && n.id !== loop.id; n = n.parent) if (n.type === 'except_clause' || n.type === 'except_group_clause') return true;
  return false;
}

/** The loop's item and the locals the iteration takes out of it (`path = device['device']`, `uuid = vol.id`). */
function itemNames(loop: SyntaxNode, body: SyntaxNode): Set<string> {
  const names = new Set(targetNames(loop.childForFieldName('left')));
  for (const a of descendantsOfType(body, 'assignment')) {
    const right = a.childForFieldName('right');
    if (names.size > 0 && right && partOf(right, names)) for (const t of targetNames(a.childForFieldName('left'))) names.add(t);
  }
  return names;
}

/** The item itself or a part of it (subscripts and attributes), not something computed from it. */
function partOf(expr: SyntaxNode, names: ReadonlySet<string>): boolean {
  let e = expr;
  while (e.type === 'subscript' || e.type === 'attribute') e = (e.childForFieldName('value') ?? e.childForFieldName('object'))!;
  return e.type === 'identifier' && names.has(e.text);
}

/** The cleanup call acts on the loop's item: the item (or something derived from it) is an argument or the receiver. */
function actsOnItem(call: SyntaxNode, names: ReadonlySet<string>): boolean {
  return mentionsName(call.childForFieldName('arguments'), names) || mentionsName(callee(call)?.childForFieldName('object') ?? null, names);
}

export default defineRule({
  meta: {
    id: 'cleanup-loop-aborts-on-error',
    cwe: 460,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      aborts: {
        text: 'If `{call}` fails for one `{target}`, the exception leaves the `for {target} in {iterable}` loop{how}, so the remaining items ({what}) are never released',
        fix: 'Wrap `{call}` in try/except inside the loop: log (or collect) the failure and continue with the next `{target}`; if the caller must know, re-raise the first collected error after the loop',
      },
    },
    docs: {
      summary: 'Loop that releases resources held outside the process stops at the first failure and leaves the rest behind',
      why: 'Class: incomplete cleanup on a thrown exception (CWE-460, child of CWE-459 Incomplete Cleanup and CWE-755). Deleting ports or port bindings, detaching volumes, deleting attachments or placement allocations, removing a host\'s SCSI/multipath devices one by one is only complete when every item is attempted. If one release raises and the exception escapes the loop, every later item stays allocated: ports stay bound to a deleted instance and hold addresses and quota, attachments and allocations are orphaned, and a block device left on a host can later be matched to another tenant\'s volume. Real fixes: nova (LP#1292243, port deletion during deallocate stopped at the first Neutron error) and os-brick (the FC connector\'s device removal stopped at the first error and left multipath/SCSI devices behind). Only modelled releases of resources outside the process count (src/models/python/resources.ts), and only calls that can fail into the loop: a helper in the same file that handles its own failures cannot. Medium confidence where the evidence is in the code: the loop runs on an error path (an except or finally block), or the per-item `try` goes on to the next item for some failures of the release and re-raises other, named ones (`except ClientError as e: if e.status == 404: log, else: raise`, or `except NotFound: log` beside `except CloudError: raise`), so its author meant the loop to survive a failed item (a catch-all `except Exception: raise` beside them is about unexpected errors and stays low). Elsewhere, where the caller may retry the whole operation, low confidence.',
      example: 'def delete_ports(client, port_ids):\n    for port_id in port_ids:\n        client.delete_port(port_id)\n',
      useInstead: 'def delete_ports(client, port_ids):\n    errors = []\n    for port_id in port_ids:\n        try:\n            client.delete_port(port_id)\n        except Exception as exc:\n            LOG.warning("failed to delete port %s", port_id)\n            errors.append(exc)\n    if errors:\n        raise errors[0]\n',
      fix: 'Protect each iteration: catch the failure inside the loop, log or collect it, and continue; raise a collected error after the loop if the caller must fail.',
      references: ['https://cwe.mitre.org/data/definitions/460.html', 'https://cwe.mitre.org/data/definitions/459.html', 'https://bugs.launchpad.net/nova/+bug/1292243', 'https://docs.openstack.org/oslo.utils/latest/reference/excutils.html'],
    },
  },
  create(ctx) {
    return {
      for_statement(loop) {
        const body = loop.childForFieldName('body');
        const iterable = loop.childForFieldName('right');
        const fn = enclosingFunction(loop);
        if (!body || !iterable || !fn) return;
        const names = itemNames(loop, body);
        if (names.size === 0) return;
        // `for ethertype in [IPv4, IPv6]` enumerates variants of one operation, not resources to release.
        if (['list', 'tuple', 'set'].includes(iterable.type) && iterable.namedChildren.every((c) => !c || ['identifier', 'attribute', 'string', 'integer', 'comment'].includes(c.type))) return;
        if (inTransaction(loop, fn)) return;
        // An iteration that also creates something (`new = attachment_create(...); attachment_delete(old)`) swaps
        // resources rather than cleaning up: stopping there leaves nothing half-released.
        if (descendantsOfType(body, 'call').some((c) => creationOf(c) !== null)) return;
        let cfg: Cfg | undefined;
        for (const call of descendantsOfType(body, 'call')) {
          if (!actsOnItem(call, names)) continue;
          const fnNode = callee(call);
          const object = fnNode?.type === 'attribute' ? fnNode.childForFieldName('object') : null;
          // `item.destroy()` deletes the item's own record; a chained `query(...).delete()` is a bulk database edit.
          if (!object || object.type === 'call' || mentionsName(object, names)) continue;
          // A release in a handler inside the iteration undoes that iteration's own failed step; the loop itself is
          // not a cleanup loop.
          if (inHandlerWithin(call, loop)) continue;
          // Each iteration must give back something outside the process (a modelled release, or a callee in this
          // file that makes one), and the call must be able to fail into the loop.
          const released = externalRelease(ctx.model, call);
          if (!released || !callMayRaise(ctx.model, call)) continue;
          cfg ??= ctx.model.cfg(fn);
          // The innermost loop of the call must be this one: nested loops are judged on their own.
          if (cfg.innermostLoop(call)?.id !== loop.id) continue;
          const escape = releaseFailureLeavesLoop(cfg, call, loop, (id) => ctx.model.bindingsOf(id).some((b) => b.kind === 'parameter'));
          if (!escape) continue;
          // A named failure that the same `try` re-raises while it goes on for others: the author anticipated this
          // failure of the release and still stops. A catch-all that re-raises is about unexpected errors instead.
          const selective = escape.handler !== null && broadHandlerType(ctx.model, escape.handler) === null && tryGoesOnForSomeFailures(cfg, escape.handler, loop);
          const how = selective ? ' (the handlers go on to the next item for some failures and re-raise the others)' : escape.handler ? ' (its handler re-raises)' : '';
          ctx.report({
            node: call, messageId: 'aborts', confidence: onErrorPath(loop, fn) || selective ? 'medium' : 'low',
            data: { call: fnNode!.text, target: targetNames(loop.childForFieldName('left')).join(', '), iterable: truncate(iterable.text, 40), how, what: released.what },
            evidence: escape.handler ? [{ node: escape.handler, message: 'this handler lets the exception leave the loop' }] : [],
          });
          return;
        }
      },
    };
  },
});
