// CWE-113: request data that may hold CR/LF written into an HTTP response header, so a client ends the header line
// and adds headers (a cookie, a Location) or a body of its choosing (response splitting, XSS). Checked through the
// taint engine; the header sinks and which frameworks refuse CR/LF themselves are data in models/python/taint/sinks.
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

export default defineRule({
  meta: {
    id: 'response-header-injection',
    cwe: 113,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    messages: {
      header: {
        text: '`{value}` from `{source}` (line {sourceLine}) is written into a response header by `{sink}` at line {line}; a `\\r\\n` in it ends the header and starts another header or the body',
        fix: 'Reject `{value}` when it contains `\\r` or `\\n` (or quote it, urllib.parse.quote) before `{sink}`',
      },
    },
    docs: {
      summary: 'Request data written into a response header without rejecting CR/LF',
      why: 'A header line ends at `\\r\\n`. A decoded query parameter or path segment can carry `%0d%0a`: written into a header, it lets the client add a `Set-Cookie`, a `Location`, or end the headers and supply the body the browser renders (HTTP response splitting, cache poisoning, XSS; CWE-113).\n\nClass: request-controlled text written into a response header without rejecting or quoting CR/LF (CWE-113; OWASP HTTP Response Splitting; OSSA-2014-020, an object store\'s `WWW-Authenticate` realm taken from the URL path). Sinks are the headers of a response the dataflow sees made by webob (`webob.Response()`, `webob.exc.HTTP*`, `req.get_response(app)`), swift\'s swob or pecan, whatever the variable is called (`resp.headers[...] = v`, `resp.headers.update/add`, `headerlist`), `webob.Response(headers=…)`, the WSGI `start_response` and http.server\'s `send_header`. Request header values, cookies and re-encoded URLs cannot hold a raw line break and are not reported. Django\'s HttpResponse and Werkzeug/Flask\'s `Headers` reject CR/LF themselves (BadHeaderError, ValueError), as http.client\'s `putheader` does for outgoing requests on Python 3: they are not sinks here.',
      example: 'import webob\nimport webob.dec\n\n\n@webob.dec.wsgify\ndef download(req):\n    name = req.params["name"]\n    resp = webob.Response()\n    resp.headers["Content-Disposition"] = "attachment; filename=%s" % name\n    return resp\n',
      useInstead: 'import urllib.parse\n\nimport webob\nimport webob.dec\n\n\n@webob.dec.wsgify\ndef download(req):\n    name = urllib.parse.quote(req.params["name"])\n    resp = webob.Response()\n    resp.headers["Content-Disposition"] = "attachment; filename=%s" % name\n    return resp\n',
      fix: 'Reject request values containing `\\r` or `\\n` before putting them in a header, or quote them (urllib.parse.quote for URL-like values, an RFC 6266 encoding for file names).',
      references: [
        'https://cwe.mitre.org/data/definitions/113.html',
        'https://owasp.org/www-community/attacks/HTTP_Response_Splitting',
        'https://security.openstack.org/ossa/OSSA-2014-020.html',
      ],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'newline', trust: ['remote'] })) {
          if (f.variant !== 'header') continue;
          ctx.report({
            node: f.node, messageId: 'header',
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
