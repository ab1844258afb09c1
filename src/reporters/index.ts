// Picks the reporter for a --format value.
import type { Report } from '../findings/types.js';
import { renderGerrit } from './gerrit.js';
import { renderGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import { renderZuul } from './zuul.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html', 'zuul', 'gerrit', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Per-format settings from the command line; each reporter reads only its own. */
export interface RenderOptions {
  /** `--format gerrit`: the label to vote on (-1 with new findings, 0 without). */
  gerritLabel?: string;
  /** `--fail-on-diagnostics`: a file not fully reviewed makes the review incomplete (changes the closing sentence). */
  failOnDiagnostics?: boolean;
}

const RENDERERS: Record<Format, (report: Report, options: RenderOptions) => string> = {
  text: renderText, json: renderJson, sarif: renderSarif, markdown: renderMarkdown, html: renderHtml,
  zuul: renderZuul, gerrit: (report, options) => renderGerrit(report, { label: options.gerritLabel, failOnDiagnostics: options.failOnDiagnostics }),
  github: renderGithub,
};

export function render(format: Format, report: Report, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}
