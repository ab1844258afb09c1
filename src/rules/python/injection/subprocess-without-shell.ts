// B603: a subprocess call without a shell. No shell syntax can be injected, but whoever controls the argument list
// still chooses the program and its options, so Bandit lists every such call for review (low severity).
import { processKind } from '../../../models/python/processes.js';
import { argument, isConstant, keywordArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { shellEnabled } from '../../../rulekit/shell.js';
import { abbreviate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'subprocess-without-shell',
    cwe: 78,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B603',
    banditName: 'subprocess_without_shell_equals_true',
    profile: 'bandit',
    messages: {
      computed: {
        text: '`{call}` runs `{command}` without a shell; check that no untrusted value picks the program or adds options to it',
        fix: 'Build the argument list from a fixed program path and validated values, and end options with "--" before untrusted arguments to `{call}`',
      },
      literal: {
        text: '`{call}` runs the fixed command `{command}` without a shell',
        fix: 'Nothing to change while the command stays literal; keep untrusted values out of the program position and after a "--" when they are added',
      },
      noCommand: {
        text: '`{call}` starts a process whose command this call does not show',
        fix: 'Make sure the arguments passed to `{call}` come from a fixed program path and validated values',
      },
    },
    docs: {
      summary: 'subprocess call without a shell: review where the argument list comes from',
      why: 'Without a shell there is no command-line syntax to inject, but an attacker who controls the first element chooses which program runs, and one who controls later elements can add options (`--output=/etc/...`, `-oProxyCommand=...`) that make an innocent program dangerous (CWE-78, CWE-88).',
      example: 'import subprocess\n\ndef archive(path):\n    subprocess.check_call(["tar", "czf", path + ".tgz", path])\n',
      useInstead: 'import shutil\n\ndef archive(path):\n    shutil.make_archive(path, "gztar", root_dir=path)\n',
      fix: 'Prefer a library call over a process where one exists (shutil, tarfile, os). Otherwise use an absolute program path, validate or allow-list every variable argument, and separate options from operands with "--".',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://cwe.mitre.org/data/definitions/88.html', 'https://docs.python.org/3/library/subprocess.html#security-considerations'],
      banditDifferences: 'Same trigger as Bandit (every subprocess call without a true shell= value); the message says whether the command is a literal, so literal ones can be triaged at a glance.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (processKind(name) !== 'subprocess' || shellEnabled(keywordArg(node, 'shell'))) return;
        const command = argument(node, 0, 'args');
        if (!command) {
          ctx.report({ node, messageId: 'noCommand', data: { call: name! } });
          return;
        }
        const data = { call: name!, command: abbreviate(command.text) };
        ctx.report({ node, messageId: isConstant(command) ? 'literal' : 'computed', data });
      },
    };
  },
});
