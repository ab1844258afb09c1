// The resource typestate engine (src/analysis/resources) on hand-built graphs, and its Python front-end
// (src/languages/python/resources) on snippets: held spans, releases on the normal path, exceptions that escape
// while a resource is held, and release loops whose failures leave the loop.
import { describe, expect, it } from 'vitest';
import { escapesIteration, firstRelease, heldSpan, unreleasedEscape, type FlowEdge, type FlowEdgeKind } from '../../src/analysis/resources/index.js';
import { leakOnException, localAcquisition, releaseFailureLeavesLoop, serviceLeaks } from '../../src/languages/python/resources/index.js';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { allNodes, cfgFor, functionNamed, label, modelOf, statementAt } from './helpers.js';

interface TestNode { name: string; succ: Array<FlowEdge<TestNode>> }

/** A graph from `a -kind-> b` lines. */
function graph(spec: string): Map<string, TestNode> {
  const nodes = new Map<string, TestNode>();
  const node = (name: string): TestNode => {
    let n = nodes.get(name);
    if (!n) { n = { name, succ: [] }; nodes.set(name, n); }
    return n;
  };
  for (const line of spec.trim().split('\n')) {
    const m = /^\s*(\S+) -(\w+)-> (\S+)\s*$/.exec(line);
    if (!m) throw new Error(`bad edge ${line}`);
    const from = node(m[1]!); const to = node(m[3]!);
    from.succ.push({ from, to, kind: m[2] as FlowEdgeKind });
  }
  return nodes;
}

const names = (ns: readonly TestNode[] | null): string[] | null => ns?.map((n) => n.name) ?? null;

describe('resource typestate engine', () => {
  const g = graph(`
    acquire -normal-> work
    work -normal-> loop
    loop -true-> step
    step -back-> loop
    loop -false-> release
    release -normal-> exit
    work -exception-> handler
    handler -true-> cleanup
    handler -exception-> raise
    cleanup -normal-> reraise
    reraise -exception-> raise
    step -exception-> raise
  `);
  const n = (name: string): TestNode => g.get(name)!;

  it('held span: reachable without an exception or a release, with later-iteration marks', () => {
    const span = heldSpan([n('acquire')], { releases: new Set([n('release')]) });
    expect(span.map((v) => `${v.node.name}${v.later ? '*' : ''}`)).toEqual(['work', 'loop', 'step']);
    // A transfer stops the span: once handed over, later steps are someone else's.
    expect(heldSpan([n('acquire')], { releases: new Set(), transfers: (x) => x === n('work') }).map((v) => v.node.name)).toEqual(['work']);
  });

  it('marks what only a following iteration reaches', () => {
    const h = graph(`
      a -normal-> head
      head -true-> body
      body -back-> head
      head -false-> after
      body -continue-> late
    `);
    const span = heldSpan([h.get('a')!], { releases: new Set() });
    expect(span.map((v) => `${v.node.name}${v.later ? '*' : ''}`)).toEqual(['head', 'body', 'after', 'late*']);
  });

  it('marks what only a following iteration reaches when an `if` ends the loop body', async () => {
    // The `if`'s false edge goes back to the header as `false` (the guards need the branch), yet starts the next
    // iteration: `prepare()` before the acquisition runs, with the handle held, for the following item only.
    const { model, cfg } = await cfgFor(`
def f(items):
    for item in items:
        prepare(item)
        handle = open_it(item)
        if item.flag:
            note(item)
`);
    const closing = cfg.nodes.flatMap((n) => n.succ).filter((e) => e.closesLoop);
    expect(closing.map((e) => `${label(e.from)} -${e.kind}-> ${label(e.to)}`).sort()).toEqual(['L5 -false-> L2', 'L6 -back-> L2']);
    const span = heldSpan(cfg.nodesAt(statementAt(model, 4)), { releases: new Set() });
    const prepare = span.filter((v) => v.node.ast?.id === statementAt(model, 3).id);
    expect(prepare.map((v) => v.later)).toEqual([true]);
  });

  it('first release on the normal path', () => {
    expect(names(firstRelease([n('acquire')], { releases: new Set([n('release')]) }))).toEqual(['acquire', 'work', 'loop', 'release']);
    expect(firstRelease([n('acquire')], { releases: new Set([n('cleanup')]) })).toBeNull();
  });

  it('an exception escapes unreleased unless every path passes a release', () => {
    const exits = [n('raise')];
    expect(names(unreleasedEscape([n('handler')], exits))).toEqual(['handler', 'raise']);
    // A release on the only way out (the rollback re-raises after `reraise` released it) makes the path safe.
    expect(names(unreleasedEscape([n('cleanup')], exits))).toEqual(['cleanup', 'reraise', 'raise']);
    expect(unreleasedEscape([n('cleanup')], exits, { avoiding: new Set([n('reraise')]) })).toBeNull();
  });

  it('with catching semantics, a caught exception only goes on through a deliberate re-raise', () => {
    const catching = { catches: (e: FlowEdge<TestNode>) => e.kind === 'true' && e.from.name === 'handler', rethrows: (x: TestNode) => x.name === 'reraise' };
    expect(names(unreleasedEscape([n('handler')], [n('raise')], { catching, avoiding: new Set([n('handler')]) }))).toBeNull();
    const h = graph(`
      t -true-> body
      body -exception-> raise
      t -false-> raise
    `);
    // The clause matched (true edge): a failure of `body` is a new exception, not this one.
    const c2 = { catches: (e: FlowEdge<TestNode>) => e.kind === 'true' && e.from.name === 't', rethrows: () => false };
    expect(names(unreleasedEscape([h.get('body')!], [h.get('raise')!], { catching: c2 }))).toEqual(['body', 'raise']);
    // Caught at `t`: the failure of `body` inside the handler does not carry the followed exception on.
    expect(unreleasedEscape([h.get('t')!], [h.get('raise')!], { catching: c2, follow: (e) => e.kind !== 'false' })).toBeNull();
    expect(names(unreleasedEscape([h.get('t')!], [h.get('raise')!], { catching: { ...c2, newExceptions: true }, follow: (e) => e.kind !== 'false' }))).toEqual(['t', 'body', 'raise']);
  });

  it('escapesIteration: a handler that continues contains the failure, one that re-raises lets it out', () => {
    const loop = graph(`
      head -true-> del
      del -exception-> exc
      exc -true-> log
      log -normal-> head
      exc -exception-> out
    `);
    const inside = (x: TestNode): boolean => x.name !== 'out';
    const opts = { inside, headers: new Set([loop.get('head')!]), handlerAt: (x: TestNode) => (x.name === 'exc' ? x.name : null), sameHandler: (x: TestNode, h: string) => x.name === h, rethrows: () => false, callersChoice: () => false };
    expect(escapesIteration(loop.get('del')!.succ.map((e) => e.to), opts)).toBeUndefined();
    const bare = graph('head -true-> del\ndel -exception-> out');
    expect(escapesIteration(bare.get('del')!.succ.map((e) => e.to), { ...opts, headers: new Set([bare.get('head')!]) })).toEqual({ handler: null });
  });
});

