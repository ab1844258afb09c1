// B607: a process started with a program name instead of a path, so the program is found through $PATH and
// whoever controls $PATH (or a writable directory early in it) chooses what runs.
import type { Node } from 'web-tree-sitter';
import { processKind } from '../../../models/python/processes.js';
import { positionalArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../framework/defineRule.js';

// Absolute or explicitly relative: `/bin/ls`, `./ls`, `../ls`, `\\share\ls`, `C:\ls`, `C:/ls`.
const QUALIFIED_PATH = /^(?:[A-Za-z](?=:)|[\\/.])/;

/** The literal program of a command (a string, or the first element of a list or tuple), or null. */
function programLiteral(command: Node): { node: Node; value: string } | null {
  let n = unparenthesize(command);
  if (n.type === 'list' || n.type === 'tuple') {
    const first = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
    if (!first) return null;
    n = unparenthesize(first);
  }
  const value = stringValue(n);
  return value === null ? null : { node: n, value };
}

export default defineRule({
  meta: {
    id: 'process-partial-path',
    cwe: 78,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B607',
    messages: {
      partial: {
        text: '`{call}` starts `{program}` by name, so the first `{program}` found on $PATH runs',
        fix: 'Give `{call}` the absolute path of the program (e.g. shutil.which() resolved once at start-up from a trusted PATH, or a configured path)',
      },
    },
    docs: {
      summary: 'process started with a partial executable path',
      why: 'A bare program name is looked up through $PATH at run time. If an attacker can set PATH or write to a directory searched before the real one, their program runs instead, with the service\'s privileges (CWE-78; CWE-426 untrusted search path).',
      example: 'import subprocess\n\ndef list_dir(path):\n    subprocess.run(["ls", "-l", path])\n',
      useInstead: 'import subprocess\n\ndef list_dir(path):\n    subprocess.run(["/bin/ls", "-l", path])\n',
      fix: 'Use absolute program paths, or resolve them once from a trusted PATH and a configuration setting.',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://cwe.mitre.org/data/definitions/426.html'],
      banditDifferences: 'Bandit only looks inside lists; pillar also reads the first element of a tuple command. An empty string is not a program name and is not reported.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (processKind(name) === null) return;
        const command = positionalArg(node, 0);
        const program = command ? programLiteral(command) : null;
        if (!program || program.value === '' || QUALIFIED_PATH.test(program.value)) return;
        const word = program.value.trim().split(/\s+/)[0] ?? program.value;
        ctx.report({ node, messageId: 'partial', data: { call: name!, program: word } });
      },
    };
  },
});
