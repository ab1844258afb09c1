// Interprets the data-only taint models against Python calls: which model entries a call matches, and which
// argument values a sink entry looks at. Shared by the taint transfer and its guards.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { CallMatcher, Sink, SinkArgument } from '../../../analysis/taint/spec.js';
import type { PythonModel } from '../model.js';
import { callee, isFalsy, keywordArg, positionalArgs, unparenthesize } from '../syntax.js';
import { attributeOwner, madeBy } from './objectOrigin.js';

/** What a call is, as far as the models care. */
export interface CallInfo {
  node: SyntaxNode;
  /** Qualified name through the imports (`subprocess.call`, `self.db.execute`), or null for computed callees. */
  qualified: string | null;
  /** The called attribute or function name (`execute`). */
  method: string | null;
  /** The receiver expression of a method call (`self.db` in `self.db.execute(...)`). */
  receiver: SyntaxNode | null;
  /** The call writes a log record (model.loggingCall): asked only of calls a logger matcher names. */
  readonly logging: boolean;
  /** The file's model, for matchers that ask where the receiver came from. */
  readonly model: PythonModel;
}

export function callInfo(model: PythonModel, call: SyntaxNode): CallInfo {
  const fn = callee(call);
  const f = fn ? unparenthesize(fn) : null;
  let method: string | null = null;
  let receiver: SyntaxNode | null = null;
  if (f?.type === 'identifier') method = f.text;
  else if (f?.type === 'attribute') {
    method = f.childForFieldName('attribute')?.text ?? null;
    receiver = f.childForFieldName('object');
  }
  return new Info(model, call, model.callName(call), method, receiver);
}

/** CallInfo with `logging` found when first asked: it takes the logging model (the receiver's origin). */
class Info implements CallInfo {
  private logs: boolean | undefined;
  constructor(
    readonly model: PythonModel, readonly node: SyntaxNode, readonly qualified: string | null,
    readonly method: string | null, readonly receiver: SyntaxNode | null,
  ) {}

  get logging(): boolean {
    this.logs ??= this.receiver !== null && this.model.loggingCall(this.node) !== null;
    return this.logs;
  }
}

const namesByMatchers = new WeakMap<readonly unknown[], ReadonlySet<string>>();

/**
 * Whether one of `entries` (sinks, sanitizers, sources, propagators: anything with a `call` matcher) can match
 * `c`, by the last part of the names they match: a `name` or `suffix` matcher needs it as the last part of the
 * call's qualified name, a `method` matcher as the called method. A necessary condition, cheap enough to ask of
 * every call before trying the entries one by one.
 */
export function mayMatchAny(entries: ReadonlyArray<{ call: CallMatcher }>, c: CallInfo): boolean {
  let names = namesByMatchers.get(entries);
  if (!names) {
    const set = new Set<string>();
    for (const { call: m } of entries) {
      const name = m.name ?? m.suffix ?? m.method;
      if (name !== undefined) set.add(lastPart(name));
    }
    namesByMatchers.set(entries, names = set);
  }
  return (c.method !== null && names.has(c.method)) || (c.qualified !== null && names.has(lastPart(c.qualified)));
}

function lastPart(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(dot + 1);
}

export function matches(m: CallMatcher, c: CallInfo): boolean {
  if (m.name !== undefined) return c.qualified === m.name;
  if (m.suffix !== undefined) {
    const q = c.qualified;
    return q !== null && (q === m.suffix || q.endsWith(`.${m.suffix}`));
  }
  if (m.method !== undefined) {
    if (c.method !== m.method || !c.receiver) return false;
    if (m.logger && !c.logging) return false;
    if (m.receiver && !m.receiver.test(c.receiver.text)) return false;
    if (m.receiverOf) {
      const owner = attributeOwner(c.receiver);
      return owner !== null && madeBy(c.model, owner, m.receiverOf);
    }
    return true;
  }
  return false;
}

/** A display name for the sink in messages: the qualified name, or the call's own text up to the parenthesis. */
export function displayName(c: CallInfo): string {
  const fn = callee(c.node);
  return c.qualified ?? (fn ? fn.text.replace(/\s+/g, '') : c.method ?? 'call');
}

function keywordTruthy(call: SyntaxNode, keyword: string): boolean {
  const v = keywordArg(call, keyword);
  return v !== null && !isFalsy(v);
}

/** True when the call satisfies the sink's keyword and file-name conditions (argument taint is checked later). */
export function sinkApplies(sink: Sink, c: CallInfo, handleOf: (receiver: SyntaxNode) => string | undefined): boolean {
  if (!matches(sink.call, c)) return false;
  if (sink.whenKeyword && !keywordTruthy(c.node, sink.whenKeyword)) return false;
  if (sink.unlessKeyword && keywordTruthy(c.node, sink.unlessKeyword)) return false;
  if (sink.unlessKeywordMatches) {
    const v = keywordArg(c.node, sink.unlessKeywordMatches.keyword);
    if (v && sink.unlessKeywordMatches.pattern.test(v.text)) return false;
  }
  if (sink.pathArgument) {
    const p = positionalArgs(c.node)[sink.pathArgument.index];
    if (!p || !sink.pathArgument.pattern.test(p.text)) return false;
  }
  if (sink.fileReceiver) {
    const handle = c.receiver ? handleOf(c.receiver) : undefined;
    if (handle === undefined || !sink.fileReceiver.test(handle)) return false;
  }
  return true;
}

/** The argument nodes a sink entry inspects in this call. */
export function sinkArguments(spec: readonly SinkArgument[], call: SyntaxNode): SyntaxNode[] {
  const positional = positionalArgs(call);
  const out: SyntaxNode[] = [];
  for (const a of spec) {
    const kw = a.keyword ? keywordArg(call, a.keyword) : null;
    if (kw) { out.push(kw); continue; }
    if (a.index < 0) continue;
    if (a.rest) out.push(...positional.slice(a.index));
    else if (positional[a.index]) out.push(positional[a.index]!);
  }
  return out;
}
