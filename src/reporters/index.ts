// Picks the reporter for a --format value.
import type { Report } from '../findings/types.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

const RENDERERS: Record<Format, (report: Report) => string> = {
  text: renderText, json: renderJson, sarif: renderSarif, markdown: renderMarkdown,
};

export function render(format: Format, report: Report): string {
  return RENDERERS[format](report);
}
