// Gets the list of claimed defects out of a model's answer text: strict JSON first, then the JSON inside a code fence
// or between the first `{`/`[` and the last `}`/`]` (for servers without structured output), or the exact clean
// sentence. Shapes are checked later.
import { NO_DEFECTS } from '../reporters/common.js';
import { excerpt } from './transport.js';

export type ParsedAnswer = { ok: true; items: unknown[] } | { ok: false; message: string };

function tryJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

function candidates(text: string): string[] {
  const out = [text];
  const fence = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(text);
  if (fence?.[1]) out.push(fence[1]);
  for (const [open, close] of [['{', '}'], ['[', ']']] as const) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start >= 0 && end > start) out.push(text.slice(start, end + 1));
  }
  return out;
}

function listOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['defects', 'findings', 'issues', 'vulnerabilities']) {
      if (Array.isArray(record[key])) return record[key] as unknown[];
    }
  }
  return null;
}

export function parseAnswer(content: string): ParsedAnswer {
  // Reasoning models may think aloud in <think> tags before the answer.
  const text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  if (text === '') return { ok: false, message: 'the answer is empty' };
  // The clean answer the instructions allow without JSON: exactly the sentence pillar itself prints when clean.
  if (text === NO_DEFECTS) return { ok: true, items: [] };
  let sawJson = false;
  for (const candidate of candidates(text)) {
    const parsed = tryJson(candidate);
    if (!parsed) continue;
    sawJson = true;
    const items = listOf(parsed.value);
    if (items) return { ok: true, items };
  }
  return {
    ok: false,
    message: sawJson ? `the answer's JSON has no "defects" list: ${excerpt(text)}` : `the answer is not JSON: ${excerpt(text)}`,
  };
}
