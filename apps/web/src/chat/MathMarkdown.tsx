import 'katex/dist/katex.min.css';
import ReactMarkdown from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { markdownComponents } from './MarkdownRenderer.tsx';

/** Markdown with TeX math (`$…$`, `$$…$$`) typeset by KaTeX. Loaded on demand. */
export default function MathMarkdown({ children }: { children: string }) {
  return (
    <ReactMarkdown
      skipHtml
      components={markdownComponents}
      remarkPlugins={[remarkMath]}
      rehypePlugins={[[rehypeKatex, { throwOnError: false, strict: 'ignore' }]]}
    >
      {children}
    </ReactMarkdown>
  );
}
