// The JSON report: the Report object with a schema version, documented in docs/json-report.md and
// docs/report.schema.json. Bump JSON_SCHEMA_VERSION on any incompatible change.
import type { Report } from '../findings/types.js';

export const JSON_SCHEMA_VERSION = '1.0';

export function renderJson(report: Report): string {
  return `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, ...report }, null, 2)}\n`;
}
