// qemu-img as OpenStack services run it on images their users supply (Nova, Cinder, Glance, Ironic, IPA): which
// subcommands open an image's content, which options pin the format instead of letting qemu-img probe it, and the
// library wrappers that run it. Sources: OSSA-2016-012 (CVE-2015-5162, `qemu-img info` without process limits),
// OSSA-2024-001/-002 (CVE-2024-32498/-40767, QCOW2 data files and VMDK extents naming host files), OSSA-2024-003
// (CVE-2024-44082, Ironic), OSSA-2026-002 (CVE-2026-24708, resize without a format), and qemu-img(1).
import { lookupTable } from '../../lookupTable.js';

/** The program, as it stands in an argument list (a path ending in it counts too). */
export function isQemuImg(word: string | null): boolean {
  return word !== null && (word === 'qemu-img' || word.endsWith('/qemu-img'));
}

/**
 * Subcommands that open an image and read or rewrite its data, following whatever backing file, data file or
 * extent its header names. Without a pinned format, qemu-img probes the header, so a "raw" upload that is really a
 * QCOW2 or VMDK descriptor makes it read host files. `info` only reports metadata and is the probe services rely on
 * to inspect an upload (process limits have their own rule; an unpinned probe whose report is acted on is judged with
 * the probe's validation); `create` opens no existing image; `commit` merges an
 * overlay the service made itself into the backing file it recorded.
 */
export const DATA_SUBCOMMANDS: ReadonlySet<string> = new Set(['convert', 'dd', 'resize', 'compare', 'amend']);

/**
 * Options of qemu-img's data subcommands that take the next word as their value (qemu-img(1): input/output format,
 * options, cache modes, backing file and its format, sparse size, snapshot, coroutines, secret objects); the image
 * operands are the words that are neither these nor flags.
 */
const OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['-f', '--format', '-F', '-O', '-o', '-t', '-T', '-B', '-b', '-S', '-l', '-r', '-m', '-s', '--object', '--target-format', '--cache', '--snapshot']);

/**
 * The position, among a qemu-img command's words, of the first image it opens: the first word after the subcommand
 * that is neither an option nor an option's value (`convert -O raw SRC DST` → SRC); -1 when there is none.
 */
