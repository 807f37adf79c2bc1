import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { Difficulty, Grounding } from './shared.ts';

const input = z.object({
  topic: z.string().min(1).max(200),
  count: z.number().int().min(1).max(20).default(5),
  difficulty: Difficulty.default('medium'),
  subject: z.string().min(1).max(100),
  include_examples: z.boolean().default(true),
});

const output = z.object({
  flashcards: z.array(
    z.object({
      title: z.string(),
      question: z.string(),
      answer: z.string(),
      example: z.string(),
    }),
  ),
  topic: z.string(),
  difficulty: Difficulty,
  adaptation_details: z.string(),
  grounding: Grounding,
});

export const flashcardGenerator = defineTool({
  name: 'flashcard_generator',
  title: { en: 'Flashcards', fil: 'Flashcards' },
  description:
    'Makes a deck of question/answer flashcards on a topic at a difficulty, for memorising and spaced review. Pick it when the student asks for flashcards, cards to memorise, or to drill terms.',
  input,
  output,
  slots: {
    topic: 'topic',
    count: 'count',
    difficulty: 'difficulty',
    subject: 'subject',
    include_examples: 'include_examples',
  },
  required: ['topic'],
  examples: { en: [], fil: [] },
  prompt: 'TODO(#3)',
  run() {
    throw new Error('not implemented');
  },
  reply: () => '',
});
