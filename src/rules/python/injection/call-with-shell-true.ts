// B604: a call outside the subprocess module that passes a true `shell=` keyword. Wrappers such as
// oslo.concurrency's processutils.execute forward it to subprocess, so the command may be parsed by /bin/sh.
import { processKind } from '../../../models/python/processes.js';
import { callee, keywordArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { shellEnabled } from '../../../rulekit/shell.js';
import { abbreviate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'call-with-shell-true',
    cwe: 78,
    severity: 'medium',
    confidence: 'low',
    languages: ['python'],
    bandit: 'B604',
    banditName: 'any_other_function_with_shell_equals_true',
    messages: {
      shell: {
        text: '`{call}` is called with shell={shell}; if it hands its command to a shell, values in the command can inject shell syntax',
        fix: 'Call `{call}` without shell={shell} and pass the command as a list of arguments; if a shell is needed, quote every variable part with shlex.quote()',
      },
    },
    docs: {
      summary: 'a non-subprocess function called with shell=True',
      why: 'Process wrappers (processutils.execute, utils.execute, fabric, invoke) take a `shell` flag and pass the command to /bin/sh when it is set. Any value that reaches such a command can then add `;`, `$()` or backticks and run its own commands (CWE-78). The rule cannot see what the callee does with the flag, hence the low confidence.',
      example: 'from oslo_concurrency import processutils\n\ndef resize(path, size):\n    processutils.execute("qemu-img resize %s %s" % (path, size), shell=True)\n',
      useInstead: 'from oslo_concurrency import processutils\n\ndef resize(path, size):\n    processutils.execute("qemu-img", "resize", path, size)\n',
      fix: 'Pass the program and its arguments separately and drop shell=True. Where shell features are required, build the command from constants and shlex.quote() every variable part.',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.openstack.org/oslo.concurrency/latest/reference/processutils.html'],
      banditDifferences: 'Same trigger as Bandit (any call not in the subprocess list whose shell= value is true). Values that are false in Python (`shell=""`, `shell=0.0`, `shell=()`) are not reported; Bandit reports the empty tuple.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const shell = keywordArg(node, 'shell');
        if (!shellEnabled(shell)) return;
        const name = ctx.model.callName(node);
        if (processKind(name) === 'subprocess') return;
        ctx.report({ node, messageId: 'shell', data: { call: name ?? abbreviate(callee(node)?.text ?? '?'), shell: shell!.text } });
      },
    };
  },
});
