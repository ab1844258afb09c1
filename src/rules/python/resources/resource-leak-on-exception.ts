// CWE-772: a resource acquired into a local (file, socket, fd, lock, quota reservation) is released on the normal
// path, but a statement in between may raise and the exception leaves the function without releasing it.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { cfgOf, type Cfg, type CfgEdge, type CfgNode } from '../../../languages/python/cfg/index.js';
import { headerParts } from '../../../languages/python/cfg/raises.js';
import { callee, calleeName, descendantsOfType, enclosingFunction, isLoggingCall, keywordArg, mentionsName, positionalArgs, targetNames } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { truncate } from '../../../rulekit/text.js';
import { lookupTable } from '../../../lookupTable.js';

const ESCAPE_ROUTE_NODES = new Set(['return_statement', 'yield', 'assignment', 'with_item', 'call']);

/** Calls whose result must be released, by qualified name; `handle` says which unpacked element is the resource. */
const ACQUIRE_CALLS: Record<string, { what: string; handle?: number }> = lookupTable({
  open: { what: 'file' }, 'io.open': { what: 'file' }, 'codecs.open': { what: 'file' },
  'socket.socket': { what: 'socket' }, 'socket.create_connection': { what: 'socket' },
  'os.open': { what: 'file descriptor' }, 'os.fdopen': { what: 'file' },
  'tempfile.mkstemp': { what: 'file descriptor', handle: 0 },
  'tempfile.NamedTemporaryFile': { what: 'temporary file' }, 'tempfile.TemporaryFile': { what: 'temporary file' },
});
/** Methods that release the object they are called on. */
const RELEASE_METHODS = new Set(['close', 'release', 'shutdown', 'cleanup', 'destroy', 'unlink', 'terminate']);
/** Functions that release a resource passed to them (`os.close(fd)`, `QUOTAS.rollback(ctx, reservations)`). */
const RELEASE_FUNCTIONS = /^(close|release|rollback|commit|unlink|remove|cleanup|destroy|free|cancel)$/;
/** Quota engines hand out reservations that must be committed or rolled back. */
const QUOTA_OWNER = /quota/i;

interface Acquisition { stmt: SyntaxNode; call: SyntaxNode; what: string; name: string; kind: 'local' | 'lock' }

function acquisition(model: PythonModel, call: SyntaxNode): Acquisition | null {
  const stmt = call.parent?.type === 'assignment' ? call.parent : null;
  const qualified = model.callName(call);
  const method = calleeName(call);
  const fn = callee(call);
  if (!stmt && method === 'acquire' && fn?.type === 'attribute' && call.parent?.type === 'expression_statement' && positionalArgs(call).length === 0 && !keywordArg(call, 'blocking')) {
    // A blocking `lock.acquire()` statement: released by `lock.release()`.
    const owner = fn.childForFieldName('object')!.text;
    return { stmt: call.parent, call, what: 'lock', name: owner, kind: 'lock' };
  }
  if (!stmt || stmt.childForFieldName('right')?.id !== call.id) return null;
  const names = targetNames(stmt.childForFieldName('left'));
  let spec = qualified ? ACQUIRE_CALLS[qualified] : undefined;
  if (!spec && method === 'reserve' && fn?.type === 'attribute' && QUOTA_OWNER.test(fn.childForFieldName('object')!.text)) spec = { what: 'quota reservation' };
  if (!spec) return null;
  if (qualified === 'tempfile.NamedTemporaryFile' && keywordArg(call, 'delete')?.text !== 'False') return null;
  const name = names[spec.handle ?? 0];
  if (!name || (spec.handle === undefined && names.length !== 1)) return null;
  return { stmt, call, what: spec.what, name, kind: 'local' };
}

