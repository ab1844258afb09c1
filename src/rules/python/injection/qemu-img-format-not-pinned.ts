// qemu-img run on an image without a pinned input format: the service never validates that the image is of the type
// it was declared as, and lets qemu-img guess it from the header, so an upload that claims to be raw but holds a QCOW2
// header with a backing/data file, or a VMDK descriptor with extents, makes the service read (or overwrite) host files
// named inside the image. The class of OSSA-2024-001/-002/-003 and OSSA-2026-002. Filed under input validation
// (CWE-1287): the missing check is the defect; reading host files is what it lets an attacker do.
import { argument } from '../../../languages/python/syntax.js';
import { DATA_SUBCOMMANDS, FORMAT_PROBING_WRAPPERS, pinsFormat, qemuImgSubcommand } from '../../../models/python/qemuImg.js';
import { abbreviate } from '../../../rulekit/text.js';
import { hasKeywordSplat, processCommand } from '../../../rulekit/commandWords.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

export default defineRule({
  meta: {
    id: 'qemu-img-format-not-pinned',
    cwe: 1287,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      command: {
        text: '`{call}` runs `qemu-img {subcommand}` without `-f`: qemu-img probes the image header, so an image whose content a user controls can name a backing file, data file or VMDK extent on the host and have it read or written',
        fix: 'Pass the image\'s verified format explicitly (`\'-f\', fmt`), where `fmt` comes from inspecting the file (oslo.utils format_inspector: detect the format, run its safety check, reject backing/data files) and matches the format the user declared',
      },
      wrapper: {
        text: '`{call}` converts `{source}` without `{keyword}=`: it lets qemu-img probe the format, so an image that claims one format and holds another can make the conversion read host files named in its header',
        fix: 'Inspect the file first (oslo.utils format_inspector, safety check, format matching the declared disk_format) and pass the detected format as `{keyword}=`',
      },
    },
    docs: {
      summary: 'qemu-img convert/resize/dd/compare/amend on an image without a pinned input format',
      why: 'Class: improper validation of the specified type of input (CWE-1287, under CWE-20): the image is declared to be of one format, and the service lets qemu-img decide the format instead of requiring it. qemu-img decides the format of an image from its first bytes unless `-f` is given. A user who uploads an image, or who writes to a disk the service later converts or resizes, controls those bytes: a QCOW2 header can name a backing file or external data file and a VMDK descriptor can name extents, all of them host paths, and the conversion then copies host files into the user\'s image or writes to them (the consequence is CWE-610, an externally controlled reference to a resource in another sphere). OpenStack fixed this class in Nova, Cinder and Glance (OSSA-2024-001, CVE-2024-32498; OSSA-2024-002, CVE-2024-40767), in Ironic and ironic-python-agent (OSSA-2024-003, CVE-2024-44082) and again in Nova\'s resize (OSSA-2026-002, CVE-2026-24708). `qemu-img info` is the metadata probe that services rely on for inspection and is covered by the process-limit rule instead, and by qemu-img-probed-image-not-validated when it runs without `-f` and its report decides how the image is handled. An option added to the command under a condition counts as given.',
      example: 'from oslo_concurrency import processutils\n\ndef to_raw(src, dst):\n    processutils.execute("qemu-img", "convert", "-O", "raw", src, dst)\n',
      useInstead: 'from oslo_concurrency import processutils\nfrom oslo_utils.imageutils import format_inspector\n\ndef to_raw(src, dst, declared_format):\n    inspector = format_inspector.detect_file_format(src)\n    inspector.safety_check()\n    if str(inspector) != declared_format:\n        raise ValueError("image format does not match its declared format")\n    processutils.execute("qemu-img", "convert", "-f", declared_format, "-O", "raw", src, dst)\n',
      fix: 'Inspect the image before qemu-img sees it (oslo.utils `format_inspector`: detect the format, run `safety_check()`, reject backing and data files and multi-file VMDK subformats, and require the detected format to equal the declared one), then pass that format with `-f` to every qemu-img command that opens the image.',
      references: [
        'https://cwe.mitre.org/data/definitions/1287.html',
        'https://cwe.mitre.org/data/definitions/610.html',
        'https://security.openstack.org/ossa/OSSA-2024-001.html',
        'https://security.openstack.org/ossa/OSSA-2024-003.html',
        'https://security.openstack.org/ossa/OSSA-2026-002.html',
        'https://www.qemu.org/docs/master/tools/qemu-img.html',
      ],
    },
  },
  create(ctx): Visitors {
    // Both shapes need the program's name or the wrapper's module in the text.
    if (!ctx.model.source.includes('qemu')) return {};
    return {
      call(node) {
        const qualified = ctx.model.callName(node);
        const wrapper = qualified === null ? undefined : FORMAT_PROBING_WRAPPERS[qualified];
        if (wrapper) {
          if (argument(node, wrapper.index, wrapper.keyword) || hasKeywordSplat(node)) return;
          const source = argument(node, 0, 'source');
          ctx.report({ node, messageId: 'wrapper', data: { call: qualified!, source: source ? abbreviate(source.text) : 'the image', keyword: wrapper.keyword } });
          return;
        }
        const command = processCommand(ctx.model, node);
        const sub = command && qemuImgSubcommand(command.words);
        if (!sub || !DATA_SUBCOMMANDS.has(sub.name) || command!.words.some(pinsFormat)) return;
        ctx.report({ node, messageId: 'command', data: { call: command!.name, subcommand: sub.name } });
      },
    };
  },
});
