// B507: a paramiko SSH client told to accept unknown host keys (AutoAddPolicy / WarningPolicy), so the first
// server to answer, genuine or not, is trusted with the credentials and commands.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { positionalArg, keywordArg, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { settingGuard } from '../../../rulekit/optIn.js';
import { abbreviate } from '../../../rulekit/text.js';

const TRUSTING = new Set(['AutoAddPolicy', 'WarningPolicy']);

export default defineRule({
  meta: {
    id: 'paramiko-auto-add-policy',
    cwe: 295,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B507',
    banditName: 'ssh_no_host_key_verification',
    messages: {
      optIn: {
        text: '`{call}` with {policy} trusts unknown host keys only when `{guard}` says so: a deployer\'s choice (trust on first use), weaker than known host keys',
        fix: 'Default `{guard}` to the strict policy and document that the other value accepts unknown host keys',
      },
      trustAll: {
        text: '`{call}` with {policy} accepts any unknown host key: a machine in the path can pose as the server and receive the login and the commands',
        fix: 'Load known host keys (client.load_system_host_keys() or load_host_keys(path)) and keep the default RejectPolicy instead of {policy}',
      },
    },
    docs: {
      summary: 'paramiko client that trusts unknown SSH host keys',
      why: 'The host key is how SSH authenticates the server. AutoAddPolicy stores and WarningPolicy merely logs any key it has not seen, so a man-in-the-middle is accepted silently and receives passwords, keys and the commands sent (CWE-295).',
      example: 'import paramiko\n\ndef connect(host):\n    client = paramiko.SSHClient()\n    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n    client.connect(host)\n    return client\n',
      useInstead: 'import paramiko\n\ndef connect(host, known_hosts):\n    client = paramiko.SSHClient()\n    client.load_host_keys(known_hosts)\n    client.set_missing_host_key_policy(paramiko.RejectPolicy())\n    client.connect(host)\n    return client\n',
      fix: 'Provision the expected host keys (known_hosts file, or keys recorded when the host was registered) and use RejectPolicy, the default.',
      references: [
        'https://cwe.mitre.org/data/definitions/295.html',
        'https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.set_missing_host_key_policy',
      ],
      banditDifferences: 'The policy is resolved through imports, so `from paramiko import AutoAddPolicy as Trust` is caught, and a policy passed by keyword (`policy=`) is checked too.',
    },
  },
  create(ctx): Visitors {
    // Only files that import it get a visitor (it would be offered every call of the file).
    if (!ctx.model.imports.importsModule('paramiko')) return {};
    return {
      call(node) {
        const fn = node.childForFieldName('function');
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
        if (method !== 'set_missing_host_key_policy') return;
        const arg = positionalArg(node, 0) ?? keywordArg(node, 'policy');
        if (!arg) return;
        const policy = policyName(ctx.model.qualifiedName.bind(ctx.model), arg);
        if (policy === null || !TRUSTING.has(policy)) return;
        // cinder's `if strict_ssh_host_key_policy: RejectPolicy() else: AutoAddPolicy()`: the deployer's setting.
        const guard = settingGuard(ctx.model, node);
        if (guard) ctx.report({ node, messageId: 'optIn', severity: 'low', confidence: 'low', data: { call: fn!.text, policy, guard: abbreviate(guard.text) } });
        else ctx.report({ node, messageId: 'trustAll', data: { call: fn!.text, policy } });
      },
    };
  },
});

/** `paramiko.AutoAddPolicy()`, `AutoAddPolicy`, `client.AutoAddPolicy` → `AutoAddPolicy`, through import aliases. */
function policyName(qualify: (n: SyntaxNode) => string | null, arg: SyntaxNode): string | null {
  let n = unparenthesize(arg);
  if (n.type === 'call') n = n.childForFieldName('function') ?? n;
  const q = qualify(n);
  return q === null ? null : q.split('.').pop() ?? null;
}