async function local(source: string): Promise<{ raiser: number; release: number } | null> {
  const model = await modelOf(source);
  const call = allNodes(model.root).find((c) => c.type === 'call' && localAcquisition(model, c));
  if (!call) throw new Error('no acquisition');
  const leak = leakOnException(model, localAcquisition(model, call)!);
  return leak ? { raiser: leak.raiser.startPosition.row + 1, release: leak.release.startPosition.row + 1 } : null;
}

describe('python front-end: local resources', () => {
  it('finds the step that raises between acquire and a normal-path release', async () => {
    expect(await local(`
import os
def f(p):
    fd = os.open(p, os.O_RDONLY)
    data = os.read(fd, 10)
    os.close(fd)
    return data
`)).toEqual({ raiser: 4, release: 5 });
  });

  it('is quiet when the release is in finally, or ownership is returned', async () => {
    expect(await local(`
import os
def f(p):
    fd = os.open(p, os.O_RDONLY)
    try:
        return os.read(fd, 10)
    finally:
        os.close(fd)
`)).toBeNull();
    expect(await local(`
import socket
def f(host):
    s = socket.socket()
    s.connect(host)
    return s
`)).toBeNull();
  });
});

describe('python front-end: service resources', () => {
  it('reports a creation whose later step escapes a rollback that does not release it', async () => {
    const model = await modelOf(`
def f(client, net, rec):
    created = []
    try:
        port = client.create_port({"port": {"network_id": net}})
        created.append(port["port"]["id"])
        vol = volume_api.create(ctx, 1)
        client.update_port(port["port"]["id"], {})
    except Exception:
        for p in created:
            client.delete_port(p)
        raise
`);
    const leaks = serviceLeaks(model, functionNamed(model, 'f'));
    expect(leaks.map((l) => `${l.creation.handle}@${l.raiser.startPosition.row + 1}${l.handler ? ' handler' : ''}`)).toEqual(['vol@7 handler']);
  });
});

describe('python front-end: release loops', () => {
  async function leaves(source: string): Promise<string> {
    const { model, cfg } = await cfgFor(source);
    const call = allNodes(model.root).find((c): c is SyntaxNode => c.type === 'call' && c.text.startsWith('client.delete_port'))!;
    const loop = allNodes(model.root).find((c) => c.type === 'for_statement')!;
    const r = releaseFailureLeavesLoop(cfg, call, loop, () => false);
    return r === null ? 'contained' : r.handler ? `re-raised at L${r.handler.startPosition.row + 1}` : 'escapes';
  }

  it('tells an unprotected release loop from one whose handler continues or re-raises', async () => {
    expect(await leaves(`
def f(client, ids):
    for i in ids:
        client.delete_port(i)
`)).toBe('escapes');
    expect(await leaves(`
def f(client, ids):
    for i in ids:
        try:
            client.delete_port(i)
        except Exception:
            LOG.warning("x")
`)).toBe('contained');
    expect(await leaves(`
def f(client, ids):
    for i in ids:
        try:
            client.delete_port(i)
        except Exception:
            cleanup(i)
            raise
`)).toBe('re-raised at L5');
  });
});
