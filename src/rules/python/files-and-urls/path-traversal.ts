// CWE-22: request data used in a file-system path (open, os.remove, shutil…) without basename(), a containment
// check on the normalised path, or validation — so `../` escapes the intended directory. The taint engine decides.
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'path-traversal',
    cwe: 22,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    messages: {
      file: {
        text: '`{value}` from `{source}` (line {sourceLine}) is used as a file path by `{sink}` at line {line} without confining it to a directory',
        fix: 'Reduce the value from `{source}` to a file name with os.path.basename(), or check that os.path.realpath() of the joined path starts with the base directory before `{sink}`',
      },
    },
    docs: {
      summary: 'Request data used as a file-system path without confinement',
      why: 'A request value becomes part of a path that the service opens, deletes or copies. `../` sequences or an absolute path in it reach files outside the intended directory: configuration with credentials, other instances\' disks, system files (CWE-22).',
      example: 'import os\nfrom nova.api.openstack import wsgi\n\n\nclass LogsController(wsgi.Controller):\n    def show(self, req, id):\n        name = req.GET["file"]\n        with open(os.path.join("/var/log/nova", name)) as f:\n            return f.read()\n',
      useInstead: 'import os\nfrom nova.api.openstack import wsgi\n\n\nclass LogsController(wsgi.Controller):\n    def show(self, req, id):\n        name = os.path.basename(req.GET["file"])\n        with open(os.path.join("/var/log/nova", name)) as f:\n            return f.read()\n',
      fix: 'Take only a file name from the request (os.path.basename, werkzeug secure_filename), or join, normalise with os.path.realpath and verify the result stays under the base directory; reject anything else.',
      references: ['https://cwe.mitre.org/data/definitions/22.html', 'https://owasp.org/www-community/attacks/Path_Traversal'],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'path', trust: ['remote'] })) {
          ctx.report({
            node: f.node, messageId: 'file',
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            confidence: f.confidence,
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
