import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { Difficulty, Grounding, QuestionType } from './shared.ts';

const input = z.object({
  topic: z.string().min(1).max(200),
  subject: z.string().min(1).max(100),
  num_questions: z.number().int().min(1).max(20).default(5),
  difficulty: Difficulty.default('medium'),
  question_types: z
    .array(QuestionType)
    .min(1)
    .default(['multiple_choice', 'true_false', 'short_answer', 'numeric']),
});

/** How the server checks a student's answer to a question without trusting the client. */
export const AnswerChecker = z.object({
  kind: z.enum(['choice', 'boolean', 'numeric', 'algebraic', 'text']),
  answer: z.string(),
  accepted: z.array(z.string()),
  tolerance: z.number().optional(),
});
export type AnswerChecker = z.infer<typeof AnswerChecker>;

const output = z.object({
  topic: z.string(),
  difficulty: Difficulty,
  questions: z.array(
    z.object({
      id: z.string(),
      type: QuestionType,
      question: z.string(),
      choices: z.array(z.string()),
      answer: z.string(),
      explanation: z.string(),
      checker: AnswerChecker,
    }),
  ),
  grounding: Grounding,
});

export const quizGenerator = defineTool({
  name: 'quiz_generator',
  title: { en: 'Quiz', fil: 'Pagsusulit' },
  description:
    'Builds a short quiz on a topic with the requested number, difficulty and types of questions; every question carries its answer, a worked explanation and an answer checker. Pick it when the student wants to test themselves, practise, or take a quiz.',
  input,
  output,
  slots: {
    topic: 'topic',
    subject: 'subject',
    num_questions: 'count',
    difficulty: 'difficulty',
    question_types: 'question_types',
  },
  required: ['topic'],
  examples: { en: [], fil: [] },
  prompt: 'TODO(#3)',
  run() {
    throw new Error('not implemented');
  },
  reply: () => '',
});
