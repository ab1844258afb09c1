// Heuristics shared by the hard-coded-secret rules: does a name denote a secret value, and could a string literal
// be one? Tuned against Bandit's known false positives (field names, token types, pagination tokens, labels, URLs).
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { isBytesString, isFString, stringValue } from '../languages/python/syntax.js';
import { maskValue } from './redaction.js';

/** Words that name a secret when they are the head of a name (Bandit's vocabulary, matched as whole words). */
const SECRET_WORD = /^(?:pas+wo?r?d|pass|passphrase|pwd|token|secrete?)$/;
/** Run-together names such as `dbpassword` or `rootpasswd`: only the unambiguous spellings, never `…pass`. */
const SECRET_SUFFIX = /(?:password|passwd|passphrase)$/;

/** What a name must contain (in any case) for SECRET_WORD or SECRET_SUFFIX to match one of its words. */
const MAY_NAME_SECRET = /pas|pwd|token|secret/i;

/** Words after the secret word that still describe the secret itself (`password_value`, `token_str`). */
const SAME_VALUE_QUALIFIERS = new Set([
  'value', 'val', 'str', 'string', 'plain', 'plaintext', 'clear', 'cleartext', 'raw', 'b64', 'base64', 'hex', 'bytes',
  'encoded', 'confirm', 'confirmation', 'again', 'repeat', 'literal',
]);

/**
 * Modifiers that turn `token` into something public: pagination markers (boto's `NextToken`), lexer tokens, and
 * the key names of pagination descriptors (`input_token`). A `csrf_token` or `refresh_token` stays a secret.
 */
const PUBLIC_TOKEN_MODIFIERS = new Set([
  'next', 'page', 'paging', 'pagination', 'continuation', 'marker', 'sync', 'resume', 'input', 'output', 'result',
  'start', 'end', 'last', 'first', 'prev', 'previous', 'current', 'cur', 'cancel', 'cancellation', 'lexer', 'parse',
]);
/** `first_pass`, `second_pass`: passes of an algorithm, not passwords. */
const ORDINAL_PASS_MODIFIERS = new Set(['first', 'second', 'third', 'last', 'next', 'final', 'initial', 'single', 'multi', 'one', 'two']);

const PREPOSITIONS = new Set(['for', 'of', 'to', 'from', 'by', 'with', 'on', 'in', 'at']);

/** Splits snake_case, kebab-case, dotted and camelCase names into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * The secret word a name ends with (`db_password` → `password`, `authToken` → `token`), or null when the name
 * describes something about a secret rather than the secret (`password_field`, `token_type`, `TOKEN_URL`).
 */
export function secretWordOf(name: string): string | null {
  // Every secret word holds one of these: most names are dismissed before they are split into words.
  if (!MAY_NAME_SECRET.test(name)) return null;
  const all = nameWords(name);
  // `password_for_email`, `token_of_admin`: the noun phrase ends before the preposition.
  const cut = all.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w));
  const words = cut > 0 ? all.slice(0, cut) : all;
  while (words.length > 1 && SAME_VALUE_QUALIFIERS.has(words[words.length - 1]!)) words.pop();
  let head = words[words.length - 1];
  if (head === undefined) return null;
  // `secret_key` and `secret_token` name the secret itself.
  if (head === 'key' && words.length > 1 && /^secrete?$/.test(words[words.length - 2]!)) head = words[words.length - 2]!;
  const modifier = words.length > 1 ? words[words.length - 2]! : null;
  if (SECRET_WORD.test(head)) {
    if (head === 'token' && modifier !== null && PUBLIC_TOKEN_MODIFIERS.has(modifier)) return null;
    if (head === 'pass' && (modifier === null ? words.length > 1 : ORDINAL_PASS_MODIFIERS.has(modifier))) return null;
    return head;
  }
  return SECRET_SUFFIX.test(head) ? head : null;
}

const PLACEHOLDER_VALUES = new Set([
  'none', 'null', 'nil', 'undefined', 'unset', 'redacted', 'hidden', 'masked', 'placeholder',
  'true', 'false', 'yes', 'no', 'on', 'off', 'required', 'optional', 'bearer', 'basic', 'digest', 'jwt', 'mac',
  'access', 'refresh', 'id', 'keystone', 'noauth', 'fernet', 'uuid', 'pki', 'pkiz', 'sha256', 'sha512', 'md5',
]);

