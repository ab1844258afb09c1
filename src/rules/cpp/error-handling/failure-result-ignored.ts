// CWE-252: a call whose result reports failure, made as a bare statement. Two kinds of evidence, both from the file
// itself, never from a list of names: (1) the function is defined here, returns bool, returns false on some path, and
// fills an out-parameter (`&x` for a pointer, `x` for a non-const reference) that this caller declared without an
// initialiser and reads after the call — so on failure the caller reads an unset value; (2) the deviant call (Engler et al., "Bugs as Deviant Behavior", SOSP 2001): most
// calls of that function in the file test its result in a condition, this one drops it. Calls cast to void are
// deliberate and left alone.
import { callShape, enclosingFunction, functionName, baseName, unparenthesize } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { NARROW_INTEGER_TYPES, WIDE_ARITHMETIC_TYPES } from '../../../models/cpp/types.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/**
 * The deviance threshold: at least this many calls test the result, and they are at least this share of the calls
 * that test or drop it. Three tested calls is the smallest majority that is not a coincidence of two call sites in
 * one function; 75% lets one deviant site in four through (Engler's z-statistic ranks higher ratios first).
 */
const MIN_TESTED = 3;
const MIN_TESTED_SHARE = 0.75;

const TESTS = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||']);

type Use = 'ignored' | 'tested' | 'used' | 'voided';

/** How a call's result is used: dropped as a statement, tested in a condition, cast to void, or used otherwise. */
function useOf(call: SyntaxNode): Use {
  let n = call;
  for (let p = n.parent; p; n = p, p = p.parent) {
    switch (p.type) {
      case 'parenthesized_expression': continue;
      case 'expression_statement': return 'ignored';
      case 'cast_expression': return p.childForFieldName('type')?.text.replace(/\s+/g, '') === 'void' ? 'voided' : 'used';
      case 'condition_clause': return 'tested';
      case 'unary_expression': if (p.childForFieldName('operator')?.text === '!') return 'tested'; return 'used';
      case 'binary_expression': return TESTS.has(p.childForFieldName('operator')?.text ?? '') ? 'tested' : 'used';
      case 'conditional_expression': return p.childForFieldName('condition')?.id === n.id ? 'tested' : 'used';
      case 'for_statement': case 'while_statement': case 'do_statement': return p.childForFieldName('condition')?.id === n.id ? 'tested' : 'used';
      default: return 'used';
    }
  }
  return 'used';
}

interface Definition { fn: SyntaxNode; params: SyntaxNode[] }

/** Functions the file defines that return bool and `return false` somewhere: their result says whether they worked. */
function boolReporters(root: SyntaxNode): Map<string, Definition> {
  const out = new Map<string, Definition>();
  for (const fn of root.descendantsOfType('function_definition')) {
    if (fn.childForFieldName('type')?.text !== 'bool' || fn.childForFieldName('declarator')?.type !== 'function_declarator') continue;
    const returnsFalse = fn.descendantsOfType('return_statement').some((r) => r.namedChild(0)?.type === 'false' && enclosingFunction(r)?.id === fn.id);
    const name = functionName(fn);
    if (!returnsFalse || !name) continue;
    const params = fn.childForFieldName('declarator')?.childForFieldName('parameters')?.namedChildren.filter((p) => p.type === 'parameter_declaration' || p.type === 'optional_parameter_declaration') ?? [];
    out.set(baseName(name), { fn, params });
  }
  return out;
}

/** A local the caller declares without an initialiser (`chunk descriptor;`), by name, in the function holding `node`. */
function uninitialisedLocal(fn: SyntaxNode, name: string, before: number): SyntaxNode | null {
  for (const decl of fn.descendantsOfType('declaration')) {
    if (decl.startIndex > before) continue;
    for (const d of decl.childrenForFieldName('declarator')) if (d.type === 'identifier' && d.text === name) return decl;
  }
  return null;
}

/** The first read of `name` in `fn` after `after` that is not another `&name` hand-over or an assignment to it. */
function laterRead(fn: SyntaxNode, name: string, after: number): SyntaxNode | null {
  for (const id of fn.descendantsOfType('identifier')) {
    if (id.text !== name || id.startIndex < after) continue;
    const p = id.parent;
    if (p?.type === 'pointer_expression' && p.childForFieldName('operator')?.text === '&') continue;
    if (p?.type === 'assignment_expression' && p.childForFieldName('left')?.id === id.id) continue;
    return id;
  }
  return null;
}

/**
 * Whether a declaration's type leaves its variable holding garbage when declared without an initialiser: a built-in
 * scalar, or a struct/class this file defines without a constructor. A class with a constructor (QColor, QString)
 * starts in a defined empty state, so a failed fill leaves a default value, not an unset one.
 */
function isPlainData(decl: SyntaxNode, root: SyntaxNode): boolean {
  const type = decl.childForFieldName('type');
  if (!type) return false;
  if (type.type === 'primitive_type' || type.type === 'sized_type_specifier') return true;
  const name = type.text.replace(/\s+/g, ' ');
  if (NARROW_INTEGER_TYPES.has(name) || WIDE_ARITHMETIC_TYPES.has(name) || name === 'qreal' || name === 'float') return true;
  return root.descendantsOfType(['struct_specifier', 'class_specifier']).some((c) =>
    c.childForFieldName('name')?.text === name && c.childForFieldName('body') !== null &&
    !c.childForFieldName('body')!.descendantsOfType('function_declarator').some((f) => f.childForFieldName('declarator')?.text === name));
}

/**
 * The local an argument hands over for the callee to fill: `&x` for a `T *` parameter, or `x` for a non-const `T &`
 * parameter; null for anything else.
 */
function outArgument(arg: SyntaxNode, param: SyntaxNode | undefined): SyntaxNode | null {
  const declarator = param?.childForFieldName('declarator');
  if (!param || !declarator) return null;
  if (declarator.type === 'pointer_declarator' && arg.type === 'pointer_expression' && arg.childForFieldName('operator')?.text === '&') {
    const local = arg.childForFieldName('argument');
    return local?.type === 'identifier' ? local : null;
  }
  const constant = param.children.some((c) => c.type === 'type_qualifier' && c.text === 'const');
  if (declarator.type === 'reference_declarator' && !constant && arg.type === 'identifier') return arg;
  return null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'failure-result-ignored',
    cwe: 252,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      outParameter: {
        text: '`{call}` drops the bool `{callee}` returns, and `{callee}` returns false without filling `{local}` (line {falseLine}); `{local}` is read at line {readLine} unset when the call fails',
        fix: 'Test the result (`if (!{callee}(…)) return …;`) before reading `{local}`, or initialise `{local}` to a safe value',
      },
      deviant: {
        text: '`{callee}()` reports failure through its result, and {tested} of {total} calls in this file test it; this call drops it',
        fix: 'Test the result of `{callee}()` here as the other calls do, and handle the failure (or cast the call to void with a comment if failure cannot happen)',
      },
    },
    docs: {
      summary: 'Call whose failure result is dropped: an out-parameter read unset, or a call deviating from the file\'s checked calls',
      why: 'Class: unchecked return value (CWE-252; CERT EXP12-C "Do not ignore values returned by functions"; Engler et al., "Bugs as Deviant Behavior", SOSP 2001). A function that reports failure through its result leaves its outputs unset, stale or half-written when it fails; a caller that drops the result goes on as if it had worked and reads the unset value (CWE-457) or acts on a state that does not hold. Parsers of files and network data fail exactly when the input is hostile, so the dropped result is the attacker\'s entry. The evidence comes from the code itself: the callee\'s own `return false` paths and the out-parameter they leave unset, or the majority of the file\'s calls that do test the result (a Qt multimedia WAV parser read a chunk header through `peekChunk(&descriptor)` without testing it, while its other calls did).',
      example: 'bool Parser::readHeader(Header *out)\n{\n    if (m_device->bytesAvailable() < qint64(sizeof(Header)))\n        return false;\n    m_device->read(reinterpret_cast<char *>(out), sizeof(Header));\n    return true;\n}\n\nvoid Parser::start()\n{\n    Header header;\n    readHeader(&header);\n    m_length = header.length;\n}\n',
      useInstead: 'bool Parser::readHeader(Header *out)\n{\n    if (m_device->bytesAvailable() < qint64(sizeof(Header)))\n        return false;\n    m_device->read(reinterpret_cast<char *>(out), sizeof(Header));\n    return true;\n}\n\nvoid Parser::start()\n{\n    Header header;\n    if (!readHeader(&header))\n        return;\n    m_length = header.length;\n}\n',
      fix: 'Test the result and handle the failure before using anything the call was to produce; where failure truly cannot happen, say so with `(void)` and a comment or an assertion on the result.',
      references: [
        'https://cwe.mitre.org/data/definitions/252.html',
        'https://wiki.sei.cmu.edu/confluence/display/c/EXP12-C.+Do+not+ignore+values+returned+by+functions',
        'https://web.stanford.edu/~engler/deviant-sosp-01.pdf',
      ],
    },
  },
  create(ctx) {
    return {
      translation_unit(root) {
        const reporters = boolReporters(root);
        const byName = new Map<string, Array<{ call: SyntaxNode; use: Use }>>();
        for (const call of root.descendantsOfType('call_expression')) {
          const shape = callShape(call);
          if (!shape) continue;
          const list = byName.get(shape.name) ?? [];
          list.push({ call, use: useOf(call) });
          byName.set(shape.name, list);
        }
        const reported = new Set<number>();
        const snippet = (n: SyntaxNode): string => n.text.replace(/\s+/g, ' ').slice(0, 60);
        // (1) out-parameters left unset by a bool function of this file.
        for (const [name, def] of reporters) {
          for (const { call, use } of byName.get(name) ?? []) {
            if (use !== 'ignored') continue;
            const fn = enclosingFunction(call);
            const args = call.childForFieldName('arguments')?.namedChildren ?? [];
            if (!fn || args.length > def.params.length) continue;
            for (const [i, arg] of args.entries()) {
              const local = outArgument(unparenthesize(arg), def.params[i]);
              const decl = local?.type === 'identifier' ? uninitialisedLocal(fn, local.text, call.startIndex) : null;
              if (!local || !decl) continue;
              // `Header h; read(&h)` is the C out-parameter idiom for plain structs, whose type is often in a header;
              // a reference out-parameter is as common for classes that initialise themselves, so it needs the type.
              if (unparenthesize(arg).type !== 'pointer_expression' && !isPlainData(decl, root)) continue;
              const read = laterRead(fn, local.text, call.endIndex);
              if (!read) continue;
              const falseReturn = def.fn.descendantsOfType('return_statement').find((r) => r.namedChild(0)?.type === 'false')!;
              reported.add(call.id);
              ctx.report({
                node: call, messageId: 'outParameter',
                data: { call: snippet(call), callee: name, local: local.text, falseLine: falseReturn.startPosition.row + 1, readLine: read.startPosition.row + 1 },
                evidence: [
                  { node: falseReturn, message: `${name} returns false here` },
                  { node: read, message: `${local.text} is read after the unchecked call` },
                ],
              });
              break;
            }
          }
        }
        // (2) calls deviating from the file's majority of tested calls.
        for (const [name, sites] of byName) {
          const tested = sites.filter((s) => s.use === 'tested');
          const ignored = sites.filter((s) => s.use === 'ignored');
          if (tested.length < MIN_TESTED || ignored.length === 0) continue;
          if (tested.length / (tested.length + ignored.length) < MIN_TESTED_SHARE) continue;
          for (const { call } of ignored) {
            if (reported.has(call.id)) continue;
            // Low confidence: on five Qt trees every deviant call was real but of no security value (cleanup
            // calls, optional registrations, outputs initialised before the call); shown with --min-confidence low.
            ctx.report({
              node: call, messageId: 'deviant', confidence: 'low',
              data: { callee: name, tested: tested.length, total: tested.length + ignored.length },
              evidence: tested.slice(0, 3).map((s) => ({ node: s.call, message: `${name}() result tested here` })),
            });
          }
        }
      },
    };
  },
});
