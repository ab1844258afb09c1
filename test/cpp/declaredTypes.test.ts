// The declared-type reader C/C++ rules ask instead of guessing from names: locals shadow members, members resolve
// through the method's class or the object's declared class, ambiguous or unseen names answer null.
import { describe, expect, it } from 'vitest';
import { declaredTypes } from '../../src/languages/cpp/declaredTypes.js';
import { parseCppSource } from '../../src/languages/cpp/parser.js';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';

const SOURCE = `
struct Tile { int rows; qint64 total; };
class Other { double rows; };
int g_count;
qint64 area(int w, const QSize &size)
{
    unsigned int *cells = nullptr;
    Tile tile;
    return w + size.width() + cells[0] + tile.rows + g_count + m_unknown;
}
void Tile::grow() { total = rows; this->rows = 2; }
int twice(int x) { return x; }
void shadow(int n) { { long long n2 = 0; } if (true) { short n = 1; } }
`;

async function lookup(): Promise<(name: string, nth?: number) => string | null> {
  const tree = await parseCppSource(SOURCE);
  const types = declaredTypes(tree.rootNode);
  const nodes = tree.rootNode.descendantsOfType(['identifier', 'field_expression']);
  return (text: string, nth = 0) => {
    const node = nodes.filter((n: SyntaxNode) => n.text === text)[nth];
    if (!node) throw new Error(`no ${text}`);
    const t = types.typeOf(node);
    return t ? `${t.name}${t.indirect ? '*' : ''}` : null;
  };
}

describe('declaredTypes', () => {
  it('reads parameters, locals, pointers and globals; unknown names are null', async () => {
    const typeOf = await lookup();
    expect(typeOf('w', 1)).toBe('int');
    expect(typeOf('size', 1)).toBe('QSize');
    expect(typeOf('cells', 1)).toBe('unsigned int*');
    expect(typeOf('g_count', 1)).toBe('int');
    expect(typeOf('m_unknown')).toBeNull();
  });

  it('resolves members through the object\'s class, the method\'s class and this->', async () => {
    const typeOf = await lookup();
    expect(typeOf('tile.rows')).toBe('int');
    expect(typeOf('total')).toBe('qint64');
    expect(typeOf('rows')).toBe('int');
    expect(typeOf('this->rows')).toBe('int');
  });

  it('answers null for a name declared with two types in one function, and knows return types', async () => {
    const tree = await parseCppSource(SOURCE);
    const types = declaredTypes(tree.rootNode);
    const shadowed = tree.rootNode.descendantsOfType('identifier').filter((n) => n.text === 'n');
    expect(types.typeOf(shadowed[shadowed.length - 1]!)).toBeNull();
    expect(types.returnTypeOfName('twice')).toEqual({ name: 'int', indirect: false });
    expect(types.returnTypeOfName('area')).toEqual({ name: 'qint64', indirect: false });
  });
});
