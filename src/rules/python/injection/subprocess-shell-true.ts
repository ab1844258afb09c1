// B602: a subprocess call that runs its command through a shell. Severity follows what the shell parses: a
// non-literal command lets its content choose the shell syntax (injection); a literal one is merely fragile.
import { processKind, SUBPROCESS_FUNCTIONS } from '../../../models/python/processes.js';
import { argument, isConstant, keywordArg, stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { shellEnabled, shellText } from '../../../rulekit/shell.js';
import { abbreviate } from '../../../rulekit/text.js';

const SUBPROCESS_NAMES = [...SUBPROCESS_FUNCTIONS];

export default defineRule({
  meta: {
    id: 'subprocess-shell-true',
    cwe: 78,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B602',
    banditName: 'subprocess_popen_with_shell_equals_true',
    messages: {
      injectable: {
        text: '`{call}` runs `{command}` through a shell (shell={shell}); a value in it can inject shell syntax',
        fix: 'Pass the command as a list of arguments to `{call}` without shell=True, e.g. `{call}(["prog", arg])`; if a shell is unavoidable, quote every value with shlex.quote()',
      },
      literal: {
        text: '`{call}` runs a literal command through a shell (shell={shell}); safe today, but any future interpolation becomes shell injection',
        fix: 'Drop shell=True and pass the command as a list of arguments to `{call}`',
      },
    },
    docs: {
      summary: 'subprocess call with shell=True',
      why: 'With shell=True the command string is parsed by /bin/sh: quotes, `;`, `$()` and backticks inside any value that reaches it run as commands with the privileges of the service (CWE-78).',
      example: 'import subprocess\n\ndef ping(host):\n    subprocess.call("ping -c1 " + host, shell=True)\n',
      useInstead: 'import subprocess\n\ndef ping(host):\n    subprocess.call(["ping", "-c1", host])\n',
      fix: 'Pass an argument list and leave shell at its default (False). Where shell features are needed, build the command from constants and quote every variable part with shlex.quote().',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.python.org/3/library/subprocess.html#security-considerations'],
      banditDifferences: 'Bandit rates a list command HIGH whatever it holds; pillar judges the first element, the only part the shell parses, so `["ls", "-l"]` is LOW. Bandit needs a positional command; pillar also reads `args=`. `shell=""`, `shell=0.0` and `shell=()` are false in Python, so pillar does not report them (Bandit reports an empty tuple).',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(SUBPROCESS_NAMES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (processKind(name) !== 'subprocess') return;
        const shell = keywordArg(node, 'shell');
        if (!shellEnabled(shell)) return;
        const command = argument(node, 0, 'args');
        if (!command) return;
        const data = { call: name!, command: abbreviate(command.text), shell: shell!.text };
        const parsed = shellText(command);
        if (parsed && isConstant(parsed) && stringValue(parsed) !== null) {
          ctx.report({ node, messageId: 'literal', data, severity: 'low' });
        } else {
          ctx.report({ node, messageId: 'injectable', data });
        }
      },
    };
  },
});
