// Turns the file's sink reaches of one sink family into report-ready findings for rules: the quoted source and
// its line, the sink and the tainted argument, and the evidence path (source step, propagation steps) for SARIF.
import type { SyntaxNode } from '../../syntaxTree.js';
import { bestFact, type SinkKind, type Trust } from '../../../analysis/taint/facts.js';
import type { TaintSpec } from '../../../analysis/taint/spec.js';
import type { PythonModel } from '../model.js';
import { brief, lineOf } from './taintValue.js';

export interface TaintFinding {
  /** The sink call. */
  node: SyntaxNode;
  argument: SyntaxNode;
  sinkName: string;
  variant: string;
  /** The tainted argument as written (`name`, `"ls " + name`). */
  value: string;
  /** The source as written (`req.GET['name']`, `body`, `sys.argv`). */
  source: string;
  sourceLine: number;
  sinkLine: number;
  trust: Trust;
  confidence: 'high' | 'medium' | 'low';
  /** How many distinct sources reach this argument. */
  sources: number;
  evidence: Array<{ node: SyntaxNode; message: string }>;
}

export interface TaintQuery {
  kind: SinkKind;
  /** Which sources count for this rule: local users (argv, environment) are not attackers of their own shell. */
  trust: readonly Trust[];
}

export function taintFindings(model: PythonModel, spec: TaintSpec, query: TaintQuery): TaintFinding[] {
  const out: TaintFinding[] = [];
  const taint = model.taint(spec);
  // The rule asking did not see the whole file: the engine reports each gap against it.
  for (const gap of taint.gaps) model.noteGap(gap);
  for (const hit of taint.hits) {
    if (hit.kind !== query.kind) continue;
    const facts = hit.facts.filter((f) => f.origin.kind === 'source' && query.trust.includes(f.origin.trust));
    const best = bestFact(facts);
    if (!best || best.origin.kind !== 'source') continue;
    const origin = best.origin;
    out.push({
      node: hit.sink, argument: hit.argument, sinkName: hit.sinkName, variant: hit.variant,
      value: brief(hit.argument, 50), source: origin.description, sourceLine: lineOf(origin.node), sinkLine: lineOf(hit.sink),
      trust: origin.trust, confidence: origin.confidence, sources: new Set(facts.map((f) => f.origin.kind === 'source' ? `${lineOf(f.origin.node)}:${f.origin.description}` : '')).size,
      evidence: [
        { node: origin.node, message: `source: \`${origin.description}\` (line ${lineOf(origin.node)})` },
        ...best.steps,
      ],
    });
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex || a.argument.startIndex - b.argument.startIndex);
}
