import { z } from 'zod';

/** Languages the tutor speaks. Taglish messages are detected as `fil` (the student understands both). */
export const Locale = z.enum(['en', 'fil']);
export type Locale = z.infer<typeof Locale>;

export const MAX_MESSAGE_CHARS = 8000;

export const LearningStyle = z.enum(['visual', 'auditory', 'reading_writing', 'kinesthetic']);
export type LearningStyle = z.infer<typeof LearningStyle>;
export const TeachingStyle = z.enum(['direct', 'socratic', 'visual', 'flipped']);
export type TeachingStyle = z.infer<typeof TeachingStyle>;
export const EmotionalState = z.enum([
  'focused',
  'calm',
  'confident',
  'confused',
  'anxious',
  'tired',
  'frustrated',
  'bored',
]);
export type EmotionalState = z.infer<typeof EmotionalState>;
/** 1 (just starting) to 10 (mastered), the scale of `pedagogy/bkt.ts`. */
export const MasteryLevel = z.number().int().min(1).max(10);

/** The student. Fields the contract does not know are kept, never used, and named in the trace. */
export const UserInfo = z.looseObject({
  user_id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  grade_level: z.string().max(20).optional(),
  /** The typed student state; each wins over the free-text summary of the same thing. */
  learning_style: LearningStyle.optional(),
  teaching_style: TeachingStyle.optional(),
  emotional_state: EmotionalState.optional(),
  mastery_level: MasteryLevel.optional(),
  /** Mastery per topic, keyed by curriculum topic id or the student's topic phrase. */
  topic_mastery: z.record(z.string().min(1).max(200), MasteryLevel).optional(),
  /** Free text from outside callers, read once at the edge into the typed fields above. */
  learning_style_summary: z.string().max(1000).optional(),
  emotional_state_summary: z.string().max(1000).optional(),
  mastery_level_summary: z.string().max(1000).optional(),
});
export type UserInfo = z.infer<typeof UserInfo>;

export const Status = z.enum(['completed', 'needs_clarification', 'no_tool', 'error']);
export type Status = z.infer<typeof Status>;

export const ChatMessage = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(MAX_MESSAGE_CHARS),
  /** An assistant turn's tool, parameters and status as the orchestrator returned them: not re-planned. */
  tool: z.string().max(100).nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  status: Status.optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const OrchestrateRequest = z.object({
  user_info: UserInfo,
  chat_history: z.array(ChatMessage).max(200).default([]),
  message: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
  locale: Locale.optional(),
});
export type OrchestrateRequest = z.input<typeof OrchestrateRequest>;
export type ParsedOrchestrateRequest = z.output<typeof OrchestrateRequest>;

export const TraceStep = z.object({
  step: z.string(),
  detail: z.string(),
});
export type TraceStep = z.infer<typeof TraceStep>;

export const Planner = z.enum(['embedded', 'llm']);
export type Planner = z.infer<typeof Planner>;

export const SafetyCategory = z.enum(['self_harm', 'abuse', 'bullying', 'sexual', 'personal_info']);
export type SafetyCategory = z.infer<typeof SafetyCategory>;
export const Severity = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof Severity>;

export const Hotline = z.object({
  name: z.string(),
  numbers: z.array(z.string()),
  hours: z.string(),
});
export type Hotline = z.infer<typeof Hotline>;

/** What the safety check found in the student's message (see docs/orchestrator.md, "Safety"). */
export const SafetyResult = z.object({
  category: SafetyCategory,
  severity: Severity,
  /** Self-harm or abuse: the student may be in danger; the reply gives the hotlines and a teacher is flagged. */
  crisis: z.boolean(),
  /** Whom the student can call, most urgent first (empty when there is no one to call). */
  hotlines: z.array(Hotline),
  /** What matched, for the teacher reviewing the flag. */
  matched: z.array(z.string()),
});
export type SafetyResult = z.infer<typeof SafetyResult>;

/** Where a Socratic turn stands on the hint ladder, and the student's checked attempt when there was one. */
export const SocraticOutcome = z.object({
  stage: z.enum(['nudge', 'method', 'next_step', 'solution']),
  exercise: z.string(),
  attempt: z.object({ answer: z.string(), correct: z.boolean() }).nullable(),
  /** The student climbed to this rung by asking again (the first nudge is the tutor's own). */
  hint_requested: z.boolean(),
});
export type SocraticOutcome = z.infer<typeof SocraticOutcome>;

export const OrchestrateResponse = z.object({
  status: Status,
  tool: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).nullable(),
  clarification: z.object({ question: z.string(), missing: z.array(z.string()) }).nullable(),
  reply: z.string(),
  confidence: z.number().min(0).max(1),
  locale: Locale,
  planner: Planner,
  /** True when the configured LLM failed and the embedded engine answered instead. */
  degraded: z.boolean(),
  /** Null, or what the safety check found; when it answered instead of a tool, status is `no_tool`. */
  safety: SafetyResult.nullable(),
  trace: z.array(TraceStep),
  /** Set when the Socratic gate (`socratic: true`) handled an exercise this turn. */
  socratic: SocraticOutcome.nullable().optional(),
});
export type OrchestrateResponse = z.infer<typeof OrchestrateResponse>;
