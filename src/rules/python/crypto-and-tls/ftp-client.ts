// B321: plain ftplib.FTP sessions. ftplib.FTP_TLS is not reported: it encrypts the login and, after prot_p(), the data.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B321'), {
  docs: {
    summary: 'Plain FTP session opened with ftplib.FTP',
    why: 'FTP sends the user name, password and file contents unencrypted; anyone on the network path can capture the credentials or change the files in transit (CWE-319).',
    example: 'import ftplib\n\ndef upload(host, user, password):\n    ftp = ftplib.FTP(host)\n    ftp.login(user, password)\n',
    useInstead: 'import ftplib\n\ndef upload(host, user, password):\n    ftp = ftplib.FTP_TLS(host)\n    ftp.login(user, password)\n    ftp.prot_p()\n',
    fix: 'Use SFTP/SCP over SSH (paramiko), or ftplib.FTP_TLS and call prot_p() after login so that the data channel is encrypted as well.',
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS',
    ],
    banditDifferences: 'None: Bandit\'s documentation says `ftplib.*`, but its code matches only `ftplib.FTP`, so FTP_TLS is not reported by either tool.',
  },
});
