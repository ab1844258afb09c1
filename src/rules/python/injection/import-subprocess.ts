// B404: imports of subprocess. Like Bandit this is an audit marker at low severity; importing only the exception
// classes or the PIPE/DEVNULL constants starts no process and is not reported.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B404'), {
  docs: {
    summary: 'subprocess module imported',
    why: 'A module that imports subprocess can start programs. Each call is a place where a value from outside can become a program name, an option or, with shell=True, shell syntax (CWE-78); this finding marks the module for that review. The call rules (subprocess-shell-true and its siblings) report the risky calls themselves.',
    example: 'import subprocess\n\ndef disk_usage(path):\n    return subprocess.check_output(["du", "-s", path])\n',
    useInstead: 'import shutil\n\ndef disk_usage(path):\n    return shutil.disk_usage(path)\n',
    fix: 'Prefer a library call over starting a program. Where a program is needed, pass an argument list with an absolute program path, never shell=True, and put `--` before untrusted arguments.',
    references: [
      'https://cwe.mitre.org/data/definitions/78.html',
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
    ],
    banditDifferences: 'Bandit reports at most one blacklist finding per import statement, so `import pickle, subprocess` shows only B403; pillar reports each rule that applies. Importing only `CalledProcessError`, `TimeoutExpired`, `SubprocessError`, `CompletedProcess` or the `PIPE`/`STDOUT`/`DEVNULL` constants is not reported by pillar, and relative imports (`from .subprocess import x`, a project module) are skipped. `subprocess32` matches in both tools; Bandit also matches any module whose name merely starts with "subprocess".',
  },
});
