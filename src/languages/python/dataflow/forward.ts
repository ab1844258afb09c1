// Syntax-directed forward dataflow over one function body, with no CFG: branches join, loops iterate to a fixpoint,
// try/except/finally join the states a raise can come from, `with` binds its `as` targets. The lattice and what
// expressions mean come from a Transfer; this walker only knows Python's statement structure.
//
// Exceptions: inside `try`, the state after every statement is joined into the handlers' entry state, since any
// statement may raise. `return`/`break` inside `try` skip `finally` here — a deliberate approximation.
//
// Limits: the budget is checked before every statement (BudgetSpent unwinds to the caller's function boundary); a
// statement too deep for the transfer's recursion (`x = a or a or …` × 5,000) is skipped and recorded as a gap, and
// the walk goes on with the state as that statement left it.
import { Budget, isStackOverflow, type AnalysisGap } from '../../../analysis/budget.js';
import type { SyntaxNode } from '../../syntaxTree.js';
import { Env, joinEnv, sameEnv } from './env.js';
import { containerKey, containerRoot, locationKey, UNPACKING_TARGETS } from './locations.js';

export type BindKind = 'assign' | 'augment' | 'for' | 'with' | 'except' | 'def' | 'walrus' | 'comprehension' | 'param';

export interface Transfer<V> {
  /** The value of an expression; may update `env` (walrus, `x.append(v)`) and record sink reaches. */
  evaluate(expr: SyntaxNode, env: Env<V>): V;
  /** What a target stores when `stmt` binds `value` to it: taint adds an evidence step, reaching defs the def site. */
  bind(value: V, target: SyntaxNode, stmt: SyntaxNode, how: BindKind): V;
  /** One element of `value` (unpacking, iteration). */
  element(value: V, container: SyntaxNode): V;
  /** Element `index` of `value` when unpacking names the position (`a, b = value`); falls back to `element`. */
  elementAt?(value: V, container: SyntaxNode, index: number): V;
  /**
   * The key and the value `for k, v in right` binds, when the transfer can tell them apart (`d.items()` of a dict
   * whose keys are all literals); null falls back to `element` for both.
   */
  itemPair?(iterable: V, right: SyntaxNode): readonly [V, V] | null;
  /** `env` after `cond` was found truthy (or falsy): guards that validate a value. */
  refine?(cond: SyntaxNode, env: Env<V>, truthy: boolean): void;
  /** A `return` (value null for a bare return). */
  onReturn?(value: V | null, stmt: SyntaxNode, env: Env<V>): void;
  /** What `with value as x` binds to x (the context manager's `__enter__` result). */
  enterContext?(value: V, item: SyntaxNode): V;
  /** Observes the state after each statement (probes and tests). */
  afterStatement?(stmt: SyntaxNode, env: Env<V>): void;
}

/** Loop bodies are re-run until the state at the head stops changing; a cap bounds pathological lattices. */
const MAX_LOOP_ITERATIONS = 6;

interface LoopFrame<V> { breaks: Env<V> | null; continues: Env<V> | null }
interface TryFrame<V> { raised: Env<V> | null }

export interface WalkerOptions {
  budget: Budget;
  /** Names the analysis in the gaps it records. */
  analysis: string;
}

export class ForwardWalker<V> {
  private readonly loops: LoopFrame<V>[] = [];
  private readonly tries: TryFrame<V>[] = [];
  /** Statements the transfer could not follow (stack exhausted), in walk order. */
  readonly gaps: AnalysisGap[] = [];
  private readonly budget: Budget;
  private readonly analysis: string;

  constructor(private readonly t: Transfer<V>, options: WalkerOptions = { budget: Budget.unlimited, analysis: 'dataflow' }) {
    this.budget = options.budget;
    this.analysis = options.analysis;
  }

