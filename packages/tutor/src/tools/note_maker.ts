import type { Topic } from '@aralin/content';
import { z } from 'zod';
import type { Locale } from '../contract.ts';
import { defineTool, type FailedCheck, type ToolContext, type ToolGeneration } from '../tool.ts';
import {
  dependents,
  Grounding,
  gradeNote,
  learnerTraits,
  NoteStyle,
  notInPack,
  paragraphs,
  pick,
  prerequisiteTopics,
  resolveTopic,
  SourceReference,
  sentences,
  sourceReferences,
  terse,
  ungroundedNote,
  workedExampleText,
} from './shared.ts';

const input = z.object({
  topic: z.string().min(1).max(200).describe('What the notes are about'),
  subject: z.string().min(1).max(100).describe('Academic subject, e.g. Mathematics, Science'),
  note_taking_style: NoteStyle.default('structured'),
  include_examples: z.boolean().default(true),
  include_analogies: z.boolean().default(false),
});

const Section = z.object({
  title: z.string(),
  content: z.string(),
  key_points: z.array(z.string()),
  examples: z.array(z.string()),
  analogies: z.array(z.string()),
});
type Section = z.infer<typeof Section>;

const output = z.object({
  topic: z.string(),
  title: z.string(),
  summary: z.string(),
  note_sections: z.array(Section),
  key_concepts: z.array(z.string()),
  connections_to_prior_learning: z.array(z.string()),
  practice_suggestions: z.array(z.string()),
  source_references: z.array(SourceReference),
  note_taking_style: NoteStyle,
  grounding: Grounding,
  /** The whole note rendered as markdown in the chosen style. */
  markdown: z.string(),
});

type Output = z.output<typeof output>;

const T = {
  en: {
    notes: 'Notes',
    ideas: 'Key ideas',
    terms: 'Key terms',
    examples: 'Worked examples',
    mistakes: 'Common mistakes',
    further: 'Going further',
    analogies: 'Think of it this way',
    forExample: 'For example',
    likeThis: 'You can picture it like this',
    mistakeLead: 'A common mistake is to think that',
    inFact: 'In fact',
    further2: 'Going further',
    termsLead: 'The words to remember are',
  },
  fil: {
    notes: 'Notes',
    ideas: 'Mahahalagang ideya',
    terms: 'Mahahalagang termino',
    examples: 'Halimbawang may solusyon',
    mistakes: 'Karaniwang pagkakamali',
    further: 'Higit pa rito',
    analogies: 'Isipin mo ito nang ganito',
    forExample: 'Halimbawa',
    likeThis: 'Maaari mo itong isipin nang ganito',
    mistakeLead: 'Karaniwang pagkakamali ang isiping',
    inFact: 'Ang totoo',
    further2: 'Higit pa rito',
    termsLead: 'Ang mga salitang dapat tandaan ay',
  },
} as const;

interface Raw {
  key: 'ideas' | 'terms' | 'examples' | 'mistakes' | 'further';
  title: string;
  text: string[];
  points: string[];
  examples: string[];
  analogies: string[];
}

/**
 * The topic's material cut into sections, before a style shapes it. The summary is the overview, so no section
 * repeats it.
 */
function rawSections(topic: Topic, opts: { examples: boolean; analogies: boolean; locale: Locale }): Raw[] {
  const { locale } = opts;
  const L = T[locale];
  const analogies = opts.analogies ? topic.analogies.map((a) => pick(a, locale)) : [];
  const raw: Raw[] = [
    {
      key: 'ideas',
      title: L.ideas,
      text: paragraphs(pick(topic.explanation, locale)),
      points: sentences(pick(topic.explanation, locale)),
      examples: [],
      analogies,
    },
    {
      key: 'terms',
      title: L.terms,
      text: topic.key_terms.map((k) => `${pick(k.term, locale)}: ${pick(k.definition, locale)}`),
      points: topic.key_terms.map((k) => `${pick(k.term, locale)} — ${pick(k.definition, locale)}`),
      examples: [],
      analogies: [],
    },
  ];
  if (opts.examples)
    raw.push({
      key: 'examples',
      title: L.examples,
      text: topic.worked_examples.map((w) => workedExampleText(w, locale)),
      points: topic.worked_examples.map((w) => `${terse(pick(w.problem, locale), 90)} → ${w.answer}`),
      examples: topic.worked_examples.map((w) => workedExampleText(w, locale)),
      analogies: [],
    });
  raw.push(
    {
      key: 'mistakes',
      title: L.mistakes,
      text: topic.misconceptions.map((m) => `${pick(m.misconception, locale)} ${pick(m.correction, locale)}`),
      points: topic.misconceptions.map(
        (m) => `✗ ${pick(m.misconception, locale)} ✓ ${pick(m.correction, locale)}`,
      ),
      examples: [],
      analogies: [],
    },
    {
      key: 'further',
      title: L.further,
      text: paragraphs(pick(topic.extension, locale)),
      points: sentences(pick(topic.extension, locale)),
      examples: [],
      analogies: [],
    },
  );
  return raw;
}

