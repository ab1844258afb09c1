// A worker whose task never returns (a rule stuck in a loop), for the pool's hard time limit; `path` picks the case.
// A batch of files (no `path`) never returns either.
export default function hang(task) {
  if (task.path === 'crash.py') throw new Error('worker blew up');
  if (task.path === 'quick.py') return { findings: [], diagnostics: [], suppressed: 0 };
  for (;;) { /* never yields: only terminating the thread stops it */ }
}

export function warm() {}