  /** Runs a block (or a module's statements) from `env`; returns the state at its end, or null if it cannot end. */
  block(block: SyntaxNode, env: Env<V> | null): Env<V> | null {
    let state = env;
    for (const stmt of block.namedChildren) {
      if (!stmt || !state) break;
      this.budget.check();
      const loops = this.loops.length;
      const tries = this.tries.length;
      try {
        state = this.statement(stmt, state);
      } catch (error) {
        if (!isStackOverflow(error)) throw error;
        // The frames of statements this one had entered were never popped.
        this.loops.length = loops;
        this.tries.length = tries;
        this.gaps.push({ analysis: this.analysis, line: stmt.startPosition.row + 1, why: 'depth' });
      }
      if (state && this.t.afterStatement) this.t.afterStatement(stmt, state);
      if (state && this.tries.length > 0) for (const f of this.tries) f.raised = joinEnv(f.raised, state);
    }
    return state;
  }

  /** Binds `value` to an assignment target, unpacking tuples and lists. */
  assign(target: SyntaxNode, value: V, stmt: SyntaxNode, env: Env<V>, how: BindKind): void {
    const n = target.type === 'parenthesized_expression' && target.namedChildCount === 1 ? target.namedChild(0)! : target;
    if (UNPACKING_TARGETS.has(n.type)) {
      const parts = n.namedChildren.filter((p): p is SyntaxNode => p !== null && p.type !== 'comment');
      // Positions are known up to a starred target.
      const star = parts.findIndex((p) => p.type === 'list_splat_pattern' || p.type === 'list_splat');
      parts.forEach((part, i) => {
        const v = this.t.elementAt && (star === -1 || i < star) ? this.t.elementAt(value, n, i) : this.t.element(value, n);
        this.assign(part, v, stmt, env, how);
      });
      return;
    }
    if (n.type === 'list_splat_pattern' || n.type === 'list_splat') {
      const inner = n.namedChild(0);
      if (inner) this.assign(inner, value, stmt, env, how);
      return;
    }
    if (n.type === 'subscript') {
      const index = n.childForFieldName('subscript');
      if (index) this.t.evaluate(index, env);
      const key = containerKey(n);
      if (key) {
        // The first write into a container not yet tracked (`request.environ['X'] = v`) keeps what it held: read it
        // from its expression (a source, a parameter) before joining the item in.
        if (env.get(key) === undefined) env.weak(key, this.t.evaluate(containerRoot(n), env));
        env.weak(key, this.t.bind(value, n, stmt, how));
      } else this.t.evaluate(n.childForFieldName('value')!, env);
      return;
    }
    const key = locationKey(n);
    if (key) {
      env.set(key, this.t.bind(value, n, stmt, how));
      return;
    }
    if (n.type === 'attribute') this.t.evaluate(n.childForFieldName('object')!, env);
  }

  private statement(stmt: SyntaxNode, env: Env<V>): Env<V> | null {
    switch (stmt.type) {
      case 'expression_statement':
        for (const child of stmt.namedChildren) if (child) this.expressionStatement(child, stmt, env);
        return env;
      case 'if_statement': return this.ifStatement(stmt, env);
      case 'for_statement': return this.forStatement(stmt, env);
      case 'while_statement': return this.whileStatement(stmt, env);
      case 'try_statement': return this.tryStatement(stmt, env);
      case 'with_statement': return this.withStatement(stmt, env);
      case 'match_statement': return this.matchStatement(stmt, env);
      case 'return_statement': {
        const value = stmt.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
        const v = value ? this.t.evaluate(value, env) : null;
        this.t.onReturn?.(v, stmt, env);
        this.raiseHere(env);
        return null;
      }
      case 'raise_statement':
        for (const c of stmt.namedChildren) if (c) this.t.evaluate(c, env);
        this.raiseHere(env);
        return null;
      case 'break_statement': {
        const loop = this.loops.at(-1);
        if (loop) loop.breaks = joinEnv(loop.breaks, env);
        return null;
      }
      case 'continue_statement': {
        const loop = this.loops.at(-1);
        if (loop) loop.continues = joinEnv(loop.continues, env);
        return null;
      }
      case 'function_definition': case 'class_definition': {
        const name = stmt.childForFieldName('name');
        if (name) env.set(name.text, this.t.bind(env.lattice.bottom(), name, stmt, 'def'));
        return env;
      }
      case 'decorated_definition': {
        const def = stmt.childForFieldName('definition');
        return def ? this.statement(def, env) : env;
      }
      case 'delete_statement':
        for (const c of stmt.namedChildren) {
          const key = c ? locationKey(c) : null;
          if (key) env.delete(key);
        }
        return env;
      case 'assert_statement': {
        const cond = stmt.namedChild(0);
        if (cond) { this.t.evaluate(cond, env); this.t.refine?.(cond, env, true); }
        return env;
      }
      case 'import_statement': case 'import_from_statement': case 'future_import_statement': case 'pass_statement':
      case 'global_statement': case 'nonlocal_statement': case 'comment': case 'type_alias_statement':
        return env;
      default:
        // print/exec statements (Python 2) and anything newer: evaluate what they contain.
        for (const c of stmt.namedChildren) if (c) this.t.evaluate(c, env);
        return env;
    }
  }

