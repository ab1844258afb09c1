// JSON Schema of the config file (.pillar.yml or [tool.pillar] in pyproject.toml), checked with Ajv.
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    include: { type: 'array', items: { type: 'string', minLength: 1 } },
    exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
    pillars: { type: 'array', items: { type: ['integer', 'string'] } },
    cwe: { type: 'array', items: { type: ['integer', 'string'] } },
    'disable-rules': { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } },
    'min-severity': { enum: ['low', 'medium', 'high', 'critical'] },
    'min-confidence': { enum: ['low', 'medium', 'high'] },
    'max-file-size': { type: 'integer', minimum: 1 },
    'respect-gitignore': { type: 'boolean' },
    'bandit-compat': { type: 'boolean' },
    profile: { enum: ['default', 'bandit'] },
    // The LLM second opinion (docs/llm.md): settings only; the command line turns it on (--llm), and the API key's
    // variable is a flag only, as a config file travels with the code under review.
    'llm-endpoint': { type: 'string', pattern: '^https?://' },
    'llm-model': { type: 'string', minLength: 1 },
    'llm-max-tokens-total': { type: 'integer', minimum: 1 },
    'llm-concurrency': { type: 'integer', minimum: 1 },
    'llm-timeout': { type: 'integer', minimum: 1 },
    'llm-retries': { type: 'integer', minimum: 0 },
    'llm-response-format': { enum: ['json_schema', 'json_object', 'text'] },
  },
} as const;

export interface ConfigFile {
  include?: string[];
  exclude?: string[];
  pillars?: Array<number | string>;
  cwe?: Array<number | string>;
  'disable-rules'?: string[];
  'min-severity'?: 'low' | 'medium' | 'high' | 'critical';
  'min-confidence'?: 'low' | 'medium' | 'high';
  'max-file-size'?: number;
  'respect-gitignore'?: boolean;
  'bandit-compat'?: boolean;
  /** Which rules run when none is named: `default`, or `bandit` to add the Bandit-style notices. */
  profile?: 'default' | 'bandit';
  'llm-endpoint'?: string;
  'llm-model'?: string;
  'llm-max-tokens-total'?: number;
  'llm-concurrency'?: number;
  /** Seconds per HTTP attempt. */
  'llm-timeout'?: number;
  'llm-retries'?: number;
  'llm-response-format'?: 'json_schema' | 'json_object' | 'text';
}
