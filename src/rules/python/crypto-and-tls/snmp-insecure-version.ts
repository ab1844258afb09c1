// B508: pysnmp CommunityData, i.e. SNMPv1/v2c, whose community string travels in clear text and is the only
// authentication. Every CommunityData is v1 or v2c (v2c is the default), so every one is reported.
import { integerValue, keywordArg, positionalArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

/** pysnmp.hlapi and its asyncio/asyncore/v1arch/v3arch variants all export the same class. */
const COMMUNITY_DATA = /^pysnmp\.hlapi(?:\.[\w.]+)?\.CommunityData$/;

/** Every name COMMUNITY_DATA matches lies below this package. */
const HLAPI = ['pysnmp.hlapi.*'];

export default defineRule({
  meta: {
    id: 'snmp-insecure-version',
    cwe: 319,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B508',
    banditName: 'snmp_insecure_version_check',
    messages: {
      community: {
        text: '`{call}` uses SNMP {version}: the community string is sent in clear text and is the only authentication',
        fix: 'Use SNMPv3 with authentication and privacy: UsmUserData(user, authKey, privKey, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)',
      },
    },
    docs: {
      summary: 'SNMPv1/v2c (community string) used with pysnmp',
      why: 'SNMPv1 and v2c authenticate with a community string sent in clear text on every request; anyone who can sniff the management network can read it and then query or reconfigure the device (CWE-319).',
      example: 'from pysnmp.hlapi import CommunityData\n\ndef auth(community):\n    return CommunityData(community, mpModel=0)\n',
      useInstead: 'from pysnmp.hlapi import UsmUserData, usmAesCfb128Protocol, usmHMACSHAAuthProtocol\n\ndef auth(user, auth_key, priv_key):\n    return UsmUserData(user, auth_key, priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)\n',
      fix: 'Use SNMPv3 (UsmUserData) with both an authentication and a privacy key.',
      references: [
        'https://cwe.mitre.org/data/definitions/319.html',
        'https://www.rfc-editor.org/rfc/rfc3414',
      ],
      banditDifferences: 'Every CommunityData is reported, including the default mpModel (v2c) and a model passed positionally; Bandit reports only an explicit mpModel=0 or mpModel=1 keyword. The asyncio/v3arch variants of pysnmp.hlapi are recognised too.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(HLAPI)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name === null || !COMMUNITY_DATA.test(name)) return;
        // CommunityData(communityIndex, communityName, mpModel, ...) in old releases; mpModel=1 (v2c) by default.
        const model = integerValue(keywordArg(node, 'mpModel') ?? positionalArg(node, 2));
        ctx.report({ node, messageId: 'community', data: { call: name, version: model === 0 ? 'v1' : 'v2c' } });
      },
    };
  },
});
