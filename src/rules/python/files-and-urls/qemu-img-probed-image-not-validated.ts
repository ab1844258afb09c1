// An image probed with `qemu-img info` and then converted, with nothing in between that rejects what the probe found:
// the header's backing file, QCOW2 data file or VMDK extents still name host files, and the format qemu-img detected
// is never held against the format the image was declared as. The class of OSSA-2015-014, OSSA-2023-002, OSSA-2024-001.
// Conversions without any format are the format rule's; this one is about the `-f fmt` (or wrapper) that looks safe,
// the unpinned probe whose report the service then acts on, and the caller that hands a same-file converter a path
// it was given without checking it.
import { dottedName, enclosingFunction, positionalArgs, targetNames, unparenthesize } from '../../../languages/python/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { PROBE_SUBCOMMANDS, pinsFormat, qemuImgSubcommand } from '../../../models/python/qemuImg.js';
import { processCommand } from '../../../rulekit/commandWords.js';
import { abbreviate } from '../../../rulekit/text.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { imageHandling, imageOperands, mayHandleImages, projectHasImageRoles, returnedExpressions } from '../../../rulekit/imageHandling.js';
import type { Visitors } from '../../../rulekit/types.js';

export default defineRule({
  meta: {
    id: 'qemu-img-probed-image-not-validated',
    cwe: 610,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    // Wrappers in other files (nova's images.convert_image, ironic's images.image_to_raw) count by their summaries.
    usesProject: true,
    messages: {
      converted: {
        text: '`{call}` converts `{image}` after `{probe}` probed it, but nothing here rejects what the probe reported: a QCOW2 backing file or data file, or VMDK extents, in the image\'s header still name host files the conversion reads, and the detected format is never compared with the format the image was declared as',
        fix: 'Before converting `{image}`, inspect it with oslo.utils format_inspector (`detect_file_format`, `safety_check()`) and raise when the detected format differs from the declared disk format; or at least raise on the probe\'s backing file and on its format-specific data (QCOW2 `data-file`, VMDK `create-type` other than monolithicSparse/streamOptimized)',
      },
      probed: {
        text: '`{call}` runs `qemu-img {subcommand}` on `{image}` without `-f` and before anything inspects it, and {use}: qemu-img takes the format from the image\'s own header and, while probing, opens the backing file, QCOW2 data file or VMDK extents that header names, so an image a user supplied decides both its format and which host files are opened',
        fix: 'Inspect `{image}` before qemu-img opens it (oslo.utils format_inspector: `detect_file_format`/`get_inspector(declared).from_file(...)`, `safety_check()`), require the detected format to equal the declared one, and pass that format with `-f` to the probe',
      },
      wrapped: {
        text: '`{call}` converts `{image}`, which this function was handed, and `{inner}` inside it runs qemu-img without `-f`; nothing here inspects `{image}` or rejects a backing file first, so a header written into the image (a QCOW2 backing file or data file, VMDK extents) makes the conversion read host files into its output',
        fix: 'Before `{call}`, inspect `{image}` (oslo.utils format_inspector and `safety_check()`, or at least a probe whose backing file and format-specific data are rejected), and have the conversion pin the verified format with `-f`',
      },
    },
    docs: {
      summary: 'An image probed with qemu-img is converted without rejecting its backing file, data file or extents; an unpinned probe decides how an image is handled',
      why: 'Class: externally controlled reference to a resource in another sphere (CWE-610). A service that runs `qemu-img info` on an upload and converts it with the format qemu-img reported (or with the format the user declared, never compared with the detected one) lets the image\'s own header decide what qemu-img opens: a QCOW2 backing file or external data file, or the extents of a multi-file VMDK, all host paths, are read into the converted image the user gets back. Pinning `-f` to what qemu-img itself detected does not help. The class recurs in OpenStack\'s advisories: OSSA-2015-014 (CVE-2015-5163, Glance import followed a QCOW2 backing file), OSSA-2023-002 (CVE-2022-47951, VMDK flat descriptors naming host files, fixed in Cinder by `check_image_format` — detected format must equal the declared one, VMDK create-type allow-list — and in Glance\'s import conversion by refusing backing files and multi-file VMDKs) and OSSA-2024-001 (CVE-2024-32498, QCOW2 data-file, fixed in Nova, Cinder and Glance with oslo.utils\' format_inspector). The rule asks that the function read the probe\'s format or structure (not only sizes), and counts it clean when it calls a format inspector or `safety_check()`, raises when the probe\'s format differs from a value that is not a literal, or looks at both the backing file and the format-specific data of the report; a helper that does so counts, in this file or, through the project facts, in another. Two more shapes of the same class are reported. (1) The probe itself: `qemu-img info` without `-f`, with no format inspector ahead of it, whose report decides something — the image is converted after it, its detected format is read, or the report is handed back by a wrapper — reads the format from the header and opens the files the header names; OSSA-2024-001\'s fixes pinned `-f` to an inspected format in exactly these probes (Cinder\'s `image_utils.qemu_img_info`, Glance\'s image-conversion plugin, Nova\'s `qemu_img_info`), so one finding is raised at the probe (none when the conversion after it is already reported, or when the function reads only the backing file and data file to refuse them). (2) The caller of a same-file helper that converts without `-f`: a function that hands the helper a path it was itself given, inspecting and probing nothing first, is where the check belongs (OSSA-2015-011, CVE-2015-1851: Cinder\'s `upload_volume` converted a volume a user writes to through `convert_image`; the fix refuses a backing file before the call); it is reported where the path enters the file\'s conversion chain (a function no other function of the file calls), the helper\'s unpinned command as evidence.',
      example: 'import json\n\nfrom oslo_concurrency import processutils\n\n\ndef to_raw(path, dest):\n    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)\n    fmt = json.loads(out)["format"]\n    processutils.execute("qemu-img", "convert", "-f", fmt, "-O", "raw", path, dest)\n',
      useInstead: 'import json\n\nfrom oslo_concurrency import processutils\nfrom oslo_utils.imageutils import format_inspector\n\n\ndef to_raw(path, dest, disk_format):\n    inspector = format_inspector.detect_file_format(path)\n    inspector.safety_check()\n    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)\n    fmt = json.loads(out)["format"]\n    if fmt != disk_format:\n        raise ValueError("image is not in its declared format")\n    processutils.execute("qemu-img", "convert", "-f", fmt, "-O", "raw", path, dest)\n',
      fix: 'Inspect the image before converting it: oslo.utils `format_inspector.detect_file_format(path)` and `safety_check()` (which refuse backing files, data files and multi-file VMDKs), and raise when the detected format differs from the declared disk format; then pass that format with `-f`.',
      references: [
        'https://cwe.mitre.org/data/definitions/610.html',
        'https://security.openstack.org/ossa/OSSA-2015-011.html',
        'https://security.openstack.org/ossa/OSSA-2015-014.html',
        'https://security.openstack.org/ossa/OSSA-2023-002.html',
        'https://security.openstack.org/ossa/OSSA-2024-001.html',
        'https://docs.openstack.org/oslo.utils/latest/reference/imageutils.html',
      ],
    },
  },
  create(ctx): Visitors {
    // A file naming no image API can still call another file's wrappers: then its slice gives them image roles.
    if (!projectHasImageRoles(ctx.project) && !mayHandleImages(ctx.model)) return {};
    const images = imageHandling(ctx.model, ctx.project);
    return {
      call(node) {
        const role = images.callRole(node);
        if (role?.role === 'probe') {
          unpinnedProbe(node);
          return;
        }
        if (role?.role !== 'convert' || role.format === 'literal' || role.format === 'none') return;
        const fn = enclosingFunction(node);
        if (!fn) return;
        const probe = convertedAfterProbe(node, fn, images);
        if (probe) {
          ctx.report({
            node,
            messageId: 'converted',
            data: { call: role.name, image: abbreviate(probe.image), probe: probe.name },
            evidence: [{ node: probe.call, message: `\`${probe.name}\` probes \`${probe.image}\` and lets qemu-img detect its format` }],
          });
          return;
        }
        unvalidatedWrapperCall(node, fn, role.name);
      },
    };

    /**
     * `qemu-img info` (or another probe subcommand) without `-f` on an image nothing inspected first, whose report
     * decides how the image is handled: the function reads its format or structure, or hands the report back.
     */
    function unpinnedProbe(node: SyntaxNode): void {
      const command = processCommand(ctx.model, node);
      const sub = command && qemuImgSubcommand(command.words);
      if (!sub || !PROBE_SUBCOMMANDS.has(sub.name) || command!.words.some(pinsFormat)) return;
      const fn = enclosingFunction(node);
      if (!fn) return;
      const image = [...imageOperands(node)][0];
      if (!image) return;
      // A format inspector (or a same-file helper that validates) ahead of the probe has vetted what qemu-img opens.
      if (callsBefore(node, fn).some((c) => images.callRole(c)?.role === 'inspect')) return;
      // The report decides something: the image is converted after it, its detected format is read, or it is
      // handed back to callers. A function that reads only the backing file and data file to refuse them uses the
      // probe as its check, and probing without `-f` alone opens those files without copying them out.
      const later = fn.descendantsOfType('call').filter((c) => c.startIndex > node.endIndex && enclosingFunction(c)?.id === fn.id);
      const converted = later.find((c) => {
        const role = images.callRole(c);
        return role?.role === 'convert' && role.format !== 'literal' && imageOperands(c).has(image);
      });
      const use = converted ? 'the image is converted afterwards on the strength of what it reported'
        : images.readsDetectedFormat(fn) ? 'the format it detects decides how the image is handled here'
        : returnsReport(fn, images) ? 'the report is handed back to callers that decide on it' : null;
      if (use === null) return;
      // The conversion that trusts this probe is already reported: one finding for one probe.
      if (later.some((c) => convertedAfterProbe(c, fn, images)?.call.id === node.id)) return;
      ctx.report({
        node,
        messageId: 'probed',
        data: {
          call: command!.name,
          subcommand: sub.name,
          image: abbreviate(image),
          use,
        },
      });
    }

    /**
     * A same-file function that converts without `-f`, called on a path this function was handed, with no probe
     * or inspection here: reported where the path enters the file's conversion chain (a function no other function
     * of the file calls), the unpinned command as evidence.
     */
    function unvalidatedWrapperCall(node: SyntaxNode, fn: SyntaxNode, name: string): void {
      if (images.calledInFile(fn)) return;
      const inner = images.unpinnedConversion(node);
      if (!inner?.image) return;
      const param = dottedName(unparenthesize(inner.image));
      if (!param || !ctx.model.parameters(fn).some((p) => p.name === param)) return;
      // Checks of the converted output afterwards (cinder compares the result's format) do not vet the input.
      if (callsBefore(node, fn).some((c) => images.callRole(c)?.role === 'inspect')) return;
      if (probeBefore(node, fn, new Set([param]), images)) return;
      ctx.report({
        node,
        messageId: 'wrapped',
        data: { call: name, image: abbreviate(param), inner: inner.name },
        evidence: [{ node: inner.command, message: `\`${inner.name}\` runs qemu-img on the image without \`-f\`` }],
      });
    }
  },
});

