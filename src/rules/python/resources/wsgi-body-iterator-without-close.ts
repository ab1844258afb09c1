// An iterable class that streams other applications' response bodies (it reads their `app_iter` or calls
// `get_response`) but gives the server no close() that reaches them: none at all, or one that leaves the generator
// the class started itself running. Classes with a base other than object are skipped: the base may close.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { callee, descendantsOfType, unparenthesize } from '../../../languages/python/syntax.js';
import { BODY_ITERABLE_ATTRIBUTES, ITERATION_METHODS, RESPONSE_GETTERS } from '../../../models/python/wsgi.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { closesBody } from '../../../rulekit/wsgiBody.js';

export default defineRule({
  meta: {
    id: 'wsgi-body-iterator-without-close',
    cwe: 772,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      noClose: {
        text: '`{cls}` streams application response bodies ({pull}) but defines no close(): when the client goes away the server calls close() on `{cls}`, and nothing reaches {held}, so the backend connection stays open',
        fix: 'Give `{cls}` a close() that closes {held} (e.g. `close_if_possible(self.{attr})`)',
      },
      generatorLeftOpen: {
        text: '`{cls}.close()` never closes `self.{attr}`, the generator `{cls}` started from `{method}()`: a body abandoned mid-stream leaves that generator suspended, holding the response it was reading and the request it refers to',
        fix: 'Close `self.{attr}` in close() (`close_if_possible(self.{attr})`): its own finally/with blocks then close the response it is reading',
      },
    },
    docs: {
      summary: 'An iterator over application response bodies has no close() that reaches them',
      why: 'PEP 3333 has the server call close() on the response iterable when a request ends, including when the client disconnects early; that is the only moment an abandoned body can release its backend connection. A class that builds its body from other applications\' responses (large-object segments, sub-requests) is that iterable: without close(), or with a close() that leaves its own started generator suspended, the response it was reading stays open, and a generator referring back to the object makes a cycle only the garbage collector frees. Interrupted downloads then pile up connections and memory (CWE-772; OpenStack Swift OSSA-2016-004, CVE-2016-0737 and CVE-2016-0738).',
      example: 'class Segments(object):\n    def __init__(self, req, app, paths):\n        self.req, self.app, self.paths = req, app, paths\n        self.body = self._fetch()\n\n    def _fetch(self):\n        for path in self.paths:\n            resp = make_request(self.req, path).get_response(self.app)\n            for chunk in resp.app_iter:\n                yield chunk\n\n    def __iter__(self):\n        return self.body\n',
      useInstead: 'class Segments(object):\n    def __init__(self, req, app, paths):\n        self.req, self.app, self.paths = req, app, paths\n        self.body = self._fetch()\n\n    def _fetch(self):\n        for path in self.paths:\n            resp = make_request(self.req, path).get_response(self.app)\n            with closing_if_possible(resp.app_iter):\n                for chunk in resp.app_iter:\n                    yield chunk\n\n    def __iter__(self):\n        return self.body\n\n    def close(self):\n        close_if_possible(self.body)\n',
      fix: 'Define close() and close from it the generator the class started (its with/finally blocks close the response being read), or the response currently being streamed when no generator is involved.',
      references: [
        'https://peps.python.org/pep-3333/#specification-details',
        'https://cwe.mitre.org/data/definitions/772.html',
        'https://security.openstack.org/ossa/OSSA-2016-004.html',
      ],
    },
  },
  create(ctx): Visitors {
    const model = ctx.model;
    // A file that never names a body attribute or a response getter pulls no body: skipped before any analysis.
    if (![...BODY_ITERABLE_ATTRIBUTES, ...RESPONSE_GETTERS].some((name) => model.source.includes(name))) return {};
    return {
      class_definition(cls) {
        const bases = model.classBases(cls).filter((b) => b.text !== 'object');
        if (bases.length > 0) return;
        const methods = model.functions(cls).filter((f) => model.enclosingClass(f)?.id === cls.id);
        const named = (n: string): SyntaxNode | undefined => methods.find((m) => m.childForFieldName('name')?.text === n);
        const iterating = methods.find((m) => ITERATION_METHODS.has(m.childForFieldName('name')?.text ?? ''));
        if (!iterating) return;
        const pull = methods.map(pulledBody).find((p) => p !== null);
        if (!pull) return;
        const name = cls.childForFieldName('name')?.text ?? 'class';
        const generators = ownGenerators(methods);
        const close = named('close');
        if (!close) {
          const first = generators[0];
          ctx.report({
            node: first?.at ?? iterating.childForFieldName('name') ?? iterating,
            messageId: 'noClose',
            data: { cls: name, pull: pull.text.slice(0, 60), held: first ? `\`self.${first.attr}\` or the responses it reads` : 'the responses it reads', attr: first?.attr ?? 'body' },
            evidence: [{ node: pull, message: 'an application\'s response body read here' }],
          });
          return;
        }
        const closeBody = close.childForFieldName('body');
        if (!closeBody) return;
        const closeCalls = descendantsOfType(closeBody, 'call');
        for (const g of generators) {
          const isAttr = (arg: SyntaxNode): boolean => unparenthesize(arg).text === `self.${g.attr}`;
          if (closeCalls.some((c) => closesBody(c, isAttr))) continue;
          ctx.report({
            node: closeBody,
            messageId: 'generatorLeftOpen',
            data: { cls: name, attr: g.attr, method: g.method },
            evidence: [{ node: g.at, message: `\`self.${g.attr}\` is a generator started here` }, { node: pull, message: 'it reads an application\'s response body' }],
          });
          return;
        }
      },
    };
  },
});

/** The first place a method reads another response's body (`resp.app_iter`) or runs an application for one. */
function pulledBody(method: SyntaxNode): SyntaxNode | null {
  const body = method.childForFieldName('body');
  if (!body) return null;
  for (const a of descendantsOfType(body, 'attribute')) {
    const obj = a.childForFieldName('object');
    if (BODY_ITERABLE_ATTRIBUTES.has(a.childForFieldName('attribute')?.text ?? '') && obj && obj.text !== 'self') return a;
  }
  for (const c of descendantsOfType(body, 'call')) {
    const fn = callee(c);
    if (fn?.type === 'attribute' && RESPONSE_GETTERS.has(fn.childForFieldName('attribute')?.text ?? '')) return c;
  }
  return null;
}

interface OwnGenerator { attr: string; method: string; at: SyntaxNode }

/** `self.x = self.gen(...)` where `gen` is a generator method of the class: a generator the object owns. */
function ownGenerators(methods: readonly SyntaxNode[]): OwnGenerator[] {
  const generators = new Set(methods.filter((m) => descendantsOfType(m.childForFieldName('body')!, 'yield').length > 0).map((m) => m.childForFieldName('name')?.text ?? ''));
  const out: OwnGenerator[] = [];
  for (const m of methods) {
    for (const a of descendantsOfType(m.childForFieldName('body')!, 'assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self' || right?.type !== 'call') continue;
      const fn = callee(right);
      if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== 'self') continue;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (generators.has(method)) out.push({ attr: left.childForFieldName('attribute')!.text, method, at: a });
    }
  }
  return out;
}