  private raiseHere(env: Env<V>): void {
    for (const f of this.tries) f.raised = joinEnv(f.raised, env);
  }

  private expressionStatement(expr: SyntaxNode, stmt: SyntaxNode, env: Env<V>): void {
    if (expr.type === 'assignment') { this.assignment(expr, stmt, env); return; }
    if (expr.type === 'augmented_assignment') {
      const left = expr.childForFieldName('left')!;
      const right = expr.childForFieldName('right');
      const old = this.t.evaluate(left, env);
      const value = right ? env.lattice.join(old, this.t.evaluate(right, env)) : old;
      this.assign(left, value, stmt, env, 'augment');
      return;
    }
    this.t.evaluate(expr, env);
  }

  /** `a = b = value` nests assignments on the right; every target gets the innermost value. */
  private assignment(node: SyntaxNode, stmt: SyntaxNode, env: Env<V>): V | null {
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    if (!right || !left) return null;
    const value = right.type === 'assignment' ? this.assignment(right, stmt, env) : this.t.evaluate(right, env);
    if (value === null) return null;
    this.assign(left, value, stmt, env, 'assign');
    return value;
  }

  private ifStatement(stmt: SyntaxNode, env: Env<V>): Env<V> | null {
    const cond = stmt.childForFieldName('condition')!;
    this.t.evaluate(cond, env);
    const thenEnv = env.copy();
    this.t.refine?.(cond, thenEnv, true);
    let out = this.block(stmt.childForFieldName('consequence')!, thenEnv);
    let rest: Env<V> | null = env.copy();
    this.t.refine?.(cond, rest, false);
    for (const alt of stmt.childrenForFieldName('alternative')) {
      if (!rest) break;
      if (alt.type === 'elif_clause') {
        const c = alt.childForFieldName('condition')!;
        this.t.evaluate(c, rest);
        const branch = rest.copy();
        this.t.refine?.(c, branch, true);
        out = joinEnv(out, this.block(alt.childForFieldName('consequence')!, branch));
        this.t.refine?.(c, rest, false);
      } else {
        const body = alt.childForFieldName('body');
        rest = body ? this.block(body, rest) : rest;
        return joinEnv(out, rest);
      }
    }
    return joinEnv(out, rest);
  }

  /**
   * head ──► body ──► (end | continue) ──┐
   *   ▲                                  │   joined into head until it stops changing;
   *   └──────────────────────────────────┘   exit = head (loop not entered / exhausted) ⊔ breaks, then `else`.
   */
  private loop(env: Env<V>, enter: (head: Env<V>) => Env<V>, body: SyntaxNode, onExit: (head: Env<V>) => void, elseClause: SyntaxNode | null): Env<V> | null {
    let head = env;
    let frame: LoopFrame<V> = { breaks: null, continues: null };
    for (let i = 0; i < MAX_LOOP_ITERATIONS; i++) {
      frame = { breaks: null, continues: null };
      this.loops.push(frame);
      const end = this.block(body, enter(head.copy()));
      this.loops.pop();
      const next = joinEnv(joinEnv(head, end), frame.continues)!;
      if (sameEnv(next, head)) break;
      head = next;
    }
    const exit = head.copy();
    onExit(exit);
    const normal = elseClause ? this.block(elseClause.childForFieldName('body')!, exit) : exit;
    return joinEnv(normal, frame.breaks);
  }

