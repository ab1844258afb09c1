// Where each placeholder of a markup template (`'<a href="%s">%s</a>'`) lands: inside a quoted attribute value,
// an unquoted one, a tag's attribute list, or element content. Language-neutral: the front-end splits the template
// into literal text and placeholders. A small HTML/XML tokenizer state machine, enough for hand-written templates;
// comments, CDATA and scripts are not modelled (a placeholder there is reported as `content`).

export type MarkupContext = 'attr-double' | 'attr-single' | 'attr-unquoted' | 'tag' | 'content';

export type TemplatePart = { text: string } | { placeholder: number };

type State = 'text' | 'tag' | 'afterEq' | 'double' | 'single' | 'unquoted';

/**
 * The context of every placeholder, by its number; empty when the template opens no tag at all (plain text that
 * merely contains `<`, such as `'a < %s'`, is not markup).
 */
export function markupContexts(parts: readonly TemplatePart[]): Map<number, MarkupContext> {
  const out = new Map<number, MarkupContext>();
  let state: State = 'text';
  let sawTag = false;
  for (const part of parts) {
    if ('placeholder' in part) {
      const ctx: MarkupContext = state === 'text' ? 'content' : state === 'tag' ? 'tag' : state === 'double' ? 'attr-double'
        : state === 'single' ? 'attr-single' : 'attr-unquoted';
      out.set(part.placeholder, ctx);
      if (state === 'afterEq') state = 'unquoted';
      continue;
    }
    const t = part.text;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i]!;
      switch (state) {
        case 'text':
          if (ch === '<' && /[A-Za-z/?]/.test(t[i + 1] ?? '')) { state = 'tag'; sawTag = true; }
          break;
        case 'tag':
          if (ch === '>') state = 'text';
          else if (ch === '=') state = 'afterEq';
          break;
        case 'afterEq':
          if (ch === '"') state = 'double';
          else if (ch === "'") state = 'single';
          else if (ch === '>') state = 'text';
          else if (!/\s/.test(ch)) state = 'unquoted';
          break;
        case 'double': if (ch === '"') state = 'tag'; break;
        case 'single': if (ch === "'") state = 'tag'; break;
        case 'unquoted':
          if (ch === '>') state = 'text';
          else if (/\s/.test(ch)) state = 'tag';
          break;
      }
    }
  }
  return sawTag ? out : new Map();
}
