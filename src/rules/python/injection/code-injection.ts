// CWE-95: request data evaluated as code: eval/exec/compile, yaml.load without a safe loader,
// pickle.loads, and Jinja2 templates compiled from it.
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'code-injection',
    cwe: 95,
    severity: 'critical',
    confidence: 'high',
    languages: ['python'],
    messages: {
      eval: {
        text: '`{value}` from `{source}` (line {sourceLine}) is evaluated as Python by `{sink}` at line {line}',
        fix: 'Parse the value from `{source}` as data (ast.literal_eval, json.loads, int()) instead of evaluating it with `{sink}`',
      },
      yaml: {
        text: '`{value}` from `{source}` (line {sourceLine}) is loaded by `{sink}` at line {line}, whose loader can construct arbitrary Python objects',
        fix: 'Load the value from `{source}` with yaml.safe_load() (or Loader=yaml.SafeLoader)',
      },
      pickle: {
        text: '`{value}` from `{source}` (line {sourceLine}) is unpickled by `{sink}` at line {line}; a pickle runs code while loading',
        fix: 'Exchange the value from `{source}` as JSON and parse it with json.loads() instead of `{sink}`',
      },
      template: {
        text: '`{value}` from `{source}` (line {sourceLine}) is compiled as a template by `{sink}` at line {line}',
        fix: 'Keep templates fixed and pass the value from `{source}` as a render variable instead of template source',
      },
    },
    docs: {
      summary: 'Request data evaluated as code, unsafe YAML, a pickle or a template',
      why: 'A value from the request reaches a construct that executes what it is given: eval/exec/compile run it as Python, yaml.load and pickle.loads build arbitrary objects (code execution), and a template compiled from it can reach Python internals (SSTI). The attacker runs code inside the service (CWE-95, CWE-1336).',
      example: 'from nova.api.openstack import wsgi\n\n\nclass MathController(wsgi.Controller):\n    def create(self, req, body):\n        expr = body["expression"]\n        return {"result": eval(expr)}\n',
      useInstead: 'import ast\nfrom nova.api.openstack import wsgi\n\n\nclass MathController(wsgi.Controller):\n    def create(self, req, body):\n        expr = body["expression"]\n        return {"result": ast.literal_eval(expr)}\n',
      fix: 'Treat request values as data: ast.literal_eval or json.loads for literals, yaml.safe_load for YAML, fixed templates rendered with variables.',
      references: ['https://cwe.mitre.org/data/definitions/95.html', 'https://cwe.mitre.org/data/definitions/1336.html', 'https://pyyaml.org/wiki/PyYAMLDocumentation'],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'code', trust: ['remote'] })) {
          ctx.report({
            node: f.node, messageId: f.variant,
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            confidence: f.confidence,
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
