// Whether an XML parse call is given a document from a remote client (a request body or parameter), by the taint
// analysis of the file with the XML parsers as sinks. The XML rules report by default only then: the same parser on
// a hypervisor's or a storage array's own XML is not an attack surface.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { taintFindings, type TaintFinding } from '../languages/python/dataflow/taintFindings.js';
import { PYTHON_TAINT_SPEC } from '../models/python/taint/index.js';

const byModel = new WeakMap<PythonModel, Map<number, TaintFinding>>();

/** The taint finding for a remote document reaching this parse call, if any. */
export function remoteXmlDocument(model: PythonModel, call: SyntaxNode): TaintFinding | undefined {
  let hits = byModel.get(model);
  if (!hits) {
    hits = new Map();
    for (const f of taintFindings(model, PYTHON_TAINT_SPEC, { kind: 'xml', trust: ['remote'] })) if (!hits.has(f.node.startIndex)) hits.set(f.node.startIndex, f);
    byModel.set(model, hits);
  }
  return hits.get(call.startIndex);
}
