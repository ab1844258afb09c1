// Masks secrets in a finding's snippet. Rules that report a literal credential already mask it in their message;
// the snippet (the source lines of the finding, printed by every format and embedded in SARIF) must not print it
// whole either: a report is posted to pull requests and CI logs that more people read than the repository.
// The fingerprint still hashes the original text, so baselines keep matching.

/** Masks a secret value as messages quote it: the first one or two characters, then 3 to 8 stars. */
export function maskValue(value: string): string {
  const shown = value.length <= 4 ? value.slice(0, 1) : value.slice(0, 2);
  return `${shown}${'*'.repeat(Math.min(Math.max(value.length - shown.length, 3), 8))}`;
}

/** A string literal's source text with its content masked, quotes and prefix kept: `"Tr0ub4dor&3"` → `"Tr********"`. */
export function maskLiteral(text: string): string {
  const m = /^([A-Za-z]*)('''|"""|'|")([\s\S]*)\2$/.exec(text);
  return m ? `${m[1]}${m[2]}${maskValue(m[3]!)}${m[2]}` : '***';
}

/**
 * The snippet with every occurrence of each secret's source text masked. A secret cut off by the snippet's line
 * cap is masked line by line, so no part of it survives.
 */
export function redactSnippet(snippet: string, secrets: readonly string[]): string {
  let out = snippet;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    if (out.includes(secret)) {
      out = out.split(secret).join(maskLiteral(secret));
      continue;
    }
    for (const piece of secret.split('\n')) {
      const part = piece.trim();
      if (part.length > 0 && out.includes(part)) out = out.split(part).join('***');
    }
  }
  return out;
}