const KNOWN_CREDENTIAL = [
  /\bAKIA[0-9A-Z]{16}\b/, /\bgh[pousr]_[A-Za-z0-9]{30,}/, /\bgithub_pat_[A-Za-z0-9_]{30,}/, /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bsk_live_[A-Za-z0-9]{16,}/, /\bglpat-[A-Za-z0-9_-]{20,}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** Why a literal cannot be a secret, or null when it plausibly is one. */
export function notASecret(value: string, name: string): string | null {
  const v = value.trim();
  if (v.length === 0) return 'empty';
  if (v.length < 3) return 'too short';
  if (!/[A-Za-z0-9]/.test(v)) return 'punctuation';
  if (/^(.)\1*$/.test(v)) return 'mask';
  if (/^<[^<>]*>$|^\[[^\]]*\]$|^\{[^{}]*\}$/.test(v)) return 'placeholder';
  if (PLACEHOLDER_VALUES.has(v.toLowerCase())) return 'keyword';
  if (/%[-#0 +]*\d*(?:\.\d+)?[sdrifx]|%\(\w+\)|\{\w*(?:[.[][^}]*)?(?::[^}]*)?\}|\$\{|\$\(|^\$\w+$/.test(v)) return 'template';
  if (/\[[^\]]+\][*+?{]|\\[dwsS]|\.[*+]|^\^.*\$$/.test(v)) return 'regular expression';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^(?:\/|\.{1,2}\/|~\/)/.test(v)) return 'url or path';
  if (/\.(?:pem|key|crt|cert|p12|pfx|jks|txt|json|ya?ml|conf|cfg|ini|env)$/i.test(v)) return 'file name';
  // Prose (a message, a form label, a help text) has spaces; `Bearer <token>` is still a credential.
  if (/\s/.test(v) && !/^(?:bearer|basic|token)\s+\S+$/i.test(v)) return 'prose';
  if (/:$/.test(v)) return 'label';
  const words = nameWords(v);
  // An identifier naming the secret (a field, header, option or env-var name such as `NextToken`, `OS_PASSWORD`,
  // `X-Auth-Token`); digits make it look like a weak password (`Password123`) instead, and so does a single word
  // (`password = "secret"` is a weak default, not a field name).
  if (words.length > 1 && /^[A-Za-z_][A-Za-z_.\-]*$/.test(v) && words.some((w) => SECRET_WORD.test(w) || SECRET_SUFFIX.test(w) || w === 'auth' || w === 'key')) return 'identifier';
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return 'constant name';
  if (normalise(v) === normalise(name)) return 'same as its name';
  return null;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True for a literal that reads like a live credential even in test code: a known token format or high entropy. */
export function looksLikeRealCredential(value: string): boolean {
  if (KNOWN_CREDENTIAL.some((re) => re.test(value))) return true;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(value)).length;
  // 24 characters of at least three character classes at >4 bits/char is beyond any hand-typed test fixture; past
  // 128 characters it is a certificate, a ciphertext or an encoded blob rather than a password or API token.
  return value.length >= 24 && value.length <= 128 && !/\s/.test(value) && classes >= 3 && shannonEntropy(value) > 4;
}

function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) { const p = c / s.length; h -= p * Math.log2(p); }
  return h;
}

export interface SecretLiteral { value: string; secretWord: string }

/**
 * Judges `literal` as the value given to `name`: a plain (non-f, non-bytes) string that plausibly is a secret, in a
 * file where it matters. In test code only live-looking credentials count, since fixtures are full of fake ones.
 */
export function secretLiteral(model: PythonModel, name: string, literal: SyntaxNode | null): SecretLiteral | null {
  if (!literal || !MAY_NAME_SECRET.test(name) || isFString(literal) || isBytesString(literal)) return null;
  const value = stringValue(literal);
  if (value === null) return null;
  const secretWord = secretWordOf(name);
  if (secretWord === null || notASecret(value, name) !== null) return null;
  if (model.isTestSupport() && !looksLikeRealCredential(value)) return null;
  return { value, secretWord };
}

/**
 * Quotes a secret for a message without printing it whole: the reader needs to find it, not to reuse it. The rule
 * also passes the literal as `redact` so that the snippet is masked the same way.
 */
export function redact(value: string): string {
  return `'${maskValue(value)}'`;
}

/** What a secret word names, as messages say it: `token`, `secret`, `passphrase`, else `password`. */
export function kindOf(secretWord: string): string {
  if (secretWord === 'token') return 'token';
  if (/^secrete?$/.test(secretWord)) return 'secret';
  if (secretWord === 'passphrase') return 'passphrase';
  return 'password';
}
