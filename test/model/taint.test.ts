// Unit tests of the dataflow layer and the taint engine: reaching definitions, fact lattice, propagation through
// strings/containers/calls with summaries, sanitizers and guards, and the evidence paths findings carry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { describe, expect, it } from 'vitest';
import { FactSet, type TaintFact } from '../../src/analysis/taint/facts.js';
import { instantiate } from '../../src/analysis/taint/summary.js';
import { dataflowOf } from '../../src/languages/python/dataflow/reaching.js';
import { conversions } from '../../src/languages/python/dataflow/percentFormat.js';
import { analyseTaint, taintOf, taintWithProbes, type FileTaint } from '../../src/languages/python/dataflow/taintFile.js';
import type { TaintHooks } from '../../src/languages/python/dataflow/taintTransfer.js';
import { callInfo, matches, mayMatchAny } from '../../src/languages/python/dataflow/taintMatch.js';
import { taintFindings } from '../../src/languages/python/dataflow/taintFindings.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';
import type { SinkKind } from '../../src/analysis/taint/facts.js';
import { PYTHON_TAINT_SPEC } from '../../src/models/python/taint/index.js';
import { pythonFilesUnder } from '../harness/pythonFiles.js';

async function modelOf(source: string): Promise<PythonModel> {
  const text = source.replace(/^\n/, '');
  const m = new PythonModel('t.py', text, await parsePython(text));
  return m;
}

function nodes(root: SyntaxNode, pred: (n: SyntaxNode) => boolean): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (pred(n)) out.push(n);
    for (let i = n.namedChildCount - 1; i >= 0; i--) stack.push(n.namedChild(i)!);
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

const HEADER = 'import os\nimport subprocess\nfrom nova.api.openstack import wsgi\n\nclass C(wsgi.Controller):\n';

async function sinkLines(body: string, kind: SinkKind = 'command'): Promise<number[]> {
  const m = await modelOf(HEADER + body);
  return taintFindings(m, PYTHON_TAINT_SPEC, { kind, trust: ['remote'] }).map((f) => f.sinkLine - 6);
}

describe('reaching definitions', () => {
  it('joins branches, iterates loops and binds every kind of target', async () => {
    const m = await modelOf(`
def f(p):
    x = 1
    if p:
        x = 2
    for i in p:
        y = x
        x = i
    with open(p) as fh:
        z = fh
    try:
        w = 1
    except E as e:
        w = e
    return x, y, z, w
`);
    const fn = nodes(m.root, (n) => n.type === 'function_definition')[0]!;
    const df = dataflowOf(m, fn);
    const use = (line: number, name: string): number[] =>
      df.definitionsOf(nodes(m.root, (n) => n.type === 'identifier' && n.text === name && n.startPosition.row === line - 1).at(-1)!)
        .map((d) => d.startPosition.row + 1).sort((a, b) => a - b);
    // The loop's back edge brings `x = i` (line 7) round to its own body.
    expect(use(6, 'x')).toEqual([2, 4, 7]);
    expect(use(14, 'x')).toEqual([2, 4, 7]);
    expect(use(14, 'z')).toEqual([9]);
    expect(use(14, 'w')).toEqual([11, 13]);
    expect(use(13, 'e')).toEqual([12]);
    expect(use(8, 'p')).toEqual([1]);
    const def = nodes(m.root, (n) => n.type === 'expression_statement' && n.startPosition.row === 6)[0]!;
    expect(df.usesOf(def).map((u) => u.startPosition.row + 1)).toEqual([6, 14]);
  });
});

