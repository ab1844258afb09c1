// When did a worker start the file it is on? The pool's kill timer must count from there, not from submission:
// piscina queues tasks until a worker is free, and a file that waited behind slow ones was killed before it began
// (its worker terminated, the file reported as a timeout it never had). Each task in flight gets a cell in memory
// shared with the workers; the worker writes the time it starts each file (for a batch: each file of it).
export interface StartCell {
  cells: BigInt64Array;
  index: number;
}

/** Worker side: "a file of this task starts now". */
export function markStart(cell: StartCell | undefined): void {
  if (cell) Atomics.store(cell.cells, cell.index, BigInt(Date.now()));
}

/** Main-thread side: the cells of one pool, handed out to tasks in flight and taken back when they end. */
export class StartClock {
  private readonly cells: BigInt64Array;
  private readonly free: number[];

  constructor(size: number) {
    this.cells = new BigInt64Array(new SharedArrayBuffer(size * BigInt64Array.BYTES_PER_ELEMENT));
    this.free = Array.from({ length: size }, (_, i) => size - 1 - i);
  }

  /** A cleared cell, or undefined when all are in use (the task's timer then counts from submission). */
  take(): StartCell | undefined {
    const index = this.free.pop();
    if (index === undefined) return undefined;
    Atomics.store(this.cells, index, 0n);
    return { cells: this.cells, index };
  }

  give(cell: StartCell | undefined): void {
    if (cell) this.free.push(cell.index);
  }

  /** When the task's current file started (ms since the epoch), or undefined while it waits for a worker. */
  startedAt(cell: StartCell): number | undefined {
    const at = Atomics.load(this.cells, cell.index);
    return at === 0n ? undefined : Number(at);
  }
}
