// CWE-755: a loop that releases resources one by one (delete/unbind/detach … each item) where one item's failure
// escapes the loop, so every later item is never cleaned up. Per-item handlers that log and go on are the fix.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { cfgOf, type Cfg } from '../../../languages/python/cfg/index.js';
import { releaseFailureLeavesLoop } from '../../../languages/python/resources/index.js';
import { scopesOf } from '../../../languages/python/scopes/index.js';
import { callee, calleeName, descendantsOfType, enclosingFunction, mentionsName, targetNames } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { truncate } from '../../../rulekit/text.js';

/** Verbs of releasing something held elsewhere (a port, a volume attachment, a provider, a binding). */
const CLEANUP = /^_?(delete|unbind|cleanup|clean_up|destroy|detach|deallocate|unplug|teardown|tear_down|disassociate|unprovision|release|remove)(_\w+)?$/;
/** A bare `remove`/`release`/`delete` is as often a container or in-memory edit (`items.remove(x)`); those need a suffix. */
const TOO_GENERIC = /^_?(remove|release|delete|discard|free|pop)$/;
/**
 * Receivers that are containers, ORM sessions or queries: `session.delete(row)` is undone with its transaction,
 * so aborting the loop is the intended behaviour there.
 */
const NOT_RESOURCES = /(^|\.)_?(\w*(list|set|dict|map|cache|queue|items|names|keys|ids|seen|pending|result|results|session|query|transaction|tree|pools|objects|devices))$/i;
const TRANSACTION = /(session|transaction|\.begin\(|writer|\bautonested)/i;

/**
 * Where a loop's job is to get rid of everything: a function named for deleting or tearing down, or an error path
 * (handler or finally). `detach`/`unplug` functions are left out: they often prepare another operation (detach
 * devices before suspending), where stopping at the first failure is the right thing to do.
 */
const CLEANUP_FUNCTION = /(delete|destroy|cleanup|clean_up|deallocate|teardown|tear_down|rollback|roll_back|revert|purge|unprovision|terminate|undo)/i;

/**
 * Where the loop runs: on an error path (handler or finally), where an abort leaves resources behind for certain, or
 * in a delete/cleanup function, where the caller may instead retry the whole operation — so that case is less sure.
 */
function cleanupContext(loop: SyntaxNode, fn: SyntaxNode): 'error-path' | 'cleanup-function' | null {
  for (let n = loop.parent; n && n.id !== fn.id; n = n.parent) {
    if (n.type === 'except_clause' || n.type === 'except_group_clause' || n.type === 'finally_clause') return 'error-path';
  }
  return CLEANUP_FUNCTION.test(fn.childForFieldName('name')?.text ?? '') ? 'cleanup-function' : null;
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

/** The cleanup call acts on the loop's item: the item (or something derived from it) is an argument or the receiver. */
function actsOnItem(call: SyntaxNode, names: ReadonlySet<string>): boolean {
  return mentionsName(call.childForFieldName('arguments'), names) || mentionsName(callee(call)?.childForFieldName('object') ?? null, names);
}

export default defineRule({
  meta: {
    id: 'cleanup-loop-aborts-on-error',
    cwe: 755,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      aborts: {
        text: 'If `{call}` fails for one `{target}`, the exception leaves the `for {target} in {iterable}` loop{how}, so the remaining items are never cleaned up',
        fix: 'Wrap `{call}` in try/except inside the loop: log (or collect) the failure and continue with the next `{target}`; if the caller must know, re-raise the first collected error after the loop',
      },
    },
    docs: {
      summary: 'Cleanup loop stops at the first failure and leaves the remaining resources behind',
      why: 'Deleting, unbinding or detaching a list of resources one by one is only complete when every item is attempted. If one call raises and the exception escapes the loop, every later item stays allocated: ports stay bound to a deleted instance, attachments and records are orphaned, quota stays consumed (CWE-755, CWE-460). On an error path (an except or finally block) this is reported with medium confidence; in a delete/cleanup function whose caller may retry the whole operation, with low confidence.',
      example: 'def delete_ports(client, port_ids):\n    for port_id in port_ids:\n        client.delete_port(port_id)\n',
      useInstead: 'def delete_ports(client, port_ids):\n    errors = []\n    for port_id in port_ids:\n        try:\n            client.delete_port(port_id)\n        except Exception as exc:\n            LOG.warning("failed to delete port %s", port_id)\n            errors.append(exc)\n    if errors:\n        raise errors[0]\n',
      fix: 'Protect each iteration: catch the failure inside the loop, log or collect it, and continue; raise a collected error after the loop if the caller must fail.',
      references: ['https://cwe.mitre.org/data/definitions/755.html', 'https://cwe.mitre.org/data/definitions/460.html'],
    },
  },
  create(ctx) {
    return {
      for_statement(loop) {
        const body = loop.childForFieldName('body');
        const iterable = loop.childForFieldName('right');
        const fn = enclosingFunction(loop);
        const names = new Set(targetNames(loop.childForFieldName('left')));
        if (!body || !iterable || !fn || names.size === 0) return;
        // `for ethertype in [IPv4, IPv6]` enumerates variants of one operation, not resources to release.
        if (['list', 'tuple', 'set'].includes(iterable.type) && iterable.namedChildren.every((c) => !c || ['identifier', 'attribute', 'string', 'integer', 'comment'].includes(c.type))) return;
        if (inTransaction(loop, fn)) return;
        let cfg: Cfg | undefined;
        for (const call of descendantsOfType(body, 'call')) {
          const name = calleeName(call);
          if (!name || !CLEANUP.test(name) || !actsOnItem(call, names)) continue;
          const fnNode = callee(call);
          const object = fnNode?.type === 'attribute' ? fnNode.childForFieldName('object') : null;
          // `item.destroy()` deletes the item's own record; a chained `query(...).delete()` is a bulk database edit.
          if (!object || object.type === 'call' || mentionsName(object, names) || NOT_RESOURCES.test(object.text) || TOO_GENERIC.test(name)) continue;
          const where = cleanupContext(loop, fn);
          if (!where) continue;
          cfg ??= cfgOf(ctx.model, fn);
          // The innermost loop of the call must be this one: nested loops are judged on their own.
          if (cfg.innermostLoop(call)?.id !== loop.id) continue;
          const scopes = scopesOf(ctx.model);
          const escape = releaseFailureLeavesLoop(cfg, call, loop, (id) => scopes.lookup(id).some((b) => b.kind === 'parameter'));
          if (!escape) continue;
          const how = escape.handler ? ' (its handler re-raises)' : '';
          const text = (fnNode?.text ?? name);
          ctx.report({
            node: call, messageId: 'aborts', confidence: where === 'error-path' ? 'medium' : 'low',
            data: { call: text, target: [...names].join(', '), iterable: truncate(iterable.text, 40), how },
            evidence: escape.handler ? [{ node: escape.handler, message: 'this handler lets the exception leave the loop' }] : [],
          });
          return;
        }
      },
    };
  },
});