  private forStatement(stmt: SyntaxNode, env: Env<V>): Env<V> | null {
    const iterable = this.t.evaluate(stmt.childForFieldName('right')!, env);
    const left = stmt.childForFieldName('left')!;
    const right = stmt.childForFieldName('right')!;
    const targets = UNPACKING_TARGETS.has(left.type) ? left.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
    const pair = targets.length === 2 ? this.t.itemPair?.(iterable, right) ?? null : null;
    return this.loop(env, (head) => {
      if (pair) {
        this.assign(targets[0]!, pair[0], stmt, head, 'for');
        this.assign(targets[1]!, pair[1], stmt, head, 'for');
      } else {
        this.assign(left, this.t.element(iterable, right), stmt, head, 'for');
      }
      return head;
    }, stmt.childForFieldName('body')!, () => undefined, stmt.childForFieldName('alternative'));
  }

  private whileStatement(stmt: SyntaxNode, env: Env<V>): Env<V> | null {
    const cond = stmt.childForFieldName('condition')!;
    return this.loop(env, (head) => {
      this.t.evaluate(cond, head);
      this.t.refine?.(cond, head, true);
      return head;
    }, stmt.childForFieldName('body')!, (exit) => this.t.refine?.(cond, exit, false), stmt.childForFieldName('alternative'));
  }

  private tryStatement(stmt: SyntaxNode, env: Env<V>): Env<V> | null {
    const frame: TryFrame<V> = { raised: env.copy() };
    this.tries.push(frame);
    let normal = this.block(stmt.childForFieldName('body')!, env.copy());
    this.tries.pop();
    // What escapes the handlers still reaches outer try statements.
    for (const f of this.tries) f.raised = joinEnv(f.raised, frame.raised);
    let out: Env<V> | null = null;
    let finallyClause: SyntaxNode | null = null;
    for (const clause of stmt.namedChildren) {
      if (!clause) continue;
      if (clause.type === 'except_clause' || clause.type === 'except_group_clause') {
        if (!frame.raised) continue;
        const handlerEnv = frame.raised.copy();
        const value = clause.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const alias = value.childForFieldName('alias');
          const target = alias?.namedChild(0) ?? alias;
          if (target) this.assign(target, this.t.bind(env.lattice.bottom(), target, clause, 'except'), clause, handlerEnv, 'except');
        }
        const body = clause.namedChildren.find((c) => c?.type === 'block') ?? null;
        out = joinEnv(out, body ? this.block(body, handlerEnv) : handlerEnv);
      } else if (clause.type === 'else_clause') {
        normal = normal ? this.block(clause.childForFieldName('body')!, normal) : null;
      } else if (clause.type === 'finally_clause') {
        finallyClause = clause;
      }
    }
    out = joinEnv(out, normal);
    if (finallyClause) {
      const body = finallyClause.namedChildren.find((c) => c?.type === 'block') ?? null;
      if (body) {
        // With no normal way out, finally runs on the raised state and the exception continues afterwards.
        const end = this.block(body, out ?? frame.raised?.copy() ?? null);
        return out ? end : null;
      }
    }
    return out;
  }

  private withStatement(stmt: SyntaxNode, env: Env<V>): Env<V> | null {
    const clause = stmt.namedChildren.find((c) => c?.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      if (!item || item.type !== 'with_item') continue;
      const value = item.childForFieldName('value');
      if (!value) continue;
      if (value.type === 'as_pattern') {
        const ctx = this.t.evaluate(value.namedChild(0)!, env);
        const alias = value.childForFieldName('alias');
        const target = alias?.namedChild(0) ?? alias;
        const entered = this.t.enterContext ? this.t.enterContext(ctx, item) : ctx;
        if (target) this.assign(target, entered, stmt, env, 'with');
      } else {
        this.t.evaluate(value, env);
      }
    }
    return this.block(stmt.childForFieldName('body')!, env);
  }

  private matchStatement(stmt: SyntaxNode, env: Env<V>): Env<V> | null {
    const subject = stmt.childForFieldName('subject');
    if (subject) this.t.evaluate(subject, env);
    let out: Env<V> | null = env.copy();
    const body = stmt.childForFieldName('body');
    for (const c of body?.namedChildren ?? []) {
      if (c?.type !== 'case_clause') continue;
      const block = c.childForFieldName('consequence');
      if (block) out = joinEnv(out, this.block(block, env.copy()));
    }
    return out;
  }
}
