// CWE-459: a function creates an OpenStack resource (port, floating IP, port binding, VIF/BDM record, volume,
// allocation) and already rolls back on failure, but a later step can raise and leave through the CFG's exception
// edges without passing any release of that resource. Functions with no rollback at all are left to the caller.
import { serviceLeaks } from '../../../languages/python/resources/index.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { brief, callsIn, calleeText, isReleaseCall, line } from '../../../rulekit/openstack.js';
import type { EvidenceStep, Visitors } from '../../../rulekit/types.js';

export default defineRule({
  meta: {
    id: 'openstack-resource-leaked-on-error',
    cwe: 459,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      handler: {
        text: '{what} `{name}` created at line {line} by `{call}` leaks when `{raiser}` raises at line {raiseLine}: the rollback at line {handlerLine} releases {released} but not `{name}`',
        fix: 'Record `{name}` for rollback right after line {line} (e.g. append it to a `created_*` list) and release it in the handler at line {handlerLine} before re-raising',
      },
      unprotected: {
        text: '{what} `{name}` created at line {line} by `{call}` leaks when `{raiser}` raises at line {raiseLine}: the exception leaves the function without reaching the release of `{name}` at line {releaseLine}',
        fix: 'Move the statements after line {line} into the `try` whose handler releases `{name}` (line {releaseLine}), or release it in a `finally`/`save_and_reraise_exception` block',
      },
    },
    docs: {
      summary: 'OpenStack resource created in a function that rolls back on failure, but not released on every error path',
      why: 'Nova and Neutron create ports, bindings, VIF records, volumes and allocations step by step. When a later step fails, every resource created so far must be released before the exception propagates; otherwise the tenant is left with orphaned ports and records that hold IP addresses and count against quota, and retries fail on the leftovers (CWE-459, CWE-460). Notifications (oslo.messaging logs and drops what it cannot send), alternative constructors (`ImageMeta.from_instance`), same-file helpers that only edit memory and log, and functions of other files of the project whose bodies cannot raise (a converter that builds a model object from the port it is given: no `raise`, no key lookup, only calls that cannot fail) are not steps that raise.',
      example: 'from oslo_utils import excutils\n\n\ndef attach_ports(client, instance, networks):\n    created_ports = []\n    for net in networks:\n        try:\n            port = client.create_port({"port": {"network_id": net}})\n            created_ports.append(port["port"]["id"])\n            record = VifRecord(instance)\n            record.create()\n            client.update_port(port["port"]["id"], {"port": {"device_id": instance}})\n        except Exception:\n            with excutils.save_and_reraise_exception():\n                for port_id in created_ports:\n                    client.delete_port(port_id)\n',
      useInstead: 'from oslo_utils import excutils\n\n\ndef attach_ports(client, instance, networks):\n    created_ports = []\n    created_records = []\n    for net in networks:\n        try:\n            port = client.create_port({"port": {"network_id": net}})\n            created_ports.append(port["port"]["id"])\n            record = VifRecord(instance)\n            record.create()\n            created_records.append(record)\n            client.update_port(port["port"]["id"], {"port": {"device_id": instance}})\n        except Exception:\n            with excutils.save_and_reraise_exception():\n                for port_id in created_ports:\n                    client.delete_port(port_id)\n                for rec in created_records:\n                    rec.destroy()\n',
      fix: 'Track every created resource in a list as soon as it exists and release the whole list in the `except`/`save_and_reraise_exception` block (or `finally`) that guards the following steps.',
      references: ['https://cwe.mitre.org/data/definitions/459.html', 'https://cwe.mitre.org/data/definitions/460.html', 'https://docs.openstack.org/oslo.utils/latest/reference/excutils.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      function_definition(fn) {
        // The resource engine finds, per created resource, the first step whose exception escapes the rollback.
        // A function of another file whose body cannot raise (a converter building a model object) is no failing step.
        const cannotFail = (call: SyntaxNode): boolean => {
          const target = ctx.project.targetOf(ctx.model, call);
          return target !== null && ctx.project.cannotRaise(target);
        };
        for (const { creation: c, raiser, handler, release } of serviceLeaks(ctx.model, fn, { cannotFail })) {
          const data = { what: c.what[0]!.toUpperCase() + c.what.slice(1), name: c.handle, line: line(c.call), call: calleeText(c.call), raiser: brief(raiser, 50), raiseLine: line(raiser) };
          const evidence: EvidenceStep[] = [
            { node: c.call, message: `${c.what} \`${c.handle}\` created here (line ${line(c.call)})` },
            { node: raiser, message: `\`${brief(raiser, 40)}\` may raise here (line ${line(raiser)})` },
          ];
          if (handler) {
            const released = [...new Set(callsIn(handler).filter(isReleaseCall).map((r) => `\`${calleeText(r)}\``))].slice(0, 3).join(', ');
            evidence.push({ node: handler, message: `the rollback at line ${line(handler)} re-raises without releasing \`${c.handle}\`` });
            ctx.report({ node: c.call, messageId: 'handler', data: { ...data, handlerLine: line(handler), released }, evidence });
          } else if (release) {
            evidence.push({ node: release, message: `\`${c.handle}\` is released only here (line ${line(release)}), which the exception does not reach` });
            ctx.report({ node: c.call, messageId: 'unprotected', data: { ...data, releaseLine: line(release) }, evidence });
          }
        }
      },
    };
  },
});
