// B503: a function whose parameter defaults to a broken SSL/TLS protocol version, so every caller that does not
// choose one gets SSLv2/SSLv3/TLS 1.0/TLS 1.1.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { badProtocol } from '../../../rulekit/sslProtocols.js';

export default defineRule({
  meta: {
    id: 'ssl-insecure-version-default',
    cwe: 327,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B503',
    banditName: 'ssl_with_bad_defaults',
    messages: {
      default: {
        text: 'parameter `{parameter}` defaults to {protocol}, a broken SSL/TLS version, for every caller that does not pass one',
        fix: 'Default `{parameter}` to ssl.PROTOCOL_TLS_CLIENT / PROTOCOL_TLS_SERVER (or SSL.TLS_METHOD) and enforce TLS 1.2+ with minimum_version',
      },
    },
    docs: {
      summary: 'Function parameter defaulting to an insecure SSL/TLS version',
      why: 'Callers rarely override defaults: a parameter that defaults to SSLv3 or TLS 1.0 makes the broken protocol the normal case for every connection made through this function (CWE-327).',
      example: 'import ssl\n\ndef open_channel(sock, version=ssl.PROTOCOL_TLSv1):\n    return ssl.SSLContext(version).wrap_socket(sock)\n',
      useInstead: 'import ssl\n\ndef open_channel(sock, version=ssl.PROTOCOL_TLS_CLIENT):\n    return ssl.SSLContext(version).wrap_socket(sock)\n',
      fix: 'Default to the version-flexible protocol and a TLS 1.2 minimum; let callers opt into anything else explicitly.',
      references: [
        'https://cwe.mitre.org/data/definitions/327.html',
        'https://www.rfc-editor.org/rfc/rfc8996',
      ],
      banditDifferences: 'Keyword-only parameters, lambdas, `async def` and defaults written as bare imported names (`from ssl import PROTOCOL_TLSv1`) are checked too; Bandit reads only attribute defaults of positional parameters of plain `def`.',
    },
  },
  create(ctx) {
    const visit = (node: SyntaxNode): void => {
      const name = node.childForFieldName('name');
      const protocol = badProtocol(ctx.model, node.childForFieldName('value'));
      if (name && protocol) ctx.report({ node, messageId: 'default', data: { parameter: name.text, protocol } });
    };
    return { default_parameter: visit, typed_default_parameter: visit };
  },
});
