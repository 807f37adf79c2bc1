import { quizItemIn, type Topic } from '@aralin/content';
import { z } from 'zod';
import type { Locale } from '../contract.ts';
import { duplicates } from '../generate/checks.ts';
import { defineTool, type FailedCheck, type ToolContext, type ToolGeneration } from '../tool.ts';
import {
  contentTerms,
  Depth,
  dependents,
  Grounding,
  gradeNote,
  learnerTraits,
  notInPack,
  paragraphs,
  pick,
  prerequisiteTopics,
  resolveTopic,
  SourceReference,
  similar,
  sourceReferences,
  ungroundedNote,
  workedExampleText,
} from './shared.ts';

const input = z.object({
  concept_to_explain: z.string().min(1).max(200),
  current_topic: z.string().min(1).max(200).describe('The lesson the concept belongs to, for context'),
  desired_depth: Depth.default('intermediate'),
});

const output = z.object({
  /** The pack topic's title in the student's language; null when no pack topic backs the explanation. */
  topic: z.string().nullable().default(null),
  explanation: z.string(),
  examples: z.array(z.string()),
  related_concepts: z.array(z.string()),
  practice_questions: z.array(z.string()),
  source_references: z.array(SourceReference),
  grounding: Grounding,
  /** The depth actually used (the requested one). */
  depth: Depth,
  /** Key terms with definitions (comprehensive depth, or the focused term at any depth). */
  key_terms: z.array(z.object({ term: z.string(), definition: z.string() })),
  /** Common mistakes and their corrections (comprehensive depth). */
  misconceptions: z.array(z.object({ misconception: z.string(), correction: z.string() })),
});

type Output = z.output<typeof output>;

const LABELS = {
  en: {
    inShort: 'In short',
    deeper: 'How it works',
    further: 'Going further',
    terms: 'Key terms',
    mistakes: 'Common mistakes',
    worked: 'Worked example',
    picture: 'Picture it',
    correction: 'Actually',
  },
  fil: {
    inShort: 'Sa madaling salita',
    deeper: 'Paano ito gumagana',
    further: 'Higit pa rito',
    terms: 'Mahahalagang termino',
    mistakes: 'Karaniwang pagkakamali',
    worked: 'Halimbawang may solusyon',
    picture: 'Isipin mo ito',
    correction: 'Ang totoo',
  },
} as const;

/**
 * When the concept is one of the topic's key terms ("chlorophyll" in photosynthesis, "mitochondria" for
 * "Mitochondrion (pl. mitochondria)"), lead with it: every content word of the concept names the term.
 */
function focusTerm(topic: Topic, concept: string) {
  const wanted = contentTerms(concept);
  if (wanted.length === 0) return undefined;
  return topic.key_terms.find((k) =>
    [k.term.en, k.term.fil].some((name) => {
      const words = contentTerms(name);
      const base = contentTerms(name.replace(/\s*\([^)]*\)/g, ''));
      return wanted.every((w) => words.some((h) => similar(w, h))) && base.length <= wanted.length + 1;
    }),
  );
}

function practiceQuestion(item: Topic['quiz'][number], locale: Locale): string {
  const { question, choices } = quizItemIn(item, locale);
  if (item.type === 'multiple_choice' && choices)
    return `${question} (${choices.map((c, i) => `${String.fromCharCode(97 + i)}. ${c}`).join('; ')})`;
  if (item.type === 'true_false') return `${locale === 'fil' ? 'Tama o Mali' : 'True or false'}: ${question}`;
  return question;
}

