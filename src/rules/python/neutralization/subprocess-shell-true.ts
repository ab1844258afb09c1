// B602: a subprocess call that runs its command through a shell. Severity follows what the command is: a
// non-literal string lets its content choose the shell syntax (injection); a literal is merely fragile.
import type { Node } from 'web-tree-sitter';
import { argument, isConstant, isFalsy, keywordArg, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../framework/defineRule.js';

const SUBPROCESS_CALLS = new Set([
  'subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run',
]);

/** `shell=` values that make the call spawn a shell: anything but a falsy literal. */
export function shellEnabled(value: Node | null): boolean {
  if (!value) return false;
  const v = unparenthesize(value);
  if (isFalsy(v)) return false;
  // A non-empty literal (True, 1, "yes") or a computed value: Bandit treats both as a shell.
  if (v.type === 'string' || v.type === 'list' || v.type === 'dictionary' || v.type === 'tuple') return v.namedChildCount > 0 || v.type === 'string';
  return true;
}

export default defineRule({
  meta: {
    id: 'subprocess-shell-true',
    cwe: 78,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B602',
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
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (!name || !SUBPROCESS_CALLS.has(name)) return;
        const shell = keywordArg(node, 'shell');
        if (!shellEnabled(shell)) return;
        const command = argument(node, 0, 'args');
        const data = { call: name, command: command ? abbreviate(command.text) : '?', shell: shell!.text };
        if (command && isConstant(command)) {
          ctx.report({ node, messageId: 'literal', data, severity: 'low' });
        } else {
          ctx.report({ node, messageId: 'injectable', data });
        }
      },
    };
  },
});

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
