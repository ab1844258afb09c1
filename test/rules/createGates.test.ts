// Rules that decide in create() that a file holds nothing for them return no visitors (src/rules: `mayCall`,
// `importsModule`, `isTestCode` asked once per file instead of on every node). The gate must be a necessary
// condition: these cases reach the checked calls only through an alias, or report a statement the gate is not about.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

async function findings(ruleId: string, source: string): Promise<Array<[string, number]>> {
  const rules = allRules().filter((r) => r.meta.id === ruleId);
  const { findings: out } = await analyzePython('gate.py', source, rules, { keepSuppressed: false });
  return out.map((f) => [f.ruleId, f.range.startLine]);
}

describe('visitor gates in create()', () => {
  it('exec-used still reports a Python 2 exec statement in a file that calls no exec()', async () => {
    expect(await findings('exec-used', 'def run(code, ns):\n    exec code in ns\n')).toEqual([['exec-used', 2]]);
  });

  it('a call reached through an import alias or a local alias passes the mayCall gate', async () => {
    expect(await findings('jinja2-autoescape-false', 'from jinja2 import Environment as Env\n\nENV = Env(autoescape=False)\n'))
      .toEqual([['jinja2-autoescape-false', 3]]);
    expect(await findings('insecure-hash-function', 'import hashlib\n\nweak = hashlib.md5\n\n\ndef digest(password):\n    return weak(password).hexdigest()\n'))
      .toEqual([['insecure-hash-function', 7]]);
  });

  it('an import gate passes for the module imported whole', async () => {
    const body = 'import flask\n\napp = flask.Flask(__name__)\napp.run(debug=True)\n';
    expect(await findings('flask-debug-true', body)).toEqual([['flask-debug-true', 4]]);
  });

  it('the Django session rule judges only files that use Django', async () => {
    const body = 'def logout(request):\n    request.session.clear()\n';
    expect(await findings('django-session-cleared-not-flushed', `from django import shortcuts\n\n\n${body}`)).toEqual([['django-session-cleared-not-flushed', 5]]);
    expect(await findings('django-session-cleared-not-flushed', `import sqlalchemy\n\n\n${body}`)).toEqual([]);
  });

  it('the exception-text rule passes its gate for an HTTP error imported under another name', async () => {
    const handler = 'def show(req):\n    try:\n        return load(req)\n    except Exception as e:\n        raise BadRequest(explanation=str(e))\n';
    expect(await findings('exception-text-in-api-response', `from webob.exc import HTTPBadRequest as BadRequest\n\n\n${handler}`))
      .toEqual([['exception-text-in-api-response', 8]]);
    expect(await findings('exception-text-in-api-response', `from widget.exception import BadRequest\n\n\n${handler}`)).toEqual([]);
  });

  it('the WebSocket origin rule judges only files that import a WebSocket server library', async () => {
    const handler = 'class Handler(ProxyRequestHandler):\n    def new_websocket_client(self):\n        self.do_proxy(self.socket("h", 1, connect=True))\n';
    expect(await findings('websocket-origin-not-checked', `from websockify import ProxyRequestHandler\n\n\n${handler}`)).toEqual([['websocket-origin-not-checked', 5]]);
    expect(await findings('websocket-origin-not-checked', `from myproxy import ProxyRequestHandler\n\n\n${handler}`)).toEqual([]);
  });
});
