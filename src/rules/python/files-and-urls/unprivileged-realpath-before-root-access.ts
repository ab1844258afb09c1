// CWE-59: a containment check resolves a joined path with `os.path.realpath` as the service user, and the checked
// path is then used by a command running as root. realpath cannot follow links in directories the service user may
// not read, so a symlink planted in the (guest-controlled) tree is resolved differently by the root command.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { calleeName, descendantsOfType, enclosingFunction, mentionsName, targetNames } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { argumentValues, brief, callsIn, calleeText, line, rootUseOf } from '../../../rulekit/openstack.js';

/** The realpath argument is (or was assigned from) a join with more than one component. */
function resolvesJoin(model: PythonModel, arg: SyntaxNode, body: SyntaxNode): boolean {
  const isJoin = (n: SyntaxNode): boolean => callsIn(n).some((c) => model.callName(c) === 'os.path.join' && argumentValues(c).length > 1);
  if (isJoin(arg)) return true;
  if (arg.type !== 'identifier') return false;
  return descendantsOfType(body, 'assignment').some((a) => a.childForFieldName('left')?.text === arg.text && isJoin(a.childForFieldName('right')!));
}

/** Where the checked path goes as root: in this function, or in a same-module caller of it that uses its result. */
function rootUse(model: PythonModel, fn: SyntaxNode, body: SyntaxNode, held: Set<string>, after: number): { use: SyntaxNode; caller: string | null } | null {
  const local = rootUseOf(model, body, held, after);
  if (local) return { use: local, caller: null };
  const returned = descendantsOfType(body, 'return_statement').some((r) => mentionsName(r, held));
  const name = fn.childForFieldName('name')?.text;
  if (!returned || !name) return null;
  for (const caller of model.functions()) {
    const callerBody = caller.childForFieldName('body');
    if (!callerBody || caller.id === fn.id) continue;
    for (const call of callsIn(callerBody)) {
    if (calleeName(call) !== name || call.parent?.type !== 'assignment') continue;
    const use = rootUseOf(model, callerBody, new Set(targetNames(call.parent.childForFieldName('left'))), call.endIndex);
    if (use) return { use, caller: caller.childForFieldName('name')?.text ?? '' };
    }
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'unprivileged-realpath-before-root-access',
    cwe: 59,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      mismatch: {
        text: '`{realpath}` at line {line} resolves `{held}` as the service user for the containment check, but {where}`{use}` (line {useLine}) runs as root on it: links the service user cannot read are not resolved by the check yet followed by the root command',
        fix: 'Resolve the path with the same privilege as the operation (e.g. `execute(\'readlink\', \'-nm\', path, run_as_root=True)`), check the result against the resolved root, and pass that resolved path to `{use}`',
      },
    },
    docs: {
      summary: 'Containment check with os.path.realpath (unprivileged) for a path that a root command then uses',
      why: 'When a guest image is mounted on the host, directories inside it may be unreadable by the service user. `os.path.realpath` then silently stops resolving at such a directory, so a symlink below it (planted by the guest) passes a prefix check; the command run as root follows it out of the mount and writes host files (CWE-59, CWE-367).',
      example: 'import os\nfrom cloudlab import utils\n\n\ndef write_into_image(fs, rel, data):\n    target = os.path.realpath(os.path.join(fs, rel))\n    if not target.startswith(os.path.realpath(fs) + "/"):\n        raise ValueError(rel)\n    utils.execute("tee", target, process_input=data, run_as_root=True)\n',
      useInstead: 'import os\nfrom cloudlab import utils\n\n\ndef write_into_image(fs, rel, data):\n    target, _err = utils.execute("readlink", "-nm", os.path.join(fs, rel), run_as_root=True)\n    if not target.startswith(os.path.realpath(fs) + "/"):\n        raise ValueError(rel)\n    utils.execute("tee", target, process_input=data, run_as_root=True)\n',
      fix: 'Resolve links with the privilege of the later operation (`readlink -nm` through rootwrap/privsep), or open the file relative to a directory file descriptor with O_NOFOLLOW; check and use the same resolved string.',
      references: ['https://cwe.mitre.org/data/definitions/59.html', 'https://cwe.mitre.org/data/definitions/367.html', 'https://docs.python.org/3/library/os.path.html#os.path.realpath'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      call(node) {
        if (ctx.model.callName(node) !== 'os.path.realpath') return;
        const arg = argumentValues(node)[0];
        const fn = enclosingFunction(node);
        const body = fn?.childForFieldName('body');
        if (!arg || !fn || !body || !resolvesJoin(ctx.model, arg, body)) return;
        const stmt = node.parent?.type === 'assignment' ? node.parent : null;
        const held = new Set(stmt ? targetNames(stmt.childForFieldName('left')) : []);
        if (held.size === 0) return;
        // The resolved path must be the subject of a prefix check: that is what makes this a containment check.
        const checked = callsIn(body).some((c) => calleeName(c) === 'startswith' && mentionsName(c.childForFieldName('function'), held));
        if (!checked) return;
        const found = rootUse(ctx.model, fn, body, held, node.endIndex);
        if (!found) return;
        const heldName = [...held][0]!;
        ctx.report({
          node,
          messageId: 'mismatch',
          data: { realpath: brief(node, 50), line: line(node), held: heldName, where: found.caller ? `its caller \`${found.caller}\` passes it to ` : '', use: calleeText(found.use), useLine: line(found.use) },
          evidence: [
            { node, message: `resolved without privileges (line ${line(node)})` },
            { node: found.use, message: `used with run_as_root=True (line ${line(found.use)})` },
          ],
        });
      },
    };
  },
});
