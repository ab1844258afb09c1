// One chat-completions call: HTTP attempts with a timeout, retries with exponential backoff and full jitter (Retry-After
// honoured), and decoding of the answer (a JSON body, or an SSE stream from servers that stream anyway).
// Knows nothing about prompts or claims; the attempt itself is injected so that recording and replay can wrap it.
import { lazyRequire } from '../lazyRequire.js';

// undici (the npm package, 6.x for Node 20) rather than Node's global fetch: the global one runs on a dispatcher
// with undici's own 300 s headers and body timeouts, which no AbortSignal can lengthen, so a slow local model could
// never answer a longer --llm-timeout. Loaded on first use: a review without the LLM never pays for it.
const undici = lazyRequire<typeof import('undici')>('undici');

/** What one HTTP attempt produced: a response (any status), or no usable response at all. */
export type Attempt =
  | { kind: 'response'; status: number; contentType: string; retryAfter: string | null; body: string }
  | { kind: 'failure'; failure: 'timeout' | 'network' | 'truncated'; message: string };

export type SendAttempt = (body: string) => Promise<Attempt>;

export type CallFailureKind = 'unreachable' | 'timeout' | 'truncated' | 'http' | 'bad-answer' | 'unsupported-format';

export type CallResult =
  | { ok: true; content: string; usage: number | null; finishReason: string | null; attempts: number }
  | { ok: false; kind: CallFailureKind; message: string; attempts: number; usage: number | null;
    /** The endpoint cannot serve this run at all (unreachable, key refused, no such model): stop sending. */
    fatal: boolean };

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

// Backoff doubles from retryBaseMs; this cap keeps a run from stalling for minutes behind one overloaded server.
const MAX_BACKOFF_MS = 30_000;
// A Retry-After above this is treated as this: servers sometimes ask for hours, and a review should fail instead.
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The HTTP client's own limits, which --llm-timeout replaces. Left unset they are undici's (300 s for the headers
 * and for each pause in the body, 10 s to connect); tests pass small ones to show that the option wins over them.
 */
export interface ClientLimits { headersTimeout?: number; bodyTimeout?: number; connectTimeout?: number }

export interface LiveSender {
  send: SendAttempt;
  /** Closes the connections kept alive between requests. */
  close(): Promise<void>;
}

/**
 * Sends each attempt with `timeoutMs` as the limit on connecting, on waiting for the headers, on each pause in the
 * body, and (an AbortSignal) on the whole attempt, so a model that streams one byte a minute still stops in time.
 */
export function liveSender(url: string, apiKey: string | undefined, timeoutMs: number, defaults: ClientLimits = {}): LiveSender {
  const { Agent, fetch } = undici();
  const dispatcher = new Agent({
    ...(defaults.headersTimeout !== undefined ? { headersTimeout: defaults.headersTimeout } : {}),
    ...(defaults.bodyTimeout !== undefined ? { bodyTimeout: defaults.bodyTimeout } : {}),
    ...(defaults.connectTimeout !== undefined ? { connect: { timeout: defaults.connectTimeout } } : {}),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs },
  });
  const seconds = `${timeoutMs / 1000} s`;
  const send: SendAttempt = async (body) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal, dispatcher });
    } catch (error) {
      if (isTimeout(error)) return { kind: 'failure', failure: 'timeout', message: `no answer within ${seconds}` };
      return { kind: 'failure', failure: 'network', message: networkReason(error) };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (isTimeout(error)) return { kind: 'failure', failure: 'timeout', message: `the answer did not finish within ${seconds}` };
      return { kind: 'failure', failure: 'truncated', message: `the connection closed mid-answer (${networkReason(error)})` };
    }
    return {
      kind: 'response', status: response.status, contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'), body: text,
    };
  };
  return { send, close: () => dispatcher.close() };
}

// undici's own limits fire as errors with these codes (as the cause of fetch's TypeError, or thrown while reading).
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const code = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function retryable(attempt: Attempt): boolean {
  if (attempt.kind === 'failure') return true;
  return attempt.status === 408 || attempt.status === 409 || attempt.status === 429 || attempt.status >= 500;
}

/** Milliseconds to wait before retry number `retry` (0-based). */
export function retryDelay(attempt: Attempt, retry: number, policy: RetryPolicy, now = Date.now()): number {
  if (attempt.kind === 'response' && attempt.retryAfter !== null) {
    const seconds = Number(attempt.retryAfter);
    const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(attempt.retryAfter) - now;
    if (Number.isFinite(asked)) return Math.min(Math.max(asked, 0), MAX_RETRY_AFTER_MS);
  }
  // Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): spreads concurrent clients apart.
  return Math.floor(policy.random() * Math.min(MAX_BACKOFF_MS, policy.retryBaseMs * 2 ** retry));
}

