// The CFG builder, statement kind by statement kind: normal edges, exception edges, jumps through finally/with.
import { describe, expect, it } from 'vitest';
import { allNodes, cfgFor, edges, label, modelOf, statementAt } from './helpers.js';

async function edgeSet(source: string, fn: string | null = 'f'): Promise<Set<string>> {
  return edges((await cfgFor(source, fn)).cfg);
}

function expectEdges(actual: Set<string>, expected: string[]): void {
  const missing = expected.filter((e) => !actual.has(e));
  expect(missing, `missing edges; graph has:\n${[...actual].join('\n')}`).toEqual([]);
}

function expectNoEdges(actual: Set<string>, unexpected: string[]): void {
  expect(unexpected.filter((e) => actual.has(e))).toEqual([]);
}

describe('cfg: sequencing and branches', () => {
  it('links statements in order, with exception edges only for statements that may raise', async () => {
    const g = await edgeSet(`
def f(a):
    x = 1
    y = g(x)
    return y
`);
    expectEdges(g, ['entry -normal-> L2', 'L2 -normal-> L3', 'L3 -normal-> L4', 'L3 -exception-> raise-exit', 'L4 -return-> exit']);
    expectNoEdges(g, ['L2 -exception-> raise-exit', 'L4 -exception-> raise-exit']);
  });

  it('builds if/elif/else with true and false edges', async () => {
    const g = await edgeSet(`
def f(a):
    if a:
        b()
    elif a > 1:
        c()
    else:
        d()
    e()
`);
    expectEdges(g, ['L2 -true-> L3', 'L2 -false-> L4', 'L4 -true-> L5', 'L4 -false-> L7', 'L3 -normal-> L8', 'L5 -normal-> L8', 'L7 -normal-> L8']);
  });

  it('builds match with case tests in order, and an irrefutable case ends the chain', async () => {
    const g = await edgeSet(`
def f(cmd):
    match cmd:
        case ["go", where]:
            go(where)
        case _:
            stop()
    done()
`);
    expectEdges(g, ['L2 -normal-> L3', 'L3 -true-> L4', 'L3 -false-> L5', 'L5 -true-> L6', 'L4 -normal-> L7', 'L6 -normal-> L7']);
    expectNoEdges(g, ['L5 -false-> L7']);
  });

  it('treats assert as a possible raise and `assert False` as an unconditional one', async () => {
    const { cfg, model } = await cfgFor(`
def f(a):
    assert a
    ok()
    assert False, "unreachable"
    never()
`);
    const g = edges(cfg);
    expectEdges(g, ['L2 -exception-> raise-exit', 'L2 -normal-> L3', 'L4 -exception-> raise-exit']);
    expectNoEdges(g, ['L4 -normal-> L5']);
    expect(cfg.unreachableStatements().map((s) => s.startPosition.row + 1)).toEqual([5]);
    expect(statementAt(model, 5).type).toBe('expression_statement');
  });
});

describe('cfg: loops', () => {
  it('for/else: back edge, exhaustion into else, break skips else, continue returns to the header', async () => {
    const g = await edgeSet(`
def f(xs):
    for x in xs:
        if x:
            break
        if x > 2:
            continue
        use(x)
    else:
        none_found()
    after()
`);
    expectEdges(g, ['L2 -true-> L3', 'L3 -true-> L4', 'L4 -break-> L10', 'L5 -true-> L6', 'L6 -continue-> L2', 'L7 -back-> L2', 'L2 -false-> L9', 'L9 -normal-> L10']);
    expectNoEdges(g, ['L4 -break-> L9']);
  });

  it('while True has no exit but its breaks, and its else is unreachable', async () => {
    const { cfg } = await cfgFor(`
def f(q):
    while True:
        item = q.get()
        if item is None:
            break
    else:
        cleanup()
    return item
`);
    const g = edges(cfg);
    expectEdges(g, ['L2 -true-> L3', 'L5 -break-> L8', 'L4 -false-> L2']);
    expectNoEdges(g, ['L2 -false-> L7', 'L2 -false-> L8']);
    expect(cfg.unreachableStatements().map((s) => s.startPosition.row + 1)).toEqual([7]);
  });

  it('knows the innermost loop of a node and the nodes of an iteration', async () => {
    const { cfg, model } = await cfgFor(`
def f(rows):
    for row in rows:
        for cell in row:
            use(cell)
        done(row)
    end()
`);
    const use = statementAt(model, 4);
    expect(cfg.innermostLoop(use)?.startPosition.row).toBe(2);
    expect(cfg.innermostLoop(statementAt(model, 5))?.startPosition.row).toBe(1);
    expect(cfg.innermostLoop(statementAt(model, 6))).toBeNull();
    const outer = cfg.loopNodes(statementAt(model, 2)).values();
    expect([...outer].map(label).sort()).toEqual(['L2', 'L3', 'L4', 'L5']);
  });
});

