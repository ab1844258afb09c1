// B605: os.system, os.popen and their Python 2 relatives, which always pass their command string to /bin/sh.
// A non-literal command is an injection risk; a literal one is safe but fragile.
import { SHELL_FUNCTIONS } from '../../../models/python/processes.js';
import { positionalArg, stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { abbreviate } from '../../../rulekit/text.js';

const SHELL_FUNCTION_NAMES = [...SHELL_FUNCTIONS];

export default defineRule({
  meta: {
    id: 'process-with-shell',
    cwe: 78,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B605',
    banditName: 'start_process_with_a_shell',
    messages: {
      injectable: {
        text: '`{call}` passes `{command}` to a shell; a value in it can inject shell syntax',
        fix: 'Replace `{call}` with subprocess.run([...]) and an argument list (no shell), or quote every variable part with shlex.quote()',
      },
      literal: {
        text: '`{call}` runs a literal command through a shell; safe today, but any future interpolation becomes shell injection',
        fix: 'Replace `{call}` with subprocess.run([...]) and an argument list',
      },
    },
    docs: {
      summary: 'process started through a shell (os.system, os.popen, commands.*, popen2.*)',
      why: 'These functions run their argument with `/bin/sh -c`. Quotes, `;`, `|`, `$()` or backticks in any value that reaches the string run as commands with the service\'s privileges (CWE-78).',
      example: 'import os\n\ndef disk_usage(path):\n    return os.popen("du -sh " + path).read()\n',
      useInstead: 'import subprocess\n\ndef disk_usage(path):\n    return subprocess.run(["du", "-sh", "--", path], capture_output=True, text=True).stdout\n',
      fix: 'Use subprocess with an argument list and shell=False; for pipelines connect two subprocess.Popen objects instead of writing `|` in a string.',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.python.org/3/library/os.html#os.system'],
      banditDifferences: 'Same trigger and severities as Bandit: a string literal as the command is LOW, anything else HIGH. Like Bandit, a call without a positional command is not reported.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(SHELL_FUNCTION_NAMES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (!name || !SHELL_FUNCTIONS.has(name)) return;
        const command = positionalArg(node, 0);
        if (!command) return;
        const data = { call: name, command: abbreviate(command.text) };
        if (stringValue(command) !== null) ctx.report({ node, messageId: 'literal', data, severity: 'low' });
        else ctx.report({ node, messageId: 'injectable', data });
      },
    };
  },
});