function isRelease(call: SyntaxNode, acq: Acquisition): boolean {
  const fn = callee(call);
  const method = calleeName(call) ?? '';
  if (acq.kind === 'lock') return method === 'release' && fn?.type === 'attribute' && fn.childForFieldName('object')?.text === acq.name;
  if (fn?.type === 'attribute' && fn.childForFieldName('object')?.text === acq.name) return RELEASE_METHODS.has(method);
  return RELEASE_FUNCTIONS.test(method) && positionalArgs(call).some((a) => mentionsName(a, new Set([acq.name])));
}

/** Ownership leaves the function: returned, yielded, stored on an object or in a container, or managed by `with`. */
function escapes(fnBody: SyntaxNode, acq: Acquisition): boolean {
  if (acq.kind === 'lock') return false;
  const names = new Set([acq.name]);
  for (const n of descendantsOfType(fnBody, ESCAPE_ROUTE_NODES)) {
    if (n.startIndex < acq.stmt.endIndex) continue;
    switch (n.type) {
      case 'return_statement': case 'yield': if (mentionsName(n, names)) return true; break;
      case 'with_item': if (mentionsName(n, names)) return true; break;
      case 'assignment': {
        const left = n.childForFieldName('left');
        if (left && left.type !== 'identifier' && left.type !== 'pattern_list' && mentionsName(n.childForFieldName('right'), names)) return true;
        break;
      }
      case 'call': {
        const method = calleeName(n) ?? '';
        if (/^(append|add|extend|insert|setdefault|update|put|register|push|closing|enter_context|callback|Thread|Process)$/.test(method) && positionalArgs(n).some((a) => mentionsName(a, names))) return true;
        break;
      }
    }
  }
  return false;
}

/**
 * Where the release happens. A release guarded by a test of the resource or of a flag (`if fd is not None:
 * os.close(fd)`, `if close_file: f.close()`) counts from the test on: the graph has no path conditions, and the
 * guard's false branch is the "nothing was acquired" case.
 */
function releaseNodes(cfg: Cfg, fnBody: SyntaxNode, acq: Acquisition): CfgNode[] {
  const out: CfgNode[] = [];
  const flags = new Set(descendantsOfType(fnBody, 'assignment')
    .filter((a) => a.childForFieldName('left')?.type === 'identifier' && ['true', 'false'].includes(a.childForFieldName('right')?.type ?? ''))
    .map((a) => a.childForFieldName('left')!.text));
  const guards = new Set([acq.name, ...flags]);
  for (const call of descendantsOfType(fnBody, 'call')) {
    if (!isRelease(call, acq)) continue;
    let at: SyntaxNode = call;
    for (let n = call.parent; n && n.id !== fnBody.id; n = n.parent) {
      if ((n.type === 'if_statement' || n.type === 'elif_clause') && mentionsName(n.childForFieldName('condition'), guards)) at = n;
    }
    out.push(...(at === call ? cfg.nodesAt(call) : cfg.nodesOf(at).filter((x) => x.kind === 'statement')));
  }
  return out;
}

function callsSomething(stmt: SyntaxNode): boolean {
  return headerParts(stmt).some((p) => (p.type === 'call' ? [p] : []).concat(descendantsOfType(p, 'call')).some((c) => !isLoggingCall(c)));
}

function releasesSomething(stmt: SyntaxNode): boolean {
  return headerParts(stmt).some((p) => (p.type === 'call' ? [p] : []).concat(descendantsOfType(p, 'call'))
    .some((c) => RELEASE_METHODS.has(calleeName(c) ?? '') || RELEASE_FUNCTIONS.test(calleeName(c) ?? '')));
}

