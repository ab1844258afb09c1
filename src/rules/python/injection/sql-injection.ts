// CWE-89: request data built into the text of a SQL statement that a cursor, session, engine
// or sqlalchemy.text() runs. Parameterised queries (a literal statement plus bound values) are never reported.
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'sql-injection',
    cwe: 89,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    messages: {
      query: {
        text: '`{value}` from `{source}` (line {sourceLine}) is part of the SQL text `{sink}` runs at line {line}',
        fix: 'Keep the SQL text of `{sink}` literal and pass the value from `{source}` as a bound parameter (`:name` / `%s` with a parameters argument)',
      },
    },
    docs: {
      summary: 'Request data built into the text of a SQL statement',
      why: 'A value from the request becomes part of the SQL text itself; quotes and SQL keywords in it change the statement, reading or modifying other tenants\' rows or the whole database (CWE-89).',
      example: 'from nova.api.openstack import wsgi\n\n\nclass FlavorsController(wsgi.Controller):\n    def index(self, req):\n        name = req.GET["name"]\n        cursor = self.db.cursor()\n        cursor.execute("SELECT * FROM flavors WHERE name = \'%s\'" % name)\n',
      useInstead: 'from nova.api.openstack import wsgi\n\n\nclass FlavorsController(wsgi.Controller):\n    def index(self, req):\n        name = req.GET["name"]\n        cursor = self.db.cursor()\n        cursor.execute("SELECT * FROM flavors WHERE name = %s", (name,))\n',
      fix: 'Use bound parameters (DB-API placeholders, SQLAlchemy `text(":x")` with `bindparams`, or the ORM query API); never format request values into SQL text.',
      references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://docs.sqlalchemy.org/en/20/core/tutorial.html#using-textual-sql'],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'sql', trust: ['remote'] })) {
          ctx.report({
            node: f.node, messageId: 'query',
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            confidence: f.confidence,
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
