import 'katex/dist/katex.min.css';
import katex from 'katex';
import { useMemo } from 'react';
import { createMarkdown, mathExtension } from './markdown.ts';
import { sanitize } from './sanitize.ts';

const render = createMarkdown(
  mathExtension((tex, displayMode) =>
    katex.renderToString(tex, { displayMode, throwOnError: false, strict: 'ignore' }),
  ),
);

/** Markdown with TeX math (`$…$`, `$$…$$`) typeset by KaTeX. Loaded on demand. */
export default function MathMarkdown({ children }: { children: string }) {
  const html = useMemo(() => sanitize(render(children)), [children]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above.
  return <div className="md" dangerouslySetInnerHTML={{ __html: html }} />;
}