function outline(raw: Raw[]): Section[] {
  return raw.map((r, i) => {
    const n = i + 1;
    const items = r.points.map((p, j) => `${n}.${j + 1} ${p}`);
    // The examples section lists its problems as points already; elsewhere examples and analogies follow.
    const more = r.key === 'examples' ? r.analogies : [...r.examples, ...r.analogies];
    const extra = more.map((e, j) => `${n}.${r.points.length + j + 1} ${e}`);
    return {
      title: `${n}. ${r.title}`,
      content: [...items, ...extra].join('\n'),
      key_points: r.points.map((p, j) => `${n}.${j + 1} ${terse(p)}`),
      examples: r.examples,
      analogies: r.analogies,
    };
  });
}

function bullets(raw: Raw[]): Section[] {
  return raw.map((r) => {
    const points = r.key === 'examples' ? r.points : r.points.map((p) => terse(p));
    const extras = [...(r.key === 'examples' ? [] : r.examples), ...r.analogies];
    return {
      title: r.title,
      content: [...points, ...extras].map((p) => `- ${p}`).join('\n'),
      key_points: points,
      examples: r.examples,
      analogies: r.analogies,
    };
  });
}

function narrative(raw: Raw[], locale: Locale): Section[] {
  const L = T[locale];
  return raw.map((r) => {
    let prose: string[];
    if (r.key === 'terms') prose = [`${L.termsLead}: ${r.text.join('; ')}.`];
    else if (r.key === 'mistakes') prose = r.text.map((t) => `${L.mistakeLead}: ${t}`);
    else if (r.key === 'examples') prose = r.examples.map((e) => `${L.forExample}: ${e}`);
    else prose = [...r.text];
    if (r.analogies.length) prose.push(`${L.likeThis}: ${r.analogies.join(' ')}`);
    return {
      title: r.title,
      content: prose.join('\n\n'),
      key_points: [],
      examples: r.examples,
      analogies: r.analogies,
    };
  });
}

function structured(raw: Raw[]): Section[] {
  return raw.map((r) => ({
    title: r.title,
    content:
      r.key === 'terms' || r.key === 'examples'
        ? r.text.map((t) => `- ${t}`).join('\n')
        : r.text.join('\n\n'),
    key_points: r.key === 'examples' ? r.points : r.points.map((p) => terse(p)),
    examples: r.examples,
    analogies: r.analogies,
  }));
}

function render(
  title: string,
  summary: string,
  sections: Section[],
  style: NoteStyle,
  locale: Locale,
): string {
  const L = T[locale];
  const out = [`# ${title}`, summary];
  for (const s of sections) {
    out.push(`## ${s.title}`, s.content);
    if (style === 'structured') {
      if (s.key_points.length && !s.content.startsWith('- '))
        out.push(s.key_points.map((p) => `- **${p}**`).join('\n'));
      if (s.analogies.length) out.push(`> ${L.analogies}: ${s.analogies.join(' ')}`);
    }
  }
  return out.join('\n\n');
}

