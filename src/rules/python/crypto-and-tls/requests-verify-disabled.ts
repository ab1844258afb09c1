// B501: TLS certificate checking switched off for requests/httpx (`verify=False` on a call, or `session.verify =
// False`), so any machine in the network path can impersonate the server.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { keywordArg, unparenthesize } from '../../../languages/python/syntax.js';
import { httpClientCall } from '../../../models/python/httpClients.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { settingGuard } from '../../../rulekit/optIn.js';
import { abbreviate } from '../../../rulekit/text.js';
import type { ReportDescriptor, RuleContext } from '../../../rulekit/types.js';

function isFalseLiteral(node: SyntaxNode | null): boolean {
  return !!node && unparenthesize(node).type === 'false';
}

/**
 * `self.verify = False` on the class itself stores a setting for later calls (whose `verify=` the call check sees),
 * it configures no session; any other receiver (`self.session`, `session`) is taken as the client it names.
 */
function isOwnAttribute(receiver: SyntaxNode | null): boolean {
  return !!receiver && receiver.type === 'identifier' && (receiver.text === 'self' || receiver.text === 'cls');
}

/** A hard-coded switch reports as given; one taken only when a setting asks for it is the deployer's opt-in. */
function reportSwitch(ctx: RuleContext, d: ReportDescriptor): void {
  const guard = settingGuard(ctx.model, d.node);
  if (!guard) { ctx.report(d); return; }
  ctx.report({ node: d.node, messageId: 'optIn', severity: 'low', confidence: 'low', data: { code: abbreviate(d.node.text), guard: abbreviate(guard.text) } });
}

export default defineRule({
  meta: {
    id: 'requests-verify-disabled',
    cwe: 295,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B501',
    banditName: 'request_with_no_cert_validation',
    messages: {
      call: {
        text: '`{call}` runs with verify=False: the server certificate is not checked, so anyone on the path can read and alter this traffic',
        fix: 'Remove verify=False from `{call}`; for a private CA pass verify="/path/to/ca-bundle.pem" (e.g. from a configured cafile)',
      },
      optIn: {
        text: '`{code}` switches certificate checks off only when `{guard}` holds: a deployer\'s explicit choice, as the OpenStack guideline asks for',
        fix: 'Keep `{guard}` defaulting to verification and documented as insecure; offer a CA-bundle option so that nobody needs it',
      },
      session: {
        text: '`{target} = False` disables certificate checking for every request made through `{owner}`',
        fix: 'Remove the assignment, or set `{target}` to the path of the CA bundle that signs the server certificate',
      },
    },
    docs: {
      summary: 'requests/httpx call with TLS certificate verification disabled',
      why: 'With verify=False the client accepts any certificate, so TLS no longer authenticates the server: a machine in the network path can present its own certificate, read credentials and tokens, and change responses (CWE-295).',
      example: 'import requests\n\ndef get_token(url, creds):\n    return requests.post(url, json=creds, verify=False, timeout=10)\n',
      useInstead: 'import requests\n\ndef get_token(url, creds, cafile):\n    return requests.post(url, json=creds, verify=cafile, timeout=10)\n',
      fix: 'Keep verification on. For internal endpoints, pass the CA bundle that signs them (verify=cafile, as keystoneauth sessions do with their cafile/insecure options) instead of switching checks off.',
      references: [
        'https://cwe.mitre.org/data/definitions/295.html',
        'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
      ],
      banditDifferences: '`requests.request(...)` and `session.verify = False` assignments (in modules that import requests or httpx) are reported too; Bandit checks only the verb functions and httpx calls.',
    },
  },
  create(ctx) {
    let http: boolean | undefined;
    return {
      call(node) {
        // The top-level functions only, as this rule has always checked (`requests.api.<verb>` is the same function).
        const client = httpClientCall(ctx.model.callName(node));
        if (!client || client.viaApi) return;
        const verify = keywordArg(node, 'verify');
        if (isFalseLiteral(verify)) reportSwitch(ctx, { node: verify!.parent ?? node, messageId: 'call', data: { call: client.name } });
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== 'verify') return;
        if (!isFalseLiteral(node.childForFieldName('right')) || isOwnAttribute(left.childForFieldName('object'))) return;
        http ??= ctx.model.imports.importsModule('requests') || ctx.model.imports.importsModule('httpx');
        if (!http) return;
        reportSwitch(ctx, { node, messageId: 'session', data: { target: left.text, owner: left.childForFieldName('object')?.text ?? 'it' } });
      },
    };
  },
});