export async function callWithRetries(send: SendAttempt, body: string, policy: RetryPolicy): Promise<CallResult> {
  let attempt = await send(body);
  let attempts = 1;
  while (retryable(attempt) && attempts <= policy.maxRetries) {
    await policy.sleep(retryDelay(attempt, attempts - 1, policy));
    attempt = await send(body);
    attempts++;
  }
  if (attempt.kind === 'failure') {
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
    if (attempt.failure === 'network') {
      return { ok: false, kind: 'unreachable', message: `the endpoint could not be reached (${attempt.message}) after ${tries}`, attempts, usage: null, fatal: true };
    }
    return { ok: false, kind: attempt.failure, message: `${attempt.message} (${tries})`, attempts, usage: null, fatal: false };
  }
  if (attempt.status >= 200 && attempt.status < 300) return { ...decodeAnswer(attempt.body, attempt.contentType), attempts };
  return { ...httpFailure(attempt.status, attempt.body, attempts), attempts };
}

function httpFailure(status: number, body: string, attempts: number): Omit<Extract<CallResult, { ok: false }>, 'attempts'> {
  const said = excerpt(errorText(body));
  if ((status === 400 || status === 422) && /response_format|json_schema|json_object|structured output|grammar/i.test(body)) {
    return { ok: false, kind: 'unsupported-format', message: `the endpoint refused the response format (${status}: ${said})`, usage: null, fatal: false };
  }
  if (status === 401 || status === 403) {
    return { ok: false, kind: 'http', message: `the endpoint refused the API key (${status}: ${said})`, usage: null, fatal: true };
  }
  if (status === 404) {
    return { ok: false, kind: 'http', message: `no such endpoint or model (404: ${said})`, usage: null, fatal: true };
  }
  const retried = status === 429 || status >= 500 ? ` after ${attempts} attempts` : '';
  return { ok: false, kind: 'http', message: `the endpoint answered ${status}${retried}: ${said}`, usage: null, fatal: false };
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: show the raw start.
  }
  return body;
}

export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

interface Usage { total_tokens?: unknown; prompt_tokens?: unknown; completion_tokens?: unknown }

function tokensOf(usage: Usage | undefined): number | null {
  if (!usage) return null;
  if (typeof usage.total_tokens === 'number') return usage.total_tokens;
  if (typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number') return usage.prompt_tokens + usage.completion_tokens;
  return null;
}

/** Message content may be a string or (some servers) a list of parts. */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (typeof p === 'string' ? p : typeof (p as { text?: unknown })?.text === 'string' ? (p as { text: string }).text : '')).join('');
  }
  return null;
}

// Omit that keeps the union's branches apart.
type Decoded = CallResult extends infer R ? (R extends CallResult ? Omit<R, 'attempts'> : never) : never;

export function decodeAnswer(body: string, contentType: string): Decoded {
  if (/text\/event-stream/i.test(contentType) || body.startsWith('data:')) return decodeStream(body);
  let parsed: { choices?: Array<{ message?: { content?: unknown }; finish_reason?: unknown }>; usage?: Usage };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { ok: false, kind: 'bad-answer', message: `the response body is not JSON: ${excerpt(body)}`, usage: null, fatal: false };
  }
  const usage = tokensOf(parsed?.usage);
  const choice = Array.isArray(parsed?.choices) ? parsed.choices[0] : undefined;
  const content = contentText(choice?.message?.content);
  if (content === null) {
    return { ok: false, kind: 'bad-answer', message: `the response has no choices[0].message.content: ${excerpt(body)}`, usage, fatal: false };
  }
  return { ok: true, content, usage, finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null };
}

function decodeStream(body: string): Decoded {
  let content = '';
  let usage: number | null = null;
  let finishReason: string | null = null;
  let done = false;
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') { done = true; break; }
    let chunk: { choices?: Array<{ delta?: { content?: unknown }; finish_reason?: unknown }>; usage?: Usage };
    try {
      chunk = JSON.parse(data) as typeof chunk;
    } catch {
      return { ok: false, kind: 'bad-answer', message: `the event stream holds a chunk that is not JSON: ${excerpt(data)}`, usage, fatal: false };
    }
    usage = tokensOf(chunk.usage) ?? usage;
    const choice = chunk.choices?.[0];
    content += contentText(choice?.delta?.content) ?? '';
    if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason;
  }
  if (!done && finishReason === null) {
    return { ok: false, kind: 'bad-answer', message: 'the event stream ended before the answer was complete', usage, fatal: false };
  }
  return { ok: true, content, usage, finishReason };
}
