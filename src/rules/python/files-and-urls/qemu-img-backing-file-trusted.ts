// The backing file that `qemu-img info` reported for an image probed without a format, handed on as a path (returned,
// joined, passed to a command) with no check that rejects it: the image's header chose that path. The class of
// OSSA-2014-033 (CVE-2014-3641, cinder remotefs) and OSSA-2015-014 (CVE-2015-5163, glance import). It does not judge
// conversions (the format and probed-image rules do) nor reads of a backing file that are only logged or compared.
import { assignmentTargeting, callee, descendantsOfType, dottedName, enclosingFunction, keywordArg, mentionsName, positionalArgs, stringValue, targetNames, unparenthesize } from '../../../languages/python/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { BACKING_FILE_FIELDS, PROBE_OUTPUT_PARSERS, namesFormatParameter, namesProbeByConvention, pinsFormat, qemuImgSubcommand } from '../../../models/python/qemuImg.js';
import { hasKeywordSplat, processCommand } from '../../../rulekit/commandWords.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { imageHandling, mayHandleImages, projectHasImageRoles } from '../../../rulekit/imageHandling.js';
import { abbreviate } from '../../../rulekit/text.js';
import type { Visitors } from '../../../rulekit/types.js';

/** Calls that only look at a path's text or test it: a backing file passed to them is not yet used as a file. */
const PATH_TESTS: ReadonlySet<string> = new Set([
  'os.path.basename', 'os.path.dirname', 'os.path.split', 'os.path.exists', 'os.path.isfile', 'os.path.isabs',
  'str', 'bool', 'len', 'isinstance', 're.match', 're.fullmatch', 're.search',
]);

