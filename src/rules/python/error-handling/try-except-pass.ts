// B110: `except:` / `except Exception:` (or BaseException) whose whole body is `pass`: every error is swallowed
// without a trace. Narrow handlers (`except KeyError: pass`) are deliberate and left alone, as Bandit does by default.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { broadHandlerType, soleStatement } from '../../../rulekit/exceptHandlers.js';

export default defineRule({
  meta: {
    id: 'try-except-pass',
    cwe: 390,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B110',
    banditName: 'try_except_pass',
    profile: 'bandit',
    messages: {
      swallowed: {
        text: '`{handler}` catches every error and does nothing (`pass`): failures here vanish without a log or a retry',
        fix: 'Catch only the exceptions you expect here, and log the others (LOG.exception(...)) or let them propagate',
      },
    },
    docs: {
      summary: 'Broad exception handler whose only statement is pass',
      why: 'A bare `except:` or `except Exception:` that only passes hides every failure in the try block: a broken connection, a bug or a denied permission all look like success, the operation continues in an unknown state, and nobody can diagnose it later (CWE-390).',
      example: 'def cleanup(path, os):\n    try:\n        os.unlink(path)\n    except Exception:\n        pass\n',
      useInstead: 'import contextlib\n\ndef cleanup(path, os):\n    with contextlib.suppress(FileNotFoundError):\n        os.unlink(path)\n',
      fix: 'Name the exceptions that are really expected (`except FileNotFoundError:`, or contextlib.suppress(...)), and for anything else log it with LOG.exception or re-raise.',
      references: [
        'https://cwe.mitre.org/data/definitions/390.html',
        'https://cwe.mitre.org/data/definitions/703.html',
        'https://docs.python.org/3/library/contextlib.html#contextlib.suppress',
      ],
      banditDifferences: 'CWE-390 (detection of an error condition without action) instead of Bandit\'s broader CWE-703; same pillar. Like Bandit\'s default (check_typed_exception false) only bare and `Exception` handlers are reported, and in addition `BaseException`, `builtins.Exception` and tuples that contain one of them, which are at least as broad.',
    },
  },
  create(ctx) {
    return {
      except_clause(node: SyntaxNode) {
        const type = broadHandlerType(ctx.model, node);
        if (type === null || soleStatement(node)?.type !== 'pass_statement') return;
        ctx.report({ node, messageId: 'swallowed', data: { handler: type === '' ? 'except:' : `except ${type}:` } });
      },
    };
  },
});
