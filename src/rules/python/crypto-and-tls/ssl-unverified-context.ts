// B323: ssl._create_unverified_context(), called directly or installed as the process-wide default HTTPS context
// (`ssl._create_default_https_context = ssl._create_unverified_context`, which Bandit does not see).
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

const UNVERIFIED = 'ssl._create_unverified_context';

export default blacklistCallRule(blacklistEntry('B323'), {
  messages: {
    processWide: {
      text: '`{code}` makes every HTTPS connection of this process skip certificate and host-name checks',
      fix: 'Remove this assignment; give the connections that need a private CA an ssl.create_default_context(cafile=...) instead',
    },
  },
  extend(ctx) {
    return {
      assignment(node) {
        const right = node.childForFieldName('right');
        if (!right || ctx.model.qualifiedName(right) !== UNVERIFIED) return;
        ctx.report({ node, messageId: 'processWide', data: { code: node.text.replace(/\s+/g, ' ') } });
      },
    };
  },
  docs: {
    summary: 'TLS context without certificate verification (ssl._create_unverified_context)',
    why: 'The unverified context accepts any certificate for any host name. Anyone who can intercept the connection (a rogue access point, a compromised router, DNS spoofing) can present their own certificate and read or change the traffic, including credentials and tokens (CWE-295).',
    example: 'import ssl\nimport urllib.request\n\ndef fetch(url):\n    ctx = ssl._create_unverified_context()\n    return urllib.request.urlopen(url, context=ctx)\n',
    useInstead: 'import ssl\nimport urllib.request\n\ndef fetch(url, ca_file):\n    ctx = ssl.create_default_context(cafile=ca_file)\n    return urllib.request.urlopen(url, context=ctx)\n',
    fix: 'Use ssl.create_default_context(); for a private or self-signed CA pass its certificate with cafile= (or load_verify_locations()) rather than turning verification off.',
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://peps.python.org/pep-0476/',
    ],
    banditDifferences: 'Bandit only sees calls. pillar also reports the common monkey-patch `ssl._create_default_https_context = ssl._create_unverified_context`, which disables verification for the whole process without calling anything.',
  },
});
