// Process-starting functions of the Python standard library (and its Python 2 remnants), grouped by how they run
// the command: through subprocess, through /bin/sh, or by exec/spawn without a shell. Bandit's shell_injection
// defaults use the same three groups; rules B602–B607 and B609 read them from here.

/** subprocess functions whose `shell=` keyword decides whether /bin/sh parses the command. */
export const SUBPROCESS_FUNCTIONS: ReadonlySet<string> = new Set([
  'subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run',
]);

/** Functions that always hand their command string to a shell. */
export const SHELL_FUNCTIONS: ReadonlySet<string> = new Set([
  'os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4',
  'popen2.popen2', 'popen2.popen3', 'popen2.popen4', 'popen2.Popen3', 'popen2.Popen4',
  'commands.getoutput', 'commands.getstatusoutput',
  'subprocess.getoutput', 'subprocess.getstatusoutput',
]);

/** Functions that replace or fork the process and run a program directly, without a shell. */
export const NO_SHELL_FUNCTIONS: ReadonlySet<string> = new Set([
  'os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'os.execv', 'os.execve', 'os.execvp', 'os.execvpe',
  'os.spawnl', 'os.spawnle', 'os.spawnlp', 'os.spawnlpe', 'os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe',
  'os.startfile',
]);

export type ProcessKind = 'subprocess' | 'shell' | 'no-shell';

/** How the function named `qualified` starts a process, or null when it does not start one. */
export function processKind(qualified: string | null): ProcessKind | null {
  if (qualified === null) return null;
  if (SUBPROCESS_FUNCTIONS.has(qualified)) return 'subprocess';
  if (SHELL_FUNCTIONS.has(qualified)) return 'shell';
  if (NO_SHELL_FUNCTIONS.has(qualified)) return 'no-shell';
  return null;
}

/** oslo.concurrency's runners: they take the command as separate arguments and accept `prlimit=`. */
export const PROCESSUTILS_RUNNERS: ReadonlySet<string> = new Set([
  'oslo_concurrency.processutils.execute', 'oslo_concurrency.processutils.trycmd',
  'oslo_concurrency.processutils.ssh_execute',
]);

/**
 * Names under which OpenStack projects wrap processutils.execute and forward its keywords (`utils.execute`,
 * `self._execute` handed in by a driver, privsep helpers, rootwrap's `execute_root`): the projects' own convention,
 * used where the wrapper's definition is in another file.
 */
export const FORWARDING_RUNNER_NAMES: ReadonlySet<string> = new Set(['execute', '_execute', 'trycmd', 'ssh_execute', 'execute_root']);

/** Whether `call` starts a process from a command given as words: subprocess, processutils, or a forwarding wrapper. */
export function runsCommand(qualified: string | null, calleeLastName: string | null): 'subprocess' | 'processutils' | null {
  if (qualified !== null && SUBPROCESS_FUNCTIONS.has(qualified)) return 'subprocess';
  if (qualified !== null && PROCESSUTILS_RUNNERS.has(qualified)) return 'processutils';
  if (calleeLastName !== null && FORWARDING_RUNNER_NAMES.has(calleeLastName)) return 'processutils';
  return null;
}
