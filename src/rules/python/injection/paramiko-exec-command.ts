// B601: paramiko's exec_command, which runs its string through the remote user's login shell.
// Like Bandit, any `.exec_command(...)` in a module that imports paramiko counts: the client is rarely typed.
import { argument, calleeName } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { abbreviate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'paramiko-exec-command',
    cwe: 78,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B601',
    banditName: 'paramiko_calls',
    messages: {
      remote: {
        text: '`{call}` runs `{command}` through the remote shell; a value in it can inject shell syntax on that host',
        fix: 'Build the command for `{call}` from constants and quote every variable part with shlex.quote() (the remote side is a shell, an argument list is not available)',
      },
    },
    docs: {
      summary: 'paramiko exec_command: the command runs in a remote shell',
      why: 'SSHClient.exec_command sends one string that the server hands to the user\'s shell. Any value interpolated into it can end the command and start another one on the remote host (CWE-78).',
      example: 'import paramiko\n\ndef remove(client, path):\n    client.exec_command("rm -rf " + path)\n',
      useInstead: 'import paramiko\n\ndef remove(client, path):\n    sftp = client.open_sftp()\n    sftp.remove(path)\n',
      fix: 'Prefer SFTP operations or a fixed remote command. When a command must carry values, validate them against an allow-list and quote each with shlex.quote().',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.exec_command'],
      banditDifferences: 'Bandit accepts any import whose name merely contains "paramiko"; pillar needs the paramiko package (or a submodule) to be imported. Literal commands are still reported at Bandit\'s MEDIUM, since the command may be extended later and the remote shell differs per host.',
    },
  },
  create(ctx): Visitors {
    // Only files that import it get a visitor (it would be offered every call of the file).
    if (!ctx.model.imports.importsModule('paramiko')) return {};
    return {
      call(node) {
        if (calleeName(node) !== 'exec_command') return;
        const command = argument(node, 0, 'command');
        const call = node.childForFieldName('function')!.text;
        const data = { call: abbreviate(call), command: command ? abbreviate(command.text) : '?' };
        ctx.report({ node, messageId: 'remote', data });
      },
    };
  },
});
