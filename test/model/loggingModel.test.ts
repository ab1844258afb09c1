// The one logging model (model.loggingCall, data in src/models/python/logging.ts): a logger is known by where it
// comes from in the file, the naming convention stands in only where the origin is not shown, and everything that
// asks "is this a log call" (the taint log sinks, the CFG's non-raising calls) gets the same answer.
import { describe, expect, it } from 'vitest';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import type { PythonModel } from '../../src/languages/python/model.js';
import { PYTHON_TAINT_SPEC } from '../../src/models/python/taint/index.js';
import { allNodes, functionNamed, modelOf, statementAt } from './helpers.js';

/** The call on 1-based `line` whose callee is written `text`. */
function callAt(model: PythonModel, line: number, text: string): SyntaxNode {
  const call = allNodes(model.root).find((n) => n.type === 'call' && n.startPosition.row === line - 1 && n.childForFieldName('function')?.text === text);
  if (!call) throw new Error(`no call of ${text} on line ${line}`);
  return call;
}

describe('model.loggingCall', () => {
  it('knows a logger by its origin, whatever it is called', async () => {
    const model = await modelOf(`
import logging
from oslo_log import log
from nova.openstack.common import log as oslo_logging
LOG = logging.getLogger(__name__)
audit_trail = log.getLogger("audit")
journal = oslo_logging.getLogger(__name__)
def f(x):
    LOG.info("made %s", x)
    audit_trail.warning("user %s", x)
    journal.debug("x=%s", x)
    logging.error("root %s", x)
    logging.getLogger("direct").info("now")
`);
    const info = model.loggingCall(callAt(model, 8, 'LOG.info'))!;
    expect(info).toMatchObject({ method: 'info', knownBy: 'origin' });
    expect(info.message?.text).toBe('"made %s"');
    expect(info.args.map((a) => a.text)).toEqual(['x']);
    // Not a conventional logger name: known by the factory it comes from.
    expect(model.loggingCall(callAt(model, 9, 'audit_trail.warning'))?.knownBy).toBe('origin');
    // oslo-incubator's copy of the log module under a project's package.
    expect(model.loggingCall(callAt(model, 10, 'journal.debug'))?.level.debug).toBe(true);
    expect(model.loggingCall(callAt(model, 11, 'logging.error'))?.knownBy).toBe('origin');
    expect(model.loggingCall(callAt(model, 12, 'logging.getLogger("direct").info'))?.knownBy).toBe('origin');
  });

  it('falls back to the naming convention only where the file does not show the origin', async () => {
    const model = await modelOf(`
from nova import utils
from nova.compute import LOG
class Worker:
    def __init__(self, logger, sink):
        self.logger = logger
        self.sink = sink
    def run(self, x):
        self.logger.error("failed %s", x)
        self.sink.error("failed %s", x)
        utils.LOG.warning("deprecated")
        LOG.info("ok")
`);
    expect(model.loggingCall(callAt(model, 8, 'self.logger.error'))?.knownBy).toBe('convention');
    expect(model.loggingCall(callAt(model, 9, 'self.sink.error'))).toBeNull();
    expect(model.loggingCall(callAt(model, 10, 'utils.LOG.warning'))?.knownBy).toBe('convention');
    expect(model.loggingCall(callAt(model, 11, 'LOG.info'))?.knownBy).toBe('convention');
  });

  it('rejects a receiver bound here only to a value that cannot be a logger, and non-level methods', async () => {
    const model = await modelOf(`
import logging
LOG = logging.getLogger(__name__)
log = []
def f(x):
    log.append(x)
    logger = {"error": print}
    logger.error("x")
    LOG.setLevel(logging.DEBUG)
`);
    expect(model.loggingCall(callAt(model, 5, 'log.append'))).toBeNull();
    expect(model.loggingCall(callAt(model, 7, 'logger.error'))).toBeNull();
    expect(model.loggingCall(callAt(model, 8, 'LOG.setLevel'))).toBeNull();
  });

  it('reads the message after the level for Logger.log, and msg= by keyword', async () => {
    const model = await modelOf(`
import logging
LOG = logging.getLogger(__name__)
LOG.log(logging.WARNING, "disk %s at %d%%", name, pct)
LOG.info(msg="plain")
`);
    const log = model.loggingCall(callAt(model, 3, 'LOG.log'))!;
    expect(log.message?.text).toBe('"disk %s at %d%%"');
    expect(log.args.map((a) => a.text)).toEqual(['name', 'pct']);
    const kw = model.loggingCall(callAt(model, 4, 'LOG.info'))!;
    expect(kw.message?.text).toBe('"plain"');
    expect(kw.args).toEqual([]);
  });
});

describe('every question about logging gets the same answer', () => {
  it('the CFG takes a call on a logger known by origin as non-raising, and a look-alike as raising', async () => {
    const model = await modelOf(`
import logging
audit_trail = logging.getLogger("audit")
def f(x, recorder):
    try:
        audit_trail.info("x %s", x)
        recorder.info("x %s", x)
    except Exception:
        pass
`);
    const cfg = model.cfg(functionNamed(model, 'f'));
    const raises = (line: number): boolean => cfg.nodesAt(statementAt(model, line)).some((n) => n.succ.some((e) => e.kind === 'exception'));
    expect(raises(5)).toBe(false);
    expect(raises(6)).toBe(true);
  });

  it('the taint log sink fires on a logger known by origin and not on a look-alike', async () => {
    const model = await modelOf(`
import logging
from nova.api.openstack import wsgi
audit_trail = logging.getLogger("audit")
class Controller(wsgi.Controller):
    def show(self, req, id):
        name = req.GET["name"]
        audit_trail.info("showing " + name)
        self.recorder.info("showing " + name)
`);
    const lines = model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'log', trust: ['remote'] }).map((f) => f.node.startPosition.row + 1);
    expect(lines).toEqual([7]);
  });
});
