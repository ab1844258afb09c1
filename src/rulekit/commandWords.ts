// The words of the command a process-starting call runs, as far as literals tell them: `execute('qemu-img', 'info',
// path)`, `subprocess.run(['qemu-img', 'info', path])`, and `execute(*cmd)` where `cmd` is a list the same function
// builds (`cmd = [...]`, `cmd += [...]`, `cmd = cmd + [...]`, `cmd.append(...)`, `cmd.extend(...)`, `cmd.insert(...)`).
// Words of a built list are collected from every place that builds it, branches included: an option added under an
// `if` counts as present, so rules asking "is this option ever given?" stay silent rather than guess which branch ran.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { runsCommand } from '../models/python/processes.js';
import { callee, descendantsOfType, dottedName, enclosingFunction, listAddition, positionalArgs, stringValue, unparenthesize } from '../languages/python/syntax.js';

export interface CommandWords {
  /** The literal words in order; a non-literal word is null. */
  words: (string | null)[];
  /** The expression each word comes from, parallel to `words` (which value a non-literal word is). */
  nodes: SyntaxNode[];
}

export interface ProcessCommand extends CommandWords {
  /** How the runner takes its options: subprocess keywords, or processutils' (`prlimit=`, `run_as_root=`). */
  runner: 'subprocess' | 'processutils';
  /** The runner as the code names it, for messages. */
  name: string;
}

/** The command a process-starting call runs (subprocess, processutils or a forwarding wrapper), or null. */
export function processCommand(model: PythonModel, call: SyntaxNode): ProcessCommand | null {
  const fn = callee(call);
  const qualified = model.callName(call);
  const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? null : fn?.type === 'identifier' ? fn.text : null;
  const runner = runsCommand(qualified, last);
  if (!runner) return null;
  const command = commandWords(call);
  return command ? { ...command, runner, name: qualified ?? dottedName(fn) ?? last! } : null;
}

const SEQUENCE = new Set(['list', 'tuple']);

/**
 * The command words of `call`. The first positional argument is taken as the whole command when it is a list or tuple
 * (subprocess style), else every positional argument is one word (processutils style). Null when nothing is literal.
 */
export function commandWords(call: SyntaxNode): CommandWords | null {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return null;
  const out: CommandWords = { words: [], nodes: [] };
  const positional = positionalArgs(call);
  const first = positional[0] ? unparenthesize(positional[0]) : null;
  const lists: ListLookup = { call, out, seen: new Set() };
  if (first && SEQUENCE.has(first.type)) {
    addWords(first, lists);
  } else if (first?.type === 'identifier' && positional.length === 1) {
    addBuiltList(first.text, lists);
  } else {
    for (const arg of args.namedChildren) {
      if (arg.type === 'keyword_argument' || arg.type === 'dictionary_splat' || arg.type === 'comment') continue;
      if (arg.type === 'list_splat') {
        const inner = arg.namedChild(0);
        // `*cmd + [dest]` as much as `*[...]`: addWords takes both sides of the `+`.
        if (inner && (SEQUENCE.has(unparenthesize(inner).type) || unparenthesize(inner).type === 'binary_operator')) addWords(unparenthesize(inner), lists);
        else if (inner?.type === 'identifier') addBuiltList(inner.text, lists);
        else push(out, null, arg);
      } else {
        push(out, stringValue(arg), arg);
      }
    }
  }
  return out.words.some((w) => w !== null) ? out : null;
}

/** Whether `call` passes `**kwargs`, which may carry any keyword the caller was given. */
export function hasKeywordSplat(call: SyntaxNode): boolean {
  return call.childForFieldName('arguments')?.namedChildren.some((a) => a.type === 'dictionary_splat') ?? false;
}

/** Where names of lists are looked up: the statements before `call` in its function, each name once. */
interface ListLookup { call: SyntaxNode; out: CommandWords; seen: Set<string> }

/**
 * Literal strings of a list/tuple display, of both sides of `a + b`, and of the lists that names in them were
 * built as (`cmd += obj + opts`), in order; anything else is one unknown word.
 */
function addWords(node: SyntaxNode, lists: ListLookup): void {
  const n = unparenthesize(node);
  if (SEQUENCE.has(n.type)) {
    for (const element of n.namedChildren) if (element.type !== 'comment') addWords(element, lists);
  } else if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
    for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) if (side) addWords(side, lists);
  } else if (n.type === 'identifier') {
    if (!addBuiltList(n.text, lists)) push(lists.out, null, n);
  } else {
    push(lists.out, stringValue(n), n);
  }
}

function push(out: CommandWords, word: string | null, node: SyntaxNode): void {
  out.words.push(word);
  out.nodes.push(node);
}

/** The words every statement before the call in its function (or module) adds to the list `name`; false if none. */
function addBuiltList(name: string, lists: ListLookup): boolean {
  if (lists.seen.has(name)) return false;
  lists.seen.add(name);
  const { call } = lists;
  const scope = enclosingFunction(call) ?? rootOf(call);
  let found = false;
  for (const node of scopeStatements(scope)) {
    if (node.startIndex >= call.startIndex) break;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type !== 'identifier' || left.text !== name || !right) continue;
      found = true;
      addWords(right, lists);
    } else if (node.type === 'call') {
      const addition = listAddition(node);
      if (addition?.list.text !== name) continue;
      found = true;
      if (addition.value) addWords(addition.value, lists);
    }
  }
  return found;
}

const BUILDERS: ReadonlySet<string> = new Set(['assignment', 'augmented_assignment', 'call']);

/** The assignments and calls of a function body or module in source order, nested scopes left out. */
function scopeStatements(scope: SyntaxNode): SyntaxNode[] {
  return descendantsOfType(scope.type === 'function_definition' ? scope.childForFieldName('body') ?? scope : scope, BUILDERS);
}

function rootOf(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent) n = n.parent;
  return n;
}
