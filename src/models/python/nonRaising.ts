// Calls that do not fail in practice although their bodies are out of sight, as data for the resource-leak rules
// (src/languages/python/resources/nonRaising.ts): a leak needs a step that can raise, and treating these as raisers
// reports leaks no run can produce. What lies behind each entry is cited beside it.

/**
 * oslo.messaging `Notifier` priority methods. The messaging driver logs and drops a notification it cannot send
 * (`MessagingDriver.notify`: "Could not send notification to %(topic)s"), so a notification never aborts the
 * operation that emits it; notifications are best-effort by design (oslo.messaging notifier docs).
 */
export const NOTIFIER_METHODS: ReadonlySet<string> = new Set(['audit', 'debug', 'info', 'warn', 'warning', 'error', 'critical', 'sample']);

/** What a notifier object is made by: `rpc.get_notifier('volume', host)`, `oslo_messaging.Notifier(...)`, `n.prepare(...)`. */
export const NOTIFIER_FACTORIES: ReadonlySet<string> = new Set(['get_notifier', 'Notifier', 'prepare']);

/** A notifier held on an object or in a local, named by its oslo.messaging type (`self.notifier`, `_notifier`). */
export const NOTIFIER_HOLDER = /(^|\.)_?notifier$/i;

/**
 * The notification helpers of nova (`compute/utils.py`) and cinder (`volume/volume_utils.py`, and the managers'
 * `_notify_about_*` wrappers): each builds a payload from the object in hand and ends in a notifier call above.
 * Neutron's callback `registry.notify` is not one of these: a BEFORE_* subscriber may veto by raising.
 */
export const NOTIFICATION_HELPER = /^_?notify_about_\w+$/;

/**
 * Alternative constructors: a `from_*` classmethod called on a class (`objects.ImageMeta.from_instance(inst)`,
 * `datetime.fromtimestamp`-style factories) builds an object from a value already in memory, the same as calling the
 * class, which the leak rules already treat as not failing.
 */
export const ALTERNATIVE_CONSTRUCTOR = /^from_?\w+$/;

/**
 * Builtins that do not raise on values of the kind they are meant for, for the "cannot raise" facts of project
 * functions (index/raises.ts nonRaisingFunctions): a converter that only reads its argument and builds a value with
 * these cannot fail between a resource's creation and its release. Stricter than the leak rules' in-memory list:
 * parsing conversions (`int('x')`), `getattr` without a default, `min`/`max` of an empty sequence raise.
 */
export const TOTAL_BUILTINS: ReadonlySet<string> = new Set(['_', 'len', 'str', 'repr', 'bool', 'dict', 'list', 'set', 'frozenset', 'tuple',
  'isinstance', 'issubclass', 'hasattr', 'sorted', 'reversed', 'enumerate', 'zip', 'any', 'all', 'id', 'callable', 'cast']);

/** Container and string methods that do not raise (`dict.get`, not `dict.pop`; `str.split`, not `str.index`). */
export const TOTAL_METHODS: ReadonlySet<string> = new Set(['get', 'keys', 'values', 'items', 'copy', 'setdefault', 'append', 'extend',
  'add', 'update', 'join', 'split', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'startswith', 'endswith', 'replace', 'discard']);
