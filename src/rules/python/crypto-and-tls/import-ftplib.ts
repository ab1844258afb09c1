// B402: imports of ftplib. Importing only FTP_TLS or the exception classes brings in no clear-text client and is
// not reported.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B402'), {
  docs: {
    summary: 'Plain FTP client module imported',
    why: 'ftplib.FTP sends the user name, password and files unencrypted, so credentials and data can be captured or altered on the network path (CWE-319).',
    example: 'import ftplib\n\ndef connect(host):\n    return ftplib.FTP(host)\n',
    useInstead: 'from ftplib import FTP_TLS\n\ndef connect(host):\n    session = FTP_TLS(host)\n    session.login()\n    session.prot_p()\n    return session\n',
    fix: 'Use SFTP over SSH (paramiko), or import only FTP_TLS and call prot_p() after login.',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS',
    ],
    banditDifferences: 'Bandit reports `from ftplib import FTP_TLS` although FTP_TLS is the encrypted client, and imports of only the exception classes; pillar does not. Bandit stops at the first blacklist match in a statement; pillar reports every rule that applies.',
  },
});
