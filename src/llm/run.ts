// Runs the opt-in LLM second opinion over the reviewed files after the rules: builds the units, sends them in
// batches of `concurrency` (budget and fatal-error decisions are taken between batches, so a replay takes exactly the
// same path), verifies every claim, settles each file's claims (settle.ts) and returns findings, corroborations,
// diagnostics and counts.
import type { FileChange } from '../changes/diff.js';
import { UsageError } from '../config/errors.js';
import type { Selection } from '../config/selection.js';
import type { Diagnostic, Finding, LlmRejectReason, LlmStats } from '../findings/types.js';
import { languageOf } from '../sources/language.js';
import { parseAnswer } from './answer.js';
import { changeUnits, wholeFileUnits, type Unit } from './excerpts.js';
import { outlineOf, type FileOutline } from './outline.js';
import { requestBody } from './prompt.js';
import { recordingSender, replayingSender } from './recording.js';
import { settle, type Candidate } from './settle.js';
import { callWithRetries, liveSender, type RetryPolicy, type SendAttempt } from './transport.js';
import { RESPONSE_FORMAT_MODES, type LlmOptions, type RejectedClaim, type ResponseFormatMode } from './types.js';
import { claimOf, verifyClaim } from './verify.js';

export interface LlmFileInput {
  file: string;
  text: string;
  /** The rules' findings in this file: shown to the model as context, and corroborated in place. */
  ruleFindings: Finding[];
  /** Change review: the file's change, so only its hunks and their functions are sent. */
  change?: FileChange;
}

export interface LlmRunResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: LlmStats;
  suppressed: number;
  rejected: RejectedClaim[];
}

export const LLM_DEFAULTS = {
  // Local models on a CPU can take minutes for 400 lines; hosted ones answer in seconds.
  timeoutMs: 180_000,
  maxRetries: 2,
  retryBaseMs: 1_000,
  // Two requests at a time keep a single-GPU local server busy without queueing behind each other.
  concurrency: 2,
  // Room for a dozen detailed claims; a longer answer is usually the model repeating itself.
  maxAnswerTokens: 4_096,
  // Every stated confidence counts by default: the cap below already keeps the most confident.
  minConfidence: 'low',
  // A real fix touches one or two places in a file; past three, further claims in one file are mostly noise, and
  // a reviewer stops reading. Raise it to see more of the model's opinion.
  maxFindingsPerFile: 3,
} as const satisfies Record<string, number | string>;

