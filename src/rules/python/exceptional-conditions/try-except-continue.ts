// B112: `except:` / `except Exception:` (or BaseException) whose whole body is `continue`: each failing iteration is
// skipped silently. Also home of the helpers both B110 and B112 use to recognise broad, do-nothing handlers.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';

const BROAD = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

/**
 * The type text of a handler that catches (almost) everything: '' for a bare `except:`, the type for `Exception`
 * or `BaseException` (alone, with `as e`, Python 2 `, e`, or inside a tuple); null for narrower handlers.
 */
export function broadHandlerType(model: PythonModel, handler: SyntaxNode): string | null {
  const value = handler.childForFieldName('value');
  if (!value) return '';
  let type = unparenthesize(value);
  if (type.type === 'as_pattern') type = unparenthesize(type.namedChild(0) ?? type);
  const members = type.type === 'tuple' ? type.namedChildren.filter((c): c is SyntaxNode => c !== null) : [type];
  for (const m of members) {
    const q = model.qualifiedName(m);
    if (q !== null && BROAD.has(q)) return type.text;
  }
  return null;
}

/** The only statement of a handler's body (comments aside), or null when it has several. */
export function soleStatement(handler: SyntaxNode): SyntaxNode | null {
  const body = handler.namedChildren.find((c) => c?.type === 'block');
  const statements = body?.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') ?? [];
  return statements.length === 1 ? statements[0]! : null;
}

export default defineRule({
  meta: {
    id: 'try-except-continue',
    cwe: 390,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B112',
    banditName: 'try_except_continue',
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
