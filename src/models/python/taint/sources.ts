// Where attacker-controlled data enters Python services: webob/WSGI requests, Nova/Neutron API controller
// parameters, Flask's request, and (trusted less) the command line and the environment. Data only.
import type { CallSource, ParameterSource, RequestAttribute, ValueSource } from '../../../analysis/taint/spec.js';

/** HTTP servers reject raw CR/LF in header values, and these URL forms are percent-encoded. */
const NO_NEWLINE = ['log', 'newline'] as const;

/**
 * Attributes (and `get_*()` methods) of webob / Werkzeug request objects that carry client data. Decoded query
 * parameters, bodies and PATH_INFO can hold `\n` (from `%0A`); headers, cookies and re-encoded URLs cannot.
 */
export const REQUEST_ATTRIBUTES: readonly RequestAttribute[] = [
  // webob
  { attribute: 'GET', shape: 'container' }, { attribute: 'POST', shape: 'container' },
  { attribute: 'params', shape: 'container' }, { attribute: 'body', shape: 'str' },
  { attribute: 'text', shape: 'str' }, { attribute: 'json_body', shape: 'container' },
  { attribute: 'json', shape: 'container' }, { attribute: 'headers', shape: 'container', clears: NO_NEWLINE },
  { attribute: 'cookies', shape: 'container', clears: NO_NEWLINE }, { attribute: 'environ', shape: 'environ' },
  { attribute: 'url', shape: 'str', clears: NO_NEWLINE }, { attribute: 'path', shape: 'str', clears: NO_NEWLINE }, { attribute: 'path_info', shape: 'str' },
  { attribute: 'path_qs', shape: 'str', clears: NO_NEWLINE }, { attribute: 'query_string', shape: 'str', clears: NO_NEWLINE }, { attribute: 'host', shape: 'str', clears: NO_NEWLINE },
  { attribute: 'referer', shape: 'str', clears: NO_NEWLINE }, { attribute: 'referrer', shape: 'str', clears: NO_NEWLINE }, { attribute: 'user_agent', shape: 'str', clears: NO_NEWLINE },
  { attribute: 'urlvars', shape: 'container' }, { attribute: 'matchdict', shape: 'container' },
  // Flask / Werkzeug
  { attribute: 'args', shape: 'container' }, { attribute: 'form', shape: 'container' },
  { attribute: 'values', shape: 'container' }, { attribute: 'data', shape: 'str' }, { attribute: 'files', shape: 'container' },
  // Django's HttpRequest (GET, POST and body as for webob): cookies, and META, the WSGI environ under another name.
  { attribute: 'COOKIES', shape: 'container', clears: NO_NEWLINE }, { attribute: 'META', shape: 'environ' },
];

/**
 * Of REQUEST_ATTRIBUTES, those holding the query or form parameters by name (`req.GET['next']`, `request.args.get(k)`):
 * webob's GET/POST/params, Werkzeug's args/form/values, Django's GET/POST.
 */
export const REQUEST_PARAMETER_ATTRIBUTES: ReadonlySet<string> = new Set(['GET', 'POST', 'params', 'args', 'form', 'values']);

/**
 * Attributes a web framework sets on the request from the server's own state, not from what the client sent: Django's
 * `request.session` (SessionMiddleware loads it from the server's store by the key the cookie names; the signed-cookie
 * backend's data is signed with SECRET_KEY) and `request.user` (AuthenticationMiddleware, from the session). A client
 * chooses neither; a value read from them is no client claim (Django docs, "How to use sessions"; OWASP Session
 * Management Cheat Sheet: session data lives server-side, the client holds an identifier).
 */
export const SERVER_STATE_REQUEST_ATTRIBUTES: ReadonlySet<string> = new Set(['session', 'user']);

/** WSGI environ keys set from the client's request line and headers (not the server's own entries). */
export const CLIENT_ENVIRON_KEYS = /^(HTTP_\w+|QUERY_STRING|PATH_INFO|REQUEST_URI|RAW_URI|CONTENT_TYPE|SCRIPT_NAME)$/;
/** Header-derived and still-encoded environ entries: no raw newline can arrive in them. */
export const NEWLINE_FREE_ENVIRON_KEYS = /^(HTTP_\w+|QUERY_STRING|REQUEST_URI|RAW_URI|CONTENT_TYPE)$/;

