// B201: a Flask application started with debug=True, which serves the Werkzeug debugger: an interactive Python
// console reachable from the browser.
import { isTrue, keywordArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

export default defineRule({
  meta: {
    id: 'flask-debug-true',
    cwe: 489,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B201',
    banditName: 'flask_debug_true',
    messages: {
      debug: {
        text: '`{call}(debug=True)` serves the Werkzeug debugger: anyone who reaches an error page can run Python code in this process',
        fix: 'Remove debug=True from `{call}`; enable debugging only through FLASK_DEBUG in a local development environment',
      },
    },
    docs: {
      summary: 'Flask app run with debug=True',
      why: 'In debug mode Flask serves the Werkzeug debugger, whose error pages contain an interactive Python console. Debug code left active in a deployed service (CWE-489) gives anyone who can trigger an exception code execution on the host (CWE-94).',
      example: 'import flask\n\napp = flask.Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", debug=True)\n',
      useInstead: 'import flask\n\napp = flask.Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="127.0.0.1")\n',
      fix: 'Never hard-code debug=True. Run production behind a WSGI server (uwsgi, gunicorn, mod_wsgi) and turn debugging on only locally, through the FLASK_DEBUG environment variable.',
      references: [
        'https://cwe.mitre.org/data/definitions/489.html',
        'https://cwe.mitre.org/data/definitions/94.html',
        'https://flask.palletsprojects.com/en/stable/debugging/',
      ],
      banditDifferences: 'CWE-489 (active debug code), the weakness itself, instead of Bandit\'s CWE-94 (code injection), its consequence; the pillar moves from neutralization to coding standards. The module must import flask itself (Bandit accepts any import whose name contains "flask", such as flask_restful).',
    },
  },
  create(ctx): Visitors {
    // Only files that import it get a visitor (it would be offered every call of the file).
    if (!ctx.model.imports.importsModule('flask')) return {};
    return {
      call(node) {
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'run') return;
        const debug = keywordArg(node, 'debug');
        if (!isTrue(debug)) return;
        ctx.report({ node: debug!.parent ?? node, messageId: 'debug', data: { call: fn.text } });
      },
    };
  },
});