describe('cfg: try/except/else/finally', () => {
  it('sends raising statements of the body to the dispatch, then to each clause in order', async () => {
    const g = await edgeSet(`
def f():
    try:
        a()
    except KeyError:
        b()
    except Exception:
        c()
    else:
        d()
    e()
`);
    expectEdges(g, ['L3 -exception-> dispatch@L2', 'dispatch@L2 -exception-> L4', 'L4 -true-> L5', 'L4 -false-> L6', 'L6 -true-> L7',
      'L3 -normal-> L9', 'L9 -normal-> L10', 'L5 -normal-> L10', 'L7 -normal-> L10', 'L9 -exception-> raise-exit']);
    // `except Exception` catches what KeyError did not: nothing propagates from the clause chain.
    expectNoEdges(g, ['L6 -exception-> raise-exit', 'L9 -exception-> dispatch@L2']);
  });

  it('propagates exceptions no clause matches', async () => {
    const g = await edgeSet(`
def f():
    try:
        a()
    except KeyError:
        pass
`);
    expectEdges(g, ['L4 -exception-> raise-exit', 'L4 -true-> L5']);
  });

  it('copies finally per continuation: normal, raise and return each resume their own way', async () => {
    const g = await edgeSet(`
def f(x):
    try:
        if x:
            return g(x)
        h()
    finally:
        cleanup()
    after()
`);
    expectEdges(g, [
      'L4 -return-> finally@L6/return', 'finally@L6/return -normal-> L7', 'L7 -return-> exit',
      'L4 -exception-> finally@L6/raise', 'L5 -exception-> finally@L6/raise', 'finally@L6/raise -normal-> L7', 'L7 -exception-> raise-exit',
      'L5 -normal-> finally@L6/normal', 'finally@L6/normal -normal-> L7', 'L7 -normal-> L8',
    ]);
    // The return copy never falls through to after(): that would be a path Python never takes.
    const { cfg } = await cfgFor(`
def f(x):
    try:
        return g(x)
    finally:
        cleanup()
    after()
`);
    expect(cfg.unreachableStatements().map((s) => s.startPosition.row + 1)).toEqual([6]);
  });

  it('routes break and continue through nested finally blocks to the loop', async () => {
    const g = await edgeSet(`
def f(xs):
    for x in xs:
        try:
            try:
                if x:
                    break
                continue
            finally:
                inner()
        finally:
            outer()
    done()
`);
    expectEdges(g, [
      'L6 -break-> finally@L8/break', 'finally@L8/break -normal-> L9', 'L9 -break-> finally@L10/break',
      'finally@L10/break -normal-> L11', 'L11 -break-> L12',
      'L7 -continue-> finally@L8/continue', 'L9 -continue-> finally@L10/continue', 'L11 -continue-> L2',
    ]);
  });

  it('does not let a finally block be caught by its own try, but by the enclosing one', async () => {
    const g = await edgeSet(`
def f():
    try:
        try:
            a()
        finally:
            b()
    except ValueError:
        handle()
`);
    expectEdges(g, ['L4 -exception-> finally@L5/raise', 'L6 -exception-> dispatch@L2', 'dispatch@L2 -exception-> L7']);
  });

  it('lets a return in finally cancel the exception', async () => {
    const { cfg, model } = await cfgFor(`
def f():
    try:
        a()
    finally:
        return 1
`);
    expect(cfg.exceptionEscapePath(statementAt(model, 3), { to: 'raise' })).toBeNull();
  });

  it('models except* handlers as possibly running one after another', async () => {
    const g = await edgeSet(`
def f():
    try:
        a()
    except* ValueError:
        b()
    except* KeyError:
        c()
    d()
`);
    expectEdges(g, ['dispatch@L2 -exception-> L4', 'L4 -true-> L5', 'L5 -normal-> L6', 'L4 -false-> L6', 'L6 -true-> L7', 'L7 -normal-> L8', 'L6 -exception-> raise-exit']);
  });
});

