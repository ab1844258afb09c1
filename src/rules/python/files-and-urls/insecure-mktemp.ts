// B306: tempfile.mktemp(), which hands out a name that another process can claim before this one opens it.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B306'), {
  docs: {
    summary: 'Temporary file name created with tempfile.mktemp()',
    why: 'mktemp() only returns a name that did not exist a moment ago. Between that check and the open, another local user can create the file or a symlink at that path, so the program writes into a file the attacker controls or overwrites a file the attacker points it at (CWE-377). The function has been deprecated since Python 2.3 for this reason.',
    example: 'import tempfile\n\ndef scratch():\n    path = tempfile.mktemp()\n    with open(path, "w") as f:\n        f.write("data")\n',
    useInstead: 'import tempfile\n\ndef scratch():\n    with tempfile.NamedTemporaryFile("w", delete=False) as f:\n        f.write("data")\n',
    fix: 'Use tempfile.mkstemp() or tempfile.NamedTemporaryFile() for files and tempfile.mkdtemp() / TemporaryDirectory() for directories; they create the entry atomically with safe permissions.',
    references: [
      'https://cwe.mitre.org/data/definitions/377.html',
      'https://docs.python.org/3/library/tempfile.html#tempfile.mktemp',
    ],
    banditDifferences: 'None in what is matched; every call is a race, whatever its arguments.',
  },
});
