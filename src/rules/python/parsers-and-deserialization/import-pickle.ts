// B403: imports of pickle, cPickle, dill and shelve. Importing only the serialising half (dumps, Pickler, the
// protocol constants, the exceptions) cannot load foreign data and is not reported.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B403'), {
  docs: {
    summary: 'pickle-family module imported',
    why: 'pickle, cPickle, dill and shelve can turn bytes into arbitrary code execution when they load them (CWE-502). The import marks a module whose every load must be traced to data this service produced; the pickle-deserialization rule reports the loading calls.',
    example: 'import pickle\n\ndef restore(blob):\n    return pickle.loads(blob)\n',
    useInstead: 'from pickle import dumps\n\ndef snapshot(state):\n    return dumps(state)\n',
    fix: 'Use json (or another data-only format) for anything that crosses a trust boundary; if pickle stays, authenticate the bytes (HMAC) before loading them.',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/pickle.html',
    ],
    banditDifferences: 'Bandit matches module names by string prefix, so `import pickletools` (a disassembler that never unpickles) is reported; pillar matches whole module names and does not. Importing only `dumps`, `dump`, `Pickler`, the protocol constants or the exception classes is not reported by pillar. Bandit reports at most one blacklist finding per import statement (`import pickle, subprocess` gives only B403); pillar reports every rule that applies.',
  },
});
