import { z } from 'zod';

/** Text written in both languages of the pack. Filipino is written, not machine-translated. */
export const Bilingual = z.object({
  en: z.string().trim().min(1),
  fil: z.string().trim().min(1),
});
export type Bilingual = z.infer<typeof Bilingual>;

export const Subject = z.enum(['Mathematics', 'Science', 'English', 'Filipino', 'Araling Panlipunan']);
export type Subject = z.infer<typeof Subject>;

export const Difficulty = z.enum(['easy', 'medium', 'hard']);
export type Difficulty = z.infer<typeof Difficulty>;

export const TopicId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'topic ids are lower-case kebab-case, e.g. math-linear-equations');

export const SourceReference = z.object({
  title: z.string().min(1),
  url: z.url().optional(),
});

export const KeyTerm = z.object({ term: Bilingual, definition: Bilingual });

export const WorkedExample = z.object({
  problem: Bilingual,
  /** Ordered steps, each a sentence a teacher would say while writing on the board. */
  steps: z.array(Bilingual).min(1),
  answer: z.string().min(1),
});

export const Misconception = z.object({
  /** What students wrongly believe or do. */
  misconception: Bilingual,
  /** How a teacher corrects it. */
  correction: Bilingual,
});

export const QuizChoice = z.object({
  text: z.string().min(1),
  /** The choice in Filipino, where it has words to translate (a bare number or formula needs none). */
  text_fil: z.string().min(1).optional(),
  /** For a wrong choice: the misconception that leads a student to pick it. */
  misconception: z.string().optional(),
});

export const QuizItem = z
  .object({
    id: z.string().min(1),
    type: z.enum(['multiple_choice', 'true_false', 'short_answer', 'numeric']),
    difficulty: Difficulty,
    question: z.string().min(1),
    /** The question in Filipino, when the topic is taught in English but a Filipino version helps. */
    question_fil: z.string().optional(),
    /** multiple_choice only: every option including the correct one (which equals `answer`). */
    choices: z.array(QuizChoice).optional(),
    /** The canonical answer: a choice's text, `True`/`False`, a number, or a short text. */
    answer: z.string().min(1),
    /** short_answer only: the answer a Filipino student writes (the English one is accepted too). */
    answer_fil: z.string().min(1).optional(),
    /** Other answers accepted as correct for short_answer (synonyms, Filipino equivalents). */
    accepted: z.array(z.string()).default([]),
    /** numeric only: absolute tolerance when checking. */
    tolerance: z.number().nonnegative().optional(),
    explanation: z.string().min(1),
    explanation_fil: z.string().min(1).optional(),
  })
  .superRefine((item, ctx) => {
    if (item.answer_fil !== undefined && item.type !== 'short_answer')
      ctx.addIssue({ code: 'custom', message: 'answer_fil is for short_answer items' });
    if (item.type === 'multiple_choice') {
      const choices = item.choices ?? [];
      if (choices.length < 3) ctx.addIssue({ code: 'custom', message: 'multiple_choice needs ≥ 3 choices' });
      if (!choices.some((c) => c.text === item.answer))
        ctx.addIssue({ code: 'custom', message: 'multiple_choice answer must be one of the choices' });
      if (choices.filter((c) => c.text !== item.answer).some((c) => !c.misconception))
        ctx.addIssue({ code: 'custom', message: 'every distractor names the misconception behind it' });
    }
    if (item.type === 'true_false' && !['True', 'False'].includes(item.answer))
      ctx.addIssue({ code: 'custom', message: 'true_false answer is True or False' });
    if (item.type === 'numeric' && !Number.isFinite(Number(item.answer)) && !/^-?\d+\/\d+$/.test(item.answer))
      ctx.addIssue({ code: 'custom', message: 'numeric answer is a number or a fraction a/b' });
  });
export type QuizItem = z.infer<typeof QuizItem>;

export const Flashcard = z
  .object({
    front: z.string().min(1),
    back: z.string().min(1),
    example: z.string().optional(),
    /** The card in Filipino: front and back together, the example when the card has one. */
    front_fil: z.string().min(1).optional(),
    back_fil: z.string().min(1).optional(),
    example_fil: z.string().min(1).optional(),
    difficulty: Difficulty,
  })
  .refine(
    (c) => (c.front_fil === undefined) === (c.back_fil === undefined),
    'front_fil and back_fil go together',
  )
  .refine(
    (c) => c.front_fil === undefined || c.example === undefined || c.example_fil !== undefined,
    'a card worded in Filipino words its example too',
  );
export type Flashcard = z.infer<typeof Flashcard>;

/** Bayesian Knowledge Tracing parameters for topics that differ from the defaults. */
export const BktParams = z.object({
  p_init: z.number().min(0).max(1),
  p_transit: z.number().min(0).max(1),
  p_slip: z.number().min(0).max(0.5),
  p_guess: z.number().min(0).max(0.5),
});

export const Topic = z.object({
  id: TopicId,
  subject: Subject,
  /** Strand within the subject, e.g. Algebra, Biology, Grammar. */
  strand: z.string().min(1),
  grade_band: z
    .object({ from: z.number().int().min(4).max(12), to: z.number().int().min(4).max(12) })
    .refine((g) => g.from <= g.to, 'grade_band.from ≤ grade_band.to'),
  title: Bilingual,
  /** Other ways a student names the topic, in any language ("fotosintesis", "slope", "hinuha"). */
  aliases: z.array(z.string().min(1)).default([]),
  prerequisites: z.array(TopicId).default([]),
  /** Short explanation: two or three sentences (depth basic). */
  summary: Bilingual,
  /** Deeper explanation: a paragraph or two (depth intermediate and above). */
  explanation: Bilingual,
  /** Extension beyond the grade-level core (depth advanced and comprehensive). */
  extension: Bilingual,
  key_terms: z.array(KeyTerm).min(2),
  worked_examples: z.array(WorkedExample).min(1),
  misconceptions: z.array(Misconception).min(1),
  analogies: z.array(Bilingual).min(1),
  quiz: z.array(QuizItem).min(8),
  flashcards: z.array(Flashcard).min(8),
  source_references: z.array(SourceReference).default([]),
  bkt: BktParams.optional(),
});
export type Topic = z.infer<typeof Topic>;
export type TopicInput = z.input<typeof Topic>;