describe('cfg: with', () => {
  it('enters each item, exits in reverse order on every continuation, and re-raises after exit', async () => {
    const g = await edgeSet(`
def f(p):
    with open(p) as fh, lock:
        data = fh.read()
    return data
`);
    expectEdges(g, [
      'L2 -exception-> raise-exit', 'L2 -normal-> L2',
      'L3 -exception-> with-exit@L2/raise', 'L3 -normal-> with-exit@L2/normal', 'with-exit@L2/normal -normal-> with-exit@L2/normal',
      'with-exit@L2/raise -exception-> with-exit@L2/raise', 'with-exit@L2/raise -exception-> raise-exit', 'with-exit@L2/normal -normal-> L4',
    ]);
  });

  it('runs the exit of a with on return from inside it', async () => {
    const g = await edgeSet(`
def f(lock):
    with lock:
        return compute()
`);
    expectEdges(g, ['L3 -return-> with-exit@L2/return', 'with-exit@L2/return -return-> exit']);
  });

  it('resumes after the with when the manager suppresses (contextlib.suppress)', async () => {
    const g = await edgeSet(`
def f(path):
    with contextlib.suppress(OSError):
        os.unlink(path)
    done()
`);
    expectEdges(g, ['L3 -exception-> with-exit@L2/raise', 'with-exit@L2/raise -normal-> L4']);
    expectNoEdges(g, ['with-exit@L2/raise -exception-> raise-exit']);
  });

  it("re-raises at the end of oslo's save_and_reraise_exception unless the block opts out", async () => {
    const g = await edgeSet(`
def f(port):
    try:
        delete(port)
    except Exception:
        with excutils.save_and_reraise_exception():
            LOG.error("failed")
    after()
`);
    expectEdges(g, ['with-exit@L5/normal -exception-> raise-exit']);
    expectNoEdges(g, ['with-exit@L5/normal -normal-> L7']);
    const optOut = await edgeSet(`
def f(port):
    try:
        delete(port)
    except Exception:
        with excutils.save_and_reraise_exception() as ctxt:
            ctxt.reraise = False
    after()
`);
    expectEdges(optOut, ['with-exit@L5/normal -normal-> L7']);
    expectNoEdges(optOut, ['with-exit@L5/normal -exception-> raise-exit']);
  });
});

describe('cfg: generators, classes and the module body', () => {
  it('treats yield as a point where an exception can be thrown in', async () => {
    const g = await edgeSet(`
def f(items):
    try:
        for i in items:
            yield i
    finally:
        close()
`);
    expectEdges(g, ['L4 -exception-> finally@L5/raise', 'L4 -back-> L3']);
  });

  it('builds the module body with class bodies inline and function bodies left out', async () => {
    const { cfg } = await cfgFor(`
import os
class C:
    x = os.getcwd()
    def m(self):
        return boom()
print_it = 1
`, null);
    const g = edges(cfg);
    expectEdges(g, ['L1 -normal-> L2', 'L2 -normal-> L3', 'L3 -normal-> L4', 'L4 -normal-> L6', 'L6 -normal-> exit', 'L1 -exception-> raise-exit']);
    expectNoEdges(g, ['L4 -normal-> L5']);
  });
});

