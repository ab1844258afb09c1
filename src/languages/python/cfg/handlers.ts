// How control leaves an except handler, read off the CFG: falls through, returns, re-raises, breaks or continues.
// Incidental exceptions (a logging call that might itself raise) are not counted as "re-raises".
import type { SyntaxNode } from '../../syntaxTree.js';
import { isDeliberateRaise, type Cfg } from './graph.js';
import type { CfgNode } from './types.js';

export type HandlerExit = 'normal' | 'return' | 'raise' | 'break' | 'continue';

export interface HandlerOutcome {
  exits: Set<HandlerExit>;
  /** The `return` statements through which the handler leaves. */
  returns: SyntaxNode[];
  /** The statements (raise, re-raising with) through which it re-raises. */
  raises: SyntaxNode[];
}

function within(n: CfgNode, ast: SyntaxNode): boolean {
  return !!n.ast && n.ast.startIndex >= ast.startIndex && n.ast.endIndex <= ast.endIndex;
}

/** The ways out of the block of except clause `clause`, by exploring the handler's part of the graph. */
export function handlerOutcome(cfg: Cfg, clause: SyntaxNode): HandlerOutcome {
  const out: HandlerOutcome = { exits: new Set(), returns: [], raises: [] };
  const tests = cfg.nodesOf(clause).filter((n) => n.kind === 'statement');
  const seen = new Set<CfgNode>();
  const stack: CfgNode[] = [];
  for (const t of tests) for (const e of t.succ) if (e.kind === 'true') stack.push(e.to);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (!within(n, clause)) continue;
    for (const e of n.succ) {
      // Still inside the handler (a nested try's dispatch, a with-exit, the next statement): keep exploring.
      if (within(e.to, clause)) { stack.push(e.to); continue; }
      switch (e.kind) {
        case 'exception':
          if (isDeliberateRaise(n)) { out.exits.add('raise'); out.raises.push(n.ast!); }
          break;
        case 'return': out.exits.add('return'); if (n.ast) out.returns.push(n.ast); break;
        case 'break': out.exits.add('break'); break;
        case 'continue': out.exits.add('continue'); break;
        default: out.exits.add('normal');
      }
    }
  }
  return out;
}
