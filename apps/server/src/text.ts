import { Marked, type Token, type Tokens } from 'marked';

const markdown = new Marked({ gfm: true });

/** Leaf tokens whose `text` is what a reader sees (code included; markup and raw HTML not). */
const TEXT_LEAVES = new Set(['text', 'codespan', 'code', 'escape']);

function collect(tokens: Token[], out: string[]): void {
  for (const token of tokens) {
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) {
        collect(cell.tokens, out);
        out.push(' ');
      }
    } else if (token.type === 'list') {
      for (const item of (token as Tokens.List).items) {
        collect(item.tokens, out);
        out.push(' ');
      }
    } else if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) {
      collect(token.tokens, out);
      out.push(
        token.type === 'paragraph' || token.type === 'heading' || token.type === 'blockquote' ? ' ' : '',
      );
    } else if (TEXT_LEAVES.has(token.type) && 'text' in token) {
      out.push(String(token.text), token.type === 'code' ? ' ' : '');
    } else if (token.type === 'space' || token.type === 'br' || token.type === 'hr') {
      out.push(' ');
    }
  }
}

/**
 * Markdown as the plain text a reader sees, on one line, cut at `max` characters (with an ellipsis): for
 * places that show a message as a line of text, such as a conversation's preview.
 */
export function plainText(source: string, max: number): string {
  const out: string[] = [];
  // Lexing more than a preview needs would only cost time; cut markdown still lexes.
  collect(markdown.lexer(source.slice(0, max * 4)), out);
  const line = out.join('').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
