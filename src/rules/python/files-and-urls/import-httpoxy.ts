// B412: CGI handlers (wsgiref's CGIHandler, twisted's CGIScript/CGIDirectory), imported or called, that expose
// httpoxy: a request's `Proxy:` header becomes the HTTP_PROXY variable that the service's HTTP clients obey.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B412'), {
  // Not a notice: the import itself is the defect (a dead library with known flaws; a CGI handler open to httpoxy).
  profile: 'default',
  matchCalls: true,
  docs: {
    summary: 'CGI handler imported or used (httpoxy)',
    why: 'Under CGI every request header is passed to the application as an HTTP_* environment variable, so a client\'s `Proxy: http://attacker:8080` header arrives as HTTP_PROXY. HTTP client libraries read HTTP_PROXY from the environment and send the service\'s outgoing requests, credentials included, through the attacker\'s proxy (CWE-454, CVE-2016-5385 family).',
    example: 'from wsgiref.handlers import CGIHandler\n\ndef main(app):\n    CGIHandler().run(app)\n',
    useInstead: 'from wsgiref.simple_server import make_server\n\ndef main(app):\n    make_server("127.0.0.1", 8080, app).serve_forever()\n',
    fix: 'Serve the WSGI application with a real WSGI server (uWSGI, gunicorn, mod_wsgi) instead of CGI, or delete HTTP_PROXY from os.environ at start-up before any outgoing request.',
    references: [
      'https://cwe.mitre.org/data/definitions/454.html',
      'https://httpoxy.org/',
    ],
    banditDifferences: 'Same matches as Bandit. pillar files the finding under CWE-454 (external initialisation of trusted variables), which describes httpoxy, rather than Bandit\'s generic CWE-284. Like Bandit, a call of one of these classes is reported as well (`wsgiref.handlers.CGIHandler()` after `import wsgiref.handlers`).',
  },
});
