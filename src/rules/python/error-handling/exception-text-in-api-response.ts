// CWE-209: the text of an exception the code did not write for users (anything a broad `except Exception` caught, or
// a foreign library's error known to carry internal detail) is put into the HTTP error response a client reads.
// Secrets in error messages are secret-in-error-message's business; a project exception's message is left alone.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, enclosingFunction, exceptTypes, keywordArg, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { line } from '../../../rulekit/openstack.js';
import { abbreviate } from '../../../rulekit/text.js';
import type { EvidenceStep, Visitors } from '../../../rulekit/types.js';
import { TRANSLATION_MARKERS } from '../../../models/python/exceptionRoots.js';
import {
  BACKEND_SERVER_BASES, BROAD_EXCEPTIONS, ERROR_RESPONSE_CALLS, ERROR_RESPONSE_PATTERNS, INTERNAL_ERRORS, TEXT_ATTRIBUTES, TEXT_CARRYING_CALLS,
  TEXT_CARRYING_METHODS_ARGS, TEXT_CARRYING_METHODS_RECEIVER, TRACEBACK_FORMATTERS, matchesPattern, type ErrorResponseCall,
} from '../../../models/python/internalErrors.js';

/** How many locals a value is followed through (`msg = str(e)`, `text = msg + …`): deeper chains are not seen. */
const MAX_LOCAL_HOPS = 4;

/** What an except clause catches, as far as its text is concerned; null for the project's own exceptions. */
interface Caught {
  kind: 'broad' | 'library';
  /** The clause's types as written (`Exception`, `(requests.Timeout, OSError)`). */
  written: string;
  /** What the library's text holds (library only). */
  carries: string;
  /** Attributes of the exception that hold its text. */
  attributes: ReadonlySet<string>;
}

interface Origin {
  kind: 'broad' | 'library' | 'traceback';
  caught: Caught | null;
  clause: SyntaxNode | null;
  steps: EvidenceStep[];
}

/** The type expression of an except clause (`Exception` in `except Exception as e`, `A` in Python 2 `except A, e`). */
function clauseTypes(clause: SyntaxNode): SyntaxNode | null {
  const first = clause.namedChildren.find((c) => c !== null && c.type !== 'comment' && c.type !== 'block') ?? null;
  return first ? unparenthesize(first) : null;
}

/** What `types` (one type or a tuple, as written in an except clause or an isinstance test) catches. */
function classify(model: PythonModel, types: SyntaxNode): Caught | null {
  const members = exceptTypes(types);
  let library: Caught | null = null;
  for (const m of members) {
    const q = model.qualifiedName(m);
    if (q === null) continue;
    // A builtin is only the builtin where the file binds the name to nothing else (a class of its own, an import).
    const builtinName = !q.includes('.');
    if (builtinName && model.nameAt(m)?.kind !== 'unbound') continue;
    if (BROAD_EXCEPTIONS.has(q)) return { kind: 'broad', written: types.text, carries: '', attributes: TEXT_ATTRIBUTES };
    const family = INTERNAL_ERRORS.find((f) => f.classes.some((p) => matchesPattern(q, p)));
    if (family && !library) library = { kind: 'library', written: types.text, carries: family.carries, attributes: new Set([...TEXT_ATTRIBUTES, ...(family.textAttributes ?? [])]) };
  }
  return library;
}

/**
 * The except clause whose `as` target `id` reads, when `id` is inside it (the innermost such clause): the exception
 * being handled. Null for any other name, and for a target read after its clause (Python 3 unbinds it there).
 */
function handlingClause(model: PythonModel, id: SyntaxNode): SyntaxNode | null {
  let best: SyntaxNode | null = null;
  for (const b of model.bindingsOf(id)) {
    if (b.kind !== 'except-target') continue;
    const s = b.statement;
    if (s.startIndex <= id.startIndex && id.endIndex <= s.endIndex && b.node.id !== id.id && (!best || s.startIndex > best.startIndex)) best = s;
  }
  return best;
}

/**
 * What the clause catches as the code at `use` sees it: inside `if isinstance(e, T):` the exception is a T, so the
 * test's types decide instead of the clause's.
 */