/** A probe of the image `convert` converts, earlier in `fn`, when nothing in `fn` rejects what it reported. */
function convertedAfterProbe(
  convert: SyntaxNode,
  fn: SyntaxNode,
  images: ReturnType<typeof imageHandling>,
): { call: SyntaxNode; name: string; image: string } | null {
  const role = images.callRole(convert);
  if (role?.role !== 'convert' || role.format === 'literal' || role.format === 'none') return null;
  const facts = images.facts(fn);
  // A probe read only for sizes says nothing about trusting the image's format; one read for its format or
  // backing file is the service deciding from qemu-img's guess.
  if (!facts.probes || facts.validates || !images.readsProbedFormat(fn)) return null;
  return probeBefore(convert, fn, imageOperands(convert), images);
}

/**
 * Whether `fn` hands a probe's whole report back (`return QemuImgInfo(out)`, `return json.loads(out)`, `return out`,
 * `info = QemuImgInfo(out); return info`) rather than something read from it (`return int(m.group(2))`, a size):
 * its callers then decide on the format qemu-img guessed.
 */
function returnsReport(fn: SyntaxNode, images: ReturnType<typeof imageHandling>): boolean {
  // The names bound to a probe's own output (`out, _err = execute('qemu-img', 'info', …)`).
  const output = new Set<string>();
  for (const a of fn.descendantsOfType('assignment')) {
    const right = a.childForFieldName('right');
    if (right?.type === 'call' && images.callRole(right)?.role === 'probe') for (const n of targetNames(a.childForFieldName('left'))) output.add(n);
  }
  return returnedExpressions(fn).some((e) => {
    const n = unparenthesize(e);
    if (n.type === 'identifier') return output.has(n.text);
    if (n.type !== 'call') return false;
    if (images.callRole(n)?.role === 'probe') return true;
    // A parse of the whole output (`json.loads(out)`).
    return positionalArgs(n).some((a) => { const u = unparenthesize(a); return u.type === 'identifier' && output.has(u.text); });
  });
}

/** The calls of `fn` itself (not of nested functions) before `node`. */
function callsBefore(node: SyntaxNode, fn: SyntaxNode): SyntaxNode[] {
  return fn.descendantsOfType('call').filter((c) => c.startIndex < node.startIndex && enclosingFunction(c)?.id === fn.id);
}

/** The first probe of the same image before `convert` in `fn` (same operand name), or null. */
function probeBefore(
  convert: SyntaxNode,
  fn: SyntaxNode,
  operands: ReadonlySet<string>,
  images: ReturnType<typeof imageHandling>,
): { call: SyntaxNode; name: string; image: string } | null {
  for (const call of fn.descendantsOfType('call')) {
    if (call.startIndex >= convert.startIndex) break;
    if (enclosingFunction(call)?.id !== fn.id) continue;
    const role = images.callRole(call);
    if (role?.role !== 'probe') continue;
    const shared = [...imageOperands(call)].find((o) => operands.has(o));
    if (shared) return { call, name: role.name, image: shared };
  }
  return null;
}
