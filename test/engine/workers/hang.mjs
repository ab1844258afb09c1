// A worker whose task never returns (a rule stuck in a loop), for the pool's hard time limit; `path` picks the case.
// A batch of files (no `path`) never returns either. Like the real worker, it marks when it starts a task
// (src/engine/startClock.ts: the pool's kill timer counts from there).
export default function hang(task) {
  if (task.start) Atomics.store(task.start.cells, task.start.index, BigInt(Date.now()));
  if (task.path === 'crash.py') throw new Error('worker blew up');
  if (task.path === 'quick.py') return { findings: [], diagnostics: [], suppressed: 0 };
  for (;;) { /* never yields: only terminating the thread stops it */ }
}

export function warm() {}
