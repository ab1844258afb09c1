// The binder and scope queries: which scope a node is in, what a name refers to, qualified names through scoped
// imports (shadowing, aliases), self attributes and value facts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';
import { scopesOf } from '../../src/languages/python/scopes/index.js';
import { bindModule, type BindResult } from '../../src/languages/python/scopes/binder.js';
import type { Scope } from '../../src/languages/python/scopes/types.js';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { modelOf, nodeAt } from './helpers.js';
import { pythonFilesUnder } from '../harness/pythonFiles.js';

describe('scopes: structure', () => {
  it('creates module, class, function, lambda and comprehension scopes with qualified names', async () => {
    const model = await modelOf(`
class C:
    def m(self):
        key = lambda v: v.name
        return [key(x) for x in self.items]
`);
    const scopes = scopesOf(model);
    expect(scopes.module.children.map((s) => `${s.kind}:${s.name}`)).toEqual(['class:C']);
    const method = scopes.module.children[0]!.children[0]!;
    expect(`${method.kind}:${method.name}`).toBe('function:C.m');
    expect(method.children.map((s) => `${s.kind}:${s.name}`)).toEqual(['lambda:C.m.<lambda>', 'comprehension:C.m.<listcomp>']);
    expect(scopesOf(model)).toBe(scopes);
  });

  it('evaluates defaults, decorators and the outermost iterable in the enclosing scope', async () => {
    const model = await modelOf(`
def outer(items):
    @decorate(items)
    def inner(a=items, *args, b: int = 3, **kw):
        return a
    return [y for y in items if y]
`);
    const scopes = scopesOf(model);
    expect(scopes.scopeOf(nodeAt(model, 3, 'identifier', 'items')).name).toBe('outer');
    expect(scopes.scopeOf(nodeAt(model, 2, 'identifier', 'items')).name).toBe('outer');
    expect(scopes.scopeOf(nodeAt(model, 3, 'identifier', 'a')).name).toBe('outer.inner');
    expect(scopes.scopeOf(nodeAt(model, 3, 'identifier', 'int')).name).toBe('outer');
    expect(scopes.scopeOf(nodeAt(model, 5, 'identifier', 'items')).name).toBe('outer');
    expect(scopes.scopeOf(nodeAt(model, 5, 'identifier', 'y')).name).toBe('outer.<listcomp>');
    const inner = scopes.module.children[0]!.children[0]!;
    expect([...inner.bindings.keys()]).toEqual(['a', 'args', 'b', 'kw']);
    expect(inner.bindings.get('kw')![0]!.fact).toMatchObject({ kind: 'parameter', index: 3, name: 'kw', functionName: 'outer.inner' });
  });
});

