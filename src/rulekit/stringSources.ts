// String reads outside paste.deploy that decide TLS verification: an environment variable or a ConfigParser `get`
// (not `getboolean`) that is tested for truth, negated into `verify=`, or passed to `insecure=`. A CA path handed to
// `verify=` as it is stays legal. Same use analysis as the paste flow (stringConfig.ts), within one function.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { callee, calleeName, unparenthesize } from '../languages/python/syntax.js';
import { CONFIG_PARSERS, STRING_READ_CALLS } from '../models/python/stringConfig.js';
import { booleanUses, tlsParameter, type StringFlagUse } from './stringConfig.js';
import { reachingValues } from './valueKinds.js';

export interface StringSourceUse extends StringFlagUse { source: 'environment' | 'ini file' }

/** `.get` calls are everywhere: only files that import a ConfigParser module pay for the receiver's dataflow. */
function importsConfigParser(model: PythonModel): boolean {
  return ['configparser', 'ConfigParser', 'six.moves.configparser'].some((m) => model.imports.importsModule(m));
}

function isConfigParser(model: PythonModel, receiver: SyntaxNode): boolean {
  const r = unparenthesize(receiver);
  if (r.type !== 'identifier' && r.type !== 'attribute') return false;
  return (reachingValues(model, r)?.values ?? []).some((v) => v !== null && v.type === 'call' && CONFIG_PARSERS.test(model.callName(v) ?? ''));
}

/** What kind of string read `node` is (`os.environ.get('X')`, `os.environ['X']`, `parser.get(s, k)`), or null. */
function stringRead(model: PythonModel, node: SyntaxNode): StringSourceUse['source'] | null {
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    return value && model.qualifiedName(value) === 'os.environ' ? 'environment' : null;
  }
  if (node.type !== 'call') return null;
  if (STRING_READ_CALLS.has(model.callName(node) ?? '')) return 'environment';
  const fn = callee(node);
  if (calleeName(node) !== 'get' || fn?.type !== 'attribute' || !importsConfigParser(model)) return null;
  return isConfigParser(model, fn.childForFieldName('object')!) ? 'ini file' : null;
}

/** Every environment or ini string read in the file that decides a TLS verification parameter unconverted. */
export function tlsStringReads(model: PythonModel, calls: readonly SyntaxNode[]): StringSourceUse[] {
  const out: StringSourceUse[] = [];
  for (const node of calls) {
    const source = stringRead(model, node);
    if (!source) continue;
    const scope = enclosingScope(node);
    for (const u of booleanUses(model, node, scope)) {
      const use: StringSourceUse = { key: keyOf(node), read: node, declaration: node, source, ...u };
      const parameter = tlsParameter(use);
      // `verify=os.environ.get('CA_BUNDLE')` hands over a path, which `verify` accepts.
      if (parameter === null || (u.kind === 'argument' && parameter === 'verify')) continue;
      out.push(use);
    }
  }
  return out;
}

function keyOf(node: SyntaxNode): string {
  const args = node.type === 'call' ? node.childForFieldName('arguments')?.namedChildren ?? [] : node.childrenForFieldName('subscript');
  const key = [...args].reverse().find((a) => a?.type === 'string');
  return key ? key.text.replace(/^[rbuRBU]*['"]+|['"]+$/g, '') : node.text;
}

function enclosingScope(node: SyntaxNode): SyntaxNode {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'class_definition') return n;
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}