/** `…/v1` → `…/v1/chat/completions`; a URL already naming the route is used as given. */
export function chatCompletionsUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--llm-endpoint '${endpoint}' is not a URL (expected e.g. http://127.0.0.1:8080/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--llm-endpoint must be http(s), got ${url.protocol}`);
  if (/\/chat\/completions\/?$/.test(url.pathname)) return url.href;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/chat/completions`;
  return url.href;
}

interface Sender { send: SendAttempt; close(): Promise<void> }

function senderOf(options: LlmOptions): Sender {
  const none = (): Promise<void> => Promise.resolve();
  if (options.recordDir !== undefined && options.replayDir !== undefined) throw new UsageError('give either --llm-record or --llm-replay, not both');
  if (options.replayDir !== undefined) return { send: replayingSender(options.replayDir), close: none };
  if (options.endpoint === undefined) throw new UsageError('the LLM review needs an endpoint (--llm-endpoint) or a recording to replay (--llm-replay)');
  const live = liveSender(chatCompletionsUrl(options.endpoint), options.apiKey, options.timeoutMs ?? LLM_DEFAULTS.timeoutMs);
  return options.recordDir !== undefined ? { send: recordingSender(live.send, options.recordDir), close: live.close } : live;
}

interface FileState { input: LlmFileInput; lines: string[]; outline: FileOutline; candidates: Candidate[] }

interface UnitOutcome { mode: ResponseFormatMode; requests: number; tokens: number; fatal: string | null }

export async function runLlmReview(inputs: readonly LlmFileInput[], selection: Selection, options: LlmOptions, keepSuppressed: boolean): Promise<LlmRunResult> {
  const sender = senderOf(options);
  try {
    return await reviewAll(inputs, selection, options, keepSuppressed, sender.send);
  } finally {
    await sender.close();
  }
}

async function reviewAll(inputs: readonly LlmFileInput[], selection: Selection, options: LlmOptions, keepSuppressed: boolean, send: SendAttempt): Promise<LlmRunResult> {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? LLM_DEFAULTS.maxRetries,
    retryBaseMs: options.retryBaseMs ?? LLM_DEFAULTS.retryBaseMs,
    // A replay answers instantly; waiting out recorded 429s would only slow it down.
    sleep: options.replayDir !== undefined ? () => Promise.resolve() : (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  };
  const concurrency = Math.max(1, options.concurrency ?? LLM_DEFAULTS.concurrency);
  const budget = options.maxTokensTotal;
  const result: LlmRunResult = {
    findings: [], diagnostics: [], suppressed: 0, rejected: [],
    stats: { model: options.model, units: 0, requests: 0, tokens: 0, kept: 0, corroborated: 0, rejected: {}, failed: 0, skipped: 0 },
  };
  const work: Array<{ state: FileState; unit: Unit }> = [];
  const states: FileState[] = [];
  for (const input of inputs) {
    const outline = await outlineOf(input.text, languageOf(input.file));
    const state: FileState = { input, lines: input.text.split(/\r?\n/), outline, candidates: [] };
    states.push(state);
    const units = input.change ? changeUnits(input.file, outline, input.change) : wholeFileUnits(input.file, outline);
    for (const unit of units) work.push({ state, unit });
  }
  result.stats.units = work.length;

  let mode: ResponseFormatMode = options.responseFormat ?? 'json_schema';
  let halted: string | null = null;
  for (let i = 0; i < work.length; i += concurrency) {
    const batch = work.slice(i, i + concurrency);
    let reserved = 0;
    const admitted: Array<Promise<UnitOutcome>> = [];
    for (const { state, unit } of batch) {
      const note = (code: Diagnostic['code'], message: string): void => { result.diagnostics.push(unitDiagnostic(state, unit, code, message)); };
      if (halted !== null) {
        result.stats.skipped++;
        note('llm-skipped', `not sent to the LLM: ${halted}`);
        continue;
      }
      if (budget !== undefined && result.stats.tokens + reserved >= budget) {
        result.stats.skipped++;
        note('llm-skipped', `not sent to the LLM: the token budget of ${budget} (--llm-max-tokens-total) is used up (${result.stats.tokens} counted)`);
        continue;
      }
      const input = { unit, lines: state.lines, selection, findings: findingsIn(state.input.ruleFindings, unit), commitMessage: options.commitMessage };
      // Only a guess until the response's usage arrives: the prompt at ~4 characters a token.
      reserved += Math.ceil(requestBody(input, { model: options.model, maxAnswerTokens: 0, mode }).length / 4);
      admitted.push(reviewUnit(state, unit, input, mode, { send, policy, options, selection, result, note }));
    }
    const outcomes = await Promise.all(admitted);
    for (const o of outcomes) {
      result.stats.requests += o.requests;
      result.stats.tokens += o.tokens;
      // One unit learning that the server refuses a format spares the following batches the refusal.
      if (RESPONSE_FORMAT_MODES.indexOf(o.mode) > RESPONSE_FORMAT_MODES.indexOf(mode)) mode = o.mode;
      halted ??= o.fatal;
    }
  }
  const settling = {
    minConfidence: options.minConfidence ?? LLM_DEFAULTS.minConfidence,
    maxPerFile: options.maxFindingsPerFile ?? LLM_DEFAULTS.maxFindingsPerFile,
    keepSuppressed,
  };
  for (const state of states) {
    const settled = settle({ ...state, file: state.input.file, ruleFindings: state.input.ruleFindings }, settling);
    result.findings.push(...settled.findings);
    result.stats.kept += settled.findings.length;
    result.stats.corroborated += settled.corroborated;
    result.suppressed += settled.suppressed;
    for (const { candidate: { claim }, reason, detail } of settled.dropped) {
      countRejected(result, { file: state.input.file, line: claim.line, cwe: claim.cwe, reason, detail, description: claim.description });
    }
  }
  result.rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  options.onRejected?.(result.rejected);
  return result;
}

function findingsIn(findings: readonly Finding[], unit: Unit): Finding[] {
  return findings.filter((f) => !f.suppressed && unit.spans.some((s) => f.range.startLine <= s.end && s.start <= f.range.endLine));
}

function unitDiagnostic(state: FileState, unit: Unit, code: Diagnostic['code'], message: string): Diagnostic {
  const whole = unit.spans.length === 1 && unit.spans[0]!.start === 1 && unit.spans[0]!.end >= state.outline.lineCount;
  return { file: unit.file, code, message, ...(whole ? {} : { line: unit.spans[0]!.start }) };
}

interface UnitDeps {
  send: SendAttempt; policy: RetryPolicy; options: LlmOptions; selection: Selection; result: LlmRunResult;
  note: (code: Diagnostic['code'], message: string) => void;
}

async function reviewUnit(state: FileState, unit: Unit, input: Parameters<typeof requestBody>[0], start: ResponseFormatMode, deps: UnitDeps): Promise<UnitOutcome> {
  const { options, result } = deps;
  const outcome: UnitOutcome = { mode: start, requests: 0, tokens: 0, fatal: null };
  for (let m = RESPONSE_FORMAT_MODES.indexOf(start); m < RESPONSE_FORMAT_MODES.length; m++) {
    outcome.mode = RESPONSE_FORMAT_MODES[m]!;
    const body = requestBody(input, { model: options.model, maxAnswerTokens: options.maxAnswerTokens ?? LLM_DEFAULTS.maxAnswerTokens, mode: outcome.mode });
    const call = await callWithRetries(deps.send, body, deps.policy);
    outcome.requests += call.attempts;
    const content = call.ok ? call.content : '';
    // Servers that omit `usage` still cost tokens; count them at ~4 characters a token so the budget holds.
    outcome.tokens += call.usage ?? (call.ok || call.kind === 'bad-answer' ? Math.ceil((body.length + content.length) / 4) : 0);
    if (!call.ok) {
      if (call.kind === 'unsupported-format' && m + 1 < RESPONSE_FORMAT_MODES.length) continue;
      result.stats.failed++;
      deps.note(call.kind === 'bad-answer' ? 'llm-bad-answer' : 'llm-error', `LLM review failed: ${call.message}; the rules' review of this file is complete`);
      if (call.fatal) outcome.fatal = `the endpoint failed earlier in this run (${call.message})`;
      return outcome;
    }
    const parsed = parseAnswer(call.content);
    if (!parsed.ok) {
      result.stats.failed++;
      const cut = call.finishReason === 'length' ? ' (the answer was cut off at max_tokens)' : '';
      deps.note('llm-bad-answer', `LLM answer unusable: ${parsed.message}${cut}; the rules' review of this file is complete`);
      return outcome;
    }
    for (const item of parsed.items) judge(state, unit, item, deps);
    return outcome;
  }
  return outcome;
}

function countRejected(result: LlmRunResult, rejected: RejectedClaim): void {
  result.stats.rejected[rejected.reason] = (result.stats.rejected[rejected.reason] ?? 0) + 1;
  result.rejected.push(rejected);
}

/** Verifies one claim of a unit's answer; a verified one waits, with the file's others, to be settled. */
function judge(state: FileState, unit: Unit, item: unknown, deps: UnitDeps): void {
  const shaped = claimOf(item);
  if (!shaped.ok) {
    const raw = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    countRejected(deps.result, {
      file: unit.file, line: typeof raw.line === 'number' ? raw.line : null, cwe: null, reason: shaped.reason, detail: shaped.detail,
      description: typeof raw.description === 'string' ? raw.description : '',
    });
    return;
  }
  const claim = shaped.value;
  const verdict = verifyClaim(claim, { lines: state.lines, lineCount: state.outline.lineCount, shown: unit.spans, selection: deps.selection });
  if (!verdict.ok) {
    countRejected(deps.result, { file: unit.file, line: claim.line, cwe: claim.cwe, reason: verdict.reason, detail: verdict.detail, description: claim.description });
    return;
  }
  state.candidates.push({ claim, placement: verdict.value });
}
