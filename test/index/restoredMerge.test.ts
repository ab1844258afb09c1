// A merge rebuilt from the last one's index (index/project.ts RestoredMerge) answers as the merge of every file's
// facts: the tables keyed by qualified name are read per name (index/nameTable.ts), the module map climbs each
// directory once (index/modules.ts). Each is checked against what it replaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/index/extract.js';
import { ModuleMap } from '../../src/index/modules.js';
import { LazyNameTable } from '../../src/index/nameTable.js';
import { fromIndex, indexedFacts, ProjectFacts, tablePathsOf } from '../../src/index/project.js';
import type { FileFacts } from '../../src/index/types.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';

/** The module map's climb as it was written before the per-directory memo: the reference. */
function referenceInfo(paths: readonly string[]): Map<string, { module: string; root: string; isPackage: boolean }> {
  const inits = new Set(paths.filter((p) => p === '__init__.py' || p.endsWith('/__init__.py')).map((p) => p.slice(0, -'__init__.py'.length).replace(/\/$/, '')));
  const out = new Map<string, { module: string; root: string; isPackage: boolean }>();
  for (const path of [...paths].sort()) {
    if (!path.endsWith('.py')) continue;
    const parts = path.replace(/\.py$/, '').split('/');
    const isPackage = parts.at(-1) === '__init__';
    if (isPackage) parts.pop();
    let top = parts.length - 1;
    while (top > 0 && inits.has(parts.slice(0, top).join('/'))) top--;
    const module = parts.slice(top).join('.');
    if (module === '') continue;
    out.set(path, { module, root: parts.slice(0, top).join('/'), isPackage });
  }
  return out;
}

const segment = fc.constantFrom('', 'a', 'b', 'pkg', '__init__', 'x.y');
const pathArb = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 4 }), fc.constantFrom('__init__.py', 'm.py', 'n.py', 'c.cpp', '.py'))
  .map(([absolute, dirs, file]) => `${absolute ? '/' : ''}${[...dirs, file].join('/')}`);