describe('scopes: name resolution', () => {
  it('resolves imports with aliases to qualified names', async () => {
    const model = await modelOf(`
import os.path
import subprocess as sp
from yaml import load as yload
from . import sibling

def f(x):
    sp.Popen(x)
    yload(x)
    os.path.join(x)
    sibling.go()
`);
    const scopes = scopesOf(model);
    const q = (line: number): string | null => scopes.qualifiedNameAt(nodeAt(model, line, 'call').childForFieldName('function'));
    expect(q(7)).toBe('subprocess.Popen');
    expect(q(8)).toBe('yaml.load');
    expect(q(9)).toBe('os.path.join');
    expect(q(10)).toBe('.sibling.go');
  });

  it('lets a local assignment or parameter shadow an import, only in its own scope', async () => {
    const model = await modelOf(`
import yaml

def shadowed(data):
    yaml = make_parser()
    return yaml.load(data)

def parameter(yaml, data):
    return yaml.load(data)

def untouched(data):
    return yaml.load(data)
`);
    const scopes = scopesOf(model);
    const callee = (line: number) => nodeAt(model, line, 'call', undefined).childForFieldName('function');
    expect(scopes.qualifiedNameAt(callee(5))).toBeNull();
    expect(scopes.qualifiedNameAt(callee(8))).toBeNull();
    expect(scopes.qualifiedNameAt(callee(11))).toBe('yaml.load');
    expect(scopes.lookup(nodeAt(model, 5, 'identifier', 'yaml')).map((b) => b.kind)).toEqual(['assignment']);
  });

  it('follows aliases assigned from imports, and keeps the import through a None fallback', async () => {
    const model = await modelOf(`
try:
    import simplejson as json
except ImportError:
    json = None
import yaml
loader = yaml.load
also = loader
also(json.dumps(1))
`);
    const scopes = scopesOf(model);
    expect(scopes.qualifiedNameAt(nodeAt(model, 8, 'identifier', 'also'))).toBe('yaml.load');
    expect(scopes.qualifiedNameAt(nodeAt(model, 8, 'attribute', 'json.dumps'))).toBe('simplejson.dumps');
  });

  it('skips class scopes for nested functions and comprehensions, and honours global and nonlocal', async () => {
    const model = await modelOf(`
counter = 0
class C:
    size = 10
    def m(self):
        return size
    doubled = [size for _ in range(2)]

def outer():
    total = 0
    def add():
        nonlocal total
        global counter
        total = total + 1
        counter = 5
    return add
`);
    const scopes = scopesOf(model);
    expect(scopes.lookup(nodeAt(model, 5, 'identifier', 'size'))).toEqual([]);
    expect(scopes.lookup(nodeAt(model, 6, 'identifier', 'size'))).toEqual([]);
    expect(scopes.lookup(nodeAt(model, 6, 'identifier', 'range'))).toEqual([]);
    const total = scopes.lookup(nodeAt(model, 13, 'identifier', 'total'));
    expect(total.map((b) => `${b.scope.name}:${b.statement.startPosition.row + 1}`)).toEqual(['outer:9', 'outer:13']);
    const counter = scopes.lookup(nodeAt(model, 14, 'identifier', 'counter'));
    expect(counter.map((b) => `${b.scope.name}:${b.statement.startPosition.row + 1}`)).toEqual(['<module>:1', '<module>:14']);
  });

  it('binds for, with, except, walrus and match targets', async () => {
    const model = await modelOf(`
def f(rows, path):
    for i, (a, *rest) in rows:
        pass
    with open(path) as fh:
        pass
    try:
        pass
    except OSError as err:
        pass
    if (n := len(rows)) > 1:
        pass
    match rows:
        case [first, *others] if first:
            pass
        case {"k": value}:
            pass
        case Point(x=0, y=yy):
            pass
    return [m for m in rows if (last := m)]
`);
    const fn = scopesOf(model).module.children[0]!;
    expect([...fn.bindings.keys()].sort()).toEqual(['a', 'err', 'fh', 'first', 'i', 'last', 'n', 'others', 'path', 'rest', 'rows', 'value', 'yy'].sort());
    expect(fn.bindings.get('fh')![0]!.kind).toBe('with-target');
    expect(fn.bindings.get('err')![0]!.kind).toBe('except-target');
    expect(fn.bindings.get('last')![0]!.kind).toBe('walrus');
  });
});

describe('scopes: self attributes and value facts', () => {
  it('collects self.x assignments of every method into the class', async () => {
    const model = await modelOf(`
from neutronclient.v2_0 import client as clientv20

class Api(object):
    def __init__(self, url):
        self.client = clientv20.Client(endpoint_url=url)
        self.retries = 3

    def refresh(this):
        this.cache = {}
        self.unrelated = 1

    def use(self):
        return self.client.list_ports()
`);
    const scopes = scopesOf(model);
    const cls = scopes.module.children[0]!;
    expect([...cls.selfAttributes.keys()].sort()).toEqual(['cache', 'client', 'retries']);
    const uses = scopes.selfAttribute(nodeAt(model, 13, 'attribute', 'self.client'));
    expect(uses).toHaveLength(1);
    expect(scopes.factOf(uses[0]!)).toMatchObject({ kind: 'call', callee: 'neutronclient.v2_0.client.Client' });
    expect(scopes.factOf(cls.selfAttributes.get('retries')![0]!)).toEqual({ kind: 'literal', value: 3 });
    expect(scopes.factOf(cls.selfAttributes.get('cache')![0]!)).toMatchObject({ kind: 'container', container: 'dict' });
  });

  it('gives literal, container, call, alias, parameter and definition facts', async () => {
    const model = await modelOf(`
import subprocess
NAME = "nova"
PORTS = [1, 2]
proc = subprocess.Popen(["ls"])
run = subprocess.run
def helper(a, b):
    c = b
    return c
`);
    const scopes = scopesOf(model);
    const fact = (name: string) => scopes.factOf(scopes.module.bindings.get(name)![0]!);
    expect(fact('NAME')).toEqual({ kind: 'literal', value: 'nova' });
    expect(fact('PORTS')).toMatchObject({ kind: 'container', container: 'list' });
    expect(fact('proc')).toMatchObject({ kind: 'call', callee: 'subprocess.Popen' });
    expect(fact('run')).toEqual({ kind: 'alias', qualified: 'subprocess.run' });
    expect(fact('helper')).toMatchObject({ kind: 'definition', qualified: 'helper' });
    const helper = scopes.module.children[0]!;
    expect(scopes.factOf(helper.bindings.get('b')![0]!)).toMatchObject({ kind: 'parameter', index: 1 });
    // `c = b`: a local alias of a parameter is not a qualified name.
    expect(scopes.factOf(helper.bindings.get('c')![0]!)).toEqual({ kind: 'unknown' });
  });
});