export function explain(
  topic: Topic,
  concept: string,
  depth: Depth,
  ctx: Pick<ToolContext, 'locale' | 'user' | 'content'>,
): Omit<Output, 'grounding' | 'source_references'> {
  const { locale } = ctx;
  const L = LABELS[locale];
  const traits = learnerTraits(ctx.user);
  const level = Depth.options.indexOf(depth);
  const term = focusTerm(topic, concept);
  const parts: string[] = [];
  const note = gradeNote(topic, ctx.user, locale);
  if (note) parts.push(`_${note}_`);
  if (term) parts.push(`**${pick(term.term, locale)}** — ${pick(term.definition, locale)}`);
  parts.push(level === 0 ? pick(topic.summary, locale) : `**${L.inShort}:** ${pick(topic.summary, locale)}`);
  const analogy = topic.analogies[0];
  if (traits.visual && analogy) parts.push(`**${L.picture}:** ${pick(analogy, locale)}`);
  if (level >= 1)
    parts.push(`### ${L.deeper}\n\n${paragraphs(pick(topic.explanation, locale)).join('\n\n')}`);
  if (level >= 2) parts.push(`### ${L.further}\n\n${paragraphs(pick(topic.extension, locale)).join('\n\n')}`);
  const keyTerms =
    level >= 3
      ? topic.key_terms.map((k) => ({ term: pick(k.term, locale), definition: pick(k.definition, locale) }))
      : term
        ? [{ term: pick(term.term, locale), definition: pick(term.definition, locale) }]
        : [];
  const misconceptions =
    level >= 3
      ? topic.misconceptions.map((m) => ({
          misconception: pick(m.misconception, locale),
          correction: pick(m.correction, locale),
        }))
      : [];
  if (level >= 3) {
    parts.push(`### ${L.terms}\n\n${keyTerms.map((k) => `- **${k.term}**: ${k.definition}`).join('\n')}`);
    parts.push(
      `### ${L.mistakes}\n\n${misconceptions.map((m) => `- ✗ ${m.misconception}\n  ✓ ${L.correction}: ${m.correction}`).join('\n')}`,
    );
    const worked = topic.worked_examples
      .map((w) => {
        const steps = w.steps.map((s, i) => `${i + 1}. ${pick(s, locale)}`).join('\n');
        return `**${L.worked}:** ${pick(w.problem, locale)}\n\n${steps}\n\n→ ${w.answer}`;
      })
      .join('\n\n');
    parts.push(worked);
  }

  // Examples grow with depth: an analogy at basic, a worked example from intermediate, all at comprehensive.
  const workedCount = [0, 1, 2, topic.worked_examples.length][level] ?? 1;
  const worked = topic.worked_examples.slice(0, workedCount).map((w) => workedExampleText(w, locale));
  const analogies = topic.analogies
    .slice(0, level >= 3 ? topic.analogies.length : 1)
    .map((a) => pick(a, locale));
  const examples = traits.handsOn ? [...worked, ...analogies] : [...analogies, ...worked];

  const related = [
    ...(term ? [] : level >= 3 ? [] : topic.key_terms.map((k) => pick(k.term, locale))),
    ...prerequisiteTopics(ctx.content, topic).map((t) => pick(t.title, locale)),
    ...dependents(ctx.content, topic).map((t) => pick(t.title, locale)),
  ];
  if (term) related.unshift(pick(topic.title, locale));

  // Practice: basic → one easy check; higher depths add harder questions.
  const wanted: Topic['quiz'][number]['difficulty'][][] = [
    ['easy'],
    ['easy', 'medium'],
    ['medium', 'hard', 'hard'],
    ['easy', 'medium', 'hard', 'hard'],
  ];
  const used = new Set<string>();
  const practice: string[] = [];
  for (const difficulty of wanted[level] ?? ['easy']) {
    const item =
      topic.quiz.find((q) => q.difficulty === difficulty && !used.has(q.id)) ??
      topic.quiz.find((q) => !used.has(q.id));
    if (!item) continue;
    used.add(item.id);
    practice.push(practiceQuestion(item, locale));
  }

  return {
    topic: pick(topic.title, locale),
    explanation: parts.join('\n\n'),
    examples,
    related_concepts: [...new Set(related)],
    practice_questions: practice,
    depth,
    key_terms: keyTerms,
    misconceptions,
  };
}

/** What the model writes; sources, grounding and depth are added by code. */
const draft = z.object({
  explanation: z.string().min(1).max(5000).describe('markdown'),
  examples: z.array(z.string().min(1).max(800)).max(4),
  related_concepts: z.array(z.string().min(1).max(120)).max(6),
  practice_questions: z.array(z.string().min(1).max(300)).min(1).max(4).describe('without answers'),
  key_terms: z
    .array(z.object({ term: z.string().min(1).max(120), definition: z.string().min(1).max(400) }))
    .max(10),
  misconceptions: z
    .array(z.object({ misconception: z.string().min(1).max(400), correction: z.string().min(1).max(400) }))
    .max(6),
});

