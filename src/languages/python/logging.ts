// The one logging model (behind model.loggingCall): a call is a logging call when it calls a level method
// (src/models/python/logging.ts) on a logger. Whether the receiver is a logger is read from where it comes from in
// this file: a getLogger factory or adapter (`LOG = logging.getLogger(__name__)`, `self._log = log.getLogger(...)`,
// `audit = LOG`), the logging module itself. A receiver bound here only to literals or containers is no logger
// whatever its name. Where the file cannot show the origin (a parameter, a name imported from a project module,
// `self.log` set by a base class, `utils.LOG`), the naming convention decides.
import type { SyntaxNode } from '../syntaxTree.js';
import { CONVENTIONAL_LOGGER, LOG_LEVELS, LOGGER_FACTORIES, LOGGING_MODULES, type LogLevel } from '../../models/python/logging.js';
import type { PythonModel } from './model.js';
import type { Binding } from './scopes/types.js';
import { callee, keywordArg, positionalArgs, unparenthesize } from './syntax.js';

export interface LoggingCall {
  call: SyntaxNode;
  /** The level method called (`debug`, `warning`, `log` …) and how it takes its message. */
  method: string;
  level: LogLevel;
  /** The logger expression (`LOG`, `self.log`, `logging`). */
  receiver: SyntaxNode;
  /** How the receiver is known to be a logger: its origin in this file, or the naming convention. */
  knownBy: 'origin' | 'convention';
  /** The format string (`msg=` or the positional at the level's message index), or null. */
  message: SyntaxNode | null;
  /** The positional arguments interpolated into the message. */
  args: SyntaxNode[];
}

type Origin = 'logger' | 'not-logger' | 'unknown';

/** Values that cannot be a logger: literals, containers, functions made on the spot. */
const NOT_AN_OBJECT: ReadonlySet<string> = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none',
  'list', 'dictionary', 'set', 'tuple', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'lambda']);

/** The method name and receiver of a call to a level method, or null: the syntactic candidate. */
function levelCall(call: SyntaxNode): { method: string; level: LogLevel; receiver: SyntaxNode } | null {
  const fn = callee(call);
  if (fn?.type !== 'attribute') return null;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const level = LOG_LEVELS.get(method);
  const receiver = fn.childForFieldName('object');
  return level && receiver ? { method, level, receiver } : null;
}

/** The receiver's last name (`log` of `self.app.log`, `LOG`): what the naming convention reads. */
function lastName(receiver: SyntaxNode): string {
  return receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text ?? '' : receiver.text;
}

/**
 * The syntactic answer, for code that has no model (the CFG builder deciding which statements may raise): a level
 * method on a receiver named by the convention.
 */
export function conventionalLoggingCall(call: SyntaxNode): boolean {
  const c = levelCall(call);
  return c !== null && CONVENTIONAL_LOGGER.test(lastName(c.receiver));
}

function isFactory(name: string | null): boolean {
  if (!name) return false;
  return LOGGER_FACTORIES.some((p) => (p.startsWith('*.') ? name === p.slice(2) || name.endsWith(p.slice(1)) : name === p));
}

/** Where a logger expression comes from, as far as this file shows (depth bounds alias chains `a = b; b = LOG`). */
function originOf(model: PythonModel, expr: SyntaxNode, depth: number): Origin {
  const e = unparenthesize(expr);
  if (depth > 3) return 'unknown';
  if (e.type === 'call') return isFactory(model.callName(e)) ? 'logger' : 'unknown';
  if (NOT_AN_OBJECT.has(e.type)) return 'not-logger';
  if (e.type !== 'identifier' && e.type !== 'attribute') return 'unknown';
  const qualified = model.qualifiedName(e);
  if (qualified && LOGGING_MODULES.includes(qualified)) return 'logger';
  let bindings: Binding[];
  if (e.type === 'identifier') bindings = model.bindingsOf(e);
  else if (e.childForFieldName('object')?.type === 'identifier') bindings = model.scopes.selfAttribute(e);
  else return 'unknown';
  if (bindings.length === 0) return 'unknown';
  let all: Origin = 'not-logger';
  for (const b of bindings) {
    const o = bindingOrigin(model, b, depth);
    if (o === 'logger') return 'logger';
    if (o === 'unknown') all = 'unknown';
  }
  return all;
}

function bindingOrigin(model: PythonModel, b: Binding, depth: number): Origin {
  switch (b.kind) {
    case 'assignment': case 'walrus': return b.value ? originOf(model, b.value, depth + 1) : 'unknown';
    // A logging module imported under any name was resolved by qualifiedName; another import is a project's name.
    case 'import': case 'parameter': case 'with-target': case 'for-target': case 'augmented': return 'unknown';
    default: return 'not-logger';
  }
}

/** The logging call `call` makes, or null (see the module comment for how a receiver is judged a logger). */
export function loggingCallOf(model: PythonModel, call: SyntaxNode, originsKnown = true): LoggingCall | null {
  const c = levelCall(call);
  if (!c) return null;
  const origin = originsKnown ? originOf(model, c.receiver, 0) : 'unknown';
  if (origin === 'not-logger') return null;
  if (origin === 'unknown' && !CONVENTIONAL_LOGGER.test(lastName(c.receiver))) return null;
  const positional = positionalArgs(call);
  const keyword = keywordArg(call, 'msg');
  return {
    call, method: c.method, level: c.level, receiver: c.receiver, knownBy: origin === 'logger' ? 'origin' : 'convention',
    message: keyword ?? positional[c.level.messageIndex] ?? null,
    args: positional.slice(c.level.messageIndex + (keyword ? 0 : 1)),
  };
}
