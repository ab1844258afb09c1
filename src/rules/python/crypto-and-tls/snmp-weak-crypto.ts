// B509: pysnmp SNMPv3 users without a privacy key (noAuthNoPriv / authNoPriv): the traffic, including what is
// read from or written to the device, is not encrypted.
import { argument, hasStarArgs, keywordArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const USM_USER_DATA = /^pysnmp\.hlapi(?:\.[\w.]+)?\.UsmUserData$/;

/** Every name USM_USER_DATA matches lies below this package. */
const HLAPI = ['pysnmp.hlapi.*'];

export default defineRule({
  meta: {
    id: 'snmp-weak-crypto',
    cwe: 319,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B509',
    banditName: 'snmp_crypto_check',
    messages: {
      noPriv: {
        text: '`{call}` sets up SNMPv3 {level}: requests and responses travel unencrypted',
        fix: 'Pass both an authentication key and a privacy key to `{call}` (authPriv), e.g. with usmHMACSHAAuthProtocol and usmAesCfb128Protocol',
      },
    },
    docs: {
      summary: 'SNMPv3 without encryption (noAuthNoPriv or authNoPriv)',
      why: 'SNMPv3 only encrypts when a privacy key is configured. Without one, every value read from or set on the device (configuration, credentials, topology) crosses the network in clear text (CWE-319), and without an auth key the user is not even authenticated.',
      example: 'from pysnmp.hlapi import UsmUserData\n\ndef auth(user, auth_key):\n    return UsmUserData(user, auth_key)\n',
      useInstead: 'from pysnmp.hlapi import UsmUserData\n\ndef auth(user, auth_key, priv_key):\n    return UsmUserData(user, auth_key, priv_key)\n',
      fix: 'Configure authPriv: an authentication key and a privacy key, with SHA-2/AES protocols where the device supports them.',
      references: [
        'https://cwe.mitre.org/data/definitions/319.html',
        'https://www.rfc-editor.org/rfc/rfc3414',
      ],
      banditDifferences: 'Keys passed by keyword (`UsmUserData(user, authKey=a, privKey=p)`) count; Bandit counts only positional arguments and reports that secure call. The asyncio/v3arch variants of pysnmp.hlapi are recognised too.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(HLAPI)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name === null || !USM_USER_DATA.test(name)) return;
        if (argument(node, 2, 'privKey') !== null) return;
        // A **splat may carry the keys: nothing can be said then.
        if (hasStarArgs(node)) return;
        const level = argument(node, 1, 'authKey') !== null || keywordArg(node, 'authProtocol') !== null ? 'authNoPriv' : 'noAuthNoPriv';
        ctx.report({ node, messageId: 'noPriv', data: { call: name, level } });
      },
    };
  },
});
