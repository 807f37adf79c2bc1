import { createHash } from 'node:crypto';
import { flashcardIn, type Topic } from '@aralin/content';
import { z } from 'zod';
import type { Locale } from '../contract.ts';
import { duplicates, exactCount, fold } from '../generate/checks.ts';
import { BUILT_WEIGHT, DIFFICULTY_WEIGHT, draw, type Practice } from '../pedagogy/practice.ts';
import { defineTool, type ToolGeneration } from '../tool.ts';
import {
  Difficulty,
  difficultyOrder,
  Grounding,
  gradeNote,
  interleave,
  learnerTraits,
  notInPack,
  pick,
  resolveTopic,
  ungroundedNote,
} from './shared.ts';

const input = z.object({
  topic: z.string().min(1).max(200),
  count: z.number().int().min(1).max(20).default(5),
  difficulty: Difficulty.default('medium'),
  subject: z.string().min(1).max(100),
  include_examples: z.boolean().default(true),
});

/** Where a card came from: the pack's deck, built from the topic's parts, or written by a model. */
const CardSource = z.enum(['pack', 'key_term', 'misconception', 'worked_example', 'generated']);

const output = z.object({
  flashcards: z.array(
    z.object({
      title: z.string(),
      question: z.string(),
      answer: z.string(),
      /** An example from the pack, or '' when examples were not wanted or the card has none. */
      example: z.string(),
      /** Stable id (`topic:card`) for spaced review. */
      id: z.string(),
      difficulty: Difficulty,
      source: CardSource,
    }),
  ),
  topic: z.string(),
  difficulty: Difficulty,
  adaptation_details: z.string(),
  grounding: Grounding,
  topic_id: z.string().nullable(),
});

type Output = z.output<typeof output>;
type Card = Output['flashcards'][number];

function strip(text: string): string {
  return text.replace(/\s*\([^)]*\)/g, '').trim();
}

function packCards(topic: Topic, locale: Locale): Card[] {
  const title = pick(topic.title, locale);
  return topic.flashcards.map((card, i) => {
    const local = flashcardIn(card, locale);
    return {
      id: `${topic.id}:card-${i + 1}`,
      title: local.front.length <= 60 ? local.front : title,
      question: local.front,
      answer: local.back,
      example: local.example ?? '',
      difficulty: card.difficulty,
      source: 'pack' as const,
    };
  });
}

/** Cards built only from what the topic states: key terms, misconceptions, worked examples. */
function builtCards(topic: Topic, locale: Locale): Card[] {
  const fil = locale === 'fil';
  const firstAnalogy = topic.analogies[0];
  const terms = topic.key_terms.map((k, i) => ({
    id: `${topic.id}:term-${i + 1}`,
    title: strip(pick(k.term, locale)),
    question: fil ? `Ano ang ${strip(pick(k.term, locale))}?` : `What is ${strip(pick(k.term, locale))}?`,
    answer: pick(k.definition, locale),
    example: i === 0 && firstAnalogy ? pick(firstAnalogy, locale) : '',
    difficulty: 'easy' as const,
    source: 'key_term' as const,
  }));
  const myths = topic.misconceptions.map((m, i) => ({
    id: `${topic.id}:myth-${i + 1}`,
    title: fil ? 'Mito o totoo?' : 'Myth or fact?',
    question: fil
      ? `Totoo ba: "${pick(m.misconception, locale)}"`
      : `True or not: "${pick(m.misconception, locale)}"`,
    answer: `${fil ? 'Hindi.' : 'No.'} ${pick(m.correction, locale)}`,
    example: '',
    difficulty: 'medium' as const,
    source: 'misconception' as const,
  }));
  const worked = topic.worked_examples.map((w, i) => ({
    id: `${topic.id}:worked-${i + 1}`,
    title: fil ? 'Halimbawang problema' : 'Worked problem',
    question: pick(w.problem, locale),
    answer: w.answer,
    example: w.steps.map((s, j) => `${j + 1}. ${pick(s, locale)}`).join(' '),
    difficulty: 'hard' as const,
    source: 'worked_example' as const,
  }));
  return [...terms, ...myths, ...worked];
}

