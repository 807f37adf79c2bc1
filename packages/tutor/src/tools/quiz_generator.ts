import { quizItemIn, type Topic } from '@aralin/content';
import { z } from 'zod';
import { type CheckResult, checkAnswer } from '../checker.ts';
import type { Locale } from '../contract.ts';
import { duplicates, exactCount, fold, reveals } from '../generate/checks.ts';
import { BUILT_WEIGHT, DIFFICULTY_WEIGHT, draw, type Practice } from '../pedagogy/practice.ts';
import { defineTool, type FailedCheck, type ToolGeneration } from '../tool.ts';
import { solveMath } from './math_solver/engine.ts';
import {
  Difficulty,
  difficultyOrder,
  Grounding,
  interleave,
  notInPack,
  pick,
  QuestionType,
  resolveTopic,
  ungroundedNote,
} from './shared.ts';

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

/** Where a question came from: the pack's own quiz, built from the topic's key terms, misconceptions or worked examples, or written by a model. */
export const QuestionSource = z.enum(['pack', 'key_term', 'misconception', 'worked_example', 'generated']);

/**
 * One quiz question with everything the server needs to check an answer with
 * `checkAnswer(given, answer, { type, tolerance, accepted })`. Strip it with `publicQuestion` before sending.
 */
export const QuizQuestion = z.object({
  id: z.string(),
  topic_id: z.string(),
  type: QuestionType,
  difficulty: Difficulty,
  question: z.string(),
  /** multiple_choice only: the options, including the answer. */
  choices: z.array(z.string()).optional(),
  answer: z.string(),
  accepted: z.array(z.string()),
  tolerance: z.number().optional(),
  explanation: z.string(),
  source: QuestionSource,
  /** The same checking data, grouped (kept for servers written against the first contract). */
  checker: AnswerChecker,
});
export type QuizQuestion = z.infer<typeof QuizQuestion>;
/** A question before its `checker` is attached. */
type Draft = Omit<QuizQuestion, 'checker'>;

const CHECKER_KIND = {
  multiple_choice: 'choice',
  true_false: 'boolean',
  numeric: 'numeric',
  short_answer: 'text',
} as const;

function withChecker(q: Draft): QuizQuestion {
  return {
    ...q,
    checker: {
      kind: CHECKER_KIND[q.type],
      answer: q.answer,
      accepted: q.accepted,
      ...(q.tolerance !== undefined ? { tolerance: q.tolerance } : {}),
    },
  };
}

/** What the client may see of a question: no answer, accepted answers or explanation. */
export type PublicQuizQuestion = Omit<
  QuizQuestion,
  'answer' | 'accepted' | 'tolerance' | 'explanation' | 'checker'
>;

export function publicQuestion(q: QuizQuestion): PublicQuizQuestion {
  const { answer: _a, accepted: _b, tolerance: _c, explanation: _d, checker: _e, ...rest } = q;
  return rest;
}

/**
 * Checks a student's answer to a quiz question on the server, with the question's own answer, accepted
 * answers and tolerance. For multiple choice a letter ("b", "B)") stands for that choice.
 */
export function checkQuizAnswer(question: Draft, given: string): CheckResult {
  let answer = given;
  const letter = given.trim().match(/^\(?([a-h])\)?[.)]?$/i)?.[1];
  if (question.type === 'multiple_choice' && letter && question.choices) {
    const chosen = question.choices[letter.toLowerCase().charCodeAt(0) - 97];
    if (chosen !== undefined) answer = chosen;
  }
  return checkAnswer(answer, question.answer, {
    type: question.type,
    accepted: question.accepted,
    ...(question.tolerance !== undefined ? { tolerance: question.tolerance } : {}),
  });
}

const output = z.object({
  topic: z.string(),
  difficulty: Difficulty,
  questions: z.array(QuizQuestion),
  grounding: Grounding,
  /** How the selection met the request: borrowed difficulties, built questions, relaxed types. */
  adaptation_details: z.string(),
});

type Output = z.output<typeof output>;

function strip(text: string): string {
  return text.replace(/\s*\([^)]*\)/g, '').trim();
}

