// `qemu-img info` (and the other header-parsing subcommands) run on an image a user supplied, with no CPU-time or
// address-space limit on the child: a crafted header makes qemu-img consume memory and CPU without bound (OSSA-2016-012).
import { keywordArg } from '../../../languages/python/syntax.js';
import { LIMIT_KEYWORDS, PROBE_SUBCOMMANDS, SUBPROCESS_LIMIT_KEYWORDS, qemuImgSubcommand } from '../../../models/python/qemuImg.js';
import { hasKeywordSplat, processCommand } from '../../../rulekit/commandWords.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

/** Programs that set resource limits for the command they run (`prlimit --as=… qemu-img info …`). */
const LIMITING_PROGRAMS: ReadonlySet<string> = new Set(['prlimit', 'ulimit']);

export default defineRule({
  meta: {
    id: 'qemu-img-probe-without-limits',
    cwe: 770,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      unlimited: {
        text: '`{call}` runs `qemu-img {subcommand}` with no CPU-time or memory limit: a crafted image header can make qemu-img exhaust the host\'s memory and CPU',
        fix: 'Pass `prlimit=processutils.ProcessLimits(cpu_time=30, address_space=1 * units.Gi)` (a module-level constant) to `{call}`',
      },
      unlimitedSubprocess: {
        text: '`{call}` runs `qemu-img {subcommand}` with no CPU-time or memory limit: a crafted image header can make qemu-img exhaust the host\'s memory and CPU',
        fix: 'Run it through oslo.concurrency\'s processutils.execute with `prlimit=processutils.ProcessLimits(cpu_time=30, address_space=1 * units.Gi)`, or prefix the command with `prlimit --as=… --cpu=…`',
      },
    },
    docs: {
      summary: 'qemu-img info/measure/map/check run without process limits',
      why: 'Class: allocation of resources without limits (CWE-770). Parsing an image header is work an attacker sizes: a crafted QCOW2 or VMDK image makes `qemu-img info` allocate gigabytes or spin for minutes, and services run it on every upload or attach. Cinder, Glance and Nova were all fixed by running it under `prlimit` (OSSA-2016-012, CVE-2015-5162); oslo.concurrency\'s `processutils.execute(..., prlimit=ProcessLimits(...))` is the supported way.',
      example: 'from oslo_concurrency import processutils\n\ndef image_info(path):\n    out, _ = processutils.execute("env", "LC_ALL=C", "qemu-img", "info", "--output=json", path)\n    return out\n',
      useInstead: 'from oslo_concurrency import processutils\nfrom oslo_utils import units\n\nQEMU_IMG_LIMITS = processutils.ProcessLimits(cpu_time=30, address_space=1 * units.Gi)\n\ndef image_info(path):\n    out, _ = processutils.execute("env", "LC_ALL=C", "qemu-img", "info", "--output=json", path, prlimit=QEMU_IMG_LIMITS)\n    return out\n',
      fix: 'Give every qemu-img command that parses an image header an address-space and CPU-time limit: `prlimit=processutils.ProcessLimits(...)` with processutils, or the `prlimit` program in front of the command.',
      references: [
        'https://cwe.mitre.org/data/definitions/770.html',
        'https://security.openstack.org/ossa/OSSA-2016-012.html',
        'https://docs.openstack.org/oslo.concurrency/latest/reference/processutils.html',
      ],
    },
  },
  create(ctx): Visitors {
    if (!ctx.model.source.includes('qemu')) return {};
    return {
      call(node) {
        const command = processCommand(ctx.model, node);
        const sub = command && qemuImgSubcommand(command.words);
        if (!sub || !PROBE_SUBCOMMANDS.has(sub.name)) return;
        if (command!.words.slice(0, sub.index).some((w) => w !== null && LIMITING_PROGRAMS.has(w))) return;
        const keywords = command!.runner === 'subprocess' ? SUBPROCESS_LIMIT_KEYWORDS : LIMIT_KEYWORDS;
        // `**kwargs` may carry the limit from the caller.
        if (keywords.some((k) => keywordArg(node, k) !== null) || hasKeywordSplat(node)) return;
        const messageId = command!.runner === 'subprocess' ? 'unlimitedSubprocess' : 'unlimited';
        ctx.report({ node, messageId, data: { call: command!.name, subcommand: sub.name } });
      },
    };
  },
});
