// The request-making functions of the HTTP client libraries requests and httpx, as resolved call names
// (`requests.get`, `httpx.stream`, `requests.api.post`); rules on timeouts and TLS verification read them from here.

/** requests' module-level functions that send a request (also reachable as `requests.api.<verb>`). */
const REQUESTS_VERBS: ReadonlySet<string> = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request']);
/** httpx's: the same verbs, plus streaming and its clients, which take the same timeout and verify options. */
const HTTPX_CALLS: ReadonlySet<string> = new Set([...REQUESTS_VERBS, 'stream', 'Client', 'AsyncClient']);

export interface HttpClientCall {
  /** The resolved call name, e.g. `requests.get`. */
  name: string;
  library: 'requests' | 'httpx';
  verb: string;
  /** Spelled `requests.api.<verb>`. */
  viaApi: boolean;
}

/** The library and verb of a resolved call name, or null when it is not one of these calls. */
export function httpClientCall(name: string | null): HttpClientCall | null {
  // Called for every call in a file: the prefix is tested before the name is split.
  if (!name || !(name.startsWith('requests.') || name.startsWith('httpx.'))) return null;
  const parts = name.split('.');
  if (parts[0] === 'requests') {
    const viaApi = parts.length === 3 && parts[1] === 'api';
    const verb = parts[viaApi ? 2 : 1]!;
    return (parts.length === 2 || viaApi) && REQUESTS_VERBS.has(verb) ? { name, library: 'requests', verb, viaApi } : null;
  }
  return parts.length === 2 && HTTPX_CALLS.has(parts[1]!) ? { name, library: 'httpx', verb: parts[1]!, viaApi: false } : null;
}