describe('fact lattice and summaries', () => {
  const key = (n: string): string => n;
  const src: TaintFact<string> = { origin: { kind: 'source', node: 'q', description: 'q', trust: 'remote', confidence: 'high' }, cleared: new Set(), shape: 'str', steps: [] };
  it('deduplicates by origin, cleared kinds and shape, and clears per kind', () => {
    const a = FactSet.of([src, { ...src, steps: [{ node: 'x', message: 'x' }] }], key);
    expect(a.facts).toHaveLength(1);
    const cleared = a.clear(['command']);
    expect(cleared.liveFor('command')).toEqual([]);
    expect(cleared.liveFor('sql')).toHaveLength(1);
    expect(a.join(cleared).facts).toHaveLength(2);
    expect(a.equals(FactSet.of([src], key))).toBe(true);
  });
  it('instantiates parameter facts with the caller arguments and keeps what the callee cleared', () => {
    const param: TaintFact<string> = { origin: { kind: 'param', index: 1, name: 'v' }, cleared: new Set(['log']), shape: 'str', steps: [{ node: 'r', message: 'returned' }] };
    const out = instantiate([param], [undefined, FactSet.of([src], key)], { node: 'call', message: 'passed' });
    expect(out).toHaveLength(1);
    expect(out[0]!.origin).toBe(src.origin);
    expect([...out[0]!.cleared]).toEqual(['log']);
    expect(out[0]!.steps.map((s) => s.message)).toEqual(['passed', 'returned']);
    expect(instantiate([param], [FactSet.of([src], key)], { node: 'c', message: 'p' })).toEqual([]);
  });
  it('reads %-format conversions', () => {
    expect(conversions('%s and %r, 100%% %(x)d').map((c) => `${c.key ?? ''}${c.type}`)).toEqual(['s', 'r', 'xd']);
  });
});

describe('taint propagation to sinks', () => {
  it('follows assignments, f-strings, % and .format', async () => {
    expect(await sinkLines(`
    def a(self, req, body):
        v = body['x']
        w = f"run {v}"
        os.system(w)
        os.system("run %s" % v)
        os.system("run {}".format(v))
        os.system("run " + 'constant')
`)).toEqual([4, 5, 6]);
  });
  it('follows containers: append, subscript assignment, update, join', async () => {
    expect(await sinkLines(`
    def a(self, req, body):
        parts = ['ls']
        parts.append(body['dir'])
        os.system(' '.join(parts))
        opts = {}
        opts['k'] = req.GET['k']
        os.system("x %s" % opts)
        clean = ['a', 'b']
        os.system(' '.join(clean))
`)).toEqual([4, 7]);
  });
  it('crosses calls through summaries of functions and methods of the same file', async () => {
    const m = await modelOf(`${HEADER}    def a(self, req, body):
        cmd = self._build(body['name'])
        self._run(cmd)

    def _build(self, name):
        return "ping " + name

    def _run(self, command):
        helper(command)

def helper(c):
    subprocess.call(c, shell=True)
`);
    const [f] = taintFindings(m, PYTHON_TAINT_SPEC, { kind: 'command', trust: ['remote'] });
    expect(f?.sinkLine).toBe(17);
    expect(f?.source).toBe("body['name']");
    expect(f?.sourceLine).toBe(7);
    expect(f?.evidence.map((e) => e.message)).toEqual([
      "source: `body['name']` (line 7)",
      'passed to `_build()` (line 7)',
      'returned (line 11)',
      "`cmd` ← cmd = self._build(body['name']) (line 7)",
      'passed to `_run()` (line 8)',
      'passed to `helper()` (line 14)',
    ]);
    expect(f?.evidence[0]?.message).toContain('source');
  });
  it('stops at sanitizers and guards, on every path', async () => {
    expect(await sinkLines(`
    def a(self, req, body):
        import shlex
        v = body['x']
        os.system("ls " + shlex.quote(v))
        os.system("ls %d" % int(v))
        if v in ('a', 'b'):
            os.system("ls " + v)
        if not v.isdigit():
            return
        os.system("ls " + v)
`)).toEqual([]);
  });
  it('joins branches and iterates loops', async () => {
    expect(await sinkLines(`
    def a(self, req, body):
        v = 'safe'
        if body:
            v = body['x']
        os.system(v)
        w = 'safe'
        for i in range(3):
            os.system(w)
            w = body['y']
        try:
            u = body['z']
            u = 'reset'
        except KeyError:
            os.system(u)
`)).toEqual([5, 8, 14]);
  });
  it('does not treat non-request parameters or non-controller methods as sources', async () => {
    const m = await modelOf(`
import os

class Worker(object):
    def run(self, req, body):
        os.system(body['x'])
`);
    expect(taintFindings(m, PYTHON_TAINT_SPEC, { kind: 'command', trust: ['remote', 'local'] })).toEqual([]);
  });
  it('distinguishes newline-bearing strings from repr-rendered containers for log sinks', async () => {
    expect(await sinkLines(`
    def a(self, req, body):
        LOG.info("body %s", body)
        LOG.info("name %s", body['name'])
        LOG.info("name %r", body['name'])
        LOG.info("header %s", req.headers['X-Trace'])
        LOG.info("name %(n)s" % {'n': body['name']})
`, 'log')).toEqual([3, 6]);
  });
});

