// Model queries that replaced helpers in rule files: definitionOf (a callable expression's definition in this
// file) and functions(within) (the functions inside a class or function).
import { describe, expect, it } from 'vitest';
import { allNodes, functionNamed, modelOf } from './helpers.js';

describe('model.definitionOf', () => {
  it('finds a function through the bindings of a name and a method through self/cls; not a shadowing local', async () => {
    const model = await modelOf(`
def verify(conn, cert, errno, depth, ok):
    return ok
class Server:
    def check(self, *args):
        return True
    def setup(self, ctx, verify):
        ctx.set_verify(0, self.check)
        ctx.set_verify(0, verify)
        ctx.set_verify(0, self.missing)
def configure(ctx):
    ctx.set_verify(0, verify)
`);
    const arg = (line: number): ReturnType<typeof allNodes>[number] => {
      const call = allNodes(model.root).find((n) => n.type === 'call' && n.startPosition.row === line - 1)!;
      return call.childForFieldName('arguments')!.namedChild(1)!;
    };
    expect(model.definitionOf(arg(7))?.id).toBe(functionNamed(model, 'check').id);
    // The parameter `verify` of setup shadows the module function.
    expect(model.definitionOf(arg(8))).toBeNull();
    expect(model.definitionOf(arg(9))).toBeNull();
    expect(model.definitionOf(arg(11))?.id).toBe(functionNamed(model, 'verify').id);
  });
});

describe('model.functions(within)', () => {
  it('lists the functions inside a class or function, itself excluded; the module gives all', async () => {
    const model = await modelOf(`
def top():
    def inner():
        pass
class C:
    def m(self):
        def nested():
            pass
`);
    const cls = allNodes(model.root).find((n) => n.type === 'class_definition')!;
    const names = (fns: readonly { childForFieldName(f: string): { text: string } | null }[]): string[] => fns.map((f) => f.childForFieldName('name')?.text ?? '');
    expect(names(model.functions(cls))).toEqual(['m', 'nested']);
    expect(names(model.functions(functionNamed(model, 'top')))).toEqual(['inner']);
    expect(names(model.functions(model.root))).toEqual(['top', 'inner', 'm', 'nested']);
  });
});

describe('model.valuesOf', () => {
  it('gives the reaching values in a function, and the bindings of a global or a self attribute otherwise', async () => {
    const model = await modelOf(`
import jinja2
ENV = jinja2.Environment()
class Renderer:
    def __init__(self):
        self.env = jinja2.sandbox.SandboxedEnvironment()
    def render(self, text, env):
        local = jinja2.Environment()
        local = jinja2.sandbox.SandboxedEnvironment()
        return local, ENV, self.env, env
`);
    const ret = allNodes(model.root).find((n) => n.type === 'return_statement')!;
    const [local, global, attr, param] = ret.namedChild(0)!.namedChildren.filter((n) => n !== null);
    const texts = (node: typeof local): Array<string | null> => model.valuesOf(node!).map((v) => v?.text ?? null);
    expect(texts(local)).toEqual(['jinja2.sandbox.SandboxedEnvironment()']);
    expect(texts(global)).toEqual(['jinja2.Environment()']);
    expect(texts(attr)).toEqual(['jinja2.sandbox.SandboxedEnvironment()']);
    // A parameter holds no expression of this file.
    expect(texts(param).filter((v) => v !== null)).toEqual([]);
  });
});

describe('model.isTestSupport', () => {
  it('counts an unconditional import of a test package, not a fallback made under a condition', async () => {
    const fallback = await modelOf(`
if CONF.memcached_servers:
    import memcache
else:
    from nova.testing.fake import memcache
try:
    import json
except ImportError:
    from myproj.tests import fake_json as json
def authenticate(signature, expected):
    return signature == expected
`);
    expect(fallback.isTestSupport()).toBe(false);
    const helper = await modelOf(`
from nova.tests import fixtures
def make_instance():
    return fixtures.Instance()
`);
    expect(helper.isTestSupport()).toBe(true);
    const lazy = await modelOf(`
def make_fake():
    from unittest import mock
    return mock.Mock()
`);
    expect(lazy.isTestSupport()).toBe(true);
  });
});

describe('model.isLintPlugin', () => {
  it('is a module that imports a style-checker framework, not one that mentions it', async () => {
    const plugin = await modelOf(`
import re
from hacking import core

LOG_CHECK = re.compile(r"(.)*LOG\\.(.*)")

@core.flake8ext
def check_log(logical_line):
    if LOG_CHECK.match(logical_line):
        yield 0, "N300"
`);
    expect(plugin.isLintPlugin()).toBe(true);
    const service = await modelOf(`
import re
HACKING_NOTE = "see hacking.rst"
def parse(value):
    return re.match(r"^[a-z]+$", value)
`);
    expect(service.isLintPlugin()).toBe(false);
  });
});