/** Deterministic rotation so distractor order does not always put the answer first. */
function rotate<T>(items: T[], by: number): T[] {
  if (items.length === 0) return items;
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function packQuestion(topic: Topic, item: Topic['quiz'][number], locale: Locale): Draft {
  const local = quizItemIn(item, locale);
  const q: Draft = {
    id: `${topic.id}:${item.id}`,
    topic_id: topic.id,
    type: item.type,
    difficulty: item.difficulty,
    question: local.question,
    answer: local.answer,
    accepted: local.accepted,
    explanation: local.explanation,
    source: 'pack',
  };
  if (local.choices) q.choices = local.choices;
  if (item.tolerance !== undefined) q.tolerance = item.tolerance;
  return q;
}

const NUMERIC_ANSWER = /^(?:[a-z]\s*=\s*)?(-?\d+(?:\.\d+)?|-?\d+\/\d+)$/i;

/**
 * Extra questions built only from what the topic states: key terms (definition → term), misconceptions
 * (a false statement, corrected in the explanation) and worked examples with a numeric answer.
 */
function builtQuestions(topic: Topic, locale: Locale): Draft[] {
  const fil = locale === 'fil';
  const out: Draft[] = [];
  const terms = topic.key_terms;
  terms.forEach((k, i) => {
    const term = strip(pick(k.term, locale));
    const definition = pick(k.definition, locale);
    const accepted = [...new Set([strip(k.term.en), strip(k.term.fil), k.term.en, k.term.fil])].filter(
      (a) => a !== term,
    );
    const others = terms.filter((_, j) => j !== i).map((o) => strip(pick(o.term, locale)));
    if (others.length >= 2) {
      out.push({
        id: `${topic.id}:term-mc-${i + 1}`,
        topic_id: topic.id,
        type: 'multiple_choice',
        difficulty: 'easy',
        question: fil
          ? `Aling termino ang tinutukoy: "${definition}"`
          : `Which term matches: "${definition}"`,
        choices: rotate([term, ...others.slice(0, 3)], i),
        answer: term,
        accepted: [],
        explanation: `${term}: ${definition}`,
        source: 'key_term',
      });
    }
    out.push({
      id: `${topic.id}:term-sa-${i + 1}`,
      topic_id: topic.id,
      type: 'short_answer',
      difficulty: 'medium',
      question: fil
        ? `Anong termino ang may ganitong kahulugan: "${definition}"`
        : `What term is defined as: "${definition}"`,
      answer: term,
      accepted,
      explanation: `${term}: ${definition}`,
      source: 'key_term',
    });
    const other = terms[(i + 1) % terms.length];
    const statement = (shown: string) =>
      fil
        ? `Tama o Mali: Ang "${term}" ay ${lowerFirst(shown)}`
        : `True or false: "${term}" means: ${lowerFirst(shown)}`;
    out.push({
      id: `${topic.id}:term-tf-${i + 1}`,
      topic_id: topic.id,
      type: 'true_false',
      difficulty: 'easy',
      question: statement(definition),
      answer: 'True',
      accepted: [],
      explanation: `${term}: ${definition}`,
      source: 'key_term',
    });
    if (other && other !== k)
      out.push({
        id: `${topic.id}:term-tf-swap-${i + 1}`,
        topic_id: topic.id,
        type: 'true_false',
        difficulty: 'medium',
        question: statement(pick(other.definition, locale)),
        answer: 'False',
        accepted: [],
        explanation: `${term}: ${definition} — ${strip(pick(other.term, locale))}: ${pick(other.definition, locale)}`,
        source: 'key_term',
      });
  });
  topic.misconceptions.forEach((m, i) => {
    out.push({
      id: `${topic.id}:myth-${i + 1}`,
      topic_id: topic.id,
      type: 'true_false',
      difficulty: 'medium',
      question: fil
        ? `Tama o Mali: ${pick(m.misconception, locale)}`
        : `True or false: ${pick(m.misconception, locale)}`,
      answer: 'False',
      accepted: [],
      explanation: pick(m.correction, locale),
      source: 'misconception',
    });
  });
  const myths = topic.misconceptions.map((m) => pick(m.misconception, locale));
  if (myths.length >= 2)
    topic.misconceptions.forEach((m, i) => {
      const correct = pick(m.correction, locale);
      out.push({
        id: `${topic.id}:myth-mc-${i + 1}`,
        topic_id: topic.id,
        type: 'multiple_choice',
        difficulty: 'hard',
        question: fil ? 'Alin sa mga sumusunod ang TAMA?' : 'Which of these statements is CORRECT?',
        choices: rotate([correct, ...myths.slice(0, 3)], i + 1),
        answer: correct,
        accepted: [],
        explanation: fil
          ? `Mali ang "${pick(m.misconception, locale)}": ${correct}`
          : `"${pick(m.misconception, locale)}" is a common mistake: ${correct}`,
        source: 'misconception',
      });
    });
  topic.worked_examples.forEach((w, i) => {
    const match = w.answer.trim().match(NUMERIC_ANSWER);
    if (!match?.[1]) return;
    out.push({
      id: `${topic.id}:worked-${i + 1}`,
      topic_id: topic.id,
      type: 'numeric',
      difficulty: 'hard',
      question: pick(w.problem, locale),
      answer: match[1],
      accepted: [],
      explanation: w.steps.map((s) => pick(s, locale)).join(' '),
      source: 'worked_example',
    });
  });
  return out;
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}

/**
 * Chooses exactly `count` questions: the pack's items at the requested difficulty (types mixed), then the
 * neighbouring difficulties, then questions built from the topic's own key terms, misconceptions and worked
 * examples. Only when the requested types cannot fill the quiz are other types used (and reported).
 */
function selectQuestions(
  topic: Topic,
  options: {
    count: number;
    difficulty: Difficulty;
    types: QuestionType[];
    locale: Locale;
    practice?: Practice | undefined;
  },
): { questions: QuizQuestion[]; notes: string[] } {
  const { count, difficulty, types, locale } = options;
  const order = difficultyOrder(difficulty);
  const pack = topic.quiz.map((item) => packQuestion(topic, item, locale));
  const built = builtQuestions(topic, locale);
  const rank = (q: Draft) => order.indexOf(q.difficulty);
  const weight = (q: Draft) => (DIFFICULTY_WEIGHT[rank(q)] ?? 0) * (q.source === 'pack' ? 1 : BUILT_WEIGHT);
  // A student's quiz is drawn for them and this attempt, weighted by difficulty; items answered right fall back.
  const { practice } = options;
  const candidates = (allowed: (q: Draft) => boolean) =>
    practice
      ? draw([...pack, ...built].filter(allowed), (q) => ({ id: q.id, weight: weight(q) }), practice)
      : ordered(allowed);
  const ordered = (allowed: (q: Draft) => boolean) => [
    ...order.flatMap((d) =>
      interleave(
        pack.filter((q) => q.difficulty === d && allowed(q)),
        (q) => q.type,
      ),
    ),
    ...interleave(
      built.filter(allowed).sort((a, b) => rank(a) - rank(b)),
      (q) => q.source,
    ),
  ];
  const chosen: Draft[] = [];
  const seen = new Set<string>();
  const take = (list: Draft[]) => {
    for (const q of list) {
      if (chosen.length >= count) return;
      if (seen.has(q.id)) continue;
      seen.add(q.id);
      chosen.push(q);
    }
  };
  take(candidates((q) => types.includes(q.type)));
  const notes: string[] = [];
  const borrowed = chosen.filter((q) => q.source === 'pack' && q.difficulty !== difficulty).length;
  const builtCount = chosen.filter((q) => q.source !== 'pack').length;
  if (borrowed) notes.push(`${borrowed} borrowed from neighbouring difficulties`);
  if (builtCount)
    notes.push(`${builtCount} built from the topic's key terms, misconceptions or worked examples`);
  if (chosen.length < count) {
    const before = chosen.length;
    take(candidates(() => true));
    notes.push(
      `${chosen.length - before} of other types, because the topic has only ${before} of type ${types.join('/')}`,
    );
  }
  // Only a quiz longer than everything the topic states repeats questions (as a second round).
  const unique = chosen.length;
  for (let i = 0; chosen.length < count && unique > 0; i++) {
    const again = chosen[i % unique] as Draft;
    chosen.push({ ...again, id: `${again.id}:r${Math.floor(i / unique) + 2}` });
  }
  if (chosen.length > unique)
    notes.push(`${chosen.length - unique} repeated: the topic has only ${unique} distinct questions`);
  return { questions: chosen.map(withChecker), notes };
}

function emptyResult(args: z.output<typeof input>, grounding: Output['grounding']): Output {
  return { topic: args.topic, difficulty: args.difficulty, questions: [], grounding, adaptation_details: '' };
}

/** What the model writes for one question; ids, difficulty, checker and source are added by code. */
const DraftQuestion = z.object({
  type: QuestionType,
  question: z.string().min(1).max(600),
  choices: z.array(z.string().min(1).max(200)).max(6).describe('multiple_choice: 3–4 choices; otherwise []'),
  answer: z.string().min(1).max(200),
  accepted: z.array(z.string().min(1).max(200)).max(8),
  tolerance: z.number().min(0).nullable().describe('numeric only: absolute tolerance; otherwise null'),
  explanation: z.string().min(1).max(600),
});
type DraftQuestion = z.infer<typeof DraftQuestion>;

const draft = z.object({
  topic: z.string().min(1).max(200).describe("the topic's title in the student's language"),
  questions: z.array(DraftQuestion).min(1).max(20),
  adaptation_details: z.string().max(500),
});

const NUMBER = /^-?\d+(?:\.\d+)?$|^-?\d+\/\d+$/;

/** Checks one question on its own: its type, its answer among its choices, its arithmetic, no answer shown. */
function questionChecks(
  q: DraftQuestion,
  n: number,
  types: readonly string[],
  locale: Locale,
): FailedCheck[] {
  const out: FailedCheck[] = [];
  const fail = (check: string, detail: string) => out.push({ check, detail: `question ${n}: ${detail}` });
  if (!types.includes(q.type)) fail('types', `type ${q.type} was not asked for (${types.join(', ')})`);
  if (q.type === 'multiple_choice') {
    const folded = q.choices.map(fold);
    if (q.choices.length < 3) fail('choices', 'a multiple-choice question needs 3 or more choices');
    if (new Set(folded).size !== folded.length) fail('choices', 'two choices are the same');
    const correct = folded.filter((c) => c === fold(q.answer)).length;
    if (correct !== 1) fail('one_correct', `the answer is among the choices ${correct} times (exactly 1)`);
  } else if (q.choices.length) fail('choices', `a ${q.type} question has no choices`);
  if (q.type === 'true_false' && !['True', 'False'].includes(q.answer))
    fail('answer_form', 'a true/false answer is True or False');
  if (q.type === 'numeric') {
    if (!NUMBER.test(q.answer.trim())) fail('answer_form', 'a numeric answer is a number or a fraction a/b');
    const computed = solveMath(q.question, { locale });
    const tolerance = q.tolerance ?? undefined;
    if (
      computed.answer !== null &&
      computed.kind !== 'unsupported' &&
      !checkAnswer(computed.answer, q.answer, {
        type: 'numeric',
        ...(tolerance !== undefined ? { tolerance } : {}),
      }).correct
    )
      fail('arithmetic', `the answer ${q.answer} is wrong: the math engine computes ${computed.answer}`);
  }
  // A choice's text is short ("A", "Yes") and may occur anywhere; a longer one in the question gives it away.
  const tellable = q.type !== 'true_false' && (q.type !== 'multiple_choice' || fold(q.answer).length >= 3);
  if (tellable && reveals(q.question, q.answer)) fail('leak', 'the question shows its own answer');
  return out;
}

const generation: ToolGeneration<z.output<typeof input>, Output, typeof draft> = {
  draft,
  grounding: (args) => ({ phrase: args.topic, subject: args.subject }),
  request: (args) =>
    `Write exactly ${args.num_questions} ${args.difficulty} questions on ${JSON.stringify(args.topic)} (${args.subject}), using only these types: ${args.question_types.join(', ')}.`,
  verify: (d, args, ctx) => [
    ...exactCount('count', d.questions.length, args.num_questions, 'questions'),
    ...duplicates(
      d.questions.map((q) => q.question),
      'question',
    ),
    ...d.questions.flatMap((q, i) => questionChecks(q, i + 1, args.question_types, ctx.locale)),
  ],
  build: (d, args, _ctx, ground) => {
    const topicId = ground.grounding.topic_id ?? 'generated';
    return {
      topic: d.topic,
      difficulty: args.difficulty,
      questions: d.questions.map((q, i) => {
        const choice = q.choices.find((c) => fold(c) === fold(q.answer));
        return withChecker({
          id: `${topicId}:gen-${i + 1}`,
          topic_id: topicId,
          type: q.type,
          difficulty: args.difficulty,
          question: q.question,
          ...(q.type === 'multiple_choice' ? { choices: q.choices } : {}),
          answer: choice ?? q.answer,
          accepted: q.accepted,
          ...(q.tolerance !== null ? { tolerance: q.tolerance } : {}),
          explanation: q.explanation,
          source: 'generated',
        });
      }),
      grounding: ground.grounding,
      adaptation_details: d.adaptation_details,
    };
  },
};

export const quizGenerator = defineTool({
  name: 'quiz_generator',
  title: { en: 'Quiz', fil: 'Pagsusulit' },
  description:
    'Builds a short quiz on a topic with the requested number, difficulty and types of questions; every question carries its answer, a worked explanation and what the server needs to check an answer. Pick it when the student wants to test themselves, practise, or take a quiz.',
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
  clarify: {
    en: 'What topic should the quiz cover?',
    fil: 'Anong topic ang gusto mong i-quiz kita?',
  },
  examples: {
    en: [
      'Quiz me on photosynthesis',
      'Give me a 5-item quiz about the order of operations',
      'test me on place value and rounding',
      'Can I have 10 hard questions about factors and multiples?',
      'I want to practice nouns, quiz me',
      'make a quiz on parts of speech, multiple choice only',
      'true or false quiz about plant and animal cells please',
      'Give me practice questions on the cell structure',
      'quiz time! science, easy questions',
      'Test my knowledge of whole number operations',
      'Can you give me a short quiz to check if I understood PEMDAS?',
      'I have an exam tomorrow on the Philippine Revolution, quiz me',
      'make me a mock test about the Katipunan, 15 items',
      '3 easy questions about the water cycle',
      'quiz me on subject-verb agreement',
      'give me a hard quiz on linear equations with numeric answers',
      'Let me take a quiz on ecosystems',
      'Can you test me on the solar system?',
      'i want a 20 question quiz on fractions',
      'check my understanding of the Spanish colonial period with a few questions',
      'short answer questions about figures of speech please',
      'Practice test on climate change, medium difficulty',
      'Drill me with questions on the parts of a cell',
      'Quiz me again on photosynthesis but harder this time',
      'ask me questions about Newton’s laws of motion',
      'can you make a pop quiz about verbs?',
      'pre-test on rounding numbers please',
      'quiz pls, GCF and LCM, 10 items',
      'give me a numeric-answer quiz on percent problems',
      'Test me: 5 true or false on the nervous system',
      'Can you give me a hard quiz on the Pythagorean theorem?',
    ],
    fil: [
      'Quiz naman tungkol sa photosynthesis',
      'Bigyan mo ako ng 5 tanong tungkol sa order of operations',
      'subukin mo ako sa place value at rounding',
      'pwede 10 mahirap na tanong sa factors at multiples?',
      'gusto kong mag-practice sa pangngalan, i-quiz mo ako',
      'gawan mo ako ng quiz sa bahagi ng pananalita, multiple choice lang',
      'tama o mali na quiz tungkol sa selula ng halaman at hayop',
      'pa-quiz naman sa cell structure',
      'mag-quiz tayo! science, madali lang',
      'subukan mo kung alam ko na ang operasyon sa whole numbers',
      'Pwede mo ba akong bigyan ng maikling pagsusulit sa PEMDAS?',
      'may exam ako bukas sa Himagsikang Pilipino, quiz mo ako',
      'gawan mo ako ng mock test tungkol sa Katipunan, 15 items',
      'tatlong madaling tanong tungkol sa siklo ng tubig',
      'quiz naman sa pagkakasundo ng simuno at panaguri',
      'mahirap na quiz sa linear equations, numero ang sagot',
      'pagsusulit tungkol sa ecosystem please',
      'tanungin mo ako tungkol sa solar system',
      'gusto ko ng 20 tanong na quiz sa fractions',
      'ilang tanong lang para malaman kung gets ko na ang panahon ng Espanyol',
      'maikling sagot na tanong tungkol sa tayutay',
      'practice test sa climate change, katamtamang hirap',
      'i-drill mo ako ng tanong sa mga bahagi ng selula',
      'quiz ulit sa photosynthesis pero mas mahirap',
      'magtanong ka sa akin tungkol sa mga batas ni Newton',
      'pa-pop quiz naman sa pandiwa',
      'bigyan mo ako ng pagsasanay na tanong sa pang-uri',
      'quiz po sa GCF at LCM, 10 items',
      'pa-quiz sa porsyento, numero lang ang sagot',
      '5 tama o mali tungkol sa nervous system',
      'mahirap na quiz sa Pythagorean theorem please',
    ],
  },
  prompt: `You are the quiz generator of Aralin, a tutor for Filipino K-12 learners (grades 4–12).
Write a quiz on ONE topic. Never invent facts: stay with the reference notes (their quiz bank, key terms,
worked examples and misconceptions), or with standard grade-level knowledge when no notes are given.

Rules:
- Write EXACTLY the requested number of questions, all at the requested difficulty, only of the requested
  types, no two asking the same thing.
- multiple_choice: 3–4 distinct choices, exactly one correct, each wrong choice reflecting a real
  misconception; the answer is the exact text of the correct choice.
- true_false: the answer is "True" or "False"; choices [].
- numeric: the answer is a number or a fraction a/b (tolerance when rounding is involved); work it out
  carefully, it is recomputed. choices [].
- short_answer: a short canonical answer plus accepted synonyms (Filipino equivalents too); choices [].
- The question never contains its own answer. explanation: why the answer is right, in one or two sentences
  (the student sees it only after answering).
- Easy questions recall; medium ones ask how or why; hard ones apply or compare. Use Philippine contexts.
Respond with one JSON object matching the schema you are given.`,
  generation,
  run(args, ctx) {
    const { topic, grounding } = resolveTopic(ctx.content, args.topic, { subject: args.subject });
    if (!topic) return emptyResult(args, grounding);
    const { questions, notes } = selectQuestions(topic, {
      count: args.num_questions,
      difficulty: args.difficulty,
      types: args.question_types,
      locale: ctx.locale,
      practice: ctx.practice,
    });
    return {
      topic: pick(topic.title, ctx.locale),
      difficulty: args.difficulty,
      questions,
      grounding,
      adaptation_details: `${questions.length} ${args.difficulty} question(s) on ${topic.title.en}${notes.length ? `: ${notes.join('; ')}` : ''}.`,
    };
  },
  reply(result, input, ctx) {
    const fil = ctx.locale === 'fil';
    if (!result.grounding.topic_id && !result.grounding.model_knowledge)
      return notInPack(input.topic, result.grounding, ctx.content, ctx.locale);
    const level = {
      easy: fil ? 'madali' : 'easy',
      medium: fil ? 'katamtaman' : 'medium',
      hard: fil ? 'mahirap' : 'hard',
    }[result.difficulty];
    const head = fil
      ? `Narito ang ${result.questions.length}-tanong na quiz (${level}) tungkol sa **${result.topic}**. Sagutin isa-isa; sasabihin ko kung tama at bakit.`
      : `Here is a ${result.questions.length}-question ${level} quiz on **${result.topic}**. Answer one at a time and I'll tell you whether you're right and why.`;
    const lines = result.questions.map((q, i) => {
      const choices = q.choices?.length
        ? `\n${q.choices.map((c, j) => `   ${String.fromCharCode(97 + j)}) ${c}`).join('\n')}`
        : '';
      const tf = q.type === 'true_false' && !/^(true or false|tama o mali)/i.test(q.question);
      const prefix = tf ? (fil ? 'Tama o Mali: ' : 'True or false: ') : '';
      return `${i + 1}. ${prefix}${q.question}${choices}`;
    });
    const note = result.grounding.model_knowledge ? [ungroundedNote(ctx.locale)] : [];
    return [head, lines.join('\n'), ...note].join('\n\n');
  },
  visible: (result) => ({ ...result, questions: result.questions.map(publicQuestion) }),
});