/**
 * Chooses exactly `count` cards: the pack's cards at the requested difficulty, then neighbouring
 * difficulties, then cards built from key terms, misconceptions and worked examples.
 */
function selectCards(
  topic: Topic,
  options: {
    count: number;
    difficulty: Difficulty;
    includeExamples: boolean;
    locale: Locale;
    practice?: Practice | undefined;
  },
): { cards: Card[]; notes: string[] } {
  const order = difficultyOrder(options.difficulty);
  const pack = packCards(topic, options.locale);
  const built = builtCards(topic, options.locale);
  const rank = (c: Card) => order.indexOf(c.difficulty);
  const weight = (c: Card) => (DIFFICULTY_WEIGHT[rank(c)] ?? 0) * (c.source === 'pack' ? 1 : BUILT_WEIGHT);
  // A student's deck is drawn for them and this attempt, weighted by difficulty; their due cards come first.
  const { practice } = options;
  const ordered = practice
    ? draw([...pack, ...built], (c) => ({ id: c.id, front: c.question, weight: weight(c) }), practice)
    : [
        ...order.flatMap((d) => pack.filter((c) => c.difficulty === d)),
        ...interleave(
          [...built].sort((a, b) => rank(a) - rank(b)),
          (c) => c.source,
        ),
      ];
  const cards = ordered.slice(0, options.count);
  // Only a deck larger than everything the topic states repeats cards (as a second review round).
  for (let i = 0; cards.length < options.count && ordered.length > 0; i++) {
    const again = ordered[i % ordered.length];
    if (again) cards.push({ ...again, id: `${again.id}:r${Math.floor(i / ordered.length) + 2}` });
  }
  const final = cards.map((c) => (options.includeExamples ? c : { ...c, example: '' }));
  const notes: string[] = [];
  const borrowed = final.filter((c) => c.source === 'pack' && c.difficulty !== options.difficulty).length;
  const builtCount = final.filter((c) => c.source !== 'pack').length;
  if (borrowed) notes.push(`${borrowed} borrowed from neighbouring difficulties`);
  if (builtCount) notes.push(`${builtCount} built from key terms, misconceptions and worked examples`);
  if (!options.includeExamples) notes.push('examples left out as asked');
  return { cards: final, notes };
}

/** What the model writes; ids, difficulty and grounding are added by code. */
const draft = z.object({
  topic: z.string().min(1).max(200).describe("the topic's title in the student's language"),
  flashcards: z
    .array(
      z.object({
        title: z.string().min(1).max(80),
        question: z.string().min(1).max(300),
        answer: z.string().min(1).max(400),
        example: z.string().max(400).describe("'' when examples were not asked for"),
      }),
    )
    .min(1)
    .max(20),
  adaptation_details: z.string().max(500).describe('how the deck fits the request and the student'),
});

/** A generated card's id: stable for the same question on the same topic, so spaced review finds it again. */
function generatedId(topicId: string, question: string): string {
  return `${topicId}:gen-${createHash('sha256').update(fold(question)).digest('hex').slice(0, 10)}`;
}