function makeNotes(
  topic: Topic,
  args: { note_taking_style: NoteStyle; include_examples: boolean; include_analogies: boolean },
  ctx: Pick<ToolContext, 'locale' | 'user' | 'content'>,
): Omit<Output, 'grounding'> {
  const { locale } = ctx;
  const traits = learnerTraits(ctx.user);
  let raw = rawSections(topic, {
    examples: args.include_examples,
    analogies: args.include_analogies,
    locale,
  });
  // A learner who learns by doing sees the worked examples right after the summary.
  if (traits.handsOn) {
    const examples = raw.find((r) => r.key === 'examples');
    if (examples) raw = [examples, ...raw.filter((r) => r !== examples)];
  }
  const style = args.note_taking_style;
  const sections =
    style === 'outline'
      ? outline(raw)
      : style === 'bullet_points'
        ? bullets(raw)
        : style === 'narrative'
          ? narrative(raw, locale)
          : structured(raw);
  const topicTitle = pick(topic.title, locale);
  const title = `${T[locale].notes}: ${topicTitle}`;
  const grade = gradeNote(topic, ctx.user, locale);
  const summary = grade ? `${pick(topic.summary, locale)} _${grade}_` : pick(topic.summary, locale);
  const fil = locale === 'fil';
  const prior = prerequisiteTopics(ctx.content, topic).map(
    (t) => `${pick(t.title, locale)} — ${sentences(pick(t.summary, locale))[0] ?? ''}`,
  );
  const next = dependents(ctx.content, topic).map((t) => pick(t.title, locale));
  const firstProblem = topic.worked_examples[0];
  const practice = [
    fil
      ? `Sagutin ang isang maikling quiz tungkol sa ${topicTitle} para masukat ang natutunan mo.`
      : `Take a short quiz on ${topicTitle} to check what you learned.`,
    fil
      ? `Gumawa ng flashcards ng ${topic.key_terms.length} mahahalagang termino at balikan ang mga ito bukas.`
      : `Turn the ${topic.key_terms.length} key terms into flashcards and review them tomorrow.`,
    ...(firstProblem
      ? [
          fil
            ? `Subukang lutasin muli nang mag-isa: ${pick(firstProblem.problem, locale)}`
            : `Try this again on your own: ${pick(firstProblem.problem, locale)}`,
        ]
      : []),
    ...(next.length
      ? [fil ? `Susunod na aralin: ${next.join(', ')}.` : `Next lesson to explore: ${next.join(', ')}.`]
      : []),
  ];
  return {
    topic: topicTitle,
    title,
    summary,
    note_sections: sections,
    key_concepts: topic.key_terms.map((k) => pick(k.term, locale)),
    connections_to_prior_learning: prior,
    practice_suggestions: practice,
    source_references: sourceReferences(topic),
    note_taking_style: style,
    markdown: render(title, summary, sections, style, locale),
  };
}

/** What the model writes; the markdown, sources and grounding are made by code. */
const draft = z.object({
  title: z.string().min(1).max(200),
  summary: z.string().min(1).max(1200),
  note_sections: z
    .array(
      z.object({
        title: z.string().min(1).max(120),
        content: z.string().min(1).max(3000),
        key_points: z.array(z.string().min(1).max(300)).max(12),
        examples: z.array(z.string().min(1).max(800)).max(6),
        analogies: z.array(z.string().min(1).max(500)).max(4),
      }),
    )
    .min(1)
    .max(10),
  key_concepts: z.array(z.string().min(1).max(120)).max(15),
  connections_to_prior_learning: z.array(z.string().min(1).max(300)).max(6),
  practice_suggestions: z.array(z.string().min(1).max(300)).max(6),
});

/** How each style's section content reads, line by line (the prompt states the same). */
const STYLE_LINE: Record<NoteStyle, { test: RegExp; every: boolean; says: string }> = {
  outline: { test: /^\d+(\.\d+)*[.)]?\s/, every: true, says: 'every line is numbered (1., 1.1 …)' },
  bullet_points: { test: /^[-*•]\s/, every: true, says: 'every line is a bullet (- …)' },
  narrative: {
    test: /^([-*•]|\d+(\.\d+)*[.)])\s/,
    every: false,
    says: 'paragraphs only, no bullets or numbered lines',
  },
  structured: { test: /./, every: true, says: 'sections with a paragraph, key points and examples' },
};

