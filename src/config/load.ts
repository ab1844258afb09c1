// Finds and validates the config file: an explicit --config, else .pillar.yml/.pillar.yaml or a pyproject.toml with
// [tool.pillar] in the current directory or its ancestors. Errors name the file and the offending key.
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lazyRequire } from '../lazyRequire.js';
import { UsageError } from './errors.js';
import { CONFIG_SCHEMA, type ConfigFile } from './schema.js';

export interface LoadedConfig { path: string | null; config: ConfigFile }

const ajv = lazyRequire<typeof import('ajv')>('ajv');
const toml = lazyRequire<typeof import('smol-toml')>('smol-toml');
const yaml = lazyRequire<typeof import('yaml')>('yaml');

// Compiled on first use: Ajv's code generation costs ~50 ms, paid only by runs that have a file to check.
let compiled: ValidateFunction<ConfigFile> | undefined;
const validator = (): ValidateFunction<ConfigFile> =>
  compiled ??= new (ajv().Ajv)({ allErrors: true, allowUnionTypes: true }).compile<ConfigFile>(CONFIG_SCHEMA);

export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig {
  if (explicit) {
    if (!existsSync(explicit)) throw new UsageError(`config file ${explicit} does not exist`);
    return { path: explicit, config: readConfig(explicit, true)! };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of ['.pillar.yml', '.pillar.yaml', 'pyproject.toml']) {
      const candidate = join(dir, name);
      if (!existsSync(candidate)) continue;
      const config = readConfig(candidate, false);
      if (config) return { path: candidate, config };
    }
    if (dirname(dir) === dir) return { path: null, config: {} };
  }
}

function readConfig(path: string, required: boolean): ConfigFile | null {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    if (path.endsWith('.toml')) {
      const tool = (toml().parse(text) as { tool?: { pillar?: unknown } }).tool;
      if (tool?.pillar === undefined) {
        if (required) throw new UsageError(`${path} has no [tool.pillar] table`);
        return null;
      }
      raw = tool.pillar;
    } else {
      raw = yaml().parse(text) ?? {};
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read config ${path}: ${(error as Error).message}`);
  }
  const validate = validator();
  if (!validate(raw)) {
    const details = (validate.errors ?? []).map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
      if (e.keyword === 'additionalProperties') {
        return `${where}: unknown key '${(e.params as { additionalProperty: string }).additionalProperty}'`;
      }
      if (e.keyword === 'enum') {
        return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
      }
      return `${where}: ${e.message}`;
    });
    throw new UsageError(`invalid config ${path}:\n  ${details.join('\n  ')}`);
  }
  return raw;
}
