// B113: an HTTP call through requests without a timeout (requests waits forever by default), or through requests or
// httpx with timeout=None, which disables the limit explicitly.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { hasStarArgs, keywordArg, unparenthesize } from '../../../languages/python/syntax.js';
import { httpClientCall } from '../../../models/python/httpClients.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'request-without-timeout',
    cwe: 1088,
    severity: 'medium',
    confidence: 'low',
    languages: ['python'],
    bandit: 'B113',
    banditName: 'request_without_timeout',
    messages: {
      missing: {
        text: '`{call}` has no timeout: requests waits forever, so a silent or slow server hangs this worker indefinitely',
        fix: 'Pass `timeout=` to `{call}`, e.g. timeout=(connect_seconds, read_seconds) taken from configuration',
      },
      none: {
        text: '`{call}` sets timeout=None, so a silent or slow server hangs this worker indefinitely',
        fix: 'Give `{call}` a finite timeout, e.g. timeout=(connect_seconds, read_seconds) taken from configuration',
      },
    },
    docs: {
      summary: 'HTTP request without a timeout',
      why: 'requests has no default timeout: a server that accepts the connection and never answers blocks the calling thread or green thread forever. In a service every stuck call holds a worker, a connection and often a lock, until the service stops answering at all (CWE-1088, a form of CWE-400).',
      example: 'import requests\n\ndef fetch(url):\n    return requests.get(url).json()\n',
      useInstead: 'import requests\n\ndef fetch(url, timeout):\n    return requests.get(url, timeout=timeout).json()\n',
      fix: 'Pass timeout= on every call (a (connect, read) tuple from configuration), or use a session wrapper that always sets one. Never pass timeout=None.',
      references: [
        'https://cwe.mitre.org/data/definitions/1088.html',
        'https://cwe.mitre.org/data/definitions/400.html',
        'https://requests.readthedocs.io/en/latest/user/advanced/#timeouts',
      ],
      banditDifferences: 'CWE-1088 (synchronous access of a remote resource without timeout), a child of Bandit\'s CWE-400 in the same pillar. `requests.request(...)` is checked too. A call that forwards `**kwargs` may carry a timeout in them and is not reported, and a non-literal timeout (`timeout=conf.timeout`) counts as a timeout (Bandit reports both).',
    },
  },
  create(ctx) {
    return {
      call(node: SyntaxNode) {
        const http = httpClientCall(ctx.model.callName(node));
        if (!http) return;
        const isRequests = http.library === 'requests';
        const timeout = keywordArg(node, 'timeout');
        if (timeout && unparenthesize(timeout).type === 'none') {
          ctx.report({ node: timeout.parent ?? node, messageId: 'none', data: { call: http.name } });
        } else if (!timeout && isRequests && !hasStarArgs(node)) {
          ctx.report({ node, messageId: 'missing', data: { call: http.name } });
        }
      },
    };
  },
});
