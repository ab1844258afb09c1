// CWE-125: bytes copied out of a container at an offset — `memcpy(out, buf.constData() + pos, len)`,
// `QByteArray(buf.constData() + pos, len)`, `QString::fromUtf8(buf.data() + pos, len)` — where the length is a
// parameter or a local the function never compares with anything, and the container's size is not asked for in the
// function. Lengths and offsets of network packets and file records come from the peer: a length larger than what
// was received reads past the end of the buffer. A function that looks at `len`, `pos` or `buf.size()` anywhere is
// taken to check (path-insensitive, to stay quiet on guards it does not follow).
import { callShape, enclosingFunction } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { COPY_FROM_POINTER, CONTAINER_DATA_METHODS, CONTAINER_SIZE_METHODS, RAW_BYTE_TYPES } from '../../../models/cpp/library.js';
import { namesIn, testedNames } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

function args(list: SyntaxNode | null | undefined): SyntaxNode[] {
  return list?.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment') ?? [];
}

/** `buf` in `buf.constData() + pos`, `buf.data()`, `(const char *)buf.constData() + pos`: the container read from. */
function containerRead(src: SyntaxNode): { container: string; offset: SyntaxNode | null } | null {
  for (const call of [src, ...src.descendantsOfType('call_expression')]) {
    if (call.type !== 'call_expression') continue;
    const shape = callShape(call);
    if (!shape?.receiver || !CONTAINER_DATA_METHODS.has(shape.name)) continue;
    // A container given by name (a local, a member); a call result (`readBuffer(n).constData()`) has its own size.
    if (shape.receiver.type !== 'identifier' && shape.receiver.type !== 'field_expression') return null;
    const sum = call.parent?.type === 'binary_expression' && call.parent.childForFieldName('operator')?.text === '+' ? call.parent : null;
    const offset = sum ? (sum.childForFieldName('left')?.id === call.id ? sum.childForFieldName('right') : sum.childForFieldName('left')) : null;
    return { container: shape.receiver.text, offset };
  }
  return null;
}

/** Names declared in the function: parameters and locals (a length taken from them is the function's own value). */
function localNames(fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const d of fn.descendantsOfType(['parameter_declaration', 'optional_parameter_declaration', 'init_declarator'])) {
    const name = d.childForFieldName('declarator');
    const id = name && (name.type === 'identifier' ? name : name.descendantsOfType('identifier')[0]);
    if (id) out.add(id.text);
  }
  return out;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'unchecked-length-read',
    cwe: 125,
    severity: 'high',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      read: {
        text: '`{call}` reads `{length}` bytes from `{container}` without `{fn}` comparing `{length}` (or the offset) with `{container}`\'s size: a length from the input larger than what was received reads past the end of the buffer',
        fix: 'Check that offset + `{length}` is at most `{container}`.size() (or bytesAvailable()) before copying, and fail or wait for more data otherwise',
      },
    },
    docs: {
      summary: 'Copy out of a container with a length or offset that is never compared with its size (out-of-bounds read)',
      why: 'Protocol and file parsers read a length field, then copy that many bytes from the receive buffer. When nothing compares the length (and the read position) with the bytes actually held, a peer that announces more than it sends makes memcpy or the QByteArray/QString constructor read past the end of the heap buffer: a crash, or other memory disclosed in the result (CWE-125).',
      example: 'QByteArray Connection::take(quint64 size)\n{\n    QByteArray res(m_buffer.constData() + m_pos, int(size));\n    m_pos += size;\n    return res;\n}\n',
      useInstead: 'QByteArray Connection::take(quint64 size)\n{\n    if (size > quint64(m_buffer.size() - m_pos))\n        return {};\n    QByteArray res(m_buffer.constData() + m_pos, int(size));\n    m_pos += size;\n    return res;\n}\n',
      fix: 'Before the copy, compare offset + length with the container\'s size (in a type that cannot overflow) and stop, or wait for more data, when it does not fit; or use QByteArray::mid / sliced, which clamp.',
      references: ['https://cwe.mitre.org/data/definitions/125.html', 'https://wiki.sei.cmu.edu/confluence/display/c/ARR38-C.+Guarantee+that+library+functions+do+not+form+invalid+pointers'],
    },
  },
  create(ctx) {
    const check = (site: SyntaxNode, what: string, src: SyntaxNode | undefined, length: SyntaxNode | undefined): void => {
      if (!src || !length) return;
      const read = containerRead(src);
      if (!read) return;
      const fn = enclosingFunction(site);
      if (!fn) return;
      const locals = localNames(fn);
      // The length must be the function's own run-time value (not `sizeof`, a constant or the container's size).
      if (length.descendantsOfType(['sizeof_expression', 'number_literal']).length > 0 || length.type === 'number_literal') return;
      const lengthNames = [...namesIn(length)].filter((n) => locals.has(n));
      if (lengthNames.length === 0) return;
      const tested = testedNames(fn);
      const offsetNames = read.offset ? [...namesIn(read.offset)] : [];
      if ([...lengthNames, ...offsetNames].some((n) => tested.has(n))) return;
      // Any size question about the container in the function counts as a bounds check we may not follow.
      const container = read.container.replace(/^this->/, '');
      const asksSize = fn.descendantsOfType('call_expression').some((c) => {
        const shape = callShape(c);
        return shape?.receiver && CONTAINER_SIZE_METHODS.has(shape.name) && shape.receiver.text.replace(/^this->/, '') === container;
      });
      if (asksSize) return;
      const fnName = fn.childForFieldName('declarator')?.text.split('(')[0] ?? 'the function';
      ctx.report({ node: site, messageId: 'read', data: { call: what, length: length.text.slice(0, 40), container, fn: fnName } });
    };
    return {
      call_expression(call) {
        const shape = callShape(call);
        if (!shape) return;
        const a = args(call.childForFieldName('arguments'));
        if (!shape.receiver && (shape.name === 'memcpy' || shape.name === 'memmove')) check(call, shape.name, a[1], a[2]);
        else if (COPY_FROM_POINTER.has(shape.name) && a.length === 2) check(call, shape.name, a[0], a[1]);
      },
      init_declarator(init) {
        // `QByteArray res(ptr, n);`: a byte or string object constructed from a pointer and a length.
        const type = init.parent?.type === 'declaration' ? init.parent.childForFieldName('type')?.text : undefined;
        const value = init.childForFieldName('value');
        if (!type || !RAW_BYTE_TYPES.has(type) || value?.type !== 'argument_list') return;
        const a = args(value);
        if (a.length === 2) check(init, type, a[0], a[1]);
      },
    };
  },
});
