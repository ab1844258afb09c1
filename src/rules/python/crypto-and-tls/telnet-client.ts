// B312: telnetlib.Telnet sessions. Only the client class is reported; the import itself is B401 (import-telnetlib).
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B312'), {
  docs: {
    summary: 'Telnet session opened with telnetlib',
    why: 'Telnet has no encryption and no server authentication: the user name, password and every command and reply cross the network in clear text, where anyone on the path can read or alter them (CWE-319). telnetlib was removed from the standard library in Python 3.13.',
    example: 'import telnetlib\n\ndef login(host, user):\n    session = telnetlib.Telnet(host)\n    session.write(user.encode() + b"\\n")\n',
    useInstead: 'import paramiko\n\ndef login(host, user):\n    client = paramiko.SSHClient()\n    client.load_system_host_keys()\n    client.connect(host, username=user)\n',
    fix: 'Use SSH (paramiko, asyncssh or netmiko for network devices) with host-key verification.',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://peps.python.org/pep-0594/#telnetlib',
    ],
    banditDifferences: 'None: Bandit\'s documentation still says `telnetlib.*`, but since 1.7.10 its code matches only `telnetlib.Telnet`, as pillar does.',
  },
});
