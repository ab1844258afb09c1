// What the C/C++ input analysis counts as input: buffers a read fills, values decoded or parsed, objects set from
// them through the file's setters, locals scoped to their function; and the functions on a file's input path.
import { describe, expect, it } from 'vitest';
import { parseCppSource } from '../../src/languages/cpp/parser.js';
import { baseName, enclosingFunction, functionName } from '../../src/languages/cpp/syntax.js';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { functionsOnInputPath, inputNames } from '../../src/rulekit/cppInput.js';

const SOURCE = `
bool Reader::readHeader()
{
    Header raw;
    m_device->read(reinterpret_cast<char *>(&raw), sizeof raw);
    m_format.setRate(raw.rate);
    int rate = 44100;
    return true;
}

int Reader::frames(QDataStream &in)
{
    int count = 0;
    in >> count;
    int rate = m_defaultRate;
    return m_total / count + rate;
}

void Reader::onReadyRead()
{
    m_pending.append(m_socket->readAll());
    parse();
}

void Reader::parse() { step(); }
void Reader::step() {}
void Reader::layout() { m_width = 10; }
`;

/** Every identifier or field name called `name` in the tree, with its function's name. */
function occurrences(root: SyntaxNode, name: string): Array<{ fn: string; node: SyntaxNode }> {
  return root.descendantsOfType(['identifier', 'field_identifier']).filter((n) => n.text === name)
    .map((node) => ({ fn: baseName(functionName(enclosingFunction(node)!) ?? ''), node }));
}

describe('cppInput', () => {
  it('follows reads, stream extraction and setters; scopes locals to their function', async () => {
    const root = (await parseCppSource(SOURCE)).rootNode;
    const inputs = inputNames(root);
    const fed = (name: string, fn: string): boolean => occurrences(root, name).filter((o) => o.fn === fn).every((o) => inputs.has(o.node));
    expect(fed('raw', 'readHeader')).toBe(true);
    expect(fed('m_format', 'readHeader')).toBe(true);
    expect(fed('count', 'frames')).toBe(true);
    // `rate` in frames() is another local than the one in readHeader(), and neither is read from input.
    expect(occurrences(root, 'rate').some((o) => inputs.has(o.node))).toBe(false);
    expect(occurrences(root, 'm_total').some((o) => inputs.has(o.node))).toBe(false);
  });

  it('puts readers, their callers and what they call on the input path', async () => {
    const root = (await parseCppSource(SOURCE)).rootNode;
    const path = functionsOnInputPath(root, (f) => { const n = functionName(f); return n ? baseName(n) : null; });
    expect([...path].sort()).toEqual(['frames', 'onReadyRead', 'parse', 'readHeader']);
  });
});
