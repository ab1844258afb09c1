// The per-function facts derived from bodies (index/encoders.ts, index/raises.ts nonRaisingFunctions), one file at a
// time: what makes a function an encoder wrapper or one that cannot raise, and what keeps it from being one.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/index/extract.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';

async function factsOf(text: string) {
  return extractFacts(new PythonModel('pkg/mod.py', text, await parsePython(text)));
}

describe('encoder facts', () => {
  it('keeps the tuning argument as passed on, follows the value that reaches the return, and drops one changed after encoding', async () => {
    const f = await factsOf([
      'import html',
      'from urllib.parse import quote as _quote',
      '',
      'def quote(value, safe="/"):',
      '    return _quote(value, safe)',
      '',
      'def text(value):',
      '    out = html.escape(value, quote=False)',
      '    return out',
      '',
      'def suffixed(value):',
      '    out = _quote(value)',
      '    out += \'"\'',
      '    return out',
      '',
      'def unpacked(value):',
      '    out, rest = value, None',
      '    out = _quote(out)',
      '    return out',
      '',
      'def unpacked_last(value):',
      '    out = _quote(value)',
      '    out, rest = value, None',
      '    return out',
      '',
      'def branch(value, raw):',
      '    out = _quote(value)',
      '    if raw:',
      '        out = value',
      '    return out',
      '',
      'def either(value, raw):',
      '    if raw:',
      '        return value',
      '    return _quote(value)',
      '',
    ].join('\n'));
    expect(f.encoders).toEqual([
      { name: 'quote', call: 'urllib.parse.quote', option: { param: 'safe', index: 1, text: '"/"' } },
      { name: 'text', call: 'html.escape', option: { text: 'False' } },
      // The unpacking comes before the encoding: the value returned is `_quote`'s.
      { name: 'unpacked', call: 'urllib.parse.quote' },
    ]);
  });
});

describe('non-raising functions', () => {
  it('takes module functions that only read and build, not methods, lookups, raises or unknown calls', async () => {
    const f = await factsOf([
      'import logging',
      'from pkg import models',
      'LOG = logging.getLogger(__name__)',
      '',
      'def to_ip(ip):',
      '    return models.Ip(subnet=ip.get("subnet_id"))',
      '',
      'def to_port(port):',
      '    LOG.debug("converting %s", port.id)',
      '    return models.Port(id=port.id, ips=[to_ip(i) for i in port.fixed_ips])',
      '',
      'def by_key(port):',
      '    return models.Port(id=port["id"])',
      '',
      'def checked(port):',
      '    if not port.id:',
      '        raise ValueError(port)',
      '    return port',
      '',
      'def remote(client, port_id):',
      '    return client.show_port(port_id)',
      '',
      'def parsed(text):',
      '    return int(text)',
      '',
      'class Driver(object):',
      '    def noop(self):',
      '        pass',
      '',
    ].join('\n'));
    expect(f.nonRaising).toEqual(['to_ip', 'to_port']);
  });
});

describe('resource creation', () => {
  const plug = (prefix: string[]) => [
    ...prefix,
    'def plug(network, compute, amphora):',
    '    port = network.create_port(network_id="n")',
    '    try:',
    '        compute.attach(amphora, port.id)',
    '    except Exception:',
    '        network.delete_port(port.id)',
    '        raise',
    '',
  ].join('\n');

  it('is a fact of code that creates a tracked resource and rolls back, not of a test module (the leak rules skip those)', async () => {
    expect((await factsOf(plug([]))).createsResources).toBe(true);
    const test = plug(['import unittest', '', '', 'class PlugTest(unittest.TestCase):', '    def test_plug(self):', '        pass', '', '']);
    expect((await factsOf(test)).createsResources).toBeUndefined();
  });
});
