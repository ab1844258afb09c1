// CWE-471: a list, dict or set that oslo.config returns for an option, changed in place. oslo.config caches an
// option's value and hands every reader the same object, so what one call appends stays in the option for every later
// call: a request handler that adds the request's own Host header to the allowed origins (nova and ironic console
// proxies, OSSN-0101) lets each client widen the allow-list for the next, and the list grows without bound.
import type { PythonModel } from '../../../languages/python/model.js';
import { enclosingFunction, unparenthesize } from '../../../languages/python/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { IN_PLACE_METHODS, REQUEST_HANDLER_BASES } from '../../../models/python/sharedState.js';
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { ancestry, classesByName } from '../../../rulekit/classLineage.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { optionRead as optionReadOf, type OptionRead } from '../../../rulekit/fileFacts.js';
import { brief, line } from '../../../rulekit/openstack.js';
import type { Visitors } from '../../../rulekit/types.js';

interface SharedValue { read: OptionRead; at: SyntaxNode }

/** `CONF.g.opt or []`: the option's own object whenever it is not empty. */
function withoutDefault(value: SyntaxNode): SyntaxNode {
  const v = unparenthesize(value);
  if (v.type === 'boolean_operator' && v.childForFieldName('operator')?.text === 'or') return unparenthesize(v.childForFieldName('left')!);
  return v;
}

/**
 * The option whose cached value `expr` is: the read itself, or a name or `self.x` bound to it (through `or` a
 * default). A copy (`list(CONF.g.opt)`, `CONF.g.opt[:]`, `dict(...)`) is a new object and is not followed.
 */
function sharedValueOf(model: PythonModel, expr: SyntaxNode, boundToOptions: ReadonlySet<string>): SharedValue | null {
  const e = unparenthesize(expr);
  const direct = optionReadOf(e);
  if (direct) return { read: direct, at: e };
  if (!boundToOptions.has(e.text) || (e.type !== 'identifier' && !(e.type === 'attribute' && e.childForFieldName('object')?.text === 'self'))) return null;
  for (const value of model.valuesOf(e)) {
    if (!value) continue;
    const read = optionReadOf(withoutDefault(value));
    if (read) return { read, at: value };
  }
  return null;
}

/**
 * The names and `self.x` the file ever assigns an option read to: the only receivers worth asking the dataflow about
 * (most files append to many lists and bind none of them to an option).
 */
function namesBoundToOptions(model: PythonModel): Set<string> {
  const out = new Set<string>();
  for (const a of model.root.descendantsOfType('assignment')) {
    const right = a.childForFieldName('right');
    if (right && optionReadOf(withoutDefault(right))) out.add(a.childForFieldName('left')!.text);
  }
  return out;
}

/**
 * The container a statement changes in place, how, and the copy that would avoid it: `x.append(v)`, `x[k] = v`,
 * `del x[k]`, `x += [v]`.
 */
function mutation(node: SyntaxNode): { target: SyntaxNode; how: string; copy: 'list' | 'dict' | 'set' } | null {
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')!.text : null;
    if (!method || !IN_PLACE_METHODS.has(method)) return null;
    return { target: fn!.childForFieldName('object')!, how: `\`.${method}()\``, copy: DICT_METHODS.has(method) ? 'dict' : SET_METHODS.has(method) ? 'set' : 'list' };
  }
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    return left?.type === 'subscript' ? { target: left.childForFieldName('value')!, how: 'An item assignment', copy: 'dict' } : null;
  }
  if (node.type === 'augmented_assignment') {
    // `+=` rebinds a string or a tuple; only a list (the right side a list) is extended in place.
    const right = node.childForFieldName('right');
    return node.childForFieldName('operator')?.text === '+=' && (right?.type === 'list' || right?.type === 'list_comprehension')
      ? { target: node.childForFieldName('left')!, how: '`+=`', copy: 'list' } : null;
  }
  if (node.type === 'delete_statement') {
    const target = node.namedChildren.find((c) => c?.type === 'subscript');
    return target ? { target: target.childForFieldName('value')!, how: '`del`', copy: 'dict' } : null;
  }
  return null;
}

const DICT_METHODS: ReadonlySet<string> = new Set(['update', 'setdefault', 'popitem']);
const SET_METHODS: ReadonlySet<string> = new Set(['add', 'discard', 'difference_update', 'intersection_update', 'symmetric_difference_update']);

