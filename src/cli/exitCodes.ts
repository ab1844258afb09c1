// Exit codes, as documented in the README.
export const EXIT = {
  /** No finding at or above the thresholds. Per-file diagnostics do not change this. */
  clean: 0,
  /** At least one finding at or above the thresholds. */
  findings: 1,
  /** Usage or configuration error: unknown option, pillar, CWE or rule, invalid config file. */
  usage: 2,
  /** Internal error: a bug in pillar. */
  internal: 3,
  /** `pillar post-gerrit` only: Gerrit answered with an HTTP error or could not be reached. */
  postFailed: 4,
} as const;
