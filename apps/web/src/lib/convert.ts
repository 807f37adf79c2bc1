import type { AralinMessage, StoredMessage, ToolResultData } from './types.ts';

/** Turns the server's stored messages into AI SDK UI messages, so a reloaded chat renders like a live one. */
export function toUIMessages(stored: StoredMessage[]): AralinMessage[] {
  return stored.map((m): AralinMessage => {
    if (m.role === 'user') {
      return {
        id: m.id,
        role: 'user',
        parts: [{ type: 'text', text: m.content }],
        metadata: { status: m.status, serverId: m.id },
      };
    }
    const parts: AralinMessage['parts'] = [];
    if (m.tool) {
      parts.push({
        type: 'data-plan',
        data: {
          tool: m.tool,
          parameters: m.parameters ?? {},
          status: m.status,
          planner: m.planner ?? 'embedded',
        },
      });
    }
    if (m.tool && m.result) {
      const data: ToolResultData = { tool: m.tool, result: m.result, message_id: m.id };
      const quizId = m.quiz_id ?? (typeof m.result.quiz_id === 'string' ? m.result.quiz_id : undefined);
      const deckId = m.deck_id ?? (typeof m.result.deck_id === 'string' ? m.result.deck_id : undefined);
      if (quizId) data.quiz_id = quizId;
      if (deckId) data.deck_id = deckId;
      parts.push({ type: 'data-tool-result', data });
    }
    if (m.content) parts.push({ type: 'text', text: m.content });
    return { id: m.id, role: 'assistant', parts, metadata: { status: m.status, serverId: m.id } };
  });
}

/** The plain text of a message: its text parts joined, from after the last text reset (withdrawn text). */
export function messageText(m: AralinMessage): string {
  const reset = m.parts.findLastIndex((p) => p.type === 'data-text-reset');
  return m.parts
    .slice(reset + 1)
    .filter((p): p is { type: 'text'; text: string } => p.type === 'text')
    .map((p) => p.text)
    .join('');
}

/** True when markdown contains TeX math that needs KaTeX. */
export function hasMath(markdown: string): boolean {
  return /\$[^$\n]+\$|\$\$[\s\S]+?\$\$|\\\(|\\\[/.test(markdown);
}
