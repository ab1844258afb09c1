// CWE-93: request data written into a generated configuration or hosts file (dnsmasq, haproxy, radvd, *.conf)
// where one injected newline adds a directive of the attacker's choosing to a file a privileged daemon reads.
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'config-newline-injection',
    cwe: 93,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      file: {
        text: '`{value}` from `{source}` (line {sourceLine}) is written into a generated config file by `{sink}` at line {line}; a newline in it adds directives',
        fix: 'Validate the value from `{source}` (address, UUID, hostname pattern) or reject `\\r`/`\\n` before `{sink}` writes it',
      },
    },
    docs: {
      summary: 'Request data with possible newlines written into a generated config file',
      why: 'Daemons such as dnsmasq, haproxy and radvd parse their generated files line by line. A request value (a hostname, a description, an option) that carries `\\n` ends the intended line and starts a new directive: extra DHCP options, a new backend, a script hook run as root (CWE-93).',
      example: 'from neutron.api import extensions\nfrom neutron import wsgi\n\n\nclass HostsController(wsgi.Controller):\n    def update(self, request, id, body):\n        name = body["host"]["name"]\n        with open("/var/lib/neutron/dhcp/hosts", "w") as f:\n            f.write("%s,%s\\n" % (id, name))\n',
      useInstead: 'import re\nfrom neutron import wsgi\n\n\nclass HostsController(wsgi.Controller):\n    def update(self, request, id, body):\n        name = body["host"]["name"]\n        if not re.fullmatch(r"[a-z0-9.-]+", name):\n            raise ValueError(name)\n        with open("/var/lib/neutron/dhcp/hosts", "w") as f:\n            f.write("%s,%s\\n" % (id, name))\n',
      fix: 'Validate values against the syntax they must have before writing them into a config file (hostname pattern, address parsing, UUID), or reject any value containing `\\r` or `\\n`.',
      references: ['https://cwe.mitre.org/data/definitions/93.html', 'https://security.openstack.org/ossa/OSSA-2021-003.html'],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'newline', trust: ['remote'] })) {
          // Response headers share the sink family (a line break ends the line) but are response-header-injection's.
          if (f.variant === 'header') continue;
          ctx.report({
            node: f.node, messageId: 'file',
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