export function firstImageOperand(words: readonly (string | null)[]): number {
  const program = words.findIndex(isQemuImg);
  if (program < 0) return -1;
  let sub = -1;
  for (let i = program + 1; i < words.length; i++) {
    const word = words[i] ?? null;
    if (sub < 0) {
      if (word === null) return -1;
      if (!word.startsWith('-')) sub = i;
      continue;
    }
    if (word !== null && word.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(word)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** Subcommands that parse an untrusted image header and must run under CPU/memory limits (OSSA-2016-012). */
export const PROBE_SUBCOMMANDS: ReadonlySet<string> = new Set(['info', 'measure', 'map', 'check']);

/** Options that fix the input format (`--image-opts` carries `driver=` instead). */
export function pinsFormat(word: string | null): boolean {
  if (word === null) return false;
  return word === '-f' || word === '--format' || word === '--image-opts' || word.startsWith('--format=') ||
    (word.startsWith('-f') && word.length > 2 && !word.startsWith('--'));
}

/** The qemu-img subcommand in a command's words: the first word after the program that is not an option. */
export function qemuImgSubcommand(words: readonly (string | null)[]): { index: number; name: string } | null {
  const program = words.findIndex(isQemuImg);
  if (program < 0) return null;
  for (let i = program + 1; i < words.length; i++) {
    const word = words[i] ?? null;
    if (word === null) return null;
    if (!word.startsWith('-')) return { index: program, name: word };
  }
  return null;
}

/**
 * Library functions that run `qemu-img convert` and probe the source format unless told it: the keyword (and
 * position) of their source-format parameter. ironic-lib's convert_image took no source format before the
 * OSSA-2024-003 fix and takes `source_format` since; Ironic's and IPA's own copies made it default to a fixed format,
 * so they are not listed.
 */
export const FORMAT_PROBING_WRAPPERS = lookupTable<{ keyword: string; index: number }>({
  'ironic_lib.qemu_img.convert_image': { keyword: 'source_format', index: 7 },
});

/** Keywords of oslo.concurrency's processutils.execute/trycmd that bound the child's resources. */
export const LIMIT_KEYWORDS: readonly string[] = ['prlimit'];
/** subprocess-style keywords through which a caller can set rlimits in the child. */
export const SUBPROCESS_LIMIT_KEYWORDS: readonly string[] = ['preexec_fn'];

/**
 * Library functions that run `qemu-img info` on their first argument and return what it reported (format, backing
 * file, format-specific data). ironic-lib's image_info probed without a format before OSSA-2024-003.
 */
export const PROBE_WRAPPERS: ReadonlySet<string> = new Set([
  'ironic_lib.qemu_img.image_info',
  // Parses a probe's output: a function that returns one hands a probe report back (Nova's and Cinder's
  // qemu_img_info run qemu-img in privsep or through utils.execute, and wrap the output in it).
  'oslo_utils.imageutils.QemuImgInfo',
]);

/** Library functions that run `qemu-img convert` on their first argument (the format rule asks about their format). */
export const CONVERT_WRAPPERS: ReadonlySet<string> = new Set(['ironic_lib.qemu_img.convert_image']);

/**
 * What inspects an image before qemu-img opens it: oslo.utils' format_inspector (`detect_file_format`,
 * `get_inspector`, an inspector's `safety_check()`) and the copies Nova, Cinder, Glance, Ironic and IPA vendored as
 * `<project>.…format_inspector` / `image_format_inspector`. A module whose last segment ends in `format_inspector`
 * counts, so a project's own copy is recognised without listing it.
 */
export const INSPECTOR_MODULE_SUFFIX = 'format_inspector';
export const SAFETY_CHECK_METHOD = 'safety_check';

/**
 * The fields of a `qemu-img info` report that name other files: the backing file (QemuImgInfo attribute and JSON
 * key), and the format-specific data that holds a QCOW2 `data-file` and a VMDK's `create-type` (whose multi-file
 * subformats name extents). A caller that rejects on both has looked at every reference the header can make.
 */
export const BACKING_FILE_FIELDS: ReadonlySet<string> = new Set(['backing_file', 'backing-filename', 'full-backing-filename']);
export const FORMAT_SPECIFIC_FIELDS: ReadonlySet<string> = new Set(['format_specific', 'format-specific', 'data-file', 'create-type']);

/**
 * The fields of a `qemu-img info` report that describe the image's format and structure (QemuImgInfo attributes and
 * JSON keys), as opposed to its sizes: a caller that reads one decides how to handle the image from qemu-img's probe.
 */
export const FORMAT_NAME_FIELDS: ReadonlySet<string> = new Set(['file_format', 'format']);
export const FORMAT_FIELDS: ReadonlySet<string> = new Set([...FORMAT_NAME_FIELDS, ...BACKING_FILE_FIELDS, ...FORMAT_SPECIFIC_FIELDS]);

/**
 * The name OpenStack projects give the function that runs `qemu-img info` and returns its report (nova's
 * `images.qemu_img_info`, cinder's `image_utils.qemu_img_info` and its drivers' `_qemu_img_info`): the projects' own
 * convention, read only where the definition is in a file the analysis does not see (the project facts answer
 * first when it is).
 */
export function namesProbeByConvention(lastName: string | null): boolean {
  return lastName !== null && /^_*qemu_img_info$/.test(lastName);
}

/**
 * Keyword names through which a probe wrapper takes the image's format (`format=`, `img_format=`, `fmt=`): a probe
 * given one reads the header as that format instead of guessing it.
 */
export function namesFormatParameter(name: string): boolean {
  return /(^|_)(format|fmt)$/.test(name);
}

/**
 * Among PROBE_WRAPPERS, those that only parse a probe's output (their `format=` is the output's format, json or
 * human): the probe is the command that produced the text, judged on its own words.
 */
export const PROBE_OUTPUT_PARSERS: ReadonlySet<string> = new Set(['oslo_utils.imageutils.QemuImgInfo']);
