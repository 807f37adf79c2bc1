import ReactMarkdown, { type Components } from 'react-markdown';

export const markdownComponents: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
};

/** Markdown without math. `skipHtml`: raw HTML in a message is dropped, never rendered. */
export default function MarkdownRenderer({ children }: { children: string }) {
  return (
    <ReactMarkdown skipHtml components={markdownComponents}>
      {children}
    </ReactMarkdown>
  );
}
