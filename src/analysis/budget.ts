// How long the expensive analyses of one file may run, and where one could not finish. The budget is checked
// cooperatively (per statement of the forward walks, per function of a file analysis), so a slow analysis stops
// at the file's time limit and the rules that did finish keep their findings. Language-neutral; no clock policy
// beyond "stop once the deadline passed".

/** A place an analysis could not cover: the deadline passed there, or the code was too deep for its recursion. */
export interface AnalysisGap {
  /** Which analysis (`taint`, `reaching definitions`). */
  analysis: string;
  /** 1-based line of the statement or function it gave up on. */
  line: number;
  why: 'deadline' | 'depth';
  /** The function it gave up in (`<module>` for module code), for messages. */
  where?: string;
}

/** Thrown inside an analysis when its budget is spent; the analysis catches it at its function boundary. */
export class BudgetSpent extends Error {
  constructor() {
    super('the analysis budget (--file-timeout) is spent');
    this.name = 'BudgetSpent';
  }
}

/** Checks between two clock reads: a read costs ~50 ns, a statement of a forward walk usually far more. */
const CLOCK_EVERY = 64;

export class Budget {
  private spentAlready = false;
  private checks = 0;

  /**
   * `deadline` is a `performance.now()` time; `steps`, when given, is how many checks may pass before the budget
   * counts as spent whatever the clock says — tests reach the partial-result path with it deterministically.
   */
  constructor(private readonly deadline = Infinity, private readonly steps = Infinity) {}

  /** A budget that is never spent (tests, probes, tools outside the engine). */
  static readonly unlimited = new Budget();

  /** True once the deadline has passed (or the steps are used up); stays true. */
  spent(): boolean {
    if (this.spentAlready) return true;
    if (this === Budget.unlimited) return false;
    const n = ++this.checks;
    if (n > this.steps || (n % CLOCK_EVERY === 0 && performance.now() > this.deadline)) this.spentAlready = true;
    return this.spentAlready;
  }

  /** Throws BudgetSpent once the budget is spent: for loops that unwind to a function boundary. */
  check(): void {
    if (this.spent()) throw new BudgetSpent();
  }
}

/** V8's stack overflow: code nested deeper than a recursive analysis can follow. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
