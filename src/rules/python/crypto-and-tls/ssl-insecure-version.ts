// B502: a TLS endpoint pinned to a broken protocol version (SSLv2, SSLv3, TLS 1.0, TLS 1.1) through ssl, pyOpenSSL or
// any call taking `ssl_version=` / `method=`, or a context whose minimum_version is set that low.
import { argument, keywordArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { badProtocol } from '../../../rulekit/sslProtocols.js';

const BAD_MINIMUM = new Set(['ssl.TLSVersion.SSLv3', 'ssl.TLSVersion.TLSv1', 'ssl.TLSVersion.TLSv1_1', 'ssl.TLSVersion.MINIMUM_SUPPORTED']);

/** Calls whose protocol argument we know: [qualified name, position, keyword]. */
const KNOWN: Array<[string, number, string]> = [
  ['ssl.wrap_socket', 5, 'ssl_version'],
  ['ssl.SSLContext', 0, 'protocol'],
  ['OpenSSL.SSL.Context', 0, 'method'],
  // The import name Bandit checks for; no such package exists, but code (and Bandit's examples) may spell it so.
  ['pyOpenSSL.SSL.Context', 0, 'method'],
];

export default defineRule({
  meta: {
    id: 'ssl-insecure-version',
    cwe: 327,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B502',
    banditName: 'ssl_with_bad_version',
    messages: {
      pinned: {
        text: '`{call}` uses {protocol}, a broken SSL/TLS version: traffic can be downgraded or decrypted (POODLE, BEAST)',
        fix: 'Use ssl.PROTOCOL_TLS_CLIENT / PROTOCOL_TLS_SERVER (or SSL.TLS_METHOD) in `{call}` and set minimum_version = ssl.TLSVersion.TLSv1_2',
      },
      minimum: {
        text: '`{target} = {value}` lets peers negotiate a broken SSL/TLS version',
        fix: 'Set `{target}` to ssl.TLSVersion.TLSv1_2 or higher',
      },
    },
    docs: {
      summary: 'SSL/TLS pinned to an insecure protocol version',
      why: 'SSLv2, SSLv3, TLS 1.0 and TLS 1.1 have practical attacks (DROWN, POODLE, BEAST) and are deprecated by RFC 8996. A connection forced to one of them can be downgraded or decrypted by anyone in the network path (CWE-327).',
      example: 'import ssl\n\ndef server_context():\n    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n',
      useInstead: 'import ssl\n\ndef server_context():\n    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n    context.minimum_version = ssl.TLSVersion.TLSv1_2\n    return context\n',
      fix: 'Use the version-flexible protocols (PROTOCOL_TLS_CLIENT / PROTOCOL_TLS_SERVER, or ssl.create_default_context()) and set minimum_version to TLS 1.2 or newer.',
      references: [
        'https://cwe.mitre.org/data/definitions/327.html',
        'https://www.rfc-editor.org/rfc/rfc8996',
        'https://docs.python.org/3/library/ssl.html#ssl.SSLContext.minimum_version',
      ],
      banditDifferences: 'Positional protocol arguments of ssl.SSLContext, ssl.wrap_socket and OpenSSL.SSL.Context are checked and reported with high severity (Bandit reads keywords only and looks for the non-existent module name `pyOpenSSL`, so `OpenSSL.SSL.Context(SSL.TLSv1_METHOD)` is missed; pillar accepts both spellings). Other calls with a bad `ssl_version=`/`method=` keyword get Bandit\'s medium/medium. Assignments of a TLS 1.1-or-older `minimum_version` are reported too.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        const known = KNOWN.find(([q]) => q === name);
        if (known) {
          const protocol = badProtocol(ctx.model, argument(node, known[1], known[2]));
          if (protocol) ctx.report({ node, messageId: 'pinned', data: { call: name!, protocol } });
          return;
        }
        for (const keyword of ['ssl_version', 'method']) {
          const protocol = badProtocol(ctx.model, keywordArg(node, keyword));
          if (protocol) {
            const call = name ?? node.childForFieldName('function')?.text ?? 'this call';
            ctx.report({ node, messageId: 'pinned', data: { call, protocol }, severity: 'medium', confidence: 'medium' });
            return;
          }
        }
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== 'minimum_version' || !right) return;
        const value = ctx.model.qualifiedName(right);
        if (value !== null && BAD_MINIMUM.has(value)) ctx.report({ node, messageId: 'minimum', data: { target: left.text, value: right.text } });
      },
    };
  },
});
