import { Marked, type MarkedExtension, type Tokens } from 'marked';

/**
 * Tutor markdown → HTML with marked (GFM). Raw HTML in a message is dropped, never rendered; the HTML this
 * returns is still untrusted and must go through `sanitize()` (DOMPurify) before it reaches the DOM.
 */
export function createMarkdown(...extensions: MarkedExtension[]): (markdown: string) => string {
  const marked = new Marked(
    { gfm: true, breaks: false, async: false, renderer: { html: () => '' } },
    ...extensions,
  );
  return (markdown) => marked.parse(markdown, { async: false });
}

export type TexRenderer = (tex: string, displayMode: boolean) => string;

interface MathToken extends Tokens.Generic {
  type: 'inlineMath' | 'blockMath';
  text: string;
}

const BLOCK_MATH = /^\$\$([\s\S]+?)\$\$(?:\n+|$)/;
// `$x$`: no space just inside the dollars and no digit right after, so "5 pesos, not $5" stays text.
const INLINE_MATH = /^\$(?!\s)((?:\\.|[^\\\n$])+?)(?<!\s)\$(?!\d)/;

/** `$…$` and `$$…$$` TeX math for marked, typeset by `render` (KaTeX, loaded only for messages with math). */
export function mathExtension(render: TexRenderer): MarkedExtension {
  const token =
    (type: MathToken['type'], re: RegExp) =>
    (src: string): MathToken | undefined => {
      const m = re.exec(src);
      return m ? { type, raw: m[0], text: (m[1] ?? '').trim() } : undefined;
    };
  return {
    extensions: [
      {
        name: 'blockMath',
        level: 'block',
        start: (src) => src.indexOf('$$'),
        tokenizer: token('blockMath', BLOCK_MATH),
        renderer: (t) => `<p>${render((t as MathToken).text, true)}</p>\n`,
      },
      {
        name: 'inlineMath',
        level: 'inline',
        start: (src) => src.indexOf('$'),
        tokenizer: token('inlineMath', INLINE_MATH),
        renderer: (t) => render((t as MathToken).text, false),
      },
    ],
  };
}
