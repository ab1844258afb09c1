// B302: marshal.load / marshal.loads. marshal is Python's internal bytecode format and is documented as unsafe
// against erroneous or malicious data, so every load of it is reported.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B302'), {
  docs: {
    summary: 'Data deserialised with the marshal module',
    why: 'marshal exists to load the interpreter\'s own .pyc data. The Python documentation warns that it is not secure against erroneous or maliciously constructed data: malformed input can crash the interpreter, and loaded code objects can be executed by the caller (CWE-502).',
    example: 'import marshal\n\ndef restore(blob):\n    return marshal.loads(blob)\n',
    useInstead: 'import json\n\ndef restore(blob):\n    return json.loads(blob)\n',
    fix: 'Exchange data as JSON or another data-only format. Keep marshal for bytecode the application wrote itself to a location no one else can write.',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/marshal.html',
    ],
    banditDifferences: 'None in what is matched. pillar also resolves `from marshal import *` and skips a local function that happens to be called `loads`.',
  },
});
