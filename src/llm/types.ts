// Options and shapes of the opt-in LLM second opinion (docs/llm.md). The review is off unless `ReviewOptions.llm`
// is set; nothing in src/llm is reached otherwise, so a normal review opens no socket.
import type { Confidence, LlmRejectReason } from '../findings/types.js';

/** How the answer's JSON is requested; servers that refuse one get the next (json_schema → json_object → text). */
export type ResponseFormatMode = 'json_schema' | 'json_object' | 'text';
export const RESPONSE_FORMAT_MODES: readonly ResponseFormatMode[] = ['json_schema', 'json_object', 'text'];

export interface LlmOptions {
  /** OpenAI-compatible base URL (`http://127.0.0.1:8080/v1`) or the full `…/chat/completions` URL. Not needed to replay. */
  endpoint?: string;
  model: string;
  /** Sent as `Authorization: Bearer …`; never recorded. */
  apiKey?: string;
  /** Per HTTP attempt. */
  timeoutMs?: number;
  /** Extra attempts after a 408/409/429/5xx answer, a timeout or a dropped connection. */
  maxRetries?: number;
  /** First backoff delay; doubled per attempt with full jitter. Tests lower it. */
  retryBaseMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Stop sending once the responses' `usage` adds up to this many tokens. */
  maxTokensTotal?: number;
  /** Cap on each answer's length (`max_tokens`). */
  maxAnswerTokens?: number;
  /** The change's commit message, shown to the model as intent (never trusted as fact). */
  commitMessage?: string;
  /** Start the format ladder here (default json_schema). */
  responseFormat?: ResponseFormatMode;
  /** Store every request/response pair under this directory. */
  recordDir?: string;
  /** Answer every request from recordings in this directory; no network. */
  replayDir?: string;
  /** Drop claims the model itself rated below this (its stated confidence, before pillar caps it at medium). */
  minConfidence?: Confidence;
  /** New findings kept per file, the most confident first; the rest are dropped as over-file-cap. */
  maxFindingsPerFile?: number;
  /** Receives the dropped claims once, sorted, after the review (the CLI prints them with --llm-show-rejected). */
  onRejected?: (rejected: RejectedClaim[]) => void;
}

/** A claim as the model stated it, after shape checks. Lines are 1-based and inclusive. */
export interface Claim {
  /** The listed defect type (a selected pillar, or a selected CWE) the model put the defect under. */
  defectType: number;
  line: number;
  endLine: number;
  cwe: number;
  quote: string;
  description: string;
  /** Why the defect can be reached, in the model's words: who or what brings the harmful value to this code. */
  reachability: string;
  solution: string;
  confidence: Confidence;
}

export interface RejectedClaim {
  file: string;
  line: number | null;
  cwe: number | null;
  reason: LlmRejectReason;
  /** Why, in words: which line, which identifier was missing, where the quote really is. */
  detail: string;
  description: string;
}

/** 1-based inclusive line span. */
export interface LineSpan { start: number; end: number }
