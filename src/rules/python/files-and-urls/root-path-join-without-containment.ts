// CWE-22: a path built with `os.path.join(root, <parameter>)` is handed to a command run as root (rootwrap's
// `execute(..., run_as_root=True)`) and the function never checks that the joined path stays under `root`. File
// injection into guest images is the classic case: `../../etc/shadow` or an absolute path writes into the host.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { calleeName, descendantsOfType, enclosingFunction, mentionsName, targetNames } from '../../../languages/python/syntax.js';
import { CONTAINMENT_HELPER, PATH_NORMALISERS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { argumentValues, brief, callsIn, calleeText, line, rootUseOf, runsAsRoot } from '../../../rulekit/openstack.js';
import type { PythonModel } from '../../../languages/python/model.js';

/** Calls whose result is the last component of a path (no separator left in it). */
const LAST_COMPONENT: ReadonlySet<string> = new Set(['os.path.basename', 'posixpath.basename', 'ntpath.basename']);

/** Parameters and the locals computed from them (`rel = path.lstrip('/')`). */
function parameterValues(model: PythonModel, fn: SyntaxNode, body: SyntaxNode): Set<string> {
  const out = new Set(model.parameters(fn).filter((p) => !p.receiver).map((p) => p.name));
  for (const a of descendantsOfType(body, 'assignment')) {
    if (mentionsName(a.childForFieldName('right'), out)) for (const t of targetNames(a.childForFieldName('left'))) out.add(t);
  }
  return out;
}

/** A containment check in the function: a normalised path compared by prefix, `commonpath`, or a checking helper. */
function hasContainmentCheck(model: PythonModel, body: SyntaxNode): boolean {
  const calls = callsIn(body);
  const normalises = calls.some((c) => PATH_NORMALISERS.has(model.callName(c) ?? '') || /^(realpath|abspath|normpath|resolve)$/.test(calleeName(c) ?? ''));
  const prefix = calls.some((c) => /^(startswith|is_relative_to|relative_to)$/.test(calleeName(c) ?? ''));
  return (normalises && prefix) || calls.some((c) => CONTAINMENT_HELPER.test(calleeName(c) ?? ''));
}

export default defineRule({
  meta: {
    id: 'root-path-join-without-containment',
    cwe: 22,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      escape: {
        text: '`{join}` at line {line} puts `{component}` under `{root}`, and `{use}` at line {useLine} uses the result as root without checking it stays inside `{root}`: `..` components or an absolute path reach any file on the host',
        fix: 'Resolve the joined path and require it to start with `os.path.realpath({root}) + os.sep` before `{use}` (resolve it as root too, e.g. `readlink -nm`, when the tree is not readable by the service user)',
      },
    },
    docs: {
      summary: 'Joined path with a caller-supplied component used by a root command without a containment check',
      why: '`os.path.join` does not confine: a component with `..` walks out of the base directory and an absolute component replaces it. When the result is written or created by a command running as root (rootwrap/privsep), a user who chooses the file name (for example an injected file path in a server-create request) can overwrite any host file (CWE-22).',
      example: 'from cloudlab import utils\nimport os\n\n\ndef inject_file(fs_root, path, contents):\n    target = os.path.join(fs_root, path.lstrip("/"))\n    utils.execute("tee", target, process_input=contents, run_as_root=True)\n',
      useInstead: 'from cloudlab import utils\nimport os\n\n\ndef inject_file(fs_root, path, contents):\n    target = os.path.realpath(os.path.join(fs_root, path.lstrip("/")))\n    if not target.startswith(os.path.realpath(fs_root) + "/"):\n        raise ValueError("injected file path escapes the guest root")\n    utils.execute("tee", target, process_input=contents, run_as_root=True)\n',
      fix: 'Normalise the joined path (realpath, or `readlink -nm` run with the same privilege as the write) and reject it unless it starts with the normalised root plus a separator; never rely on stripping `/`.',
      references: ['https://cwe.mitre.org/data/definitions/22.html', 'https://docs.python.org/3/library/os.path.html#os.path.join', 'https://docs.openstack.org/oslo.rootwrap/latest/'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      call(node) {
        if (ctx.model.callName(node) !== 'os.path.join') return;
        const fn = enclosingFunction(node);
        const body = fn?.childForFieldName('body');
        if (!fn || !body) return;
        const args = argumentValues(node);
        const values = parameterValues(ctx.model, fn, body);
        // `os.path.basename(p)` keeps one component: no separator, so no walk to an arbitrary host file.
        const component = args.slice(1).find((a) => mentionsName(a, values) && !(a.type === 'call' && LAST_COMPONENT.has(ctx.model.callName(a) ?? '')));
        if (!component || !args[0]) return;
        const holder = node.parent?.type === 'assignment' ? node.parent.childForFieldName('left') : null;
        const names = new Set(holder ? targetNames(holder) : []);
        // `args.append(os.path.join(root, p))`: the argument list now holds the path.
        const container = node.parent?.type === 'argument_list' ? node.parent.parent : null;
        if (container?.type === 'call' && /^(append|extend|insert)$/.test(calleeName(container) ?? '')) {
          const obj = container.childForFieldName('function')?.childForFieldName('object');
          if (obj?.type === 'identifier') names.add(obj.text);
        }
        const sink = names.size > 0 ? rootUseOf(ctx.model, body, names, node.endIndex) : enclosingRootCall(ctx.model, node, body);
        if (!sink || hasContainmentCheck(ctx.model, body)) return;
        const root = brief(args[0], 30);
        ctx.report({
          node,
          messageId: 'escape',
          data: { join: brief(node, 50), line: line(node), component: brief(component, 30), root, use: calleeText(sink), useLine: line(sink) },
          evidence: [
            { node: component, message: `\`${brief(component, 30)}\` comes from a parameter of \`${fn.childForFieldName('name')?.text ?? ''}\`` },
            { node, message: `joined under \`${root}\` without normalisation (line ${line(node)})` },
            { node: sink, message: `used by \`${calleeText(sink)}\` with run_as_root=True (line ${line(sink)})` },
          ],
        });
      },
    };
  },
});

/** `execute('tee', os.path.join(root, p), run_as_root=True)`: the join is an argument of a root call itself. */
function enclosingRootCall(model: PythonModel, join: SyntaxNode, body: SyntaxNode): SyntaxNode | null {
  const call = join.parent?.type === 'argument_list' ? join.parent.parent : null;
  return call?.type === 'call' && runsAsRoot(model, call, body) ? call : null;
}
