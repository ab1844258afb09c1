// B504: ssl.wrap_socket() without an explicit protocol version. The function is deprecated (removed in Python 3.12)
// and, beyond the version, does not verify certificates or host names unless told to.
import { argument } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const WRAP_SOCKET = ['ssl.wrap_socket'];

export default defineRule({
  meta: {
    id: 'ssl-wrap-socket-no-version',
    cwe: 327,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B504',
    banditName: 'ssl_with_no_version',
    messages: {
      deprecated: {
        text: '`{call}` sets the certificate mode but leaves the protocol to OpenSSL\'s defaults; the function was removed in Python 3.12',
        fix: 'Build an SSLContext (ssl.create_default_context() or SSLContext(PROTOCOL_TLS_CLIENT)) and call its wrap_socket instead of `{call}`',
      },
      noVersion: {
        text: '`{call}` negotiates whatever protocol the local OpenSSL allows and, by default, checks no certificate',
        fix: 'Replace `{call}` with ssl.create_default_context().wrap_socket(sock, server_hostname=host), which verifies certificates and refuses broken protocols',
      },
    },
    docs: {
      summary: 'ssl.wrap_socket() without an explicit protocol version',
      why: 'ssl.wrap_socket() predates secure defaults: without ssl_version it accepts whatever protocols the linked OpenSSL still enables, and with its default cert_reqs=CERT_NONE it authenticates nobody. It was deprecated in Python 3.7 and removed in 3.12 (CWE-327).',
      example: 'import ssl\n\ndef secure(sock):\n    return ssl.wrap_socket(sock)\n',
      useInstead: 'import ssl\n\ndef secure(sock, host):\n    return ssl.create_default_context().wrap_socket(sock, server_hostname=host)\n',
      fix: 'Build an SSLContext with ssl.create_default_context() (clients) or SSLContext(PROTOCOL_TLS_SERVER) with minimum_version TLS 1.2 (servers), and wrap sockets through it.',
      references: [
        'https://cwe.mitre.org/data/definitions/327.html',
        'https://docs.python.org/3.11/library/ssl.html#ssl.wrap_socket',
      ],
      banditDifferences: 'A version passed positionally (the sixth argument) counts as specified; Bandit only looks at the ssl_version keyword.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(WRAP_SOCKET)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name !== 'ssl.wrap_socket' || argument(node, 5, 'ssl_version') !== null) return;
        // With cert_reqs given (or on the server side, where no client certificate is the norm) the certificate part
        // of the message would be false, and since Python 3.6 the default protocol negotiates TLS with SSLv2/3 off:
        // what remains is an API removed in 3.12, no security defect by itself.
        const side = argument(node, 3, 'server_side');
        if (argument(node, 4, 'cert_reqs') !== null || (side !== null && side.type === 'true')) {
          ctx.report({ node, messageId: 'deprecated', severity: 'low', confidence: 'low', data: { call: name } });
        } else {
          ctx.report({ node, messageId: 'noVersion', data: { call: name } });
        }
      },
    };
  },
});
