// An image probed with `qemu-img info` and then converted, with nothing in between that rejects what the probe found:
// the header's backing file, QCOW2 data file or VMDK extents still name host files, and the format qemu-img detected
// is never held against the format the image was declared as. The class of OSSA-2015-014, OSSA-2023-002, OSSA-2024-001.
// Conversions without any format are the format rule's; this one is about the `-f fmt` (or wrapper) that looks safe.
import { enclosingFunction } from '../../../languages/python/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { abbreviate } from '../../../rulekit/text.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { imageHandling, imageOperands, mayHandleImages, projectHasImageRoles } from '../../../rulekit/imageHandling.js';
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
    },
    docs: {
      summary: 'An image probed with qemu-img is converted without rejecting its backing file, data file or extents',
      why: 'Class: externally controlled reference to a resource in another sphere (CWE-610). A service that runs `qemu-img info` on an upload and converts it with the format qemu-img reported (or with the format the user declared, never compared with the detected one) lets the image\'s own header decide what qemu-img opens: a QCOW2 backing file or external data file, or the extents of a multi-file VMDK, all host paths, are read into the converted image the user gets back. Pinning `-f` to what qemu-img itself detected does not help. The class recurs in OpenStack\'s advisories: OSSA-2015-014 (CVE-2015-5163, Glance import followed a QCOW2 backing file), OSSA-2023-002 (CVE-2022-47951, VMDK flat descriptors naming host files, fixed in Cinder by `check_image_format` — detected format must equal the declared one, VMDK create-type allow-list — and in Glance\'s import conversion by refusing backing files and multi-file VMDKs) and OSSA-2024-001 (CVE-2024-32498, QCOW2 data-file, fixed in Nova, Cinder and Glance with oslo.utils\' format_inspector). The rule asks that the function read the probe\'s format or structure (not only sizes), and counts it clean when it calls a format inspector or `safety_check()`, raises when the probe\'s format differs from a value that is not a literal, or looks at both the backing file and the format-specific data of the report; a helper that does so counts, in this file or, through the project facts, in another.',
      example: 'import json\n\nfrom oslo_concurrency import processutils\n\n\ndef to_raw(path, dest):\n    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)\n    fmt = json.loads(out)["format"]\n    processutils.execute("qemu-img", "convert", "-f", fmt, "-O", "raw", path, dest)\n',
      useInstead: 'import json\n\nfrom oslo_concurrency import processutils\nfrom oslo_utils.imageutils import format_inspector\n\n\ndef to_raw(path, dest, disk_format):\n    inspector = format_inspector.detect_file_format(path)\n    inspector.safety_check()\n    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)\n    fmt = json.loads(out)["format"]\n    if fmt != disk_format:\n        raise ValueError("image is not in its declared format")\n    processutils.execute("qemu-img", "convert", "-f", fmt, "-O", "raw", path, dest)\n',
      fix: 'Inspect the image before converting it: oslo.utils `format_inspector.detect_file_format(path)` and `safety_check()` (which refuse backing files, data files and multi-file VMDKs), and raise when the detected format differs from the declared disk format; then pass that format with `-f`.',
      references: [
        'https://cwe.mitre.org/data/definitions/610.html',
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
        if (role?.role !== 'convert' || role.format === 'literal' || role.format === 'none') return;
        const fn = enclosingFunction(node);
        if (!fn) return;
        const facts = images.facts(fn);
        // A probe read only for sizes says nothing about trusting the image's format; one read for its format or
        // backing file is the service deciding from qemu-img's guess.
        if (!facts.probes || facts.validates || !images.readsProbedFormat(fn)) return;
        const operands = imageOperands(node);
        const probe = probeBefore(node, fn, operands, images);
        if (!probe) return;
        ctx.report({
          node,
          messageId: 'converted',
          data: { call: role.name, image: abbreviate(probe.image), probe: probe.name },
          evidence: [{ node: probe.call, message: `\`${probe.name}\` probes \`${probe.image}\` and lets qemu-img detect its format` }],
        });
      },
    };
  },
});

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
