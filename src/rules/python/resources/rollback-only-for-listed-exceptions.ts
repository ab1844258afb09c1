// CWE-460 (under CWE-459): a handler for some listed exception types releases what the protected steps hold and
// fails the operation, but the same steps can raise other types, which leave without the release. The engine's
// catching search (languages/python/resources/typedRollback.ts) decides whether another type escapes unreleased.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { typedRollbackGaps } from '../../../languages/python/resources/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { brief, calleeText, line } from '../../../rulekit/openstack.js';

export default defineRule({
  meta: {
    id: 'rollback-only-for-listed-exceptions',
    cwe: 460,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    // The raise sets of the functions of other files a try body calls (src/index/raises.ts).
    usesProject: true,
    messages: {
      gap: {
        text: 'The handler at line {clauseLine} releases with `{release}` only for the exception types it lists; any other exception from `{raiser}` (line {raiserLine}) leaves the function without that release',
        fix: 'Release in a `finally`, or in an `except Exception:` handler that re-raises (`excutils.save_and_reraise_exception()`), so every failure of the protected steps runs `{release}`',
      },
      weak: {
        text: 'The handler at line {clauseLine} releases with `{release}` only for the exception types it lists; `{raiser}` (line {raiserLine}) calls a parameter (an unknown callee) or a function of the project whose own raises are all listed, so only failures of what it calls (the database, the hypervisor, a library) would leave without that release',
        fix: 'Release in a `finally`, or in an `except Exception:` handler that re-raises, if those failures must also run `{release}`',
      },
    },
    docs: {
      summary: 'Rollback that runs only for the exception types a handler lists',
      why: 'Class: improper cleanup on a thrown exception (CWE-460, a child of CWE-459 Incomplete Cleanup). A function writes data to a store, creates a port or a volume, then runs further steps in a `try`; its handler for some exception types (`except (NotFound, Conflict):`) deletes what was written and fails the request. The steps can raise other types as well — an expired token (`NotAuthenticated`), a connection error, a timeout — and those leave the function with the data, port or volume still allocated: untracked storage that bypasses the tenant\'s quota and fills the backend. Real fixes: glance (OSSA-2015-020, CVE-2015-5286, LP#1498163: image data left in the store when the upload failed with NotAuthenticated, in the v1 and v2 upload paths and the image import task) and ironic (change I2a6bca35: node cleaning error handling caught only two exception types, leaving cleaning state behind). Reported when the handler is not a catch-all, calls a release (a modelled release of an outside resource, directly or through a helper in the same file, or a release-named call that is not an in-memory edit) and then leaves the function, and a failing step of the try body has an exception path to the caller that passes no call of the same release (no catch-all sibling, `finally` or enclosing handler runs it). What counts as such a step is bounded by what its raise set is known to be: a function of the same file that raises only listed types, and a library call whose documented raise set the listed types cover (cryptography\'s `verify()` raises only `InvalidSignature`, data in models/python/exceptionRoots.ts), are no escaping steps; translation markers (`_LI(...)`) are none. When every escaping step is a call of a parameter (the callee is whatever the caller passes) or of a function of the project (this file, or another file through the project facts) whose own `raise` statements raise only listed types (its other failures are the database\'s or the hypervisor\'s, which the request cannot provoke), the finding is low confidence (`--min-confidence low`).',
      example: 'from oslo_utils import excutils\n\n\ndef upload(store, registry, image_id, data):\n    location = store.add(image_id, data)\n    try:\n        registry.activate(image_id, location)\n    except (NotFound, Conflict):\n        with excutils.save_and_reraise_exception():\n            store.delete_from_backend(location)\n',
      useInstead: 'from oslo_utils import excutils\n\n\ndef upload(store, registry, image_id, data):\n    location = store.add(image_id, data)\n    try:\n        registry.activate(image_id, location)\n    except Exception:\n        with excutils.save_and_reraise_exception():\n            store.delete_from_backend(location)\n',
      fix: 'Catch every exception for the rollback (`except Exception:` with `save_and_reraise_exception()`, or `finally` with a success flag); keep the typed handlers only for choosing the error returned to the user.',
      references: ['https://cwe.mitre.org/data/definitions/460.html', 'https://cwe.mitre.org/data/definitions/459.html', 'https://security.openstack.org/ossa/OSSA-2015-020.html', 'https://docs.openstack.org/oslo.utils/latest/reference/excutils.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      function_definition(fn) {
        const project = ctx.project.slice.raises;
        const raisesElsewhere = (call: SyntaxNode): readonly string[] | undefined => {
          if (!project) return undefined;
          const target = ctx.project.targetOf(ctx.model, call);
          return target === null ? undefined : ctx.project.raises(target);
        };
        for (const gap of typedRollbackGaps(ctx.model, fn, raisesElsewhere)) {
          const release = calleeText(gap.release);
          // Weak evidence (an unknown callee, or a checker raising only listed types): low confidence, shown with
          // --min-confidence low.
          const weak = gap.evidence === 'weak';
          ctx.report({
            node: gap.clause,
            messageId: weak ? 'weak' : 'gap',
            ...(weak ? { confidence: 'low' as const } : {}),
            data: { clauseLine: line(gap.clause), release, raiser: brief(gap.raiser, 50), raiserLine: line(gap.raiser) },
            evidence: [
              { node: gap.raiser, message: `\`${brief(gap.raiser, 40)}\` may raise a type the handler does not list (line ${line(gap.raiser)})` },
              { node: gap.release, message: `released only in the typed handler (line ${line(gap.release)})` },
            ],
          });
        }
      },
    };
  },
});
