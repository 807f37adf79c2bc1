import { useMemo } from 'react';
import { createMarkdown } from './markdown.ts';
import { sanitize } from './sanitize.ts';

const render = createMarkdown();

/** Markdown without math: marked → DOMPurify → the DOM. */
export default function MarkdownRenderer({ children }: { children: string }) {
  const html = useMemo(() => sanitize(render(children)), [children]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above.
  return <div className="md" dangerouslySetInnerHTML={{ __html: html }} />;
}
