// A function of another file whose body cannot raise (index/raises.ts nonRaisingFunctions: it only reads its
// argument and builds a model object) is not a step that fails between a port's creation and its release; one
// that indexes a dict or calls something unknown still is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const FILES: Record<string, string> = {
  'lb/__init__.py': '',
  'lb/models.py': [
    'class Port(object):',
    '    def __init__(self, **kw):',
    '        self.__dict__.update(kw)',
    '',
  ].join('\n'),
  'lb/convert.py': [
    'from lb import models',
    '',
    '',
    'def to_ip(ip):',
    '    return models.Ip(subnet_id=ip.get("subnet_id"), address=ip.get("ip_address"))',
    '',
    '',
    'def to_port(port):',
    '    ips = [to_ip(ip) for ip in port.fixed_ips] if port.fixed_ips else []',
    '    return models.Port(id=port.id, name=port.name, fixed_ips=ips)',
    '',
    '',
    'def to_port_strict(port):',
    '    return models.Port(id=port["id"], name=port["name"])',
    '',
  ].join('\n'),
  'lb/driver.py': [
    'from lb import convert',
    '',
    '',
    'class Driver(object):',
    '    def plug(self, amphora, subnet):',
    '        port = self.network.create_port(network_id=subnet.network_id)',
    '        port = convert.to_port(port)',
    '        try:',
    '            self.compute.attach(amphora, port.id)',
    '        except Exception:',
    '            self.network.delete_port(port.id)',
    '            raise',
    '        return port',
    '',
    '    def plug_strict(self, amphora, subnet):',
    '        port = self.network.create_port(network_id=subnet.network_id)',
    '        port = convert.to_port_strict(port)',
    '        try:',
    '            self.compute.attach(amphora, port.id)',
    '        except Exception:',
    '            self.network.delete_port(port.id)',
    '            raise',
    '        return port',
    '',
  ].join('\n'),
};

describe('non-raising functions across files', () => {
  it('does not take a converter of another file that cannot raise for a failing step', async () => {
    const root = writeTree(FILES);
    const report = await review({ paths: [root], onlyRules: ['openstack-resource-leaked-on-error'], jobs: 1, cacheDir: tempDir('cache') });
    const lines = report.findings.map((f) => `${f.file.replace(/^.*lb\//, 'lb/')}:${f.range.startLine}`);
    // Only the converter that indexes the port (a missing key raises) leaves the new port behind.
    expect(lines).toEqual(['lb/driver.py:16']);
  });

  it('re-judges a file with a warm cache when a converter it calls starts to raise', async () => {
    const root = writeTree(FILES);
    const cacheDir = tempDir('cache');
    const run = async (): Promise<string[]> => (await review({ paths: [root], onlyRules: ['openstack-resource-leaked-on-error'], jobs: 1, cacheDir }))
      .findings.map((f) => `${f.file.replace(/^.*lb\//, 'lb/')}:${f.range.startLine}`);
    expect(await run()).toEqual(['lb/driver.py:16']);
    // Only convert.py changes: to_port now looks a key up, which can raise; driver.py's own text is the same.
    writeFileSync(join(root, 'lb/convert.py'), FILES['lb/convert.py']!.replace('id=port.id,', 'id=port["id"],'));
    expect(await run()).toEqual(['lb/driver.py:6', 'lb/driver.py:16']);
  });
});
