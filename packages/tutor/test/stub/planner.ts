/**
 * A stub provider's answers that play a model whose plans are the embedded planner's: the conversation and the
 * profile are read back from the request as the LLM planner wrote them, so a run through the wire scores as
 * the embedded engine does — the eval's `--provider` path is then tested for its mechanics, not for a model.
 * Generations answer a schema-less `{}` (a repair, then the embedded result), or, for the math reader, "not a
 * word problem" (the engine answers alone).
 */
import { loadContentLibrary } from '@aralin/content';
import type { ChatMessage, Locale, UserInfo } from '../../src/contract.ts';
import { readStudentState } from '../../src/pedagogy/profile.ts';
import { embeddedPlanner } from '../../src/planner/embedded/index.ts';
import { ToolRegistry } from '../../src/registry.ts';
import type { StubAnswer, StubRequest } from './provider.ts';

const content = loadContentLibrary();
const tools = new ToolRegistry();

/** The messages of a request as role and text, whichever wire it came over. */
function messages(request: StubRequest): ChatMessage[] {
  const text = (c: unknown): string =>
    typeof c === 'string'
      ? c
      : Array.isArray(c)
        ? c.map((p) => (p as { text?: string }).text ?? '').join('')
        : '';
  if (request.api === 'openai')
    return ((request.body.messages ?? []) as { role: string; content: unknown }[])
      .filter((m) => m.role === 'user' || m.role === 'assistant')
      .map((m) => ({ role: m.role as ChatMessage['role'], content: text(m.content) }));
  return ((request.body.contents ?? []) as { role: string; parts: unknown }[]).map((m) => ({
    role: m.role === 'model' ? 'assistant' : 'user',
    content: text(m.parts),
  }));
}

const MATH_NOT_READ = {
  readable: false,
  knowns: [],
  unknown: { name: 'x', unit: '', description: '' },
  equation: null,
  expression: null,
};

export async function embeddedModel(request: StubRequest): Promise<StubAnswer> {
  if (request.kind === 'reply') return { text: 'Here you go!' };
  const all = messages(request);
  if (request.kind === 'generate')
    return { json: /math reader/.test(JSON.stringify(request.body)) ? MATH_NOT_READ : '{}' };
  const last = all.at(-1)?.content ?? '';
  const profile = JSON.parse(last.match(/\[profile data\] (.*)/)?.[1] ?? '{}') as Record<
    string,
    string | undefined
  >;
  const message = last.split('[latest student message]\n')[1] ?? last;
  const user: UserInfo = { user_id: 'eval', name: 'Eval' };
  if (profile.grade_level) user.grade_level = profile.grade_level;
  if (profile.learning_style) user.learning_style_summary = profile.learning_style;
  if (profile.emotional_state) user.emotional_state_summary = profile.emotional_state;
  if (profile.mastery) user.mastery_level_summary = profile.mastery;
  const plan = await embeddedPlanner.plan({
    message,
    history: all.slice(0, -1),
    user,
    state: readStudentState(user).state,
    locale: (profile.locale as Locale | undefined) ?? 'en',
    tools,
    content,
  });
  if (plan.kind === 'no_tool') return { tool: 'reply_without_tool', args: { reply: plan.reply } };
  if (plan.missing.length)
    return {
      tool: 'ask_clarifying_question',
      args: { tool: plan.tool, question: plan.clarification ?? 'What topic?', missing: plan.missing },
    };
  return { tool: plan.tool, args: plan.parameters };
}