function caughtAt(model: PythonModel, clause: SyntaxNode, use: SyntaxNode): Caught | null {
  for (let n: SyntaxNode | null = use.parent; n && n.id !== clause.id; n = n.parent) {
    if (n.type !== 'block' || (n.parent?.type !== 'if_statement' && n.parent?.type !== 'elif_clause')) continue;
    // Only the consequence is narrowed: an `else` block sits under an else_clause, not under the if itself.
    const condition = n.parent.childForFieldName('condition');
    const test = condition ? unparenthesize(condition) : null;
    if (test?.type !== 'call' || callee(test)?.text !== 'isinstance') continue;
    const [subject, types] = positionalArgs(test);
    if (subject?.text === use.text && types) return classify(model, unparenthesize(types));
  }
  const types = clauseTypes(clause);
  return types ? classify(model, types) : null;
}

/** The exception object an expression reads: `e` itself, or null; `attribute` is the first attribute read off it. */
function exceptionRead(expr: SyntaxNode): { base: SyntaxNode; attribute: string | null } | null {
  let node = expr;
  let attribute: string | null = null;
  while (node.type === 'attribute') {
    attribute = node.childForFieldName('attribute')?.text ?? null;
    const object = node.childForFieldName('object');
    if (!object) return null;
    node = unparenthesize(object);
  }
  return node.type === 'identifier' ? { base: node, attribute } : null;
}

function isTextCarryingCall(model: PythonModel, call: SyntaxNode): 'args' | 'receiver' | 'both' | null {
  const name = model.callName(call);
  if (name !== null && (TEXT_CARRYING_CALLS.has(name) || TRANSLATION_MARKERS.has(name.split('.').pop()!))) return 'args';
  const fn = callee(call);
  if (fn?.type !== 'attribute') return null;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const args = TEXT_CARRYING_METHODS_ARGS.has(method);
  const receiver = TEXT_CARRYING_METHODS_RECEIVER.has(method);
  return args && receiver ? 'both' : args ? 'args' : receiver ? 'receiver' : null;
}

function argumentExpressions(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a.type === 'list_splat' || a.type === 'dictionary_splat' ? a.namedChild(0) : a;
    if (v) out.push(v);
  }
  return out;
}

/**
 * Where the text of `expr` may come from an exception the code did not write for users: followed through string
 * building (`%`, `+`, f-strings, format/join, str()/six.text_type(), translation markers, containers, JSON) and
 * through locals (reaching values); a call to anything else is taken to make its own text (a sanitiser, a lookup).
 */
function internalText(model: PythonModel, expr: SyntaxNode, hops: number, seen: Set<number>): Origin | null {
  const e = unparenthesize(expr);
  if (seen.has(e.id)) return null;
  seen.add(e.id);
  const first = (nodes: Array<SyntaxNode | null | undefined>): Origin | null => {
    for (const n of nodes) {
      const o = n ? internalText(model, n, hops, seen) : null;
      if (o) return o;
    }
    return null;
  };
  switch (e.type) {
    case 'identifier':
    case 'attribute': {
      const read = exceptionRead(e);
      if (!read) return null;
      const clause = handlingClause(model, read.base);
      if (clause) {
        const caught = caughtAt(model, clause, read.base);
        if (!caught) return null;
        // `e` itself renders as its text; of its attributes only those that hold the text (not `e.code`).
        if (read.attribute !== null && !caught.attributes.has(read.attribute)) return null;
        return { kind: caught.kind, caught, clause, steps: [] };
      }
      if (e.type !== 'identifier' || hops >= MAX_LOCAL_HOPS) return null;
      for (const value of model.valuesOf(e)) {
        if (!value) continue;
        const o = internalText(model, value, hops + 1, seen);
        if (o) return { ...o, steps: [{ node: value, message: `\`${e.text}\` holds \`${abbreviate(value.text)}\`` }, ...o.steps] };
      }
      return null;
    }
    case 'subscript': return first([e.childForFieldName('value')]);
    case 'call': {
      const name = model.callName(e);
      if (name !== null && TRACEBACK_FORMATTERS.has(name)) return { kind: 'traceback', caught: null, clause: null, steps: [] };
      const carrying = isTextCarryingCall(model, e);
      if (!carrying) return null;
      const fn = callee(e);
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      return first([...(carrying !== 'receiver' ? argumentExpressions(e) : []), ...(carrying !== 'args' ? [receiver] : [])]);
    }
    case 'binary_operator': {
      const op = e.childForFieldName('operator')?.text;
      return op === '%' || op === '+' ? first([e.childForFieldName('left'), e.childForFieldName('right')]) : null;
    }
    case 'string': return first(e.namedChildren.filter((c) => c?.type === 'interpolation').map((c) => c!.namedChild(0)));
    case 'concatenated_string': case 'list': case 'tuple': case 'set': case 'boolean_operator': case 'await':
      return first(e.namedChildren);
    case 'dictionary': return first(e.namedChildren.map((p) => (p?.type === 'pair' ? p.childForFieldName('value') : p?.type === 'dictionary_splat' ? p.namedChild(0) : null)));
    case 'conditional_expression': {
      // `a if test else b`: the value is a or b, never the test.
      const parts = e.namedChildren.filter((c) => c !== null && c.type !== 'comment');
      return first([parts[0], parts[2]]);
    }
    default: return null;
  }
}

