import type { TFunction } from 'i18next';
import type { AralinMessage, PlanData, ToolResultData } from '../lib/types.ts';

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** Suggested next messages after a tutor reply, in the interface language, based on the tool it used. */
export function followUps(message: AralinMessage, t: TFunction): string[] {
  const plan = message.parts.find((p) => p.type === 'data-plan')?.data as PlanData | undefined;
  const res = message.parts.find((p) => p.type === 'data-tool-result')?.data as ToolResultData | undefined;
  const tool = res?.tool ?? plan?.tool ?? null;
  const params = plan?.parameters ?? {};
  const result = res?.result ?? {};
  // The pack's own title when a lesson backs the result; else the topic as the student or planner named it.
  const grounded = typeof (result.grounding as { topic_id?: unknown } | undefined)?.topic_id === 'string';
  const topic =
    (grounded ? str(result.topic) : null) ??
    str(params.topic) ??
    str(params.concept_to_explain) ??
    str(result.topic) ??
    str(params.current_topic) ??
    null;
  if (!tool) return [t('followups.whatCanYouDo')];
  if (tool === 'math_solver') {
    const problem = str(params.problem) ?? str(result.problem);
    return [t('followups.similarProblem'), ...(problem ? [t('followups.hintFor', { problem })] : [])];
  }
  if (!topic) return [];
  const all: Record<string, string[]> = {
    concept_explainer: ['followups.flashcards', 'followups.quiz', 'followups.notes'],
    note_maker: ['followups.flashcards', 'followups.quiz', 'followups.explain'],
    flashcard_generator: ['followups.quiz', 'followups.explain'],
    quiz_generator: ['followups.explain', 'followups.harderQuiz', 'followups.flashcards'],
  };
  return (all[tool] ?? []).map((k) => t(k, { topic }));
}
