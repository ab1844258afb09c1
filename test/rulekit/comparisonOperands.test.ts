// Where a compared value comes from (rulekit/comparisonOperands.ts provenance): request data, a caller's parameter,
// or the server's own state hung on the request (Django's session and user), which no client chooses.
import { describe, expect, it } from 'vitest';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { comparisonPairs } from '../../src/languages/python/syntax.js';
import { provenance } from '../../src/rulekit/comparisonOperands.js';
import { allNodes, modelOf } from '../model/helpers.js';

async function sidesOf(source: string): Promise<Array<[string, string | null]>> {
  const model = await modelOf(source);
  const out: Array<[string, string | null]> = [];
  for (const cmp of allNodes(model.root).filter((n): n is SyntaxNode => n.type === 'comparison_operator')) {
    for (const p of comparisonPairs(cmp)) for (const side of [p.left, p.right]) out.push([side.text, provenance(model, side)]);
  }
  return out;
}

describe('provenance of a compared value', () => {
  it('takes request data and parameters for client or caller data', async () => {
    expect(await sidesOf(`
def check(req, expected):
    return req.headers.get('X-Signature') == expected
`)).toEqual([["req.headers.get('X-Signature')", 'request'], ['expected', 'caller']]);
  });

  it('takes the session and the authenticated user on a request for server state, however the request is reached', async () => {
    expect(await sidesOf(`
def cached(self, context):
    session = context['request'].session
    if session['allowed']['valid_for'] != session.get('token'):
        return None


def client(request, cached):
    user = request.user
    return cached.auth_token == user.token.id


def view(self):
    return self.request.session.get('nonce') == self.request.user.token
`)).toEqual([
      ["session['allowed']['valid_for']", null], ["session.get('token')", null],
      ['cached.auth_token', 'caller'], ['user.token.id', null],
      ["self.request.session.get('nonce')", null], ['self.request.user.token', null],
    ]);
  });

  it('keeps a session key the client sends as request data', async () => {
    expect(await sidesOf(`
def resume(request, stored):
    return request.COOKIES.get('session') == stored
`)).toEqual([["request.COOKIES.get('session')", 'request'], ['stored', 'caller']]);
  });
});