export default defineRule({
  meta: {
    id: 'resource-leak-on-exception',
    cwe: 772,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      leak: {
        text: '`{stmt}` may raise after {what} `{name}` was acquired at line {line}; the exception leaves the function without releasing `{name}` (released only on the normal path at line {release})',
        fix: 'Release `{name}` on every path: acquire it in a `with` statement, or wrap the code after line {line} in try/finally (or try/except that releases and re-raises)',
      },
    },
    docs: {
      summary: 'Resource released on the normal path but leaked when an exception is raised in between',
      why: 'When code between acquiring and releasing a resource raises, the release is skipped: file descriptors, sockets and locks stay held, and quota reservations are never rolled back. Repeated failures exhaust descriptors, deadlock other threads or let a tenant\'s quota usage drift until it blocks them (CWE-772, CWE-404).',
      example: 'import os\n\ndef write_pid(path, pid):\n    fd = os.open(path, os.O_WRONLY | os.O_CREAT)\n    os.write(fd, str(pid).encode())\n    os.close(fd)\n',
      useInstead: 'import os\n\ndef write_pid(path, pid):\n    fd = os.open(path, os.O_WRONLY | os.O_CREAT)\n    try:\n        os.write(fd, str(pid).encode())\n    finally:\n        os.close(fd)\n',
      fix: 'Use `with` for files, sockets and locks; for other resources put the release in `finally`, or release in an `except` block that re-raises. Move every statement that may fail after the acquisition into the protected region.',
      references: ['https://cwe.mitre.org/data/definitions/772.html', 'https://cwe.mitre.org/data/definitions/404.html', 'https://docs.python.org/3/reference/compound_stmts.html#the-with-statement'],
    },
  },
  create(ctx) {
    return {
      call(node) {
        const acq = acquisition(ctx.model, node);
        if (!acq) return;
        const fn = enclosingFunction(node);
        const body = fn?.childForFieldName('body');
        if (!fn || !body || escapes(body, acq)) return;
        const cfg = cfgOf(ctx.model, fn);
        const releases = releaseNodes(cfg, body, acq);
        const starts = cfg.nodesAt(acq.stmt);
        if (releases.length === 0 || starts.length === 0) return;
        const avoid = new Set(releases);
        const normal = new Set(['normal', 'true', 'false', 'back', 'break', 'continue'] as const);
        // Released on the normal path at all? Otherwise this is a different defect (never released).
        const firstRelease = cfg.path(starts, (n) => avoid.has(n) && n !== starts[0], { edges: normal });
        if (!firstRelease) return;
        // Statements that run while the resource is held, in order, and may raise.
        const held = new Set<CfgNode>();
        const stack = starts.flatMap((s) => cfg.successors(s, normal));
        while (stack.length > 0) {
          const n = stack.pop()!;
          if (held.has(n) || avoid.has(n) || starts.includes(n)) continue;
          held.add(n);
          stack.push(...cfg.successors(n, normal));
        }
        // Calls are what fail in practice; a subscript or attribute read on a local rarely does.
        const candidates = [...held].filter((n) => n.kind === 'statement' && n.ast && n.succ.some((e) => e.kind === 'exception') && callsSomething(n.ast) && !releasesSomething(n.ast))
          .sort((a, b) => a.ast!.startIndex - b.ast!.startIndex);
        // A second failure while cleaning up (another file's close() raising in the same finally) is not this leak.
        const follow = (e: CfgEdge): boolean => e.kind !== 'exception' || !e.from.ast || !releasesSomething(e.from.ast);
        for (const n of candidates) {
          const escape = cfg.path(n.succ.filter((e) => e.kind === 'exception').map((e) => e.to), (x) => x === cfg.exit || x === cfg.raiseExit, { avoiding: avoid, follow });
          if (!escape) continue;
          const release = firstRelease[firstRelease.length - 1]!.ast!;
          const text = n.ast!.text.split('\n')[0]!.trim();
          ctx.report({
            node: n.ast!, messageId: 'leak',
            data: { stmt: truncate(text, 70), what: acq.what, name: acq.name, line: acq.stmt.startPosition.row + 1, release: release.startPosition.row + 1 },
            severity: acq.what === 'file' || acq.what === 'socket' || acq.what === 'temporary file' ? 'low' : 'medium',
            evidence: [{ node: acq.call, message: `${acq.what} ${acq.name} acquired here` }, { node: release, message: `released here only on the normal path` }],
          });
          return;
        }
      },
    };
  },
});
