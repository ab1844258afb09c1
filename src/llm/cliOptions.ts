// `pillar review --llm…` flags and `llm-…` config keys → LlmOptions. The review is on only when the command line asks
// (--llm, --llm-endpoint or --llm-replay): a config file travels with the reviewed code, so it alone never turns on
// network calls, and the API key is sent only to an endpoint named on the command line.
import { readFileSync } from 'node:fs';
import { UsageError } from '../config/errors.js';
import type { ConfigFile } from '../config/schema.js';
import { CONFIDENCES, type Confidence } from '../findings/types.js';
import { RESPONSE_FORMAT_MODES, type LlmOptions, type RejectedClaim, type ResponseFormatMode } from './types.js';

export const DEFAULT_API_KEY_ENV = 'PILLAR_LLM_API_KEY';

export interface LlmFlags {
  llm?: boolean;
  llmEndpoint?: string;
  llmModel?: string;
  llmApiKeyEnv?: string;
  llmMaxTokensTotal?: string;
  llmConcurrency?: string;
  llmTimeout?: string;
  llmRetries?: string;
  llmResponseFormat?: string;
  llmCommitMessageFile?: string;
  llmRecord?: string;
  llmReplay?: string;
  llmShowRejected?: boolean;
  llmMinConfidence?: string;
  llmMaxPerFile?: string;
}

const FLAG_NAMES: Record<keyof LlmFlags, string> = {
  llm: '--llm', llmEndpoint: '--llm-endpoint', llmModel: '--llm-model', llmApiKeyEnv: '--llm-api-key-env',
  llmMaxTokensTotal: '--llm-max-tokens-total', llmConcurrency: '--llm-concurrency', llmTimeout: '--llm-timeout',
  llmRetries: '--llm-retries', llmResponseFormat: '--llm-response-format', llmCommitMessageFile: '--llm-commit-message-file',
  llmRecord: '--llm-record', llmReplay: '--llm-replay', llmShowRejected: '--llm-show-rejected',
  llmMinConfidence: '--llm-min-confidence', llmMaxPerFile: '--llm-max-per-file',
};

function count(value: string | number | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} takes a whole number of at least ${min} (got '${value}')`);
  return n;
}

export interface LlmSetup {
  options: LlmOptions | undefined;
  /** Things the user should know that do not stop the run. */
  warnings: string[];
}

export function llmOptionsFrom(flags: LlmFlags, config: ConfigFile, configPath: string | null, env: NodeJS.ProcessEnv = process.env): LlmSetup {
  const enabled = flags.llm === true || flags.llmEndpoint !== undefined || flags.llmReplay !== undefined;
  if (!enabled) {
    const stray = (Object.keys(FLAG_NAMES) as Array<keyof LlmFlags>).find((k) => flags[k] !== undefined && flags[k] !== false);
    if (stray) throw new UsageError(`${FLAG_NAMES[stray]} needs the LLM review turned on: --llm, --llm-endpoint <url> or --llm-replay <dir>`);
    return { options: undefined, warnings: [] };
  }
  const warnings: string[] = [];
  const model = flags.llmModel ?? config['llm-model'];
  if (model === undefined || model.trim() === '') throw new UsageError('the LLM review needs a model: --llm-model <name> (or llm-model in the config file)');
  const endpoint = flags.llmEndpoint ?? config['llm-endpoint'];
  if (endpoint === undefined && flags.llmReplay === undefined) {
    throw new UsageError('--llm needs an endpoint: --llm-endpoint <url> or llm-endpoint in the config file');
  }
  const keyEnv = flags.llmApiKeyEnv ?? DEFAULT_API_KEY_ENV;
  let apiKey = env[keyEnv] || undefined;
  if (flags.llmApiKeyEnv !== undefined && apiKey === undefined) throw new UsageError(`--llm-api-key-env: environment variable ${keyEnv} is not set`);
  if (apiKey !== undefined && flags.llmEndpoint === undefined && flags.llmReplay === undefined) {
    warnings.push(`not sending $${keyEnv} to the endpoint from ${configPath ?? 'the config file'}: the API key goes only to an endpoint named with --llm-endpoint`);
    apiKey = undefined;
  }
  const format = flags.llmResponseFormat ?? config['llm-response-format'];
  if (format !== undefined && !RESPONSE_FORMAT_MODES.includes(format as ResponseFormatMode)) {
    throw new UsageError(`--llm-response-format must be one of ${RESPONSE_FORMAT_MODES.join(', ')} (got '${format}')`);
  }
  let commitMessage: string | undefined;
  if (flags.llmCommitMessageFile !== undefined) {
    try {
      commitMessage = readFileSync(flags.llmCommitMessageFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --llm-commit-message-file ${flags.llmCommitMessageFile}: ${(error as Error).message}`);
    }
  }
  if (flags.llmRecord !== undefined && flags.llmReplay !== undefined) throw new UsageError('give either --llm-record or --llm-replay, not both');
  const timeout = count(flags.llmTimeout ?? config['llm-timeout'], '--llm-timeout', 1);
  const minConfidence = flags.llmMinConfidence;
  if (minConfidence !== undefined && !CONFIDENCES.includes(minConfidence as Confidence)) {
    throw new UsageError(`--llm-min-confidence must be one of ${CONFIDENCES.join(', ')} (got '${minConfidence}')`);
  }
  const options: LlmOptions = {
    model,
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
    maxRetries: count(flags.llmRetries ?? config['llm-retries'], '--llm-retries', 0),
    concurrency: count(flags.llmConcurrency ?? config['llm-concurrency'], '--llm-concurrency', 1),
    maxTokensTotal: count(flags.llmMaxTokensTotal ?? config['llm-max-tokens-total'], '--llm-max-tokens-total', 1),
    responseFormat: format as ResponseFormatMode | undefined,
    commitMessage,
    recordDir: flags.llmRecord,
    replayDir: flags.llmReplay,
    minConfidence: minConfidence as Confidence | undefined,
    maxFindingsPerFile: count(flags.llmMaxPerFile, '--llm-max-per-file', 1),
  };
  return { options, warnings };
}

/** One line per dropped claim, for --llm-show-rejected on standard error. */
export function formatRejected(rejected: readonly RejectedClaim[]): string {
  if (rejected.length === 0) return 'LLM review: no claims were rejected.\n';
  const lines = rejected.map((r) => {
    const where = r.line !== null ? `${r.file}:${r.line}` : r.file;
    const cwe = r.cwe !== null ? ` CWE-${r.cwe}` : '';
    const said = r.description ? ` — "${r.description.replace(/\s+/g, ' ').slice(0, 160)}"` : '';
    return `  ${where}${cwe}: ${r.reason}: ${r.detail}${said}`;
  });
  return `LLM review: ${rejected.length} claim${rejected.length === 1 ? '' : 's'} rejected:\n${lines.join('\n')}\n`;
}
