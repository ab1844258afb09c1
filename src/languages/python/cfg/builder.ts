// Builds the control-flow graph of one function or module body: sequencing, branches, loops, jumps and the
// exception edge of every statement that may raise. try/with/finally live in tryBuilder.ts.
import type { SyntaxNode } from '../../syntaxTree.js';
import { Cfg } from './graph.js';
import { statementMayRaise, type IsLoggingCall } from './raises.js';
import { conventionalLoggingCall } from '../logging.js';
import { buildTry, buildWith } from './tryBuilder.js';
import type { CfgNode, EdgeKind, Pending } from './types.js';

export type JumpKind = 'raise' | 'return' | 'break' | 'continue';

/**
 * What surrounds the statement being built, innermost last. A jump walks this stack outwards until its target:
 * `loop` frames catch break/continue, `handlers` frames catch raises, `cleanup` frames (finally, with) are run
 * on the way through by every jump.
 */
export type Frame =
  | { kind: 'loop'; header: CfgNode; breaks: Pending[] }
  | { kind: 'handlers'; dispatch: CfgNode }
  | {
    kind: 'cleanup';
    /** Builds one copy of the cleanup code starting at `entry`; returns where the copy completes normally. */
    build(entry: CfgNode, jump: JumpKind | 'normal'): Pending[];
    entryKind: 'finally' | 'with-exit';
    ast: SyntaxNode;
    copies: Map<string, CfgNode>;
    /** After this cleanup runs for a jump, the jump may turn into normal flow (a suppressing context manager). */
    absorbs?(jump: JumpKind): Pending[] | null;
  };

/** Statements whose conditions make a loop infinite: `while True:`, `while 1:`. */
function alwaysTrue(cond: SyntaxNode | null): boolean {
  if (!cond) return false;
  return cond.type === 'true' || (cond.type === 'integer' && Number(cond.text) !== 0);
}

/** Case patterns that always match: `case _:` and a bare capture `case x:` without a guard. */
function irrefutable(clause: SyntaxNode): boolean {
  if (clause.childForFieldName('guard')) return false;
  const patterns = clause.namedChildren.filter((c) => c?.type === 'case_pattern');
  if (patterns.length !== 1) return false;
  const p = patterns[0]!;
  if (p.namedChildCount === 0) return true;
  const only = p.namedChild(0);
  return only?.type === 'dotted_name' && only.namedChildCount === 1;
}

export class CfgBuilder {
  readonly cfg: Cfg;
  frames: Frame[] = [];

  /** `isLogging`: the logging model's answer (model.loggingCall); logging calls are taken not to raise. */
  constructor(readonly owner: SyntaxNode, readonly isLogging: IsLoggingCall = conventionalLoggingCall) {
    this.cfg = new Cfg(owner);
  }

  build(): Cfg {
    const body = this.owner.type === 'module' ? this.owner : this.owner.childForFieldName('body');
    const end = body ? this.block(body, [{ node: this.cfg.entry, kind: 'normal' }]) : [{ node: this.cfg.entry, kind: 'normal' as EdgeKind }];
    this.connect(end, this.cfg.exit);
    return this.cfg;
  }

  connect(from: Pending[], to: CfgNode): void {
    for (const p of from) this.cfg.addEdge(p.node, to, p.kind);
  }

  /** Builds a block's statements in order; returns where control leaves it normally. */
  block(block: SyntaxNode, pending: Pending[]): Pending[] {
    let current = pending;
    for (const stmt of block.namedChildren) {
      if (!stmt || stmt.type === 'comment') continue;
      current = this.statement(stmt, current);
    }
    return current;
  }

  /** A statement node with its exception edge; the caller decides where its normal edge goes. */
  node(ast: SyntaxNode, pending: Pending[], options: { raises?: boolean } = {}): CfgNode {
    const n = this.cfg.addNode('statement', ast);
    this.connect(pending, n);
    if (options.raises ?? statementMayRaise(ast, this.isLogging)) this.jump([{ node: n, kind: 'exception' }], 'raise');
    return n;
  }

  statement(stmt: SyntaxNode, pending: Pending[]): Pending[] {
    switch (stmt.type) {
      case 'if_statement': return this.ifStatement(stmt, pending);
      case 'while_statement': case 'for_statement': return this.loop(stmt, pending);
      case 'try_statement': return buildTry(this, stmt, pending);
      case 'with_statement': return buildWith(this, stmt, pending);
      case 'match_statement': return this.match(stmt, pending);
      case 'class_definition': return this.classBody(stmt, this.node(stmt, pending));
      case 'decorated_definition': {
        const def = stmt.childForFieldName('definition');
        const n = this.node(stmt, pending);
        return def?.type === 'class_definition' ? this.classBody(def, n) : [{ node: n, kind: 'normal' }];
      }
      case 'return_statement': {
        this.jump([{ node: this.node(stmt, pending), kind: 'return' }], 'return');
        return [];
      }
      case 'raise_statement': {
        this.node(stmt, pending, { raises: true });
        return [];
      }
      case 'break_statement': case 'continue_statement': {
        const kind = stmt.type === 'break_statement' ? 'break' : 'continue';
        this.jump([{ node: this.node(stmt, pending, { raises: false }), kind }], kind);
        return [];
      }
      case 'assert_statement': {
        const n = this.node(stmt, pending, { raises: true });
        const test = stmt.namedChild(0);
        // `assert False` is an unconditional raise (a common "unreachable" marker).
        return test && (test.type === 'false' || test.type === 'none') ? [] : [{ node: n, kind: 'normal' }];
      }
      default: return [{ node: this.node(stmt, pending), kind: 'normal' }];
    }
  }