describe('cfg: queries', () => {
  const source = `
def f(ports, client):
    created = []
    try:
        for p in ports:
            created.append(client.create(p))
        client.commit()
    except Exception:
        for c in created:
            client.delete(c)
        raise
    return created
`;

  it('answers whether an exception can reach the exit without running a statement', async () => {
    const { cfg, model } = await cfgFor(source);
    const create = statementAt(model, 5);
    const cleanup = statementAt(model, 8);
    expect(cfg.exceptionEscapePath(create, { avoiding: [cleanup] })).toBeNull();
    expect(cfg.exceptionEscapePath(create)).not.toBeNull();
    // The delete inside the handler may itself raise, and nothing cleans up after it.
    expect(cfg.exceptionEscapePath(statementAt(model, 9), { avoiding: [cleanup] })).not.toBeNull();
  });

  it('computes dominators and post-dominators', async () => {
    const { cfg, model } = await cfgFor(source);
    const [first] = cfg.nodesOf(statementAt(model, 2));
    const [commit] = cfg.nodesOf(statementAt(model, 6));
    const [ret] = cfg.nodesOf(statementAt(model, 11));
    const [handlerLoop] = cfg.nodesOf(statementAt(model, 8));
    expect(cfg.dominates(first!, commit!)).toBe(true);
    expect(cfg.dominates(commit!, ret!)).toBe(true);
    expect(cfg.dominates(commit!, handlerLoop!)).toBe(false);
    expect(cfg.immediateDominator(ret!)).toBe(commit);
    // commit() may raise into the handler, which leaves by re-raising: the return does not post-dominate it.
    expect(cfg.postDominates(ret!, commit!)).toBe(false);
    const simple = await cfgFor(`
def f(a):
    if a:
        x = 1
    else:
        x = 2
    return x
`);
    const [test] = simple.cfg.nodesOf(statementAt(simple.model, 2));
    const [then] = simple.cfg.nodesOf(statementAt(simple.model, 3));
    const [join] = simple.cfg.nodesOf(statementAt(simple.model, 6));
    expect(simple.cfg.postDominates(join!, test!)).toBe(true);
    expect(simple.cfg.postDominates(then!, test!)).toBe(false);
    expect(simple.cfg.dominates(test!, join!)).toBe(true);
    expect(simple.cfg.dominates(then!, join!)).toBe(false);
  });

  it('answers reachability with avoided nodes and edge kinds', async () => {
    const { cfg, model } = await cfgFor(source);
    const [loop] = cfg.nodesOf(statementAt(model, 4));
    const [commit] = cfg.nodesOf(statementAt(model, 6));
    const [ret] = cfg.nodesOf(statementAt(model, 11));
    expect(cfg.reachable(loop!, ret!)).toBe(true);
    expect(cfg.reachable(loop!, ret!, { avoiding: new Set([commit!]) })).toBe(false);
    expect(cfg.successors(commit!).map(label).sort()).toEqual(['L11', 'dispatch@L3']);
    expect(cfg.predecessors(ret!).map(label)).toEqual(['L6']);
  });

  it('reports code after return, raise, break and continue as unreachable', async () => {
    const { cfg } = await cfgFor(`
def f(xs):
    for x in xs:
        continue
        skipped()
    raise ValueError()
    dead()
`);
    expect(cfg.unreachableStatements().map((s) => s.startPosition.row + 1)).toEqual([4, 6]);
  });
});

describe('handler outcome', () => {
  async function exitsOf(source: string, line: number): Promise<string[]> {
    const model = await modelOf(source);
    const clause = allNodes(model.root).find((n) => n.type === 'except_clause' && n.startPosition.row === line - 1)!;
    return [...model.handlerOutcome(clause).exits].sort();
  }

  it('follows a try/finally nested in the handler to the re-raising with that holds it', async () => {
    const source = `
def f(ids):
    try:
        check(ids)
    except Exception:
        with excutils.save_and_reraise_exception():
            try:
                destroy(ids)
            finally:
                rollback()
    return ids
`;
    expect(await exitsOf(source, 4)).toEqual(['raise']);
  });

  it('still sees a handler whose nested try/finally completes and falls through', async () => {
    const source = `
def f(ids):
    try:
        check(ids)
    except Exception:
        try:
            destroy(ids)
        finally:
            rollback()
    return ids
`;
    expect(await exitsOf(source, 4)).toEqual(['normal']);
  });
});
