// Project facts, phase 1 and the merge: oslo.config declarations (groups by string, OptGroup and `.name`, lists,
// sums of lists, unregistered ones), reads (`CONF.g.n`, `CONF.n`, `self.conf.g.n`, `getattr`), module resolution
// (relative imports, re-exports through a package's __init__), and summaries resolved across files.
import { describe, expect, it } from 'vitest';
import { parsePython } from '../../src/languages/python/parser.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { extractFacts } from '../../src/index/extract.js';
import { ModuleMap } from '../../src/index/modules.js';
import { ProjectFacts } from '../../src/index/project.js';
import type { FileFacts } from '../../src/index/types.js';

async function factsOf(path: string, source: string): Promise<FileFacts> {
  const tree = await parsePython(source);
  return extractFacts(new PythonModel(path, source, tree));
}

describe('oslo.config options', () => {
  it('finds declarations with their group, secret flag and type', async () => {
    const f = await factsOf('svc/conf.py', [
      'from oslo_config import cfg',
      "grp = cfg.OptGroup('vault', title='Vault')",
      "NAME = 'relay'",
      "vault_opts = [cfg.StrOpt('token', secret=True), cfg.IntOpt('port')]",
      "relay_opts = [cfg.StrOpt('key', secret=True)] + [cfg.URIOpt('url')]",
      "lonely = cfg.StrOpt('api_key', secret=True)",
      'CONF = cfg.CONF',
      'CONF.register_opts(vault_opts, group=grp)',
      'CONF.register_opts(relay_opts, NAME)',
      "CONF.register_opt(cfg.BoolOpt('debug_mode'))",
      "def register(conf):\n    conf.register_opts(vault_opts, group=grp.name)",
    ].join('\n'));
    const opts = f.options.map((o) => `${o.group}.${o.name}:${o.type}${o.secret ? ':secret' : ''}`);
    expect(opts.sort()).toEqual([
      'DEFAULT.debug_mode:BoolOpt', 'null.api_key:StrOpt:secret', 'relay.key:StrOpt:secret', 'relay.url:URIOpt',
      'vault.port:IntOpt', 'vault.token:StrOpt:secret',
    ]);
  });

  it('finds reads through CONF, self.conf, a conf parameter and getattr with a literal', async () => {
    const f = await factsOf('svc/use.py', [
      'from oslo_config import cfg',
      'CONF = cfg.CONF',
      'def a():\n    return CONF.vault.token, CONF.debug_mode',
      'class B(object):\n    def b(self):\n        return self.conf.relay.key',
      "def c(conf):\n    return getattr(conf.vault, 'port'), getattr(CONF.vault, name)",
    ].join('\n'));
    expect(f.reads.map((r) => `${r.group}.${r.name}`)).toEqual(
      expect.arrayContaining(['vault.token', 'DEFAULT.debug_mode', 'relay.key', 'vault.port']));
    expect(f.reads.map((r) => r.name)).not.toContain('name');
  });
});

describe('module resolution', () => {
  const map = new ModuleMap(['pkg/__init__.py', 'pkg/util/__init__.py', 'pkg/util/mask.py', 'pkg/api/__init__.py', 'pkg/api/v1.py', 'tools/run.py']);

  it('names modules by their packages and keeps loose files in their own root', () => {
    expect(map.info('pkg/api/v1.py')).toEqual({ module: 'pkg.api.v1', root: '', isPackage: false });
    expect(map.info('pkg/util/__init__.py')).toEqual({ module: 'pkg.util', root: '', isPackage: true });
    expect(map.info('tools/run.py')).toEqual({ module: 'run', root: 'tools', isPackage: false });
  });

  it('makes relative and same-module names absolute', () => {
    expect(map.absolute('..util.mask.scrub', 'pkg/api/v1.py')).toBe('pkg.util.mask.scrub');
    expect(map.absolute('.v1.get', 'pkg/api/__init__.py')).toBe('pkg.api.v1.get');
    expect(map.absolute(':helper', 'pkg/api/v1.py')).toBe('pkg.api.v1.helper');
    expect(map.split('pkg.util.mask.scrub', 'pkg/api/v1.py')).toEqual({ path: 'pkg/util/mask.py', module: 'pkg.util.mask', rest: 'scrub' });
  });
});

