// Fingerprints that survive line shifts: rule + enclosing scope + whitespace-normalised code of the finding.
import { createHash } from 'node:crypto';

export function fingerprint(ruleId: string, scope: string, code: string): string {
  const normalised = code.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${scope}\0${normalised}`).digest('hex').slice(0, 32);
}
