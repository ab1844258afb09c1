// Which calls cannot fail in practice, for the leak rules: logging, in-memory builtins and container methods,
// notifications, alternative constructors (models/python/nonRaising.ts), and callees defined in this file whose
// bodies make only such calls and raise nothing. A call we cannot see into may raise.
import type { SyntaxNode } from '../../syntaxTree.js';
import { ALTERNATIVE_CONSTRUCTOR, NOTIFICATION_HELPER, NOTIFIER_FACTORIES, NOTIFIER_HOLDER, NOTIFIER_METHODS } from '../../../models/python/nonRaising.js';
import { headerParts } from '../cfg/raises.js';
import type { PythonModel } from '../model.js';
import { callee, calleeName, descendantsOfType } from '../syntax.js';
import { localCallee } from './externalRelease.js';
import { isInMemoryCall } from './match.js';

/** `notifier.info(ctx, event, payload)` on a notifier object, or a project helper that sends one. */
function isNotification(call: SyntaxNode): boolean {
  const name = calleeName(call) ?? '';
  // The factory call in `rpc.get_notifier('volume').info(...)` only builds the notifier the notification uses.
  const use = call.parent?.type === 'attribute' && call.parent.parent?.type === 'call' ? call.parent.parent : null;
  if (use && NOTIFIER_FACTORIES.has(name) && isNotification(use)) return true;
  if (NOTIFICATION_HELPER.test(name)) return true;
  const fn = callee(call);
  if (fn?.type !== 'attribute' || !NOTIFIER_METHODS.has(name)) return false;
  const object = fn.childForFieldName('object')!;
  if (object.type === 'call') return NOTIFIER_FACTORIES.has(calleeName(object) ?? '');
  return NOTIFIER_HOLDER.test(object.text);
}

/** `Class.from_x(value)`: the receiver's last segment names a class (capitalised, by Python's naming convention). */
function isAlternativeConstructor(call: SyntaxNode): boolean {
  const fn = callee(call);
  if (fn?.type !== 'attribute' || !ALTERNATIVE_CONSTRUCTOR.test(calleeName(call) ?? '')) return false;
  const object = fn.childForFieldName('object')!;
  const last = object.type === 'attribute' ? object.childForFieldName('attribute')?.text : object.type === 'identifier' ? object.text : '';
  return /^[A-Z]/.test(last ?? '');
}

/**
 * True when `call` cannot fail in practice. A callee of this file (`self._copy_ids(info)`) is judged by its body,
 * `depth` levels deep: no `raise` and no call that may fail on any live path.
 */
export function cannotFail(model: PythonModel, call: SyntaxNode, depth = 2): boolean {
  if (model.loggingCall(call) !== null || isInMemoryCall(call) || isNotification(call) || isAlternativeConstructor(call)) return true;
  if (depth === 0) return false;
  const def = localCallee(model, call);
  const body = def?.childForFieldName('body');
  if (!def || !body) return false;
  const cfg = model.cfg(def);
  if (!cfg) return false;
  const live = cfg.reachableFromEntry();
  for (const n of cfg.nodes) {
    if (n.kind !== 'statement' || !n.ast || !live.has(n)) continue;
    if (n.ast.type === 'raise_statement') return false;
    const calls = headerParts(n.ast).flatMap((p) => (p.type === 'call' ? [p] : []).concat(descendantsOfType(p, 'call')));
    if (calls.some((c) => c.id !== call.id && !cannotFail(model, c, depth - 1))) return false;
  }
  return true;
}
