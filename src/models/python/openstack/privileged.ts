// Privileged execution in OpenStack services as data: process helpers that run a command through rootwrap or
// privsep when asked, and the path-containment checks that make a joined path safe to hand to them.

/** Process helpers (matched on the qualified-name tail) and the keyword that makes them run as root. */
export const ROOT_EXECUTORS: ReadonlyArray<{ suffix: string; rootKeyword: string }> = [
  { suffix: 'processutils.execute', rootKeyword: 'run_as_root' },
  { suffix: 'utils.execute', rootKeyword: 'run_as_root' },
  { suffix: 'utils.trycmd', rootKeyword: 'run_as_root' },
  { suffix: 'linux_utils.execute', rootKeyword: 'run_as_root' },
  { suffix: 'ip_lib.IpNetnsCommand.execute', rootKeyword: 'run_as_root' },
];
/** Bare names for those helpers when a module imported them directly or receives them as a parameter. */
export const ROOT_EXECUTOR_NAMES: ReadonlySet<string> = new Set(['execute', 'trycmd', '_execute']);

/** Callees that contain a path check by their name (helpers written for it). */
export const CONTAINMENT_HELPER = /(within|contain|check_path|safe_join|is_relative_to|commonpath|inside|confine)/i;
/** Normalisers whose result, compared by prefix, is a containment check. */
export const PATH_NORMALISERS: ReadonlySet<string> = new Set(['os.path.realpath', 'os.path.abspath', 'os.path.normpath', 'posixpath.realpath']);
