// log-injection reports debug-level records with low confidence (off in production, not an audit trail) and
// info-and-above records with the rule's own confidence: the level is what separates a forged audit line from noise.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

const SOURCE = `from oslo_log import log
from nova.api.openstack import wsgi

LOG = log.getLogger(__name__)


class Controller(wsgi.Controller):
    def show(self, req, id):
        name = req.GET['name']
        LOG.debug("looking up %s", name)
        LOG.warning("unknown keypair %s", name)
`;

describe('log-injection confidence by level', () => {
  it('debug is low, warning keeps medium', async () => {
    const rule = allRules().find((r) => r.meta.id === 'log-injection')!;
    const { findings } = await analyzePython('levels.py', SOURCE, [rule], { keepSuppressed: false });
    expect(findings.map((f) => [f.range.startLine, f.confidence])).toEqual([[10, 'low'], [11, 'medium']]);
  });
});