describe('scopes: the module shortcut', () => {
  // lookup skips finding the scope for names no nested scope binds or declares; the answer must be the long way's.
  const longWay = (scopes: ReturnType<typeof scopesOf>, n: SyntaxNode): unknown => scopes.resolve(n.text, scopes.scopeOf(n))?.bindings ?? null;
  const compare = (model: PythonModel): number => {
    const scopes = scopesOf(model);
    let names = 0;
    for (const n of model.root.descendantsOfType('identifier')) {
      const p = n.parent;
      if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) continue;
      if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) continue;
      const expected = longWay(scopes, n);
      expect({ line: n.startPosition.row + 1, name: n.text, bindings: scopes.lookup(n) }).toEqual({
        line: n.startPosition.row + 1, name: n.text, bindings: expected ?? [],
      });
      // A hit without bindings (a `global` name nothing assigns) and a miss must stay apart in nameAt.
      const at = scopes.nameAt(n);
      expect({ name: n.text, unbound: at?.kind === 'unbound' }).toEqual({ name: n.text, unbound: expected === null });
      names++;
    }
    return names;
  };

  it('resolves as from the scope where module-level global statements, nested globals and nonlocals are involved', async () => {
    const model = await modelOf(`
import os
global only_declared
x = 1

def f():
    global y, never_assigned
    y = os.path
    return only_declared, never_assigned, x

def g():
    z = 1
    def h():
        nonlocal z
        z = x
    class K:
        x = 2
        def m(self):
            return x, y, z
    return [x for x in range(3)], os
`);
    expect(compare(model)).toBeGreaterThan(20);
  });

  it('resolves as from the scope on every fixture file', async () => {
    const files = pythonFilesUnder(join(import.meta.dirname, '..', '..', 'src', 'rules', 'python'));
    let names = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      names += compare(new PythonModel(file, text, await parsePython(text)));
    }
    expect(names).toBeGreaterThan(1000);
  });
});

describe('scopes: the binder skips subtrees with nothing to bind', () => {
  const describeScope = (s: Scope): unknown => ({
    kind: s.kind, name: s.name, node: s.node.id,
    bindings: [...s.bindings].map(([n, list]) => [n, list.map((b) => [b.kind, b.node.id, b.statement.id, b.value?.id ?? null, b.fact.kind])]),
    globals: [...s.globals], nonlocals: [...s.nonlocals],
    self: [...s.selfAttributes].map(([n, list]) => [n, list.map((b) => [b.kind, b.node.id, b.value?.id ?? null])]),
    children: s.children.map(describeScope),
  });
  const describeBind = (r: BindResult): unknown => ({ module: describeScope(r.module), byNode: [...r.byNode.keys()], star: r.starModules });

  it('binds what visiting every node binds, on a crafted module and every fixture file', async () => {
    const files = pythonFilesUnder(join(import.meta.dirname, '..', '..', 'src', 'rules', 'python'), join(import.meta.dirname, 'probes'));
    const crafted = `
from m import *
import a.b as c
f(lambda q: q + 1, [y for y in z], (w := 3))
print(x, key=lambda k: {v: v for v in k})
class K(Base):
    attr = [i for i in range(3)]
    def m(self, p=lambda: 0):
        self.x, self.y = 1, 2
        del self.x, t
        with open(p) as (fh):
            for a, *b in fh: pass
        try: pass
        except E as err: pass
        match p:
            case {"k": v, **rest}: pass
`;
    let scopes = 0;
    for (const text of [crafted, ...files.map((f) => readFileSync(f, 'utf8'))]) {
      const root = (await parsePython(text)).rootNode;
      const skipping = bindModule(root);
      expect(describeBind(skipping)).toEqual(describeBind(bindModule(root, { everyNode: true })));
      scopes += skipping.byNode.size;
    }
    expect(scopes).toBeGreaterThan(500);
  });
});