describe('summaries across files', () => {
  it('resolves "returns a secret" and "masks" through calls, relative imports and re-exports', async () => {
    const files = await Promise.all([
      factsOf('pkg/__init__.py', ''),
      factsOf('pkg/conf.py', "from oslo_config import cfg\ncfg.CONF.register_opts([cfg.StrOpt('password', secret=True), cfg.StrOpt('user')], group='db')\n"),
      factsOf('pkg/util/__init__.py', 'from .mask import scrub\n'),
      factsOf('pkg/util/mask.py', 'from oslo_utils import strutils\n\ndef scrub(text):\n    return strutils.mask_password(text)\n\ndef scrub_twice(text):\n    return scrub(text)\n'),
      factsOf('pkg/creds.py', 'from oslo_config import cfg\nCONF = cfg.CONF\n\ndef password():\n    value = CONF.db.password\n    return value\n\ndef user():\n    return CONF.db.user\n\nclass Store(object):\n    def secret(self):\n        return password()\n'),
      factsOf('pkg/app.py', 'from pkg import creds\nfrom pkg import util\nfrom pkg.util import mask\n\ndef f(x):\n    return creds.Store(), creds.password(), creds.user(), util.scrub(x), mask.scrub_twice(x)\n'),
    ]);
    const project = new ProjectFacts(files);
    expect(project.summary('pkg.creds.password')?.returnsSecret).toMatch(/option `db.password` declared secret at pkg\/conf.py:2/);
    expect(project.summary('pkg.creds.Store.secret')?.returnsSecret).toMatch(/pkg.creds.password/);
    expect(project.summary('pkg.creds.user')).toBeUndefined();
    expect(project.summary('pkg.util.mask.scrub_twice')).toEqual({ masks: 0 });
    const slice = project.sliceFor('pkg/app.py');
    expect(Object.keys(slice.functions).sort()).toEqual(['pkg.creds.password', 'pkg.util.mask.scrub_twice', 'pkg.util.scrub']);
    expect(slice.functions['pkg.util.scrub']).toEqual({ masks: 0 });
    expect(project.sliceFor('pkg/conf.py')).toEqual({ options: {}, functions: {} });
  });

  it('takes an option from the same source root only', async () => {
    const files = await Promise.all([
      factsOf('a/conf.py', "from oslo_config import cfg\ncfg.CONF.register_opts([cfg.StrOpt('key', secret=True)], group='g')\n"),
      factsOf('a/use.py', 'CONF = None\ndef f():\n    return CONF.g.key\n'),
      factsOf('b/use.py', 'CONF = None\ndef f():\n    return CONF.g.key\n'),
    ]);
    const project = new ProjectFacts(files);
    expect(project.sliceFor('a/use.py').options['g.key']).toMatchObject({ secret: true, declaredAt: 'a/conf.py:2' });
    expect(project.sliceFor('b/use.py').options).toEqual({});
  });
  // Only functions with a summary-relevant return are facts: each f masks its argument.
  const MASKER = 'from oslo_utils import strutils\n\ndef f(x):\n    return strutils.mask_password(x)\n';
  it('answers a call target per source root, and a relative one per asking file, however often it is asked', async () => {
    const files = await Promise.all([
      factsOf('r1/pkg/__init__.py', 'from .a import f\n'),
      factsOf('r1/pkg/a.py', MASKER),
      factsOf('r1/pkg/sub/__init__.py', ''),
      factsOf('r1/pkg/sub/a.py', MASKER),
      factsOf('r1/x.py', ''),
      factsOf('r2/pkg/__init__.py', 'from .b import f\n'),
      factsOf('r2/pkg/b.py', MASKER),
      factsOf('r2/x.py', ''),
    ]);
    const project = new ProjectFacts(files);
    // Asked twice in alternation: a remembered answer must never cross to another root or asking file.
    for (let round = 0; round < 2; round++) {
      expect(project.resolveFunction('pkg.f', 'r1/x.py')).toBe('pkg.a.f');
      expect(project.resolveFunction('pkg.f', 'r2/x.py')).toBe('pkg.b.f');
      expect(project.resolveFunction('.a.f', 'r1/pkg/__init__.py')).toBe('pkg.a.f');
      expect(project.resolveFunction('.a.f', 'r1/pkg/sub/__init__.py')).toBe('pkg.sub.a.f');
      expect(project.resolveFunction('pkg.g', 'r1/x.py')).toBeUndefined();
    }
  });
});
