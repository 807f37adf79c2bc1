import { z } from 'zod';

export const Difficulty = z.enum(['easy', 'medium', 'hard']);
export type Difficulty = z.infer<typeof Difficulty>;

export const Depth = z.enum(['basic', 'intermediate', 'advanced', 'comprehensive']);
export type Depth = z.infer<typeof Depth>;

export const NoteStyle = z.enum(['outline', 'bullet_points', 'narrative', 'structured']);
export type NoteStyle = z.infer<typeof NoteStyle>;

export const QuestionType = z.enum(['multiple_choice', 'true_false', 'short_answer', 'numeric']);
export type QuestionType = z.infer<typeof QuestionType>;

export const SourceReference = z.object({ title: z.string(), url: z.string().optional() });

/** Where a content tool's answer came from: the pack topic it used, or the closest ones when none matched. */
export const Grounding = z.object({
  topic_id: z.string().nullable(),
  closest: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type Grounding = z.infer<typeof Grounding>;