export default defineRule({
  meta: {
    id: 'qemu-img-backing-file-trusted',
    cwe: 73,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    // A probe wrapper in another file (cinder's image_utils.qemu_img_info) is a probe by its summary.
    usesProject: true,
    messages: {
      trusted: {
        text: '`{read}` is the backing file named in the header of `{image}`, which `{probe}` read without a pinned format; `{fn}` hands it on as a path without rejecting it, so whoever wrote the image\'s first bytes chooses which host file is opened',
        fix: 'Reject the backing file unless it matches the chain this service created (e.g. `re.match(expected_pattern, {read})` under the volume\'s own directory, else raise), or refuse images with any backing file; and probe `{image}` with its known format (`-f`)',
      },
    },
    docs: {
      summary: 'A backing file read from a qemu-img probe is used as a path without being checked',
      why: 'Class: external control of file name or path (CWE-73). A QCOW2 header names its backing file; `qemu-img info` reports it, and when the image was probed without `-f` the header is whatever the user (or the guest writing to a raw disk) put in its first bytes. A service that takes that name as the next file of a snapshot chain, joins it to its own directory or passes it to qemu-img lets the image point it at any host file: cinder\'s RemoteFS drivers (OSSA-2014-033, CVE-2014-3641) took the basename of whatever backing file a volume named and let snapshot and clone operations follow it; nova\'s live snapshot read the backing file of a raw disk with `qemu-img info` and no format, so a guest could name any host file as the snapshot\'s base (bug 1524274); glance\'s import task (OSSA-2015-014, CVE-2015-5163) converted images without refusing backing files. The fixes reject the backing file: cinder matches it against the names of the volume\'s own chain and raises, nova\'s `fetch_to_raw` and glance\'s import refuse any. The rule looks at a function that probes an image without a format (a qemu-img `info` command without `-f`; a probe wrapper given no format, and, when it is defined in another file, given nothing but the image: nova\'s fix passes it the disk\'s format, cinder\'s passes the volume whose chain the backing file must belong to), reads the report\'s backing file and returns it, or the report after rewriting it, or passes it to a call other than a test of its text; a raise under a condition on the backing file is the check.',
      example: 'import os\n\nfrom cinder.image import image_utils\n\n\ndef chain_info(path):\n    info = image_utils.qemu_img_info(path)\n    if info.backing_file:\n        info.backing_file = os.path.basename(info.backing_file)\n    return info\n',
      useInstead: 'import os\nimport re\n\nfrom cinder.image import image_utils\n\n\ndef chain_info(path, volume_name):\n    info = image_utils.qemu_img_info(path)\n    if info.backing_file:\n        if not re.match(r"%s(\\.[0-9a-f-]+)?$" % volume_name, os.path.basename(info.backing_file)):\n            raise ValueError("unexpected backing file")\n        info.backing_file = os.path.basename(info.backing_file)\n    return info\n',
      fix: 'Raise when the reported backing file is not one of the files the service itself chained to the image (match it against the expected names in the expected directory), or refuse any backing file for images a user supplied; probe with the known format so a raw disk\'s content is never read as a QCOW2 header.',
      references: [
        'https://cwe.mitre.org/data/definitions/73.html',
        'https://security.openstack.org/ossa/OSSA-2014-033.html',
        'https://security.openstack.org/ossa/OSSA-2015-014.html',
        'https://bugs.launchpad.net/nova/+bug/1524274',
        'https://www.qemu.org/docs/master/tools/qemu-img.html',
      ],
    },
  },
  create(ctx): Visitors {
    // Every finding is a read of a backing-file field (an attribute or a key): a file or function that never names
    // one cannot have a finding, and asking each of its calls whether it probes is what this rule costs.
    if (![...BACKING_FILE_FIELDS].some((field) => ctx.model.source.includes(field))) return {};
    if (!projectHasImageRoles(ctx.project) && !mayHandleImages(ctx.model)) return {};
    const model = ctx.model;
    const images = imageHandling(model, ctx.project);

    /** Whether `call` probes an image and lets qemu-img guess its format (depth bounds same-file wrappers). */
    const unpinnedProbe = (call: SyntaxNode, depth: number): boolean => {
      const fnNode = callee(call);
      const def = fnNode ? model.definitionOf(fnNode) : null;
      if (def) {
        // A same-file wrapper that reads the backing file itself is judged on its own; one that only hands the
        // report back is a probe when it probes unpinned and its caller passes no format.
        if (depth > 1 || readsBackingField(def) || formatGiven(call, def)) return false;
        return descendantsOfType(def, 'call').some((c) => enclosingFunction(c)?.id === def.id && unpinnedProbe(c, depth + 1));
      }
      // A parser of probe output (or an empty report filled from a cache) probes nothing itself.
      if (PROBE_OUTPUT_PARSERS.has(model.callName(call) ?? '')) return false;
      const role = images.callRole(call);
      const command = processCommand(model, call);
      const sub = command && qemuImgSubcommand(command.words);
      if (sub) return role?.role === 'probe' && !command!.words.some(pinsFormat);
      if (role !== null && role.role !== 'probe') return false;
      const last = fnNode?.type === 'attribute' ? fnNode.childForFieldName('attribute')?.text ?? null : fnNode?.type === 'identifier' ? fnNode.text : null;
      if (role === null && !namesProbeByConvention(last)) return false;
      return !formatGiven(call, null);
    };

    return {
      function_definition(fn) {
        if (!readsBackingField(fn)) return;
        const probes = descendantsOfType(fn, 'call').filter((c) => enclosingFunction(c)?.id === fn.id && unpinnedProbe(c, 0));
        if (probes.length === 0) return;
        const reports = derivedNames(fn, (right) => probes.some((p) => within(p, right)), new Set());
        const reads = backingReads(fn, probes, reports);
        if (reads.length === 0) return;
        const readIds = new Set(reads.map((r) => r.id));
        const backing = derivedNames(fn, (right) => containsAny(right, readIds), new Set());
        const mentionsBacking = (node: SyntaxNode): boolean => containsAny(node, readIds) || mentionsName(node, backing);
        if (rejects(fn, mentionsBacking)) return;
        if (!handsOn(fn, mentionsBacking, reports, model)) return;
        const probe = probes[0]!;
        const image = positionalArgs(probe).map((a) => a.text).find((t) => !/^['"]/.test(t)) ?? 'the image';
        ctx.report({
          node: reads[0]!,
          messageId: 'trusted',
          data: {
            read: abbreviate(reads[0]!.text),
            image: abbreviate(image),
            probe: abbreviate(dottedName(callee(probe)) ?? 'qemu-img info'),
            fn: fn.childForFieldName('name')?.text ?? 'the function',
          },
          evidence: [{ node: probe, message: 'the image is probed here and qemu-img guesses its format from the header' }],
        });
      },
    };
  },
});

/** `format=`/`img_format=` given by keyword, or a positional argument that lands on such a parameter of `def`. */
function formatGiven(call: SyntaxNode, def: SyntaxNode | null): boolean {
  if (hasKeywordSplat(call)) return true;
  const args = call.childForFieldName('arguments');
  for (const a of args?.namedChildren ?? []) {
    if (a?.type === 'keyword_argument' && namesFormatParameter(a.childForFieldName('name')?.text ?? '')) return true;
  }
  const positional = positionalArgs(call);
  if (def === null) {
    // Another file's wrapper: a second argument may be the format (nova's qemu_img_info(path, format)) or what the
    // wrapper checks the backing file against (cinder's _qemu_img_info(path, volume_name)); given only the image,
    // it has nothing to check it with.
    return positional.length > 1;
  }
  const params = def.childForFieldName('parameters')?.namedChildren ?? [];
  const names = params.map((p) => (p?.type === 'identifier' ? p.text : p?.childForFieldName('name')?.text ?? p?.namedChild(0)?.text ?? ''));
  const offset = names[0] === 'self' || names[0] === 'cls' ? 1 : 0;
  return positional.some((_, i) => namesFormatParameter(names[i + offset] ?? ''));
}

/** Whether `fn` reads a backing-file field of anything (`x.backing_file`, `x['backing-filename']`). */
function readsBackingField(fn: SyntaxNode): boolean {
  return descendantsOfType(fn, 'attribute').some((a) => BACKING_FILE_FIELDS.has(a.childForFieldName('attribute')?.text ?? '')) ||
    descendantsOfType(fn, 'string').some((s) => BACKING_FILE_FIELDS.has(stringValue(s) ?? ''));
}

/** Names bound, in source order, to a right-hand side `seeds` accepts or that mentions a name already bound. */
function derivedNames(fn: SyntaxNode, seeds: (right: SyntaxNode) => boolean, out: Set<string>): Set<string> {
  for (const a of descendantsOfType(fn, 'assignment')) {
    const right = a.childForFieldName('right');
    if (right && (seeds(right) || mentionsName(right, out))) for (const n of targetNames(a.childForFieldName('left'))) out.add(n);
  }
  return out;
}

/** The reads of a backing-file field on a probe's report (a name bound to it, or the probe call itself). */
function backingReads(fn: SyntaxNode, probes: readonly SyntaxNode[], reports: ReadonlySet<string>): SyntaxNode[] {
  const ofReport = (node: SyntaxNode | null): boolean => node !== null && (mentionsName(node, reports) || probes.some((p) => within(p, node)));
  const out: SyntaxNode[] = [];
  for (const a of descendantsOfType(fn, 'attribute')) {
    if (!BACKING_FILE_FIELDS.has(a.childForFieldName('attribute')?.text ?? '') || !ofReport(a.childForFieldName('object'))) continue;
    // `info.backing_file = …` writes the field; the read is on the right-hand side.
    if (assignmentTargeting(a)) continue;
    out.push(a);
  }
  for (const s of descendantsOfType(fn, 'string')) {
    if (!BACKING_FILE_FIELDS.has(stringValue(s) ?? '')) continue;
    const holder = s.parent?.type === 'argument_list' ? s.parent.parent : s.parent;
    if (holder?.type === 'subscript' && ofReport(holder.childForFieldName('value'))) out.push(holder);
    else if (holder?.type === 'call' && ofReport(callee(holder))) out.push(holder);
  }
  return out.sort((x, y) => x.startIndex - y.startIndex);
}

const TESTS: ReadonlySet<string> = new Set(['comparison_operator', 'not_operator', 'boolean_operator']);

/** A raise under an `if`/`elif` whose condition looks at the backing file: the function rejects it. */
function rejects(fn: SyntaxNode, mentionsBacking: (node: SyntaxNode) => boolean): boolean {
  return descendantsOfType(fn, new Set(['if_statement', 'elif_clause'])).some((branch) => {
    const condition = branch.childForFieldName('condition');
    const body = branch.childForFieldName('consequence');
    return condition !== null && body !== null && mentionsBacking(condition) && descendantsOfType(body, 'raise_statement').length > 0;
  });
}

/**
 * Whether the backing file leaves `fn` as a path: returned (or the report returned after its backing field was
 * rewritten), or passed to a call that is not a log call, an exception being raised or a test of its text.
 */
function handsOn(fn: SyntaxNode, mentionsBacking: (node: SyntaxNode) => boolean, reports: ReadonlySet<string>, model: { callName(c: SyntaxNode): string | null; loggingCall(c: SyntaxNode): unknown }): boolean {
  const rewritten = descendantsOfType(fn, 'assignment').some((a) => {
    const left = a.childForFieldName('left');
    return left?.type === 'attribute' && BACKING_FILE_FIELDS.has(left.childForFieldName('attribute')?.text ?? '') && mentionsName(left.childForFieldName('object'), reports);
  });
  for (const r of descendantsOfType(fn, 'return_statement')) {
    const value = r.namedChild(0);
    // `return info.backing_file is not None` answers a question about the file; it does not hand the path on.
    if (value && TESTS.has(unparenthesize(value).type)) continue;
    if (value && (mentionsBacking(value) || (rewritten && mentionsName(value, reports)))) return true;
  }
  for (const call of descendantsOfType(fn, 'call')) {
    if (enclosingFunction(call)?.id !== fn.id || model.loggingCall(call) !== null) continue;
    if (PATH_TESTS.has(model.callName(call) ?? '') || insideRaise(call)) continue;
    const args = call.childForFieldName('arguments');
    if (args && args.namedChildren.some((a) => a !== null && mentionsBacking(unparenthesize(a)))) return true;
  }
  return false;
}

function insideRaise(node: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'raise_statement') return true;
    if (n.type === 'function_definition') return false;
  }
  return false;
}

function within(inner: SyntaxNode, outer: SyntaxNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

function containsAny(node: SyntaxNode, ids: ReadonlySet<number>): boolean {
  if (ids.has(node.id)) return true;
  for (const c of node.namedChildren) if (c && containsAny(c, ids)) return true;
  return false;
}