describe('a merge restored from the index', () => {
  it('maps every path to the module and root the climb from its directory gives', () => {
    fc.assert(fc.property(fc.array(pathArb, { maxLength: 25 }), (paths) => {
      const map = new ModuleMap(paths);
      for (const [path, info] of referenceInfo(paths)) expect(map.info(path)).toEqual(info);
      for (const path of paths) if (!referenceInfo(paths).has(path)) expect(map.info(path)).toBeUndefined();
    }), { numRuns: 300 });
  });

  it('answers a name as a Map filled file by file in path order would, collisions between modules included', () => {
    const files = fc.uniqueArray(fc.constantFrom('r1/a/__init__.py', 'r1/a/b.py', 'r1/a/b/__init__.py', 'r2/a/__init__.py', 'r2/a/b.py', 'r1/c.py', 'x.py'), { maxLength: 7 });
    const local = fc.constantFrom('f', 'b.c', 'c', 'b', 'K.f', 'K');
    fc.assert(fc.property(files, fc.array(fc.tuple(fc.nat(6), local, fc.nat(9)), { maxLength: 20 }), (paths, entries) => {
      const modules = new ModuleMap(paths);
      const sorted = [...paths].sort();
      const byFile = new Map<string, Array<[string, number]>>(sorted.map((p) => [p, []]));
      for (const [file, name, value] of entries) if (sorted.length > 0) byFile.get(sorted[file % sorted.length]!)!.push([name, value]);
      const eager = new Map<string, number>();
      for (const path of sorted) {
        const module = modules.info(path)?.module;
        if (module !== undefined) for (const [name, value] of byFile.get(path)!) eager.set(`${module}.${name}`, value);
      }
      const lazy = new LazyNameTable(LazyNameTable.modulesOf(modules, sorted), (p) => byFile.get(p)!);
      const asked = ['a.f', 'a.b.c', 'a.b', 'a.b.f', 'a.K.f', 'a.b.K', 'c.f', 'x.K.f', 'c.b.c', 'a', 'zz.f'];
      for (const name of [...eager.keys(), ...asked]) {
        expect(lazy.get(name)).toBe(eager.get(name));
        expect(lazy.has(name)).toBe(eager.has(name));
      }
    }), { numRuns: 300 });
  });

  it('slices each file and plans its functions as the merge of every file does', async () => {
    const sources: Record<string, string> = {
      'svc/__init__.py': 'from svc.util import mask as hide\n',
      'svc/conf.py': "from oslo_config import cfg\nopts = [cfg.StrOpt('token', secret=True)]\ncfg.CONF.register_opts(opts, group='vault')\n",
      'svc/util.py': [
        'from oslo_config import cfg',
        'CONF = cfg.CONF',
        'def mask(value):',
        '    return "***"',
        'def token():',
        '    return CONF.vault.token',
        'class Box:',
        '    def token(self):',
        '        return token()',
      ].join('\n'),
      'svc/util/__init__.py': 'def token():\n    return 1\n',
      'svc/api.py': [
        'import logging',
        'from svc import hide',
        'from svc import util',
        'LOG = logging.getLogger(__name__)',
        'def show(req):',
        '    LOG.info("token %s", util.token())',
        '    LOG.info("masked %s", hide(util.Box().token()))',
        '    return util.token()',
      ].join('\n'),
      // Encoders and functions that cannot raise, asked for by a file that builds markup and one that creates a port.
      'svc/text.py': [
        'from urllib.parse import quote as _quote',
        'from svc import models',
        'def quote(value, safe="/"):',
        '    return _quote(value, safe)',
        'def to_port(port):',
        '    return models.Port(id=port.id)',
      ].join('\n'),
      'svc/models.py': 'class Port(object):\n    pass\n',
      'svc/pages.py': [
        'import html',
        'from svc.text import quote',
        'def item(name):',
        '    return \'<a href="./%s">%s</a>\' % (quote(name), html.escape(name))',
      ].join('\n'),
      'svc/driver.py': [
        'from svc import text',
        'class Driver(object):',
        '    def plug(self, amphora, subnet):',
        '        port = self.network.create_port(network_id=subnet.network_id)',
        '        port = text.to_port(port)',
        '        try:',
        '            self.compute.attach(amphora, port.id)',
        '        except Exception:',
        '            self.network.delete_port(port.id)',
        '            raise',
        '        return port',
      ].join('\n'),
    };
    const all: FileFacts[] = [];
    for (const [path, source] of Object.entries(sources)) all.push(extractFacts(new PythonModel(path, source, await parsePython(source))));
    const eager = new ProjectFacts(all);
    expect(eager.summary('svc.util.token')?.returnsSecret).toBeDefined();
    const index = new Map(all.map((f) => [f.path, indexedFacts(f)]));
    for (const fresh of all) {
      const restored = new ProjectFacts({
        paths: all.map((f) => f.path), tablePaths: tablePathsOf(all), summaries: eager.exportSummaries(), scopers: eager.exportScopers(),
        facts: (p) => (p === fresh.path ? fresh : index.has(p) ? fromIndex(index.get(p)!) : undefined),
      });
      expect(restored.sliceFor(fresh.path)).toEqual(eager.sliceFor(fresh.path));
      const module = eager.moduleOf(fresh.path);
      for (const fn of module === undefined ? [] : fresh.functions) {
        expect(restored.effectivePlan(`${module}.${fn.name}`)).toBe(eager.effectivePlan(`${module}.${fn.name}`));
      }
    }
    expect(Object.keys(eager.sliceFor('svc/api.py').functions).length).toBeGreaterThan(0);
    expect(eager.sliceFor('svc/pages.py').encoders).toBeDefined();
    expect(eager.sliceFor('svc/driver.py').nonRaising).toBeDefined();
  });
});