function responseCall(model: PythonModel, call: SyntaxNode): { entry: ErrorResponseCall; name: string } | null {
  const name = model.callName(call);
  if (name === null) return null;
  const entry = ERROR_RESPONSE_CALLS.find((c) => c.calls.some((p) => matchesPattern(name, p)));
  return entry ? { entry, name } : null;
}

/** The arguments of a response call that become its text. */
function textArguments(call: SyntaxNode, entry: ErrorResponseCall): SyntaxNode[] {
  const positional = positionalArgs(call);
  const out: SyntaxNode[] = [];
  for (const i of entry.positional) if (positional[i]) out.push(positional[i]!);
  for (const k of entry.keywords) {
    const v = keywordArg(call, k);
    if (v) out.push(v);
  }
  return out;
}

/** The call is made in a method of a backend server that only the project's own services call (swift's storage servers). */
function inBackendServer(model: PythonModel, call: SyntaxNode): boolean {
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    const cls = model.enclosingClass(fn);
    if (cls && model.classBases(cls).some((b) => BACKEND_SERVER_BASES.has(model.qualifiedName(b) ?? ''))) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'exception-text-in-api-response',
    cwe: 209,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      broad: {
        text: '`{text}` puts the text of whatever exception `except {caught}` (line {line}) caught into `{sink}`, the error the API caller reads: an unexpected failure\'s message (SQL, a command line, a host and port, a file path) reaches the user',
        fix: 'Log the exception with `LOG.exception(...)` and give `{sink}` a fixed message that names the operation that failed (`_(\'Unable to <operation>\')`); handle the project\'s own user-facing exceptions in their own except clauses if their messages should reach the caller',
      },
      library: {
        text: '`{text}` puts the text of `{caught}` (caught at line {line}), which {carries}, into `{sink}`, the error the API caller reads',
        fix: 'Log the exception with `LOG.exception(...)` and give `{sink}` a fixed message that names the operation that failed (`_(\'Unable to <operation>\')`), without the library\'s text',
      },
      traceback: {
        text: '`{text}` puts a formatted traceback into `{sink}`, the error the API caller reads: source paths, code lines and internal values reach the user',
        fix: 'Log the traceback with `LOG.exception(...)` and give `{sink}` a fixed message that names the operation that failed',
      },
    },
    docs: {
      summary: 'The text of an unexpected or foreign-library exception is returned in an HTTP error response',
      why: 'An API error should tell the caller what went wrong with their request, not how the service is built. The text of an exception the project did not write for users — anything a broad `except Exception` caught, a requests/urllib3 or socket error (internal hosts, ports, URLs), an OSError (file paths), oslo.concurrency\'s ProcessExecutionError (the command line and its stderr), a SQLAlchemy or oslo.db error (SQL and schema), a glance_store or os-brick backend error (a store\'s auth URL or configuration, storage portals, device paths), oslo.messaging\'s RemoteError (a remote traceback) — describes the deployment. Returned in the response it lets a caller map the internal network, learn paths, versions and schema, and turns the service into a probe (CWE-209).\n\n**Class.** Defect: in an HTTP API handler the caught exception\'s text goes into the error response the caller reads — `webob.exc.HTTP*(explanation=str(e))` (or `detail=`, or positionally), the body of a `webob.Response` or a swob response, Flask/Werkzeug `abort(code, str(e))`, `pecan.abort(code, str(e))` — directly or through `six.text_type(e)`, `\'%s\' % e`, f-strings, `e.args[0]`, `.format()`, translation markers and locals (`msg = str(e)`), where the except clause that binds the name is broad or names one of the foreign classes of `src/models/python/internalErrors.ts`. A webob HTTP exception is the response, so making one is the HTTP gate. Not reported: the project\'s own exceptions (`except exception.Invalid as e: … explanation=e.format_message()`), ValueError/TypeError/KeyError from the handler\'s own parsing (their text describes the input), constant text or text built from the request\'s values, the exception only logged, a bare re-raise, RemoteError\'s `exc_type` and `value` (the remote exception\'s class and message, forwarded by design; its whole text with the traceback is reported), `raise ProjectError(str(e))` (not a response here), responses of servers only the project\'s own services call (swift\'s storage servers, `BaseStorageServer`, answer the proxy), test code. Real cases: glance\'s v2 images API returns `HTTPInternalServerError(explanation=str(e))` from `except Exception as e` when deleting an image and a location (its authors\' TODO asks for a generic error instead); cinder\'s volume actions return `HTTPBadRequest(explanation=str(error))` from `except Exception as error`; heat returned requests\' exception text with internal hosts and ports to the caller of template-URL fetches (OSSA-2016-013, used to scan the internal network); nova leaked external exception details to users through server faults (OSSA-2019-003, fixed by showing only NovaException messages). References: CWE-209; OWASP Error Handling Cheat Sheet ("return a generic error … log the details server-side"); OSSA-2016-013; OSSA-2019-003.',
      example: 'import webob.exc\n\n\ndef delete(self, req, image_id):\n    try:\n        self.store.delete(image_id)\n    except Exception as e:\n        raise webob.exc.HTTPInternalServerError(explanation=str(e))\n',
      useInstead: 'import webob.exc\nfrom oslo_log import log as logging\n\nLOG = logging.getLogger(__name__)\n\n\ndef delete(self, req, image_id):\n    try:\n        self.store.delete(image_id)\n    except Exception:\n        LOG.exception("Failed to delete image %s", image_id)\n        raise webob.exc.HTTPInternalServerError(explanation="Failed to delete the image.")\n',
      fix: 'Log the exception server-side with `LOG.exception(...)` and return a fixed message that names the operation that failed; catch the project\'s user-facing exceptions in their own clauses and return their `format_message()`.',
      references: [
        'https://cwe.mitre.org/data/definitions/209.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
        'https://security.openstack.org/ossa/OSSA-2016-013.html',
        'https://security.openstack.org/ossa/OSSA-2019-003.html',
      ],
    },
  },
  create(ctx): Visitors {
    const { model } = ctx;
    // Test code and its fakes are not judged; a file that makes no error response has nothing to look at.
    if (model.isTestSupport() || !model.mayCall(ERROR_RESPONSE_PATTERNS)) return {};
    return {
      call(node) {
        const response = responseCall(model, node);
        if (!response || inBackendServer(model, node)) return;
        const sink = callee(node)?.text.replace(/\s+/g, '') ?? response.name;
        for (const arg of textArguments(node, response.entry)) {
          const origin = internalText(model, arg, 0, new Set());
          if (!origin) continue;
          const text = abbreviate(arg.text.replace(/\s+/g, ' '));
          const evidence: EvidenceStep[] = [];
          if (origin.clause) evidence.push({ node: origin.clause, message: `\`except ${origin.caught?.written ?? ''}\` catches the exception` });
          evidence.push(...origin.steps, { node: arg, message: `its text becomes the response of \`${sink}\`` });
          if (origin.kind === 'traceback' || !origin.caught || !origin.clause) {
            ctx.report({ node: arg, messageId: 'traceback', data: { text, sink }, evidence });
          } else if (origin.kind === 'broad') {
            ctx.report({ node: arg, messageId: 'broad', data: { text, sink, caught: origin.caught.written, line: line(origin.clause) }, evidence });
          } else {
            ctx.report({
              node: arg, messageId: 'library', evidence,
              data: { text, sink, caught: origin.caught.written, line: line(origin.clause), carries: origin.caught.carries },
            });
          }
        }
      },
    };
  },
});
