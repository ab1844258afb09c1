// The families rules are filed under (src/rules/<language>/<family>/): the place a reader looks for "the logging
// rule" or "the TLS rules". The reported pillar never comes from here; it is derived from the rule's CWE. Each family
// names the CWE subtrees it holds, so a rule filed in the wrong family is caught by test/rules.meta.test.ts.
export interface Family {
  readonly title: string;
  /** A rule's CWE must be one of these or below one of them in View-1000 (ChildOf). */
  readonly cweRoots: readonly number[];
}

export const FAMILIES: Readonly<Record<string, Family>> = {
  'access-control': { title: 'Access control: authorisation, ownership, permissions', cweRoots: [284] },
  secrets: { title: 'Secrets and logging: hard-coded credentials, sensitive data in logs and messages', cweRoots: [200, 798] },
  'crypto-and-tls': {
    title: 'Cryptography and transport: TLS verification, ciphers, hashes, randomness, cleartext protocols',
    cweRoots: [693, 295, 203, 1104],
  },
  injection: { title: 'Injection: commands, code, SQL, markup, logs, templates and input validation', cweRoots: [74, 116, 20, 138] },
  'parsers-and-deserialization': { title: 'Parsers and deserialisation of untrusted data: pickle, YAML, XML', cweRoots: [502, 611, 776] },
  'files-and-urls': {
    title: 'Files, paths and URLs: traversal, temporary files, links, redirects, externally controlled references',
    cweRoots: [22, 59, 73, 377, 454, 610],
  },
  resources: { title: 'Resources: leaks, cleanup on failure, unbounded consumption, timeouts', cweRoots: [400, 404, 1088] },
  'error-handling': { title: 'Error handling: swallowed, masked and unchecked exceptional conditions, assertions standing in for checks', cweRoots: [703, 705, 617] },
  'comparisons-and-calculations': {
    title: 'Comparisons, types and arithmetic: wrong comparisons, conversions, overflow, off-by-one',
    cweRoots: [697, 682, 704, 178],
  },
  configuration: { title: 'Configuration: debug modes, listening on every interface, configured values changed at run time', cweRoots: [489, 1327, 471] },
  'memory-safety': {
    title: 'Memory safety (C/C++): out-of-bounds access, lifetimes, null dereference, unchecked bounds, uninitialised memory',
    cweRoots: [118, 476, 672, 755, 789, 825, 908],
  },
  'loops-and-recursion': { title: 'Loops and recursion that do not terminate on hostile input', cweRoots: [834] },
};
