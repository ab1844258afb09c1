// The parts of a source a value is (analysis/taint/selectors.ts) where values are put under a mapping's literal keys,
// and the mappings the code shows to carry a credential (rulekit/credentialCarriers.ts).
import { describe, expect, it } from 'vitest';
import { select, selectAll, selectedKeys } from '../../src/analysis/taint/selectors.js';
import { loopLiteralValues } from '../../src/languages/python/dataflow/literalKeys.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';
import { carriesCredential, credentialCarriers, storedCredentialKey } from '../../src/rulekit/credentialCarriers.js';
import { PYTHON_TAINT_SPEC } from '../../src/models/python/taint/index.js';
import { taintFindings } from '../../src/languages/python/dataflow/taintFindings.js';
import { ProjectView } from '../../src/index/view.js';
import { secretExposures } from '../../src/rulekit/secretExposure.js';

async function modelOf(source: string): Promise<PythonModel> {
  return new PythonModel('t.py', source, await parsePython(source));
}

describe("a value put under a mapping's literal key", () => {
  it('comes back out under that key only, and is not among the keys', () => {
    expect(select(["@'passwd"], "'passwd")).toEqual([]);
    expect(select(["@'passwd"], "'host")).toBeNull();
    expect(select(["@'passwd"], 'keys')).toBeNull();
    // A computed key, the values or an element may be it.
    expect(select(["@'passwd"], '?')).toEqual([]);
    expect(select(["@'passwd"], 'values')).toEqual([]);
    // Putting it under another key nests; reading both keys back undoes both.
    expect(select(["@'passwd"], "@'endpoint")).toEqual(["@'passwd", "@'endpoint"]);
    expect(selectAll(["@'passwd", "@'endpoint"], ["'endpoint", "'passwd"])).toEqual([]);
    expect(selectAll(["@'passwd", "@'endpoint"], ["'endpoint", "'url"])).toBeNull();
  });
});

describe('an item under a loop variable over literal keys', () => {
  it('is one of those keys', async () => {
    const m = await modelOf(`
OPTIONS = [('bridge', '-b'), ('channel', '-c')]

def words(info, extra):
    for field, flag in [('username', '-U'), ('port', '-p')]:
        print(info[field])
    for name, option in OPTIONS:
        print(info[name])
    for key in extra:
        print(info[key])
`);
    const uses = m.root.descendantsOfType('subscript').map((s) => s.childForFieldName('subscript')!);
    expect(uses.map((u) => loopLiteralValues(m, u))).toEqual([['port', 'username'], ['bridge', 'channel'], null]);
    expect(selectedKeys("'port|username")).toEqual(['port', 'username']);
    expect(select(["@'password"], "'port|username")).toBeNull();
    expect(select(["@'password"], "'password|username")).toEqual([]);
  });
});

describe('mappings that carry a credential', () => {
  it('are the parameters a function reads a password or secret item from, directly or through a local', async () => {
    const m = await modelOf(`
def attach(connection_info, volume):
    data = connection_info['data']
    return data.get('auth_password'), volume['name']

def login(conf):
    return conf['admin_password']

def describe(props):
    return props['password_expires_at'], props['name']
`);
    expect(credentialCarriers(m).map((c) => [c.param, c.path])).toEqual([
      ['connection_info', ['data', 'auth_password']], ['conf', ['admin_password']],
    ]);
  });

  it('hold the credential whole, along the path to it and inside it; not under other keys or in the keys', () => {
    const paths = [['data', 'auth_password']];
    expect(carriesCredential([], paths)).toBe(true);
    expect(carriesCredential(["'data"], paths)).toBe(true);
    expect(carriesCredential(["'data", "'auth_password", 'split'], paths)).toBe(true);
    expect(carriesCredential(["'serial"], paths)).toBe(false);
    expect(carriesCredential(["'data", "'target_portal"], paths)).toBe(false);
    expect(carriesCredential(['keys'], paths)).toBe(false);
    expect(carriesCredential(['items', '*', '*0'], paths)).toBe(false);
    expect(carriesCredential(['values'], paths)).toBe(true);
  });
});

describe('the first write into an untracked container', () => {
  it('keeps what the container held before the item went in', async () => {
    const m = await modelOf(`
import os
import webob.dec

@webob.dec.wsgify
def app(req):
    req.GET['seen'] = '1'
    os.system(req.GET['cmd'])
`);
    expect(taintFindings(m, PYTHON_TAINT_SPEC, { kind: 'command', trust: ['remote'] }).map((f) => f.sinkLine)).toEqual([8]);
  });
});

describe('a credential stored into a mapping', () => {
  it('makes the mapping carry it under that key; a constant or a write-only item does not', async () => {
    const m = await modelOf(`
def connect(client, volume, props):
    props['auth_password'] = client.chap_secret(volume)
    props['password'] = None
    other = {}
    other['secret'] = '***'
    return props, other
`);
    const targets = m.root.descendantsOfType('assignment').map((a) => a.childForFieldName('left')!).filter((l) => l.type === 'subscript');
    expect(targets.map((t) => storedCredentialKey(m, t))).toEqual(['auth_password', null, null]);
    // Storing is not reading: `props` is no carrier parameter for what was written into it.
    expect(credentialCarriers(m)).toEqual([]);
  });
});

describe('a %-format naming only keys', () => {
  it('writes only the named items of its mapping argument to the log', async () => {
    const m = await modelOf(`
import logging
LOG = logging.getLogger(__name__)

def attach(client, volume):
    props = {'target_portal': volume.portal}
    props['auth_password'] = client.chap_secret(volume)
    LOG.info('attached %(target_portal)s', props)
    LOG.info('attached %(auth_password)s', props)
    LOG.info('attached %s', props)
`);
    const lines = secretExposures(m, ProjectView.empty).map((e) => e.node.startPosition.row + 1);
    expect(lines).toEqual([9, 10]);
  });
});
