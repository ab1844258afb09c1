// B401: imports of telnetlib (and the asyncio telnetlib3 package): Telnet carries logins and commands in clear text.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B401'), {
  docs: {
    summary: 'Telnet client module imported',
    why: 'A module that imports a Telnet client talks to something over an unencrypted, unauthenticated channel: passwords and commands can be read and altered by anyone on the network path (CWE-319).',
    example: 'import telnetlib\n\ndef connect(host):\n    return telnetlib.Telnet(host)\n',
    useInstead: 'import paramiko\n\ndef connect(host):\n    client = paramiko.SSHClient()\n    client.load_system_host_keys()\n    client.connect(host)\n    return client\n',
    fix: 'Manage the device over SSH (paramiko, netmiko, asyncssh) and remove the Telnet client.',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://peps.python.org/pep-0594/#telnetlib',
    ],
    banditDifferences: 'Bandit matches by string prefix, so any module whose name starts with "telnetlib" counts; pillar matches `telnetlib` and the `telnetlib3` package by whole name and skips relative imports. Bandit stops at the first blacklist match in a statement; pillar reports every rule that applies.',
  },
});