export default defineRule({
  meta: {
    id: 'shared-config-value-mutated',
    cwe: 471,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      perRequest: {
        text: '{how} on `{target}` changes `{option}` in place: oslo.config hands every reader the same cached object (bound at line {boundLine}), so what this request handler adds stays in the option for every later request — each client can widen or fill it',
        fix: 'Work on a copy: `{copy}`, and change the copy',
      },
      shared: {
        text: '{how} on `{target}` changes `{option}` in place: oslo.config hands every reader the same cached object (bound at line {boundLine}), so the change stays in the option and repeats on every call',
        fix: 'Work on a copy: `{copy}`, and change the copy',
      },
    },
    docs: {
      summary: 'List or dict returned by oslo.config changed in place',
      why: 'oslo.config caches the value of every option and returns the same list, dict or set object to every reader until the configuration is reloaded. Code that appends to it, assigns an item or deletes one changes the option itself: every later reader sees the change, and a call that runs once per request adds to it once per request.\n\n**Class.** Modification of assumed-immutable data (CWE-471): a value the program treats as fixed configuration is changed by ordinary processing. The dangerous case is a request handler that adds per-request data to a configured allow-list — nova\'s and ironic\'s console WebSocket proxies appended the request\'s own `Host` header to `allowed_origins`, so every connection widened the origin allow-list for the next one and grew it without bound (OSSN-0101; nova 0612fed0e1, ironic 762cde0a03, both 2026). A mutation in code that does not run per request (start-up code adding defaults) is reported at low confidence: the option still no longer says what the operator configured, but nothing a client sends goes into it. A copy (`list(...)`, `dict(...)`, `[:]`) is a new object and is not reported; `+=` is judged only with a list on the right (it rebinds strings and tuples).',
      example: 'from oslo_config import cfg\nimport websockify\n\nCONF = cfg.CONF\n\n\nclass ProxyHandler(websockify.ProxyRequestHandler):\n    def new_websocket_client(self):\n        allowed = CONF.console.allowed_origins\n        allowed.append(self.headers.get("Host"))\n        if self.headers.get("Origin") not in allowed:\n            raise ValueError("origin not allowed")\n',
      useInstead: 'from oslo_config import cfg\nimport websockify\n\nCONF = cfg.CONF\n\n\nclass ProxyHandler(websockify.ProxyRequestHandler):\n    def new_websocket_client(self):\n        allowed = list(CONF.console.allowed_origins)\n        allowed.append(self.headers.get("Host"))\n        if self.headers.get("Origin") not in allowed:\n            raise ValueError("origin not allowed")\n',
      fix: 'Copy an option\'s list or dict before changing it (`list(CONF.g.opt)`, `dict(CONF.g.opt)`), or build a new value (`CONF.g.opt + [extra]`); change options only through `set_override` or a configuration reload.',
      references: [
        'https://cwe.mitre.org/data/definitions/471.html',
        'https://wiki.openstack.org/wiki/OSSN/OSSN-0101',
        'https://docs.openstack.org/oslo.config/latest/reference/api/oslo_config.html',
      ],
    },
  },
  create(ctx): Visitors {
    const model = ctx.model;
    if (model.isTestSupport() || !/\bconf\b/i.test(model.source)) return {};
    let classes: Map<string, SyntaxNode> | undefined;
    let boundToOptions: Set<string> | undefined;
    /** A function that runs once per request: a request handler's method, or one given request data by its framework. */
    const perRequest = (fn: SyntaxNode | null): boolean => {
      if (!fn) return false;
      if (model.sourceParameters(fn, PYTHON_TAINT_SPEC).size > 0) return true;
      const cls = model.enclosingClass(fn);
      if (!cls) return false;
      classes ??= classesByName(model);
      return ancestry(model, cls, classes).external.some((q) => REQUEST_HANDLER_BASES.has(q));
    };
    const check = (node: SyntaxNode): void => {
      const m = mutation(node);
      if (!m) return;
      boundToOptions ??= namesBoundToOptions(model);
      const shared = sharedValueOf(model, m.target, boundToOptions);
      if (!shared) return;
      const option = `${shared.read.group === 'DEFAULT' ? '' : `${shared.read.group}.`}${shared.read.name}`;
      const request = perRequest(enclosingFunction(node));
      const copyOf = brief(optionReadOf(shared.at) ? shared.at : withoutDefault(shared.at), 40);
      ctx.report({
        node,
        messageId: request ? 'perRequest' : 'shared',
        ...(request ? {} : { severity: 'medium' as const, confidence: 'low' as const }),
        data: { how: m.how, target: brief(m.target, 40), option, boundLine: line(shared.at), copy: `${m.copy}(${copyOf})` },
        evidence: [{ node: shared.at, message: `\`${brief(shared.at, 40)}\` is the option's cached object (line ${line(shared.at)})` }],
      });
    };
    return { call: check, assignment: check, augmented_assignment: check, delete_statement: check };
  },
});
