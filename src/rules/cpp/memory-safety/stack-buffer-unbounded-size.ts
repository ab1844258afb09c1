// CWE-789: a buffer on the stack — a variable-length array `char buf[n]` or `alloca(n)` — whose size is a local value
// or a parameter the function never compares with anything. The size comes from a device, a driver or a file; a
// large one moves the stack pointer past the guard page (a crash, or writes into other memory), and there is no
// failure to check. Sizes made of constants (`BufferSize`, `sizeof`, a `constexpr` or literal-initialised const,
// members, template parameters) and sizes the function tests are left alone.
import { callShape, enclosingFunction } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { testedNames } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** Calls that clamp a value into a range: a size computed through them is bounded (`qMin(frames, maxFrames)`). */
const CLAMPS = new Set(['qMin', 'qBound', 'min', 'clamp', 'std::min', 'std::clamp']);

/**
 * Local or parameter names of a function whose value is only known at run time and not clamped, mapped to their
 * declaration. Declarations are taken in order, so a const computed only from constants is a constant too.
 */
function runtimeLocals(fn: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const p of fn.descendantsOfType(['parameter_declaration', 'optional_parameter_declaration'])) {
    const id = p.childForFieldName('declarator');
    const name = id && (id.type === 'identifier' ? id : id.descendantsOfType('identifier')[0]);
    if (name) out.set(name.text, p);
  }
  for (const d of fn.childForFieldName('body')?.descendantsOfType('declaration') ?? []) {
    // `constexpr int n = 64;` is a constant spelled as a name.
    if (/\bconstexpr\b/.test(d.text.split('=')[0]!)) continue;
    const isConst = /^\s*(?:static\s+)?const\b/.test(d.text);
    for (const init of d.descendantsOfType('init_declarator')) {
      const name = init.childForFieldName('declarator');
      const value = init.childForFieldName('value');
      if (name?.type !== 'identifier') continue;
      const calls = value?.descendantsOfType('call_expression') ?? [];
      if (calls.some((c) => CLAMPS.has(callShape(c)?.name ?? '') || CLAMPS.has(c.childForFieldName('function')?.text ?? ''))) continue;
      // `const size_t n = traits<P>::size;`: a const made of no calls and no run-time locals is fixed at compile time.
      const fromRuntime = value !== null && (value.type === 'identifier' ? [value] : value.descendantsOfType('identifier')).some((i) => out.has(i.text));
      if (isConst && value !== null && calls.length === 0 && !fromRuntime) continue;
      out.set(name.text, d);
    }
  }
  return out;
}

/** The run-time names a size expression depends on (not inside `sizeof`, not called functions). */
function runtimeNames(size: SyntaxNode, locals: Map<string, SyntaxNode>): string[] {
  const ids = size.type === 'identifier' ? [size] : size.descendantsOfType('identifier');
  return ids.filter((id) => locals.has(id.text) && !id.parent?.type.startsWith('sizeof') && id.parent?.type !== 'call_expression')
    .map((id) => id.text);
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'stack-buffer-unbounded-size',
    cwe: 789,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      vla: {
        text: 'the stack array `{name}` is sized by `{size}`, which `{fn}` never compares with a limit: a large value from the input or the driver overflows the stack',
        fix: 'Bound `{size}` before the declaration (and fail or read in chunks above the bound), or use a heap buffer (QByteArray, QVarLengthArray with a fixed prealloc, std::vector)',
      },
      alloca: {
        text: '`alloca({size})` takes a size `{fn}` never compares with a limit: a large value overflows the stack, and alloca cannot report failure',
        fix: 'Bound `{size}` first, or allocate on the heap (QByteArray, std::vector) where a failure can be seen',
      },
    },
    docs: {
      summary: 'Variable-length stack array or alloca sized by an unchecked run-time value',
      why: 'A variable-length array (a GCC/Clang extension in C++) or alloca takes its size from a value only known at run time. When that value comes from a file, a peer or a driver and nothing bounds it, a large size moves the stack pointer beyond the guard page: the process crashes, or the writes that follow land in other memory (CWE-789; CERT ARR32-C, MEM05-C).',
      example: 'void Output::pull()\n{\n    const int bytes = format.bytesForFrames(framesFree());\n    char buffer[bytes];\n    source->read(buffer, bytes);\n}\n',
      useInstead: 'void Output::pull()\n{\n    const int bytes = format.bytesForFrames(framesFree());\n    QByteArray buffer(bytes, Qt::Uninitialized);\n    source->read(buffer.data(), buffer.size());\n}\n',
      fix: 'Check the size against a limit before declaring the array, or use a heap buffer (QByteArray, std::vector, QVarLengthArray with a fixed preallocation) whose allocation failure is visible.',
      references: ['https://cwe.mitre.org/data/definitions/789.html', 'https://wiki.sei.cmu.edu/confluence/display/c/ARR32-C.+Ensure+size+arguments+for+variable+length+arrays+are+in+a+valid+range', 'https://wiki.sei.cmu.edu/confluence/display/c/MEM05-C.+Avoid+large+stack+allocations'],
    },
  },
  create(ctx) {
    const check = (site: SyntaxNode, size: SyntaxNode, messageId: 'vla' | 'alloca', name: string): void => {
      const fn = enclosingFunction(site);
      if (!fn) return;
      const names = runtimeNames(size, runtimeLocals(fn));
      if (names.length === 0) return;
      const tested = testedNames(fn);
      if (names.some((n) => tested.has(n))) return;
      const fnName = fn.childForFieldName('declarator')?.text.split('(')[0] ?? 'the function';
      ctx.report({ node: site, messageId, data: { name, size: size.text.replace(/\s+/g, ' ').slice(0, 60), fn: fnName } });
    };
    return {
      array_declarator(decl) {
        // Only objects defined in a function body; parameters (`int a[n]`) and members are not stack buffers.
        if (decl.parent?.type !== 'declaration' && decl.parent?.type !== 'init_declarator') return;
        const size = decl.childForFieldName('size');
        if (!size) return;
        check(decl, size, 'vla', decl.childForFieldName('declarator')?.text ?? '?');
      },
      call_expression(call) {
        const shape = callShape(call);
        if (shape?.receiver || (shape?.name !== 'alloca' && shape?.name !== '_alloca')) return;
        const size = call.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment');
        if (size) check(call, size, 'alloca', '');
      },
    };
  },
});
