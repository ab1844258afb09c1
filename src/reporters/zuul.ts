// Zuul's zuul_return data for inline comments: {"zuul": {"file_comments": {path: [{line, message, level, range}]}}}.
// A job hands this file to the zuul_return module and Zuul's reporter (Gerrit, GitHub …) posts the comments.
import type { Finding, Report } from '../findings/types.js';
import { commentRange, commentText, reviewFindings, type ReviewCommentRange } from './gerrit.js';

export interface ZuulFileComment {
  line: number;
  message: string;
  /** Zuul accepts info, warning and error. */
  level: 'info' | 'warning' | 'error';
  range: ReviewCommentRange;
}

export interface ZuulReturnData { zuul: { file_comments: Record<string, ZuulFileComment[]> } }

function level(f: Finding): ZuulFileComment['level'] {
  if (f.context || f.severity === 'low') return 'info';
  return f.severity === 'medium' ? 'warning' : 'error';
}

export function zuulReturnData(report: Report): ZuulReturnData {
  const fileComments: Record<string, ZuulFileComment[]> = {};
  for (const f of reviewFindings(report)) {
    const { line, range } = commentRange(f);
    (fileComments[f.file] ??= []).push({ line, message: commentText(f), level: level(f), range });
  }
  return { zuul: { file_comments: fileComments } };
}

export function renderZuul(report: Report): string {
  return `${JSON.stringify(zuulReturnData(report), null, 2)}\n`;
}
