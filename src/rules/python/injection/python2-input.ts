// B322: input() in Python 2 code, where it evaluates what the user types. Bandit dropped the test in 1.7.0 because
// Python 3's input() returns text; pillar keeps it for code that shows Python 2 syntax or Python 2 __future__ imports.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { blacklistEntry } from '../../../models/python/blacklists.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

// __future__ features that only mean something to a Python 2 interpreter (`annotations` is Python 3 only).
const PY2_FUTURES = new Set(['print_function', 'division', 'absolute_import', 'unicode_literals', 'with_statement', 'generators', 'nested_scopes']);
const PY2_NODES = ['print_statement', 'exec_statement', 'except_clause', 'integer', 'future_import_statement', 'comparison_operator'];

/** The first piece of syntax that only Python 2 accepts (or a Python 2 __future__ import), or null. */
function python2Evidence(model: PythonModel): SyntaxNode | null {
  for (const n of model.root.descendantsOfType(PY2_NODES)) {
    if (!n) continue;
    switch (n.type) {
      case 'print_statement': case 'exec_statement': return n;
      // `except ValueError, e:` parses as an except clause with two values.
      case 'except_clause': if (n.childrenForFieldName('value').length > 1) return n; break;
      // Long literals (`10L`) and old-style octals (`0755`).
      case 'integer': if (/^[0-9]+[lL]$|^0[0-7]+$/.test(n.text)) return n; break;
      case 'comparison_operator': if (n.children.some((c) => c?.type === '<>')) return n; break;
      case 'future_import_statement':
        if (n.childrenForFieldName('name').some((c) => PY2_FUTURES.has(c.text))) return n;
        break;
    }
  }
  return null;
}

const evidenceCache = new WeakMap<PythonModel, SyntaxNode | null>();

export default blacklistCallRule(blacklistEntry('B322'), {
  refine(_match, ctx) {
    if (!evidenceCache.has(ctx.model)) evidenceCache.set(ctx.model, python2Evidence(ctx.model));
    const evidence = evidenceCache.get(ctx.model) ?? null;
    if (!evidence) return null;
    return { data: { evidence: `${evidence.type.replace(/_/g, ' ')} at line ${evidence.startPosition.row + 1}` } };
  },
  docs: {
    summary: 'input() in Python 2 code, which evaluates the typed text',
    why: 'On Python 2, input() is eval(raw_input()): whatever the user types is run as a Python expression, so `__import__("os").system("sh")` at a prompt opens a shell with the program\'s privileges (CWE-95). Code that shows Python 2 syntax, or imports Python 2 __future__ features to run on both versions, may meet a Python 2 interpreter.',
    example: 'from __future__ import print_function\n\ndef ask():\n    return input("Port: ")\n',
    useInstead: 'from __future__ import print_function\nfrom six.moves import input\n\ndef ask():\n    return input("Port: ")\n',
    fix: 'Call raw_input() on Python 2 and convert the text explicitly, or import a text-returning input with `from six.moves import input`; drop Python 2 support where possible.',
    references: [
      'https://cwe.mitre.org/data/definitions/95.html',
      'https://docs.python.org/2/library/functions.html#input',
    ],
    banditDifferences: 'Current Bandit no longer has B322: it reported every input() call until 1.7.0 and then removed the test because Python 3\'s input() is harmless. pillar decides from the file itself: it reports input() only when the file contains Python 2-only syntax (print or exec statements, `except E, e`, `<>`, `10L`, `0755`) or a Python 2 __future__ import, and never when `input` is imported (six.moves) or defined locally.',
  },
});