const API_CONTROLLER_BASES = /(^|\.)(Controller|\w+Controller|ServersController|Resource|ExtensionController)$/;
const API_DECORATORS = /^(wsgi\.(action|response|expected_errors|extends)|validation\.(schema|query_schema)|extensions\.expected_errors)\b/;
const WSGI_HANDLER_BASES = /(^|\.)(Application|Middleware|\w+Middleware|\w+Application|Debug|Router)$/;
const WSGIFY = /^(webob\.dec\.)?wsgify\b/;
/** Schema validation restricts strings to printable characters in the Nova/Neutron parameter types. */
const SCHEMA_DECORATORS = /^validation\.(schema|query_schema)\b/;

/**
 * The OpenStack wsgi framework's body deserializers (nova, cinder, … before the JSON-only APIs): the framework calls
 * `deserializer.<action>(body_text)`, so each public method's first parameter is the raw request body.
 */
const BODY_DESERIALIZER_BASES = /(^|\.)(TextDeserializer|XMLDeserializer|MetadataXMLDeserializer|\w+XMLDeserializer)$/;

/**
 * Django views (and Horizon's, built on them): class-based views are classes deriving from a `…View` class, which
 * Django gives the request as `self.request` and as the `request` argument of get/post/dispatch; function views are
 * recognised by Django's view decorators (a bare `def index(request)` is routed from urls.py, which is not read).
 */
const DJANGO_MODULES = ['django', 'horizon'];
const DJANGO_VIEW_BASES = /(^|\.)\w*View$/;
const DJANGO_VIEW_DECORATORS = /^(\w+\.)*(login_required|permission_required|user_passes_test|csrf_protect|csrf_exempt|never_cache|require_(GET|POST|safe|http_methods)|sensitive_post_parameters)\b/;

export const PARAMETER_SOURCES: readonly ParameterSource[] = [
  {
    names: ['request'], shape: 'request', trust: 'remote', confidence: 'high', inFilesImporting: DJANGO_MODULES,
    classBases: DJANGO_VIEW_BASES, decorators: DJANGO_VIEW_DECORATORS, receiverAttributes: ['request'],
  },
  { names: [], firstParameter: true, shape: 'str', trust: 'remote', confidence: 'medium', classBases: BODY_DESERIALIZER_BASES },
  {
    names: ['body'], shape: 'container', trust: 'remote', confidence: 'high',
    classBases: API_CONTROLLER_BASES, decorators: API_DECORATORS,
    validatedBy: { decorators: SCHEMA_DECORATORS, clears: ['log', 'newline'] },
  },
  { names: ['req', 'request'], shape: 'request', trust: 'remote', confidence: 'high', classBases: API_CONTROLLER_BASES, decorators: API_DECORATORS },
  { names: ['req', 'request'], shape: 'request', trust: 'remote', confidence: 'high', classBases: WSGI_HANDLER_BASES, decorators: WSGIFY },
];

export const VALUE_SOURCES: readonly ValueSource[] = [
  { name: 'flask.request', shape: 'request', trust: 'remote', confidence: 'high' },
  // Pecan's thread-local request (a webob request): ironic's and neutron's REST controllers read it directly.
  { name: 'pecan.request', shape: 'request', trust: 'remote', confidence: 'high' },
  { name: 'sys.argv', shape: 'container', trust: 'local', confidence: 'medium' },
  { name: 'os.environ', shape: 'container', trust: 'local', confidence: 'low' },
];

export const CALL_SOURCES: readonly CallSource[] = [
  { call: { name: 'input' }, shape: 'str', trust: 'local', confidence: 'medium' },
  { call: { name: 'raw_input' }, shape: 'str', trust: 'local', confidence: 'medium' },
  { call: { name: 'os.getenv' }, shape: 'str', trust: 'local', confidence: 'low' },
  { call: { name: 'os.environ.get' }, shape: 'str', trust: 'local', confidence: 'low' },
];