  /** A class body runs where the class statement is, so it is inlined; method bodies get their own graphs. */
  private classBody(def: SyntaxNode, header: CfgNode): Pending[] {
    const body = def.childForFieldName('body');
    return body ? this.block(body, [{ node: header, kind: 'normal' }]) : [{ node: header, kind: 'normal' }];
  }

  private ifStatement(stmt: SyntaxNode, pending: Pending[]): Pending[] {
    const out: Pending[] = [];
    let test = this.node(stmt, pending);
    const consequence = stmt.childForFieldName('consequence');
    out.push(...(consequence ? this.block(consequence, [{ node: test, kind: 'true' }]) : [{ node: test, kind: 'true' as EdgeKind }]));
    let otherwise: Pending[] = [{ node: test, kind: 'false' }];
    for (const alt of stmt.childrenForFieldName('alternative')) {
      if (alt.type === 'elif_clause') {
        test = this.node(alt, otherwise);
        const c = alt.childForFieldName('consequence');
        out.push(...(c ? this.block(c, [{ node: test, kind: 'true' }]) : [{ node: test, kind: 'true' as EdgeKind }]));
        otherwise = [{ node: test, kind: 'false' }];
      } else {
        const body = alt.childForFieldName('body');
        otherwise = body ? this.block(body, otherwise) : otherwise;
      }
    }
    out.push(...otherwise);
    return out;
  }

  private loop(stmt: SyntaxNode, pending: Pending[]): Pending[] {
    const header = this.node(stmt, pending);
    const frame: Frame = { kind: 'loop', header, breaks: [] };
    this.frames.push(frame);
    const body = stmt.childForFieldName('body');
    const end = body ? this.block(body, [{ node: header, kind: 'true' }]) : [];
    this.frames.pop();
    for (const p of end) this.cfg.addEdge(p.node, header, p.kind === 'normal' ? 'back' : p.kind, true);
    const infinite = stmt.type === 'while_statement' && alwaysTrue(stmt.childForFieldName('condition'));
    let exhausted: Pending[] = infinite ? [] : [{ node: header, kind: 'false' }];
    const orelse = stmt.childForFieldName('alternative')?.childForFieldName('body');
    // The loop's else runs when the loop ends without break, even when that is never (then it is unreachable).
    if (orelse) exhausted = this.block(orelse, exhausted);
    return [...exhausted, ...frame.breaks];
  }

  private match(stmt: SyntaxNode, pending: Pending[]): Pending[] {
    const subject = this.node(stmt, pending);
    const out: Pending[] = [];
    let next: Pending[] = [{ node: subject, kind: 'normal' }];
    const body = stmt.childForFieldName('body');
    for (const clause of body?.childrenForFieldName('alternative') ?? []) {
      const test = this.node(clause, next);
      const consequence = clause.childForFieldName('consequence');
      out.push(...(consequence ? this.block(consequence, [{ node: test, kind: 'true' }]) : [{ node: test, kind: 'true' as EdgeKind }]));
      next = irrefutable(clause) ? [] : [{ node: test, kind: 'false' }];
    }
    return [...out, ...next];
  }

  /** Sends `from` on a jump of `kind`, through the frames below `start` (default: all), running cleanups on the way. */
  jump(from: Pending[], kind: JumpKind, start = this.frames.length - 1): void {
    if (from.length === 0) return;
    for (let i = start; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (frame.kind === 'loop' && (kind === 'break' || kind === 'continue')) {
        if (kind === 'break') frame.breaks.push(...from);
        else this.connect(from, frame.header);
        return;
      }
      if (frame.kind === 'handlers' && kind === 'raise') {
        this.connect(from, frame.dispatch);
        return;
      }
      if (frame.kind === 'cleanup') {
        this.connect(from, this.cleanupCopy(i, kind));
        return;
      }
    }
    if (kind === 'raise') this.connect(from, this.cfg.raiseExit);
    else if (kind === 'return') this.connect(from, this.cfg.exit);
    // break/continue outside a loop is a SyntaxError: no edge.
  }

  /**
   * The copy of cleanup frame `index` that serves `kind`: built once per (frame, jump kind); its normal completion
   * continues the same jump outwards. The copy is built with only the outer frames active, because an exception
   * raised inside a finally block is not caught by the try it belongs to.
   */
  private cleanupCopy(index: number, kind: JumpKind): CfgNode {
    const frame = this.frames[index] as Extract<Frame, { kind: 'cleanup' }>;
    const existing = frame.copies.get(kind);
    if (existing) return existing;
    const entry = this.cfg.addNode(frame.entryKind, frame.ast, kind);
    frame.copies.set(kind, entry);
    const saved = this.frames;
    this.frames = saved.slice(0, index);
    const end = frame.build(entry, kind);
    const kept = frame.absorbs?.(kind);
    if (kept) kept.push(...end);
    else this.jump(end.map((p) => ({ node: p.node, kind: p.kind === 'normal' ? jumpEdge(kind) : p.kind })), kind);
    this.frames = saved;
    return entry;
  }
}

function jumpEdge(kind: JumpKind): EdgeKind {
  return kind === 'raise' ? 'exception' : kind;
}

export function buildCfg(owner: SyntaxNode, isLogging?: IsLoggingCall): Cfg {
  return new CfgBuilder(owner, isLogging).build();
}
