// CWE-674: a function that calls itself — directly, or on another object of its kind (`link->resolve()`,
// `child->draw(p)`) — with nothing that bounds the recursion: no depth counter, visited set or re-entrancy flag in
// sight. On documents that reference themselves (an SVG <use> or gradient pointing at an ancestor), or nest deeply,
// such code recurses until the stack overflows. Overloads with another number of arguments are not recursion.
// A call on a link to a method whose name ends in this one's (`node->transformedBounds(p)` inside `bounds(p)`) is a
// wrapper of the same operation on the other object (it applies a transform, then calls `bounds` again): recursion
// through a second method, as direct as the plain call.
import { callShape, baseName, className, functionName, functionNameNode } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { RECURSION_GUARD_WORDS } from '../../../models/cpp/library.js';
import { testedNames } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** Member names that read as a link to another object of the same kind. */
const LINK_NAMES = /link|ref|target|child|parent|next|prev|node|use/i;

/** `transformedBounds` wraps `bounds`: a longer name ending in the capitalised method name (five letters or more, so
 * that `rect` is not taken for `boundingRect`). */
function wraps(called: string, base: string): boolean {
  return base.length >= 5 && called.length > base.length && called.endsWith(base[0]!.toUpperCase() + base.slice(1));
}

/** Parameter count range of a function definition: [required, total] (variadic: total is infinite). */
function arity(fn: SyntaxNode): [number, number] {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  const params = d?.childForFieldName('parameters')?.namedChildren.filter((p): p is SyntaxNode => p !== null && p.type !== 'comment') ?? [];
  if (params.length === 1 && params[0]!.text === 'void') return [0, 0];
  if (params.some((p) => p.type === 'variadic_parameter' || p.text === '...')) return [0, Infinity];
  const required = params.filter((p) => p.type !== 'optional_parameter_declaration').length;
  return [required, params.length];
}

/**
 * Some identifier in the function names a depth, a visited set or a guard, or a flag is both tested and set to
 * true in it (`if (m_drawing) return; m_drawing = true;`).
 */
