// B112: `except:` / `except Exception:` (or BaseException) whose whole body is `continue`: each failing iteration is
// skipped silently. Broad, do-nothing handlers are recognised by rulekit/exceptHandlers (shared with B110).
import { defineRule } from '../../../rulekit/defineRule.js';
import { broadHandlerType, soleStatement } from '../../../rulekit/exceptHandlers.js';

export default defineRule({
  meta: {
    id: 'try-except-continue',
    cwe: 390,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B112',
    banditName: 'try_except_continue',
    profile: 'bandit',
    messages: {
      skipped: {
        text: '`{handler}` catches every error and moves to the next iteration (`continue`): failing items are skipped without a trace',
        fix: 'Catch only the exceptions expected for one item, and log the failure (LOG.warning/LOG.exception with the item) before continuing',
      },
    },
    docs: {
      summary: 'Broad exception handler in a loop whose only statement is continue',
      why: 'A bare `except:` or `except Exception:` that only continues turns every failure into a silently skipped item: an instance that was never cleaned up, a port never deleted, a record never written, with nothing in the logs to say so (CWE-390).',
      example: 'def delete_all(ports, client):\n    for port in ports:\n        try:\n            client.delete_port(port)\n        except Exception:\n            continue\n',
      useInstead: 'import logging\n\nLOG = logging.getLogger(__name__)\n\ndef delete_all(ports, client, NotFound):\n    for port in ports:\n        try:\n            client.delete_port(port)\n        except NotFound:\n            LOG.debug("port %s already gone", port)\n            continue\n',
      fix: 'Catch the specific exceptions a single item may raise, log the item and the error, and let unexpected exceptions propagate (or collect them and fail at the end).',
      references: [
        'https://cwe.mitre.org/data/definitions/390.html',
        'https://cwe.mitre.org/data/definitions/703.html',
      ],
      banditDifferences: 'CWE-390 (detection of an error condition without action) instead of Bandit\'s broader CWE-703; same pillar. Like Bandit\'s default (check_typed_exception false) only bare and `Exception` handlers are reported, and in addition `BaseException`, `builtins.Exception` and tuples that contain one of them.',
    },
  },
  create(ctx) {
    return {
      except_clause(node) {
        const type = broadHandlerType(ctx.model, node);
        if (type === null || soleStatement(node)?.type !== 'continue_statement') return;
        ctx.report({ node, messageId: 'skipped', data: { handler: type === '' ? 'except:' : `except ${type}:` } });
      },
    };
  },
});
