// The shape of library models for the taint engine: sources, sinks, sanitizers and propagators as data. Tables in
// src/models/<language>/taint/ fill these types; front-ends interpret them against their own syntax.
import type { Shape, SinkKind, Trust } from './facts.js';

/**
 * Which calls a model entry means. `name`: the qualified name through the imports (`subprocess.call`); `suffix`:
 * the tail of the qualified name (`utils.execute` matches `nova.utils.execute`); `method` with `receiver`: a method
 * called on an object whose expression text matches (`cursor.execute`); `method` with `logger`: a level method of a
 * logger as the front-end's logging model judges it (`LOG.info`, `self._log.warning`); `method` with `receiverOf`: a
 * method called on an attribute (`x.headers` in `x.headers.update(...)`) of an object the dataflow sees made by
 * `receiverOf` (`x = webob.Response()`), not one that is merely named like it.
 */
export interface CallMatcher { name?: string; suffix?: string; method?: string; receiver?: RegExp; receiverOf?: ObjectOrigin; logger?: true }

/**
 * Where an object was made, for matchers that need its type rather than its name: a call to one of `calls`
 * (qualified names; a trailing `*` for a family, `webob.exc.HTTP*`), a call of one of `methods` (`req.get_response(app)`),
 * or one of `globals` itself (a framework's per-request global, `pecan.response`).
 */
export interface ObjectOrigin { calls?: readonly string[]; methods?: readonly string[]; globals?: readonly string[] }

export interface Confidence { confidence: 'high' | 'medium' | 'low' }

/** A value read from a named global (`sys.argv`, `os.environ`, `flask.request.args`). */
export interface ValueSource extends Confidence { name: string; trust: Trust; shape: Shape; description?: string }

/** A call whose result is attacker-controlled (`input()`, `os.getenv(...)`). */
export interface CallSource extends Confidence { call: CallMatcher; trust: Trust; shape: Shape }

/** Attributes of a request object: which are attacker-controlled and what their elements are. */
export interface RequestAttribute {
  attribute: string;
  shape: Shape;
  /** Kinds the transport already rules out (header values and re-encoded URLs cannot hold a raw newline). */
  clears?: readonly SinkKind[];
}

/**
 * Parameters that receive request data in web frameworks: by name, in functions whose class bases or decorators
 * match (Nova/Neutron API controllers, webob `wsgify` handlers).
 */
export interface ParameterSource extends Confidence {
  names: readonly string[];
  shape: Shape;
  trust: Trust;
  classBases?: RegExp;
  decorators?: RegExp;
  /** The first parameter after `self` is the source whatever its name (framework hooks called with the body). */
  firstParameter?: boolean;
  /** Decorators that validate this parameter against a schema: the listed kinds count as neutralised. */
  validatedBy?: { decorators: RegExp; clears: readonly SinkKind[] };
  /**
   * Attributes of the receiver that hold the request in every method of a matching class (Django's class-based
   * views set `self.request` before dispatching): `self.<attribute>` starts as this source. Needs `classBases`.
   */
  receiverAttributes?: readonly string[];
  /** Only in files that import one of these modules (the framework the class bases and decorators belong to). */
  inFilesImporting?: readonly string[];
}

export interface SinkArgument {
  /** Positional index, or -1 for keyword-only. */
  index: number;
  keyword?: string;
  /** Every positional argument from `index` on (`execute('ip', 'link', dev)`). */
  rest?: boolean;
}

export interface Sink {
  call: CallMatcher;
  kind: SinkKind;
  args: readonly SinkArgument[];
  variant: string;
  /** Only when this keyword is present and not a false literal (`shell=True`). */
  whenKeyword?: string;
  /** Not when this keyword is present and truthy. */
  unlessKeyword?: string;
  /** Not when the named keyword's text matches (`Loader=yaml.SafeLoader`). */
  unlessKeywordMatches?: { keyword: string; pattern: RegExp };
  /** Argument vectors: only the program (the first element of a list, or a whole string) is the dangerous part. */
  argv?: boolean;
  /** Only when this positional argument's text (a file name) matches: writes into generated config files. */
  pathArgument?: { index: number; pattern: RegExp };
  /** The receiver must be a file opened on a path matching this (`f.write` into a config file). */
  fileReceiver?: RegExp;
  /** Only values that may hold a newline matter (`container` shapes are rendered with repr()). */
  stringsOnly?: boolean;
  /** This positional argument is a %-format applied to the arguments after it (logging): `%r` ones are escaped. */
  percentFormat?: number;
  /**
   * This positional argument is the message a logger %-formats with the arguments after it: a format whose
   * conversions all name keys (`'%(volume_id)s'`) writes only those items of its one argument.
   */
  messageFormat?: number;
}

/**
 * An item store that is a sink: `resp.headers[name] = value` hands `value` to what the container feeds (a response
 * header line). `container`: the text of the subscripted expression (`resp.headers`), as `receiver` for methods;
 * `containerOf`: what must have made the object whose attribute it is, as `receiverOf`.
 */
export interface StoreSink { container: RegExp; containerOf?: ObjectOrigin; kind: SinkKind; variant: string; sinkName: string }

export interface Sanitizer {
  call: CallMatcher;
  clears: readonly SinkKind[] | 'all';
  description: string;
  /**
   * The sanitizer rewrites text (`strutils.mask_password`): handed a sequence — a list or tuple, or anything whose
   * result the code then joins (`' '.join(mask_password(cmd))`) — it rewrites the sequence's repr, not its items,
   * and clears nothing.
   */
  textOnly?: true;
}

/**
 * A condition call that, when true, vouches for an argument: the first positional one (`uuidutils.is_uuid_like(x)`)
 * unless `argument` names another position or keyword (`url_has_allowed_host_and_scheme(url=x, …)`).
 */
export interface Guard { call: CallMatcher; clears: readonly SinkKind[] | 'all'; argument?: SinkArgument }

/** Calls whose result carries the taint of their arguments and/or receiver (`os.path.join`, `x.strip()`). */
export interface Propagator { call: CallMatcher; from: 'args' | 'receiver' | 'both'; shape: Shape }

export interface TaintSpec {
  valueSources: readonly ValueSource[];
  callSources: readonly CallSource[];
  parameterSources: readonly ParameterSource[];
  requestAttributes: readonly RequestAttribute[];
  /** `environ` keys that come from the client (`HTTP_*`, `QUERY_STRING`). */
  environKeys: RegExp;
  /** Of those, the keys whose values cannot hold a raw newline (header values, still-encoded query strings). */
  environNewlineFree: RegExp;
  sinks: readonly Sink[];
  /** Item stores that are sinks (the transfer sees them where it binds a subscript target). */
  stores?: readonly StoreSink[];
  sanitizers: readonly Sanitizer[];
  guards: readonly Guard[];
  propagators: readonly Propagator[];
  /** Methods of str/dict/list that carry the receiver's taint to their result. */
  carryingMethods: ReadonlySet<string>;
  /** Methods that add their arguments' taint to the receiver container (`append`, `update`, `extend`). */
  mutatingMethods: ReadonlySet<string>;
}
