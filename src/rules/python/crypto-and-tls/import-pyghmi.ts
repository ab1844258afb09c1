// B415: imports of pyghmi, a pure-Python IPMI client. IPMI's authentication and session protocol are weak by design.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B415'), {
  docs: {
    summary: 'IPMI client (pyghmi) imported',
    why: 'IPMI 2.0 lets anyone who can reach the BMC obtain a password hash for offline cracking (RAKP), and many BMCs accept cipher suite 0 without authentication; traffic is easily sniffed on the management network. Code that drives BMCs over IPMI inherits these weaknesses (CWE-319).',
    example: 'from pyghmi.ipmi import command\n\ndef power_on(bmc, user, password):\n    command.Command(bmc=bmc, userid=user, password=password).set_power("on")\n',
    useInstead: 'import sushy\n\ndef power_on(url, user, password):\n    client = sushy.Sushy(url, username=user, password=password)\n    client.get_system("/redfish/v1/Systems/1").reset_system("On")\n',
    fix: 'Prefer Redfish over HTTPS (e.g. sushy) where the hardware supports it; otherwise keep IPMI on an isolated management network with strong, unique BMC passwords.',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://www.rapid7.com/blog/post/2013/07/02/a-penetration-testers-guide-to-ipmi/',
    ],
    banditDifferences: 'Same matches as Bandit, by whole module name rather than string prefix.',
  },
});