function noteChecks(d: z.output<typeof draft>, args: z.output<typeof input>): FailedCheck[] {
  const out: FailedCheck[] = [];
  const rule = STYLE_LINE[args.note_taking_style];
  const lines = d.note_sections.flatMap((s) =>
    s.content
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  if (!lines.every((l) => rule.test.test(l) === rule.every))
    out.push({ check: 'style', detail: `${args.note_taking_style}: ${rule.says}` });
  const examples = d.note_sections.some((s) => s.examples.length);
  const analogies = d.note_sections.some((s) => s.analogies.length);
  if (examples !== args.include_examples)
    out.push({
      check: 'examples',
      detail: args.include_examples ? 'examples were asked for' : 'examples were not asked for',
    });
  if (analogies !== args.include_analogies)
    out.push({
      check: 'analogies',
      detail: args.include_analogies ? 'analogies were asked for' : 'analogies were not asked for',
    });
  return out;
}

const generation: ToolGeneration<z.output<typeof input>, Output, typeof draft> = {
  draft,
  streams: true,
  grounding: (args) => ({ phrase: args.topic, subject: args.subject }),
  request: (args) =>
    `Write ${args.note_taking_style} notes on ${JSON.stringify(args.topic)} (${args.subject}), ${args.include_examples ? 'with' : 'without'} examples and ${args.include_analogies ? 'with' : 'without'} analogies.`,
  verify: noteChecks,
  build: (d, args, ctx, ground) => ({
    ...d,
    topic: args.topic,
    note_taking_style: args.note_taking_style,
    markdown: render(d.title, d.summary, d.note_sections, args.note_taking_style, ctx.locale),
    ...ground,
  }),
};

export const noteMaker = defineTool({
  name: 'note_maker',
  title: { en: 'Note maker', fil: 'Gumagawa ng notes' },
  description:
    'Writes study notes on a topic in the requested style (outline, bullet points, narrative or structured), optionally with examples and analogies. Pick it when the student asks for notes, a summary or a reviewer of a topic.',
  input,
  output,
  slots: {
    topic: 'topic',
    subject: 'subject',
    note_taking_style: 'note_style',
    include_examples: 'include_examples',
    include_analogies: 'include_analogies',
  },
  required: ['topic'],
  clarify: {
    en: 'What topic do you want notes on?',
    fil: 'Tungkol saan ang notes na gusto mo?',
  },
  examples: {
    en: [
      'Make me notes on photosynthesis',
      'Can you summarize the order of operations for me?',
      'I need a reviewer for place value and rounding',
      'write study notes about factors and multiples in bullet points',
      'notes on nouns please, outline format',
      'Can you make a summary of the parts of speech?',
      'give me notes about plant and animal cells with analogies',
      'summarize the cell structure lesson in a narrative way',
      'Make a one-page reviewer on whole number operations',
      'I missed class, can I have notes on the Philippine Revolution?',
      'structured notes about the Katipunan with examples',
      'create lecture notes on the water cycle',
      'Can you write me notes for my science test on ecosystems?',
      'bullet point summary of climate change',
      'Outline the main points of the Spanish colonial period',
      'help me make notes on subject-verb agreement',
      'summarize Newton’s laws of motion in simple notes',
      'I want a cheat sheet on fractions',
      'Write notes on figures of speech without examples',
      'Can you make notes on linear equations for my review?',
      'please give me a summary of the solar system lesson',
      'Key points of the chapter on atoms, please',
      'study guide about verbs and tenses',
      'Make concise notes about the Calvin cycle',
      'write me notes on supply and demand for Araling Panlipunan',
      'Can you recap what we learned about cells as notes?',
      'notes pls on the pythagorean theorem',
      'summarize the main idea lesson in 5 bullets',
      'outline of the Spanish colonial government for my AP class',
      'I need notes for percent and discounts, with real-life examples',
    ],
    fil: [
      'Gawan mo ako ng reviewer tungkol sa photosynthesis',
      'pa-summarize naman ng order of operations',
      'kailangan ko ng reviewer sa place value at rounding',
      'gawa ka ng notes tungkol sa factors at multiples, naka-bullet',
      'notes sa pangngalan, outline ang format',
      'buod ng mga bahagi ng pananalita please',
      'gawan mo ako ng notes sa selula ng halaman at hayop, may analogy',
      'ibuod mo ang aralin sa cell structure na parang kuwento',
      'isang pahinang reviewer sa operasyon ng whole numbers',
      'absent ako kahapon, pwede pa-notes sa Himagsikang Pilipino?',
      'maayos na notes tungkol sa Katipunan na may halimbawa',
      'gumawa ng notes tungkol sa siklo ng tubig',
      'pakigawa ng notes para sa test ko sa ecosystem',
      'naka-bullet na buod ng climate change',
      'ilista ang mga pangunahing punto ng panahon ng Espanyol',
      'tulungan mo akong gumawa ng notes sa simuno at panaguri',
      'ibuod ang mga batas ni Newton sa simpleng notes',
      'gusto ko ng kodigo, este reviewer, sa fractions',
      'notes sa tayutay pero walang halimbawa',
      'pa-reviewer naman sa linear equations',
      'buod ng aralin tungkol sa solar system',
      'mga mahalagang punto ng kabanata tungkol sa atom',
      'study guide tungkol sa pandiwa at aspekto nito',
      'maikling notes tungkol sa Calvin cycle',
      'notes sa supply at demand para sa AP',
      'i-recap mo bilang notes ang natutunan natin sa selula',
      'gawan mo ako ng buod ng Noli Me Tangere',
      'notes po sa pythagorean theorem',
      'ibuod mo yung aralin sa main idea, 5 bullets lang',
      'balangkas ng pamahalaang kolonyal ng Espanya para sa AP',
      'reviewer sa porsyento na may halimbawa sa palengke',
    ],
  },
  prompt: `You are the note maker of Aralin, a tutor for Filipino K-12 learners (grades 4–12).
Write study notes (a "reviewer") on ONE topic. Never invent facts: stay with the reference notes (summary,
explanation, extension, key terms, worked examples, misconceptions, analogies), or with standard grade-level
knowledge when no notes are given.

Style (note_taking_style), for the content of every section:
- outline: every line numbered hierarchically (1., 1.1, 1.2 …), one idea per line.
- bullet_points: every line a terse bullet ("- " then a few words to one short line); no paragraphs.
- narrative: flowing paragraphs that read like a textbook page; no bullets or numbered lines (key_points []).
- structured: sections (key ideas, key terms, worked examples, common mistakes, going further), each with a
  short paragraph, key points and examples.
The summary is the overview: no section repeats it, and no key point repeats another.
Put worked examples in sections' examples only when examples are asked for (else every examples list is []),
and analogies from Philippine everyday life (jeepney, sari-sari store, palengke, bayanihan) in analogies only
when analogies are asked for (else []). A hands-on learner gets the worked examples right after the summary.
Also: key_concepts, connections_to_prior_learning (earlier lessons it builds on), practice_suggestions.
Respond with one JSON object matching the schema you are given.`,
  generation,
  run(args, ctx) {
    const { topic, grounding } = resolveTopic(ctx.content, args.topic, { subject: args.subject });
    if (!topic) {
      const message = notInPack(args.topic, grounding, ctx.content, ctx.locale);
      return {
        topic: args.topic,
        title: args.topic,
        summary: message,
        note_sections: [],
        key_concepts: [],
        connections_to_prior_learning: [],
        practice_suggestions: [],
        source_references: [],
        note_taking_style: args.note_taking_style,
        grounding,
        markdown: message,
      };
    }
    return { ...makeNotes(topic, args, ctx), grounding };
  },
  // The notes card shows the notes; the reply only leads into them (API clients have `markdown` whole).
  reply(result, _input, ctx) {
    if (!result.grounding.topic_id && !result.grounding.model_knowledge) return result.markdown;
    const lead =
      ctx.locale === 'fil'
        ? `Narito ang notes mo tungkol sa **${result.topic}**. Gusto mo bang gawin kong flashcards o quiz ang mga ito?`
        : `Here are your notes on **${result.topic}**. Want me to turn them into flashcards or a quiz?`;
    return result.grounding.model_knowledge ? `${lead}\n\n${ungroundedNote(ctx.locale)}` : lead;
  },
});
