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
}
