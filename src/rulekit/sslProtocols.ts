// Which TLS protocol constants are broken (SSLv2/3, TLS 1.0/1.1), by Bandit's list: shared by the rules on protocols
// pinned in calls (B502) and in function defaults (B503). Names a constant; where it is used is the rule's question.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { unparenthesize } from '../languages/python/syntax.js';

/** Bandit's default `bad_protocol_versions`, by constant name (ssl.PROTOCOL_*, OpenSSL.SSL.*_METHOD). */
export const BAD_PROTOCOLS = new Set([
  'PROTOCOL_SSLv2', 'SSLv2_METHOD', 'SSLv23_METHOD', 'PROTOCOL_SSLv3', 'PROTOCOL_TLSv1', 'SSLv3_METHOD',
  'TLSv1_METHOD', 'PROTOCOL_TLSv1_1', 'TLSv1_1_METHOD',
]);

/** The protocol constant an expression names (`ssl.PROTOCOL_TLSv1`, `SSL.SSLv3_METHOD`, an imported name), if bad. */
export function badProtocol(model: PythonModel, node: SyntaxNode | null): string | null {
  if (!node) return null;
  const q = model.qualifiedName(unparenthesize(node));
  const last = q?.split('.').pop();
  return last !== undefined && BAD_PROTOCOLS.has(last) ? last : null;
}