describe('the taint prefilter', () => {
  it('skips only files where the full analysis finds nothing either', async () => {
    const files = pythonFilesUnder(join(import.meta.dirname, '..', '..', 'src', 'rules'), join(import.meta.dirname, 'probes-taint'));
    let withHits = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const model = new PythonModel(file, text, await parsePython(text));
      // taintWithProbes always runs the whole analysis; taintOf may decide up front that no source can occur.
      const full = taintWithProbes(model, PYTHON_TAINT_SPEC).hits.length;
      expect({ file, hits: taintOf(model, PYTHON_TAINT_SPEC).hits.length }).toEqual({ file, hits: full });
      if (full > 0) withHits++;
    }
    expect(withHits).toBeGreaterThan(5);
  });

  it('analyses nothing in a file that names no source', async () => {
    const model = await modelOf('import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n');
    expect(taintOf(model, PYTHON_TAINT_SPEC).functionsAnalysed).toBe(0);
    const withSource = await modelOf('import subprocess, sys\n\ndef run():\n    subprocess.call(sys.argv[1], shell=True)\n');
    expect(taintOf(withSource, PYTHON_TAINT_SPEC).functionsAnalysed).toBeGreaterThan(0);
  });
});

describe('the matcher prefilter', () => {
  it('never rules out a call some entry matches: aliases, suffixes, methods and loggers', async () => {
    const files = pythonFilesUnder(join(import.meta.dirname, '..', '..', 'src', 'rules', 'python'));
    const crafted = await modelOf(`
import logging
from subprocess import call as run_it
from oslo_concurrency import processutils as pu
LOG = logging.getLogger(__name__)
run_it(cmd, shell=True)
pu.execute(*args)
LOG.info(x)
self.db.execute(q)
`);
    const models = [crafted];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      models.push(new PythonModel(file, text, await parsePython(text)));
    }
    const lists = [PYTHON_TAINT_SPEC.sinks, PYTHON_TAINT_SPEC.sanitizers, PYTHON_TAINT_SPEC.propagators, PYTHON_TAINT_SPEC.callSources, PYTHON_TAINT_SPEC.guards];
    let matched = 0;
    let ruledOut = 0;
    for (const model of models) {
      for (const call of model.root.descendantsOfType('call')) {
        const c = callInfo(model, call);
        for (const list of lists) {
          const any = list.some((e) => matches(e.call, c));
          if (any) matched++;
          if (!mayMatchAny(list, c)) ruledOut++;
          expect({ call: call.text.slice(0, 60), may: mayMatchAny(list, c) || !any }).toEqual({ call: call.text.slice(0, 60), may: true });
        }
      }
    }
    expect(matched).toBeGreaterThan(100);
    expect(ruledOut).toBeGreaterThan(matched);
  });
});

