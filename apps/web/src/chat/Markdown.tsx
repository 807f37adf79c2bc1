import { lazy, Suspense } from 'react';
import { hasMath } from '../lib/convert.ts';

// The markdown pipeline (marked + DOMPurify) and KaTeX with its CSS load after the chat shell (their measured
// sizes: docs/web.md, "Bundle budget"); until then a message shows as plain text, so a slow connection never
// blocks reading or typing.
const PlainMarkdown = lazy(() => import('./MarkdownRenderer.tsx'));
const MathMarkdown = lazy(() => import('./MathMarkdown.tsx'));

/** Tutor markdown, rendered safely: raw HTML is dropped and the output sanitised. KaTeX only loads for math. */
export function Markdown({ children }: { children: string }) {
  const Renderer = hasMath(children) ? MathMarkdown : PlainMarkdown;
  return (
    <Suspense
      fallback={
        <div className="md">
          <p className="md-plain">{children}</p>
        </div>
      }
    >
      <Renderer>{children}</Renderer>
    </Suspense>
  );
}
