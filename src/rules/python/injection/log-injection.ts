// CWE-117: a request string that may hold a newline written into a log record unescaped, so a client can forge
// log lines. Dicts and lists are rendered with repr() (newlines escaped) and schema-validated bodies are printable.
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'log-injection',
    cwe: 117,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      log: {
        text: '`{value}` from `{source}` (line {sourceLine}) is logged by `{sink}` at line {line} unescaped; a newline in it forges log entries',
        fix: 'Log `{value}` with %r (repr escapes newlines), or strip `\\r` and `\\n` from it before `{sink}`',
      },
    },
    docs: {
      summary: 'Request string written to a log without escaping newlines',
      why: 'Operators and log pipelines read one record per line. A request value containing `\\n` followed by text that looks like a log prefix creates fake records (a forged "authentication succeeded", a hidden error) and can break log parsers (CWE-117).\n\nClass: request text written to an operator\'s log without neutralising line breaks (CWE-117; OWASP Log Injection; OWASP Logging Cheat Sheet). Sources are request values in routable API methods, WSGI handlers and body deserializers (a private helper gets its caller\'s facts, schema validation included); dicts and lists are logged with repr(), `%r` escapes. Records at DEBUG/TRACE are reported with low confidence: they are off in production (oslo.log `debug = False`) and nobody reads them as an audit trail.',
      example: 'import logging\nfrom nova.api.openstack import wsgi\n\nLOG = logging.getLogger(__name__)\n\n\nclass KeypairController(wsgi.Controller):\n    def show(self, req, id):\n        name = req.GET["name"]\n        LOG.info("showing keypair %s", name)\n',
      useInstead: 'import logging\nfrom nova.api.openstack import wsgi\n\nLOG = logging.getLogger(__name__)\n\n\nclass KeypairController(wsgi.Controller):\n    def show(self, req, id):\n        name = req.GET["name"]\n        LOG.info("showing keypair %r", name.replace("\\n", " "))\n',
      fix: 'Log request values with %r, or replace `\\r`/`\\n` before logging; validate request bodies with a JSON schema that restricts strings to printable characters.',
      references: ['https://cwe.mitre.org/data/definitions/117.html', 'https://owasp.org/www-community/attacks/Log_Injection'],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'log', trust: ['remote'] })) {
          ctx.report({
            node: f.argument, messageId: 'log',
            // Debug records are off in production and read by developers, not as an audit trail: shown on request.
            ...(f.variant === 'debug' ? { confidence: 'low' as const } : {}),
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
