// B606: os.exec* / os.spawn* / os.startfile, which run a program directly. No shell syntax, but the caller
// chooses program and arguments, so Bandit lists them for review.
import { NO_SHELL_FUNCTIONS } from '../../../models/python/processes.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'process-without-shell',
    cwe: 78,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B606',
    banditName: 'start_process_with_no_shell',
    profile: 'bandit',
    messages: {
      direct: {
        text: '`{call}` starts a program directly; check that no untrusted value chooses the program or its options',
        fix: 'Pass `{call}` a fixed, absolute program path and validated arguments, or use subprocess.run([...]) with the same care',
      },
    },
    docs: {
      summary: 'process started without a shell (os.exec*, os.spawn*, os.startfile)',
      why: 'No shell parses the arguments, but whoever controls the program path or the argument vector decides what runs and with which options; os.startfile opens any file with its associated application (CWE-78).',
      example: 'import os\n\ndef open_report(path):\n    os.startfile(path)\n',
      useInstead: 'import webbrowser\n\ndef open_report(path):\n    webbrowser.open("file://" + path)\n',
      fix: 'Use a fixed absolute program path, validate every argument, and prefer subprocess.run with an argument list, which also reports failures.',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.python.org/3/library/os.html#process-management'],
      banditDifferences: 'Same trigger and ratings as Bandit.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (!name || !NO_SHELL_FUNCTIONS.has(name)) return;
        ctx.report({ node, messageId: 'direct', data: { call: name } });
      },
    };
  },
});
