// Item stores that are taint sinks (`resp.headers['Location'] = value`): the spec's store entries matched against a
// subscript target where the forward walker binds it. Calls stay the business of taintMatch/checkSinks.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { TaintFact } from '../../../analysis/taint/facts.js';
import type { TaintSpec } from '../../../analysis/taint/spec.js';
import { liveAt, type SinkHit } from '../../../analysis/taint/summary.js';
import type { PythonModel } from '../model.js';
import { unparenthesize } from '../syntax.js';
import { attributeOwner, madeBy } from './objectOrigin.js';

/** The hits `facts` make when stored through subscript `target` (`x[k] = v`, `x[k] += v`). */
export function storeHits(model: PythonModel, spec: TaintSpec, target: SyntaxNode, facts: readonly TaintFact<SyntaxNode>[]): SinkHit<SyntaxNode>[] {
  if (!spec.stores || target.type !== 'subscript') return [];
  const container = target.childForFieldName('value');
  if (!container) return [];
  const text = unparenthesize(container).text;
  const assignment = target.parent?.type === 'assignment' || target.parent?.type === 'augmented_assignment' ? target.parent : null;
  const argument = assignment?.childForFieldName('right') ?? target;
  const out: SinkHit<SyntaxNode>[] = [];
  for (const store of spec.stores) {
    if (!store.container.test(text)) continue;
    if (store.containerOf) {
      const owner = attributeOwner(container);
      if (owner === null || !madeBy(model, owner, store.containerOf)) continue;
    }
    const hit: SinkHit<SyntaxNode> = { sink: assignment ?? target, argument, kind: store.kind, sinkName: store.sinkName, variant: store.variant, facts: [] };
    hit.facts = liveAt(hit, facts);
    if (hit.facts.length > 0) out.push(hit);
  }
  return out;
}
