// `pillar post-gerrit`: sends a ReviewInput (from `pillar review --format gerrit`) to Gerrit's "set review"
// endpoint with HTTP basic credentials from the environment. The only network call pillar makes, and only here.
import { readFileSync } from 'node:fs';
import { UsageError } from '../config/errors.js';
import { readTextInput } from '../changes/changeSet.js';
import { EXIT } from './exitCodes.js';

/** Exit code when Gerrit refuses the review or cannot be reached (0 = posted, 2 = usage, 3 = internal). */
export const EXIT_POST_FAILED = EXIT.postFailed;

export const ENV = {
  url: 'PILLAR_GERRIT_URL',
  user: 'PILLAR_GERRIT_USER',
  password: 'PILLAR_GERRIT_PASSWORD',
} as const;

// Gerrit prefixes JSON answers with this line so a browser cannot run them as a script (XSSI protection).
const XSSI_PREFIX = ")]}'";
const DEFAULT_TIMEOUT_SECONDS = 60;
const BODY_EXCERPT_CHARS = 500;

export interface PostGerritFlags { url?: string; change?: string; revision: string; timeout?: string }

export interface PostRequest {
  url: string;
  change: string;
  revision: string;
  user: string;
  password: string;
  input: unknown;
  timeoutMs: number;
}

export type PostResult =
  | { ok: true; status: number; endpoint: string; result: unknown }
  | { ok: false; status: number | null; endpoint: string; error: string };

export function reviewEndpoint(base: string, change: string, revision: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  // `/a/` asks Gerrit to authenticate; ids may hold `/` (project names) and must stay one path segment.
  return new URL(`a/changes/${encodeURIComponent(change)}/revisions/${encodeURIComponent(revision)}/review`, root).href;
}

export function stripXssiPrefix(body: string): string {
  return body.startsWith(XSSI_PREFIX) ? body.slice(XSSI_PREFIX.length).replace(/^\r?\n/, '') : body;
}

const HINTS: Record<number, string> = {
  400: 'Gerrit rejected the review input (a comment on a file or line that is not in this revision?)',
  401: `the credentials were refused: set ${ENV.user} and ${ENV.password} to an account and its HTTP password`,
  403: 'the account may not review this change or vote on that label',
  404: 'no such change or revision, or the account cannot see it',
  409: 'the change cannot take this review now (merged or abandoned?)',
};

export async function postGerritReview(req: PostRequest): Promise<PostResult> {
  const endpoint = reviewEndpoint(req.url, req.change, req.revision);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${req.user}:${req.password}`, 'utf8').toString('base64')}`,
      },
      body: JSON.stringify(req.input),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${req.timeoutMs / 1000} s` : cause ?? (error as Error).message;
    return { ok: false, status: null, endpoint, error: `cannot reach Gerrit: ${reason}` };
  }
  const body = stripXssiPrefix(await response.text());
  if (!response.ok) {
    const excerpt = body.trim().slice(0, BODY_EXCERPT_CHARS);
    const hint = HINTS[response.status] ?? (response.status >= 500 ? 'Gerrit failed on its side; try again later' : '');
    return {
      ok: false, status: response.status, endpoint,
      error: `Gerrit answered ${response.status} ${response.statusText}${excerpt ? `: ${excerpt}` : ''}${hint ? ` (${hint})` : ''}`,
    };
  }
  let result: unknown = null;
  try {
    result = body.trim() === '' ? null : JSON.parse(body);
  } catch {
    return { ok: false, status: response.status, endpoint, error: `Gerrit answered ${response.status} with a body that is not JSON` };
  }
  return { ok: true, status: response.status, endpoint, result };
}

function readInput(path: string, text: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new UsageError(`${path} is not a Gerrit ReviewInput object (write one with pillar review --format gerrit)`);
  }
  const comments = (input as { comments?: unknown }).comments;
  if (comments !== undefined && (comments === null || typeof comments !== 'object' || Array.isArray(comments))) {
    throw new UsageError(`${path}: "comments" must map file paths to lists of comments`);
  }
  return input as Record<string, unknown>;
}

export async function runPostGerrit(inputPath: string, flags: PostGerritFlags, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const url = flags.url ?? env[ENV.url];
  if (!url) throw new UsageError(`give the Gerrit URL with --url or ${ENV.url}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url ${url} is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UsageError(`--url must be http(s), got ${parsed.protocol}`);
  if (!flags.change) throw new UsageError('give the change with --change (a number, or project~branch~Change-Id)');
  const user = env[ENV.user];
  const password = env[ENV.password];
  if (!user || !password) throw new UsageError(`set ${ENV.user} and ${ENV.password} (the account's HTTP password) to post reviews`);
  const timeout = flags.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(flags.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError('--timeout takes a positive number of seconds');
  if (parsed.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
    process.stderr.write(`pillar: warning: sending credentials over plain http to ${parsed.host}\n`);
  }
  const text = inputPath === '-' ? await readTextInput('-') : readFileOrThrow(inputPath);
  const input = readInput(inputPath === '-' ? 'standard input' : inputPath, text);
  const result = await postGerritReview({
    url, change: flags.change, revision: flags.revision, user, password, input, timeoutMs: timeout * 1000,
  });
  if (!result.ok) {
    process.stderr.write(`pillar: posting the review to ${result.endpoint} failed: ${result.error}\n`);
    return EXIT_POST_FAILED;
  }
  const comments = Object.values((input.comments ?? {}) as Record<string, unknown[]>).reduce((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
  process.stdout.write(`posted the review to change ${flags.change}, revision ${flags.revision}: ${comments} inline comment${comments === 1 ? '' : 's'}\n`);
  return 0;
}

function readFileOrThrow(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}