/** What each depth must contain, as checks on the draft (the prompt states the same). */
function depthChecks(d: z.output<typeof draft>, depth: z.output<typeof Depth>): FailedCheck[] {
  const out: FailedCheck[] = [];
  if (depth === 'basic' && d.explanation.length > 900)
    out.push({
      check: 'depth',
      detail: `a basic explanation has ${d.explanation.length} characters (at most 900)`,
    });
  if (depth !== 'basic' && d.examples.length === 0)
    out.push({ check: 'depth', detail: `an ${depth} explanation needs at least one example` });
  if (depth === 'comprehensive' && (d.key_terms.length < 2 || d.misconceptions.length < 1))
    out.push({
      check: 'depth',
      detail: 'a comprehensive explanation needs key terms (2+) and misconceptions (1+)',
    });
  return out;
}

const generation: ToolGeneration<z.output<typeof input>, Output, typeof draft> = {
  draft,
  streams: true,
  grounding: (args) => ({ phrase: args.concept_to_explain }),
  request: (args) =>
    `Explain the concept ${JSON.stringify(args.concept_to_explain)} (lesson: ${JSON.stringify(args.current_topic)}) at depth ${args.desired_depth}.`,
  verify: (d, args) => [
    ...depthChecks(d, args.desired_depth),
    ...duplicates(d.practice_questions, 'practice question'),
    ...duplicates(d.examples, 'example'),
  ],
  build: (d, args, _ctx, ground) => ({
    explanation: d.explanation,
    examples: d.examples,
    related_concepts: d.related_concepts,
    practice_questions: d.practice_questions,
    key_terms: d.key_terms,
    misconceptions: d.misconceptions,
    depth: args.desired_depth,
    topic: null,
    ...ground,
  }),
};

