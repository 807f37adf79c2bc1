import {
  type ChatMessage,
  masteryLevel,
  type OrchestrateRequest,
  Status,
  type UserInfo,
} from '@aralin/tutor';
import type { Actor } from './auth/session.ts';
import type { MessageRow, TurnContext } from './chat.ts';
import type { AppContext } from './context.ts';
import { emotionalState, masterySummary } from './learning.ts';

/**
 * The orchestrate request of a chat turn, from stored rows only: the student's typed state (learning style,
 * mastery overall and per topic, the mood of their recent messages) and the conversation's recent messages,
 * each assistant turn with the tool, parameters and status it was answered with, so that the planner reads
 * the earlier requests instead of guessing them again.
 */
export function orchestrateRequest(
  ctx: AppContext,
  actor: Actor,
  message: MessageRow,
  context: TurnContext,
  locale: 'en' | 'fil',
): OrchestrateRequest {
  const u = actor.user;
  const { history, mastery: known } = context;
  const mood = emotionalState([
    ...history.filter(([role]) => role === 'user').map(([, content]) => content),
    message.content,
  ]);
  const user_info: UserInfo = {
    user_id: u.id,
    name: u.displayName,
    ...(u.gradeLevel ? { grade_level: u.gradeLevel } : {}),
    ...(u.learningStyle ? { learning_style: u.learningStyle } : {}),
    ...(mood ? { emotional_state: mood } : {}),
    ...masteryOf(ctx, actor, known),
  };
  return {
    user_info,
    chat_history: history.map(([role, content, tool, parameters, outcome]): ChatMessage => {
      const turn: ChatMessage = { role, content: content.slice(0, 8000) };
      if (role !== 'assistant') return turn;
      const status = Status.safeParse(outcome);
      return {
        ...turn,
        tool: tool ?? null,
        ...(parameters ? { parameters } : {}),
        ...(status.success ? { status: status.data } : {}),
      };
    }),
    message: message.content,
    locale,
  };
}

/** Mastery as typed levels (overall: the mean P(known)) plus the summary that names the topics. */
function masteryOf(ctx: AppContext, actor: Actor, known: TurnContext['mastery']): Partial<UserInfo> {
  if (known.length === 0) return {};
  const titles = Object.fromEntries(
    known.map(([topicId]) => [topicId, ctx.content.get(topicId)?.title[actor.user.locale] ?? topicId]),
  );
  const mean = known.reduce((sum, [, p]) => sum + p, 0) / known.length;
  const summary = masterySummary(Object.fromEntries(known), titles, actor.user.locale);
  return {
    mastery_level: masteryLevel(mean),
    topic_mastery: Object.fromEntries(known.map(([topicId, p]) => [topicId, masteryLevel(p)])),
    ...(summary ? { mastery_level_summary: summary } : {}),
  };
}