describe('units the hooks\' sources cannot reach', () => {
  // Sources only the hooks announce (as secret exposure's are): `.password` fields and parameters named `secret`.
  const spec = { ...PYTHON_TAINT_SPEC, valueSources: [], callSources: [], parameterSources: [] };
  const hooks: TaintHooks = {
    sourceAt: (n) => (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'password'
      ? { description: n.text, confidence: 'high', shape: 'str' } : null),
    paramSource: (_fn, name) => (name === 'secret' ? { description: name, confidence: 'medium', shape: 'str' } : null),
  };
  /** What a rule reads of the hits, with node positions for identity. */
  const digest = (t: FileTaint): unknown[] => t.hits.map((h) => ({
    sink: h.sink.startIndex, argument: h.argument.startIndex, name: h.sinkName, variant: h.variant,
    facts: h.facts.map((f) => ({
      origin: f.origin.kind === 'source' ? [f.origin.node.startIndex, f.origin.description] : f.origin.kind,
      cleared: [...f.cleared].sort(), shape: f.shape, steps: f.steps.map((s) => [s.node.startIndex, s.message]),
    })),
  }));

  it('finds through callers and callees what the whole analysis finds, and analyses fewer functions', async () => {
    const model = await modelOf(`
import logging
import subprocess
LOG = logging.getLogger(__name__)

def unrelated(a):
    subprocess.call(a, shell=True)
    LOG.info(a)

def sink_helper(x):
    LOG.info("value %s", x)

def passes_on(y):
    sink_helper(y)

def getter(conf):
    return conf.password

def caller_of_getter(conf):
    passes_on(getter(conf))

class Service(object):
    def run(self, secret):
        self._log(secret)

    def _log(self, value):
        LOG.warning(value)

    def other(self, b):
        LOG.info(b)
`);
    const pruned = analyseTaint(model, spec, hooks);
    const whole = analyseTaint(model, spec, hooks, { everyUnit: true });
    expect(digest(pruned)).toEqual(digest(whole));
    // sink_helper (reached from caller_of_getter via passes_on) and Service._log (from run) report.
    expect(pruned.hits.map((h) => h.sink.startPosition.row + 1)).toEqual([10, 26]);
    // unrelated, Service.other and the module body cannot see a source.
    expect(whole.functionsAnalysed - pruned.functionsAnalysed).toBe(3);
  });

  it('gives the whole analysis\' hits on every fixture and probe file', async () => {
    // Sources common enough in the fixtures to reach many sinks: fields, keys and parameters by a few words.
    const WORDS = /pass|secret|token|key|data|body|url|name|path|cmd|arg/i;
    const broad: TaintHooks = {
      sourceAt: (n) => {
        const word = n.type === 'attribute' ? n.childForFieldName('attribute')?.text : n.type === 'subscript' ? n.childForFieldName('subscript')?.text : null;
        return word && WORDS.test(word) ? { description: n.text, confidence: 'high', shape: 'str' } : null;
      },
      paramSource: (_fn, name) => (WORDS.test(name) ? { description: name, confidence: 'medium', shape: 'str' } : null),
    };
    const files = pythonFilesUnder(join(import.meta.dirname, '..', '..', 'src', 'rules'), join(import.meta.dirname, 'probes-taint'));
    let withHits = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const model = new PythonModel(file, text, await parsePython(text));
      const whole = digest(analyseTaint(model, spec, broad, { everyUnit: true }));
      expect({ file, hits: digest(analyseTaint(model, spec, broad)) }).toEqual({ file, hits: whole });
      if (whole.length > 0) withHits++;
    }
    expect(withHits).toBeGreaterThan(20);
  });
});

describe('framework request sources and redirect guards', () => {
  const redirects = async (source: string): Promise<number[]> =>
    taintFindings(await modelOf(source), PYTHON_TAINT_SPEC, { kind: 'redirect', trust: ['remote'] }).map((f) => f.sinkLine);
  const VIEW = `
class Back(generic.TemplateView):
    def get_context_data(self, **kwargs):
        return shortcuts.redirect(self.request.GET.get('next'))
`;

  it('takes self.request of a …View class as the request only where Django (or Horizon) is imported', async () => {
    expect(await redirects(`from django import shortcuts\nfrom django.views import generic\n${VIEW}`)).toEqual([6]);
    // The same class in a file without Django: a class named …View and its `request` attribute mean nothing here.
    // (Its redirect call is a real one: Flask's, under the name the view uses.)
    expect(await redirects(`from flask import redirect as shortcuts_redirect\nfrom myapp import generic\n${VIEW.replace('shortcuts.redirect', 'shortcuts_redirect')}`)).toEqual([]);
    expect(await redirects(`from flask import redirect as shortcuts_redirect\nfrom myapp import generic\nimport horizon\n${VIEW.replace('shortcuts.redirect', 'shortcuts_redirect')}`)).toEqual([7]);
  });

  it('lets url_has_allowed_host_and_scheme vouch for the argument it names, by keyword or position', async () => {
    const guarded = (call: string): string => `
from django import shortcuts
from django.utils import http
from django.views import generic

class Back(generic.TemplateView):
    def get(self, request):
        nxt = request.GET.get('next')
        other = request.GET.get('other')
        if not ${call}:
            nxt = '/'
        return shortcuts.redirect(nxt)
`;
    expect(await redirects(guarded('http.url_has_allowed_host_and_scheme(url=nxt, allowed_hosts=None)'))).toEqual([]);
    expect(await redirects(guarded('http.is_safe_url(nxt, allowed_hosts=None)'))).toEqual([]);
    expect(await redirects(guarded('http.url_has_allowed_host_and_scheme(url=other, allowed_hosts=None)'))).toEqual([11]);
  });
});
