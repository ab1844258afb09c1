// The convention rule judges read handlers and handlers whose only input is the request, learns which parameter is
// the request from what the siblings pass to their check, and reports at the handler with the majority as evidence.
// Guards src/rules/python/access-control/authorization-convention-deviant.ts.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

const rules = allRules().filter((r) => r.meta.id === 'authorization-convention-deviant');

/** A V2-style controller: handlers get the router's context dict and pass it to the inherited check. */
function controller(readCheck: boolean): string {
  const admin = (name: string, body: string): string => `    def ${name}(self, context, item_id):\n        self.assert_admin(context)\n        ${body}\n\n`;
  return `from dock.common import wsgi


class CrateController(wsgi.Application):
${admin('get_crate', 'return self.crates.get(item_id)')}${admin('delete_crate', 'self.crates.delete(item_id)')}${admin('lock_crate', 'self.crates.lock(item_id)')}${admin('unlock_crate', 'self.crates.unlock(item_id)')}${admin('seal_crate', 'self.crates.seal(item_id)')}${admin('ship_crate', 'self.crates.ship(item_id)')}
    def get_crate_labels(self, context, item_id):
${readCheck ? '        self.assert_admin(context)\n' : ''}        labels = self.crates.labels_of(item_id)
        return {'labels': labels}
`;
}

describe('authorization-convention-deviant', () => {
  it('reports a read handler that skips the check its siblings pass the request context to', async () => {
    const { findings } = await analyzePython('crates.py', controller(false), rules, { keepSuppressed: false });
    expect(findings.map((f) => [f.range.startLine, f.message])).toEqual([[
      31,
      '6 of 7 public request-handling methods of `CrateController` authorise before they act (`self.assert_admin` in 6); `get_crate_labels` (line 30) does not: it reaches `self.crates.labels_of(item_id)` at line 31 with no check on every path',
    ]]);
    expect(findings[0]!.evidence?.map((e) => e.range.startLine)).toContain(30);
  });

  it('is quiet once the read handler checks too', async () => {
    const { findings } = await analyzePython('crates.py', controller(true), rules, { keepSuppressed: false });
    expect(findings).toEqual([]);
  });

  it('does not judge the same methods when nothing says the context came from a request', async () => {
    // Without the check that takes the request's context, `context` is just a parameter: an internal API.
    const source = controller(false).replace(/self\.assert_admin\(context\)/g, 'context.can("crate")');
    const { findings } = await analyzePython('crates.py', source, rules, { keepSuppressed: false });
    expect(findings).toEqual([]);
  });
});