export const conceptExplainer = defineTool({
  name: 'concept_explainer',
  title: { en: 'Concept explainer', fil: 'Tagapaliwanag ng konsepto' },
  description:
    'Explains a concept at the requested depth (basic, intermediate, advanced, comprehensive) with examples, related concepts and practice questions. Pick it when the student asks what something is, why or how it works, or says they do not understand a concept.',
  input,
  output,
  slots: { concept_to_explain: 'topic', current_topic: 'context_topic', desired_depth: 'depth' },
  required: ['concept_to_explain'],
  clarify: {
    en: 'Which concept would you like me to explain?',
    fil: 'Aling konsepto ang gusto mong ipaliwanag ko?',
  },
  examples: {
    en: [
      'What is photosynthesis?',
      'Can you explain how photosynthesis works?',
      "I don't understand the order of operations",
      'Explain place value to me like I am in grade 4',
      'why do we need to round numbers?',
      'what are factors and multiples',
      'Explain nouns please',
      'what does a verb do in a sentence',
      'How does a plant cell differ from an animal cell?',
      'what is the function of the mitochondria',
      'explain the cell membrane in simple terms',
      'Can you go deeper into the Calvin cycle?',
      'Give me a comprehensive explanation of the parts of speech',
      'I still do not get what chlorophyll is for',
      'What is the difference between a prime and a composite number?',
      'Why is PEMDAS important?',
      'teach me about the water cycle',
      'What caused the Philippine Revolution of 1896?',
      'Explain the Katipunan and why it was founded',
      'What is supply and demand?',
      'explain what a simile is',
      'Can you break down the structure of an atom for me?',
      'What is a linear equation, basically?',
      'how do volcanoes form',
      "what's the meaning of climate change and why does it matter",
      'Explain Newton’s first law with an example',
      'Help me understand what an ecosystem is',
      'In advanced detail, how does cellular respiration work?',
      'what r integers? pls explain',
      'eli5 the pythagorean theorem',
      'why is the sky blue',
      'what exactly is a conjunction used for?',
    ],
    fil: [
      'Ano ang photosynthesis?',
      'pa-explain naman ng photosynthesis',
      'Paki-explain ng order of operations, hindi ko gets',
      'Hindi ko maintindihan ang place value',
      'bakit kailangan mag-round off ng numbers?',
      'ano ba ang factors at multiples',
      'Ipaliwanag mo naman ang pangngalan',
      'ano ang pandiwa at paano ito ginagamit',
      'Ano ang pagkakaiba ng selula ng halaman at selula ng hayop?',
      'ano ang ginagawa ng mitochondria sa cell',
      'paliwanag mo ng simple lang yung cell membrane',
      'Pwede mo bang ipaliwanag nang mas malalim ang Calvin cycle?',
      'Pakipaliwanag ng buo ang mga bahagi ng pananalita',
      'di ko pa rin gets kung para saan ang chlorophyll',
      'ano ang kaibahan ng prime at composite number',
      'Bakit mahalaga ang PEMDAS?',
      'turuan mo ako tungkol sa siklo ng tubig',
      'Ano ang dahilan ng Himagsikang Pilipino noong 1896?',
      'Ipaliwanag ang Katipunan at kung bakit ito itinatag',
      'ano ba ang supply at demand sa ekonomiks',
      'ano ang pagtutulad o simile',
      'pa-explain naman ng atom, yung mga parts niya',
      'Ano ba talaga ang linear equation?',
      'paano nabubuo ang bulkan',
      'ano ibig sabihin ng climate change at bakit mahalaga',
      'ipaliwanag mo ang unang batas ni Newton na may halimbawa',
      'tulungan mo akong maintindihan ang ecosystem',
      'Ano ang kahulugan ng panghalip?',
      'ano yung GCF? di ko gets',
      'explain mo nga ulit yung percent, medyo nalilito ako',
      'bakit may panahon ng tag-ulan at tag-araw sa Pilipinas?',
      'ano ang pagkakaiba ng pang-uri at pang-abay',
    ],
  },
  prompt: `You are the concept explainer of Aralin, a patient tutor for Filipino K-12 learners (grades 4–12).
Explain ONE concept to the student. Never invent facts: stay with the reference notes, or with standard
grade-level knowledge when no notes are given.

Depth (desired_depth):
- basic: two or three plain sentences and one everyday example (at most 900 characters of explanation).
- intermediate: the summary plus a fuller explanation of how and why, with one worked example.
- advanced: everything in intermediate plus an extension beyond the grade-level core.
- comprehensive: everything in advanced plus key terms with definitions (2 or more), common misconceptions
  with their corrections (1 or more), and the worked examples step by step.

Fields: explanation (markdown, the teaching itself), examples (concrete, Philippine contexts), related_concepts
(names of related topics), practice_questions (1–4 questions that check understanding, WITHOUT their answers),
key_terms [{term, definition}] and misconceptions [{misconception, correction}] (empty below comprehensive
unless the concept is itself a key term). A visual learner gets an analogy first; a hands-on learner a worked
example first.
Respond with one JSON object matching the schema you are given.`,
  generation,
  run(args, ctx) {
    const { topic, grounding } = resolveTopic(ctx.content, args.concept_to_explain, {
      context: args.current_topic,
    });
    if (!topic)
      return {
        topic: null,
        explanation: notInPack(args.concept_to_explain, grounding, ctx.content, ctx.locale),
        examples: [],
        related_concepts: grounding.closest.map((c) => c.title),
        practice_questions: [],
        source_references: [],
        grounding,
        depth: args.desired_depth,
        key_terms: [],
        misconceptions: [],
      };
    return {
      ...explain(topic, args.concept_to_explain, args.desired_depth, ctx),
      source_references: sourceReferences(topic),
      grounding,
    };
  },
  reply(result, _input, ctx) {
    if (!result.grounding.topic_id && !result.grounding.model_knowledge) return result.explanation;
    const fil = ctx.locale === 'fil';
    const lines = [result.explanation];
    const example = result.examples[0];
    if (example && result.depth !== 'comprehensive' && !result.explanation.includes(example))
      lines.push(`**${fil ? 'Halimbawa' : 'Example'}:** ${example}`);
    if (result.practice_questions.length)
      lines.push(
        `**${fil ? 'Subukan mo' : 'Try this'}:** ${result.practice_questions[0]}`,
        fil
          ? '_Sabihin mo lang kung gusto mo ng mas malalim na paliwanag, notes, flashcards o quiz._'
          : '_Tell me if you want it deeper, as notes, as flashcards or as a quiz._',
      );
    if (result.grounding.model_knowledge) lines.push(ungroundedNote(ctx.locale));
    return lines.join('\n\n');
  },
});