const generation: ToolGeneration<z.output<typeof input>, Output, typeof draft> = {
  draft,
  grounding: (args) => ({ phrase: args.topic, subject: args.subject }),
  request: (args) =>
    `Make exactly ${args.count} flashcards at ${args.difficulty} difficulty on ${JSON.stringify(args.topic)} (${args.subject}), ${args.include_examples ? 'each with an example' : "with no examples (example: '')"}.`,
  verify: (d, args) => [
    ...exactCount('count', d.flashcards.length, args.count, 'cards'),
    ...duplicates(
      d.flashcards.map((c) => c.question),
      'card',
    ),
    ...(!args.include_examples && d.flashcards.some((c) => c.example.trim())
      ? [{ check: 'examples', detail: 'examples were not asked for' }]
      : []),
  ],
  build: (d, args, _ctx, ground) => {
    const topicId = ground.grounding.topic_id ?? 'generated';
    return {
      flashcards: d.flashcards.map((c) => ({
        ...c,
        id: generatedId(topicId, c.question),
        difficulty: args.difficulty,
        source: 'generated' as const,
      })),
      topic: d.topic,
      difficulty: args.difficulty,
      adaptation_details: d.adaptation_details,
      grounding: ground.grounding,
      topic_id: ground.grounding.topic_id,
    };
  },
};

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
  clarify: {
    en: 'What topic should the flashcards be about?',
    fil: 'Tungkol saan ang flashcards na gagawin ko?',
  },
  examples: {
    en: [
      'Make me flashcards on photosynthesis',
      'flashcards please, 10 about the parts of a cell',
      'Can I get some flashcards for the order of operations?',
      'I need cards to memorize the parts of speech',
      'create 8 flashcards about nouns',
      'help me memorize the key terms of place value',
      'flashcards for factors and multiples, easy ones',
      'give me hard flashcards on plant and animal cells',
      'Can you make a flashcard deck for the Katipunan?',
      'I want to review vocabulary about ecosystems with flashcards',
      'make flashcards without examples about rounding numbers',
      'Flash cards for the organelles and their functions please',
      '15 flashcards on the Philippine Revolution',
      'study cards for the water cycle',
      'Make me a deck to drill the planets of the solar system',
      'I need to memorise definitions for climate change, flashcards please',
      'Can you turn the Calvin cycle into flashcards?',
      'flashcards with examples on figures of speech',
      'give me 5 cards about subject-verb agreement',
      'Help me drill the terms for Newton’s laws',
      'I learn by memorizing, can I have cards on whole number operations?',
      'make flashcards so I can review fractions before my test',
      'front and back cards about the Spanish colonization of the Philippines',
      'Create a set of review cards on atoms and molecules',
      'Quick flashcards on verbs and adverbs',
      'spaced repetition cards for chlorophyll and stomata',
      'flashcards pls: GCF and LCM',
      "give me 20 cards on the parts of a cell for tomorrow's quiz",
      'Can you quiz me with flashcards on the heroes of the revolution?',
      'vocabulary flashcards for context clues',
    ],
    fil: [
      'Gawan mo ako ng flashcards tungkol sa photosynthesis',
      'flashcards naman, 10 tungkol sa mga bahagi ng selula',
      'pwede ba akong humingi ng flashcards sa order of operations?',
      'kailangan ko ng cards para kabisaduhin ang bahagi ng pananalita',
      'gumawa ka ng 8 flashcards tungkol sa pangngalan',
      'tulungan mo akong kabisaduhin ang mga termino sa place value',
      'flashcards sa factors at multiples, yung madali lang',
      'bigyan mo ako ng mahirap na flashcards sa selula ng halaman at hayop',
      'pa-flashcards naman tungkol sa Katipunan',
      'gusto kong mag-review ng bokabularyo sa ecosystem gamit ang flashcards',
      'flashcards na walang halimbawa tungkol sa rounding',
      'flash cards ng mga organelle at gamit nila please',
      '15 flashcards tungkol sa Himagsikang Pilipino',
      'mga card para sa siklo ng tubig',
      'gawa ka ng deck para kabisaduhin ang mga planeta',
      'kailangan kong kabisaduhin ang mga kahulugan sa climate change, flashcards po',
      'gawin mong flashcards ang Calvin cycle',
      'flashcards na may halimbawa tungkol sa tayutay',
      'limang cards tungkol sa simuno at panaguri',
      'i-drill mo ako sa mga termino ng batas ni Newton gamit ang cards',
      'mas natututo ako sa pagkabisado, pa-cards naman sa whole numbers',
      'gawan mo ako ng flashcards para mag-review ng fractions bago ang test',
      'cards na may harap at likod tungkol sa pananakop ng Espanya',
      'gumawa ng review cards tungkol sa atom at molekula',
      'mabilis na flashcards sa pandiwa at pang-abay',
      'flashcards ng chlorophyll at stomata para sa spaced repetition',
      'pakigawa ng flashcards sa panghalip, mga 12',
      'flashcards po sa GCF at LCM',
      '20 cards tungkol sa bahagi ng selula para sa quiz bukas',
      'flashcards ng mga bayani ng rebolusyon',
      'gawa ka ng flashcards sa pang-ugnay',
    ],
  },
  prompt: `You are the flashcard maker of Aralin, a tutor for Filipino K-12 learners (grades 4–12).
Make a deck of flashcards on ONE topic for memorising and spaced review. Never invent facts: stay with the
reference notes (their flashcards, key terms, misconceptions and worked examples), or with standard
grade-level knowledge when no notes are given.

Rules:
- Write EXACTLY the requested number of cards, all at the requested difficulty, no two asking the same thing.
- Each card: a short title, a question (front) that asks for ONE fact, idea or step, an answer (back) of at
  most two sentences, and an example (a concrete Philippine-context example) — an empty string when
  examples were not asked for.
- Easy cards ask for definitions and names; medium cards ask how or why; hard cards ask to apply or compare.
- adaptation_details: one sentence on how the deck fits the request and the student.
Respond with one JSON object matching the schema you are given.`,
  generation,
  run(args, ctx) {
    const { topic, grounding } = resolveTopic(ctx.content, args.topic, { subject: args.subject });
    if (!topic)
      return {
        flashcards: [],
        topic: args.topic,
        difficulty: args.difficulty,
        adaptation_details: notInPack(args.topic, grounding, ctx.content, ctx.locale),
        grounding,
        topic_id: null,
      };
    const { cards, notes } = selectCards(topic, {
      count: args.count,
      difficulty: args.difficulty,
      includeExamples: args.include_examples,
      locale: ctx.locale,
      practice: ctx.practice,
    });
    const traits = learnerTraits(ctx.user);
    const grade = gradeNote(topic, ctx.user, 'en');
    const details = [
      `${cards.length} ${args.difficulty} card(s) on ${topic.title.en}`,
      ...notes,
      ...(traits.grade !== undefined ? [`for a Grade ${traits.grade} learner`] : []),
      ...(grade ? [grade] : []),
    ];
    return {
      flashcards: cards,
      topic: pick(topic.title, ctx.locale),
      difficulty: args.difficulty,
      adaptation_details: `${details.join('; ')}.`,
      grounding,
      topic_id: topic.id,
    };
  },
  reply(result, input, ctx) {
    const fil = ctx.locale === 'fil';
    if (!result.grounding.topic_id && !result.grounding.model_knowledge)
      return notInPack(input.topic, result.grounding, ctx.content, ctx.locale);
    const head = fil
      ? `Narito ang ${result.flashcards.length} flashcards tungkol sa **${result.topic}**. Basahin ang tanong, sagutin sa isip, saka tingnan ang sagot; i-rate kung gaano kadali para maiskedyul ko ang susunod na review.`
      : `Here are ${result.flashcards.length} flashcards on **${result.topic}**. Read the front, answer in your head, then flip; rate how easy it was and I'll schedule your next review.`;
    const cards = result.flashcards.map(
      (c, i) =>
        `${i + 1}. **${c.question}**\n   → ${c.answer}${c.example ? `\n   _${fil ? 'Halimbawa' : 'Example'}: ${c.example}_` : ''}`,
    );
    const note = result.grounding.model_knowledge ? [ungroundedNote(ctx.locale)] : [];
    return [head, cards.join('\n'), ...note].join('\n\n');
  },
});
