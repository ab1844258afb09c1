// CWE-772: a resource acquired into a local (file, socket, fd, lock, quota reservation) is released on the normal
// path, but a statement in between may raise and the exception leaves the function without releasing it.
import { leakOnException, localAcquisition } from '../../../languages/python/resources/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { truncate } from '../../../rulekit/text.js';

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
      why: 'When code between acquiring and releasing a resource raises, the release is skipped: file descriptors, sockets and locks stay held, and quota reservations are never rolled back. Repeated failures exhaust descriptors, deadlock other threads or let a tenant\'s quota usage drift until it blocks them (CWE-772, CWE-404). A file or socket object left open on the error path is closed by its finalizer once the failed frame is released, so those leaks are reported at low confidence; descriptors from `os.open`/`mkstemp`, locks and quota reservations have no finalizer. Notifications (oslo.messaging logs and drops what it cannot send), alternative constructors and same-file helpers that only edit memory are not steps that raise.',
      example: 'import os\n\ndef write_pid(path, pid):\n    fd = os.open(path, os.O_WRONLY | os.O_CREAT)\n    os.write(fd, str(pid).encode())\n    os.close(fd)\n',
      useInstead: 'import os\n\ndef write_pid(path, pid):\n    fd = os.open(path, os.O_WRONLY | os.O_CREAT)\n    try:\n        os.write(fd, str(pid).encode())\n    finally:\n        os.close(fd)\n',
      fix: 'Use `with` for files, sockets and locks; for other resources put the release in `finally`, or release in an `except` block that re-raises. Move every statement that may fail after the acquisition into the protected region.',
      references: ['https://cwe.mitre.org/data/definitions/772.html', 'https://cwe.mitre.org/data/definitions/404.html', 'https://docs.python.org/3/reference/compound_stmts.html#the-with-statement'],
    },
  },
  create(ctx) {
    return {
      call(node) {
        const acq = localAcquisition(ctx.model, node);
        if (!acq) return;
        // The resource engine finds the first statement whose exception leaves while the resource is held.
        const leak = leakOnException(ctx.model, acq);
        if (!leak) return;
        const text = leak.raiser.text.split('\n')[0]!.trim();
        ctx.report({
          node: leak.raiser, messageId: 'leak',
          data: { stmt: truncate(text, 70), what: acq.what, name: acq.name, line: acq.stmt.startPosition.row + 1, release: leak.release.startPosition.row + 1 },
          severity: acq.what === 'file' || acq.what === 'socket' || acq.what === 'temporary file' ? 'low' : 'medium',
          // A file or socket object closes itself in its finalizer once the failed frame is released (CPython
          // reference counting): the leak lasts as long as the traceback. Descriptors from os.open/mkstemp, locks,
          // quota reservations and delete=False temporary files have no such finalizer and stay held.
          ...(acq.what === 'file' || acq.what === 'socket' ? { confidence: 'low' as const } : {}),
          evidence: [{ node: acq.call, message: `${acq.what} ${acq.name} acquired here` }, { node: leak.release, message: `released here only on the normal path` }],
        });
      },
    };
  },
});