function hasGuard(fn: SyntaxNode): boolean {
  if (fn.descendantsOfType(['identifier', 'field_identifier']).some((n) => RECURSION_GUARD_WORDS.test(n.text))) return true;
  const tested = testedNames(fn);
  return fn.descendantsOfType('assignment_expression').some((a) =>
    a.childForFieldName('right')?.text === 'true' && tested.has(a.childForFieldName('left')?.text.replace(/^.*(?:->|\.)/, '') ?? ''));
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'unbounded-recursion',
    cwe: 674,
    severity: 'medium',
    confidence: 'low',
    languages: ['cpp'],
    messages: {
      direct: {
        text: '`{fn}` calls itself (`{call}`) with no depth limit or re-entrancy guard: input that makes it recurse without end (or very deep) overflows the stack',
        fix: 'Turn the recursion into a loop, or bound it: pass a depth and stop at a limit, or keep a flag/visited set that stops re-entry into `{fn}`',
      },
      link: {
        text: '`{fn}` calls `{call}` on another object of its kind, following a link or child with no depth limit or visited set: a reference cycle or very deep nesting in the input recurses until the stack overflows',
        fix: 'Track the objects being visited (a QSet of visited nodes, or a flag set while inside `{fn}`) and stop on a cycle; bound the depth for deep nesting',
      },
      wrapper: {
        text: '`{fn}` calls `{call}` on another object of its kind, a wrapper that reaches `{fn}` again on it, following a link or child with no depth limit or visited set: a reference cycle or very deep nesting in the input recurses until the stack overflows',
        fix: 'Track the objects being visited (a QSet of visited nodes, or a flag set while inside `{fn}`) and stop on a cycle; bound the depth for deep nesting',
      },
    },
    docs: {
      summary: 'Recursion into the same function (directly or through a linked object) with no depth limit or cycle check',
      why: 'Parsers and renderers of documents often recurse along references that the document controls (an SVG <use> or gradient href, a child list, a nested packet). Without a visited set or a depth limit, a document that references itself, or nests a few hundred thousand levels deep, recurses until the stack overflows and the process crashes (CWE-674, a denial of service).',
      example: 'void Gradient::resolveStops()\n{\n    Gradient *link = document()->gradient(m_link);\n    if (link)\n        link->resolveStops();\n    m_stops = link ? link->m_stops : m_stops;\n}\n',
      useInstead: 'void Gradient::resolveStops(QSet<Gradient *> &visited)\n{\n    Gradient *link = document()->gradient(m_link);\n    if (link && !visited.contains(link)) {\n        visited.insert(link);\n        link->resolveStops(visited);\n    }\n}\n',
      fix: 'Keep the set of objects on the current path (or a re-entrancy flag) and stop when one comes round again; limit the nesting depth for input that is merely deep; or replace the recursion by a loop with an explicit stack.',
      references: ['https://cwe.mitre.org/data/definitions/674.html', 'https://wiki.sei.cmu.edu/confluence/display/c/MEM05-C.+Avoid+large+stack+allocations'],
    },
  },
  create(ctx) {
    return {
      function_definition(fn) {
        const name = functionName(fn);
        if (!name) return;
        const base = baseName(name);
        // Destructors and operators recurse by design through members of their type; nothing reads a link there.
        if (base.startsWith('~') || base.startsWith('operator')) return;
        const body = fn.childForFieldName('body');
        if (!body) return;
        const [min, max] = arity(fn);
        const owner = className(name);
        // Overloads of the same name in this file: a call may be to another of them, which arity cannot tell.
        const overloads = ctx.model.root.descendantsOfType('function_definition').filter((f) => { const other = functionName(f); return other !== null && baseName(other) === base; }).length;
        const declared = new Set(body.descendantsOfType(['declaration', 'for_range_loop']).flatMap((d) => [...d.descendantsOfType('identifier')].map((i) => i.text)));
        for (const p of fn.descendantsOfType('parameter_declaration')) for (const i of p.descendantsOfType('identifier')) declared.add(i.text);
        const declaredTypes = new Map<string, string>();
        for (const d of fn.descendantsOfType(['declaration', 'parameter_declaration'])) {
          const type = d.childForFieldName('type');
          if (!type || type.type === 'placeholder_type_specifier') continue;
          const typeName = baseName(type.text.replace(/<.*$/s, '').replace(/\s+/g, ''));
          for (const i of d.descendantsOfType('identifier')) declaredTypes.set(i.text, typeName);
        }
        const calls = body.descendantsOfType('call_expression').filter((call) => {
          const shape = callShape(call);
          if (!shape) return false;
          const wrapper = shape.receiver !== null && shape.receiver.text !== 'this' && wraps(shape.name, base);
          if (shape.name !== base && !wrapper) return false;
          const callee = call.childForFieldName('function')!;
          // `QIODevice::open(mode)` inside `Device::open`: the base class's method, not this one.
          if (callee.type === 'qualified_identifier' && className(callee.text.replace(/\s+/g, '')) !== owner) return false;
          if (shape.receiver && shape.receiver.text === 'this') return true;
          if (shape.receiver) {
            // A free function is never called through an object.
            if (!owner) return false;
            // Links are plain names: a local, a parameter, or a member named as one (`m_link`, `child`); chains
            // (`xml->device()->open`) and the pimpl (`d->render()`) are delegation to another class.
            if (shape.receiver.type !== 'identifier' || /^[dq]$|^[dq]_ptr$/.test(shape.receiver.text)) return false;
            // Links are pointers (`link->resolve()`); `icon.availableSizes()` is a value of some other class.
            if (callee.child(1)?.text !== '->') return false;
            if (!declared.has(shape.receiver.text) && !LINK_NAMES.test(shape.receiver.text)) return false;
            // A receiver declared with another class (`QSvgFeMergeNode *filter` in QSvgFeMerge::apply) calls that
            // class's method of the same name, not this one.
            const type = declaredTypes.get(shape.receiver.text);
            if (type && owner && type !== baseName(owner)) return false;
          } else if (overloads > 1) return false;
          const count = call.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment').length ?? 0;
          return count >= min && count <= max;
        });
        if (calls.length === 0 || hasGuard(fn)) return;
        for (const call of calls) {
          const shape = callShape(call)!;
          const viaLink = shape.receiver !== null && shape.receiver.text !== 'this';
          ctx.report({
            node: call,
            messageId: !viaLink ? 'direct' : shape.name === base ? 'link' : 'wrapper',
            data: { fn: name, call: call.text.split('\n')[0]!.slice(0, 80) },
            evidence: [{ node: functionNameNode(fn) ?? fn, message: `${name} is defined here` }],
          });
        }
      },
    };
  },
});
