import type { Bilingual, ContentLibrary, Subject, Topic } from '@aralin/content';
import { foldTerm, STOP_WORDS, tokenize } from '@aralin/content';
import { z } from 'zod';
import type { Locale, UserInfo } from '../contract.ts';

export const Difficulty = z.enum(['easy', 'medium', 'hard']);
export type Difficulty = z.infer<typeof Difficulty>;

export const Depth = z.enum(['basic', 'intermediate', 'advanced', 'comprehensive']);
export type Depth = z.infer<typeof Depth>;

export const NoteStyle = z.enum(['outline', 'bullet_points', 'narrative', 'structured']);
export type NoteStyle = z.infer<typeof NoteStyle>;

export const QuestionType = z.enum(['multiple_choice', 'true_false', 'short_answer', 'numeric']);
export type QuestionType = z.infer<typeof QuestionType>;

export const SourceReference = z.object({ title: z.string(), url: z.string().optional() });
export type SourceReference = z.infer<typeof SourceReference>;

/** Where a content tool's answer came from: the pack topic it used, or the closest ones when none matched. */
export const Grounding = z.object({
  topic_id: z.string().nullable(),
  closest: z.array(z.object({ id: z.string(), title: z.string() })),
  /** True when a model wrote the result from its own knowledge: the pack has no notes on it. */
  model_knowledge: z.boolean().optional(),
});
export type Grounding = z.infer<typeof Grounding>;

/** The pack text in the student's language. */
export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'fil' ? text.fil : text.en;
}

/** Maps how students and planners name a subject ("math", "Agham", "AP", "history") to the pack's subject. */
export function normalizeSubject(subject: string | undefined): Subject | undefined {
  if (!subject) return undefined;
  const s = subject
    .toLowerCase()
    .replace(/[^a-z ]/g, ' ')
    .trim();
  if (/\b(math|maths|mathematics|matematika|algebra|geometry|arithmetic|statistics)\b/.test(s))
    return 'Mathematics';
  if (/\b(science|agham|biology|chemistry|physics|earth science)\b/.test(s)) return 'Science';
  if (/\b(araling panlipunan|ap|social studies|history|kasaysayan|economics|ekonomiks|civics)\b/.test(s))
    return 'Araling Panlipunan';
  if (/\b(english|ingles|reading|grammar|literature)\b/.test(s)) return 'English';
  if (/\b(filipino|tagalog|wika|panitikan|pagbasa)\b/.test(s)) return 'Filipino';
  return undefined;
}

/** Parses "Grade 6", "G7", "7", "ika-7 baitang" into a number. */
function gradeOf(user: UserInfo | undefined): number | undefined {
  const match = user?.grade_level?.match(/\d{1,2}/);
  if (!match) return undefined;
  const grade = Number(match[0]);
  return grade >= 1 && grade <= 12 ? grade : undefined;
}

export interface LearnerTraits {
  grade: number | undefined;
  /** Learns best from pictures and comparisons: analogies come first. */
  visual: boolean;
  /** Learns by doing: worked examples come first. */
  handsOn: boolean;
}

export function learnerTraits(user: UserInfo | undefined): LearnerTraits {
  const style = (user?.learning_style_summary ?? '').toLowerCase();
  return {
    grade: gradeOf(user),
    visual: user?.learning_style
      ? user.learning_style === 'visual'
      : /visual|picture|diagram|larawan|biswal|imahe/.test(style),
    handsOn: user?.learning_style
      ? user.learning_style === 'kinesthetic'
      : /hands-on|kinesthetic|practice|example|halimbawa|doing|pagsasanay|ginagawa/.test(style),
  };
}

/** Words that name no topic: the search index's stop words plus requests and fillers it still indexes. */
const FILLER: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  ...`topics basics basic intro introduction review reviewer summary summarize summarise simple simply grade level
  chapter unit subject off up all aralin paksa tanong pagsusulit`
    .split(/\s+/)
    .filter(Boolean),
]);

export function contentTerms(phrase: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(phrase)) {
    if (FILLER.has(token) || token.includes('-')) continue;
    const folded = foldTerm(token);
    if (folded.length >= 2) out.add(folded);
  }
  return [...out];
}

export function similar(a: string, b: string): boolean {
  if (a === b) return true;
  const shortest = Math.min(a.length, b.length);
  if (shortest < 4) return false;
  let common = 0;
  while (common < shortest && a[common] === b[common]) common++;
  return common >= Math.max(4, shortest - 2);
}

interface TopicIndex {
  /** Folded words of the title, aliases and key terms: what the topic is named by. */
  headline: string[];
  /** Folded words of all its prose. */
  all: string[];
}

const topicIndexCache = new WeakMap<Topic, TopicIndex>();

function topicIndex(topic: Topic): TopicIndex {
  let cached = topicIndexCache.get(topic);
  if (!cached) {
    const headline = [
      topic.title.en,
      topic.title.fil,
      ...topic.aliases,
      ...topic.key_terms.flatMap((k) => [k.term.en, k.term.fil]),
    ].join(' ');
    const body = [
      topic.summary.en,
      topic.summary.fil,
      topic.explanation.en,
      topic.explanation.fil,
      ...topic.key_terms.flatMap((k) => [k.definition.en, k.definition.fil]),
    ].join(' ');
    const fold = (text: string) => [...new Set(tokenize(text).map(foldTerm))];
    cached = { headline: fold(headline), all: fold(`${headline} ${body}`) };
    topicIndexCache.set(topic, cached);
  }
  return cached;
}

const idfCache = new WeakMap<readonly Topic[], Map<string, number>>();

/** How rare a word is across the pack: rare words (and words no topic uses) say most about a request. */
function idf(topics: readonly Topic[], term: string): number {
  let cache = idfCache.get(topics);
  if (!cache) {
    cache = new Map();
    idfCache.set(topics, cache);
  }
  let value = cache.get(term);
  if (value === undefined) {
    const df = topics.filter((t) => topicIndex(t).all.some((w) => similar(term, w))).length;
    value = Math.log((topics.length + 1) / (df + 0.5));
    cache.set(term, value);
  }
  return value;
}

/**
 * How well the topic covers the phrase (0..1): the share of the phrase's content words the topic talks about,
 * each weighted by its rarity in the pack, so "Newton's laws" is not covered by "laws of exponents".
 */
export function coverage(phrase: string, topic: Topic, topics: readonly Topic[] = [topic]): number {
  const wanted = contentTerms(phrase);
  if (wanted.length === 0) return 0;
  const { all } = topicIndex(topic);
  let total = 0;
  let hit = 0;
  for (const w of wanted) {
    const weight = Math.max(0.1, idf(topics, w));
    total += weight;
    if (all.some((h) => similar(w, h))) hit += weight;
  }
  return hit / total;
}

/** A hit is accepted when the topic covers all of the phrase, or half of it including a word it is named by. */
function accepts(phrase: string, topic: Topic, topics: readonly Topic[]): boolean {
  const c = coverage(phrase, topic, topics);
  if (c >= 0.999) return true;
  if (c < 0.5) return false;
  const { headline } = topicIndex(topic);
  return contentTerms(phrase).some((w) => headline.some((h) => similar(w, h)));
}

export interface Resolution {
  topic: Topic | null;
  grounding: Grounding;
  /** The subject filter applied, when the input named a known subject. */
  subject: Subject | undefined;
}

const NAME_INDEX = new WeakMap<readonly Topic[], Map<string, Topic[]>>();

/** The topics whose title (either language) or alias is the phrase, spelling folded; built once per pack. */
function topicsNamed(topics: readonly Topic[], phrase: string): Topic[] {
  let index = NAME_INDEX.get(topics);
  if (!index) {
    index = new Map();
    for (const t of topics)
      for (const name of new Set([t.title.en, t.title.fil, ...t.aliases].map((n) => foldTerm(n.trim())))) {
        const list = index.get(name);
        if (list) list.push(t);
        else index.set(name, [t]);
      }
    NAME_INDEX.set(topics, index);
  }
  return index.get(foldTerm(phrase.trim())) ?? [];
}

/**
 * Finds the pack topic a student's phrase names, honouring the subject when it names a known one. Search hits
 * that share too few of the phrase's content words (fuzzy noise: "World War II" → "words") are not accepted;
 * they are offered as the closest topics instead, so a tool answers honestly rather than inventing content.
 */
export function resolveTopic(
  content: ContentLibrary,
  phrase: string,
  options: { subject?: string | undefined; context?: string | undefined } = {},
): Resolution {
  const subject = normalizeSubject(options.subject);
  const byId = content.get(phrase.trim());
  if (byId && (!subject || byId.subject === subject))
    return { topic: byId, grounding: { topic_id: byId.id, closest: [] }, subject };
  const named = topicsNamed(content.topics, phrase).find((t) => !subject || t.subject === subject);
  if (named) return { topic: named, grounding: { topic_id: named.id, closest: [] }, subject };
  const hits = content.search(phrase, { ...(subject ? { subject } : {}), limit: 8 });
  let accepted = hits.filter((h) => accepts(phrase, h.topic, content.topics));
  if (options.context && accepted.length > 1) {
    const around = new Set(content.search(options.context, { limit: 5 }).map((h) => h.topic.id));
    const inContext = accepted.filter((h) => around.has(h.topic.id));
    if (inContext.length > 0) accepted = [...inContext, ...accepted.filter((h) => !around.has(h.topic.id))];
  }
  const best = accepted[0]?.topic ?? null;
  if (best) return { topic: best, grounding: { topic_id: best.id, closest: [] }, subject };
  // Closest: hits that share at least one content word; else topics of the context or the requested subject.
  // Fuzzy guesses that share no word with the request are not offered.
  const all = [...hits, ...(subject ? content.search(phrase, { limit: 5 }) : [])].map((h) => h.topic);
  const related = all.filter((t) => coverage(phrase, t, content.topics) > 0);
  const contextual = options.context ? content.search(options.context, { limit: 3 }).map((h) => h.topic) : [];
  const sameSubject = subject ? content.topics.filter((t) => t.subject === subject) : [];
  const near = related.length ? related : contextual.length ? contextual : sameSubject;
  const closest: { id: string; title: string }[] = [];
  for (const t of near) {
    if (closest.length >= 3) break;
    if (!closest.some((c) => c.id === t.id)) closest.push({ id: t.id, title: t.title.en });
  }
  return { topic: null, grounding: { topic_id: null, closest }, subject };
}

/** Quote marks a shown phrase must not carry: one left open would swallow the rest of the sentence. */
const QUOTE_MARKS = /["“”„«»`]/g;

/**
 * A student's phrase quoted inside a sentence: its own quote marks dropped, so the quote always closes, and a
 * long one shortened at a word boundary.
 */
export function quoted(phrase: string, max = 60): string {
  let s = phrase.replace(QUOTE_MARKS, '').replace(/\s+/g, ' ').trim();
  if (s.length > max) {
    const cut = s.lastIndexOf(' ', max);
    s = `${s.slice(0, cut > max / 2 ? cut : max).replace(/[\s,;:.<>=/-]+$/, '')}…`;
  }
  return `"${s}"`;
}

/** The honest answer for a topic outside the pack, naming the closest topics it does have. */
export function notInPack(
  phrase: string,
  grounding: Grounding,
  content: ContentLibrary,
  locale: Locale,
): string {
  const names = grounding.closest.map((c) => {
    const topic = content.get(c.id);
    return topic ? pick(topic.title, locale) : c.title;
  });
  if (locale === 'fil') {
    const head = `Wala pa akong notes tungkol sa ${quoted(phrase)}.`;
    return names.length
      ? `${head} Ito ang pinakamalapit na mayroon ako: ${names.join(', ')}. Gusto mo bang iyon ang pag-aralan natin?`
      : `${head} Subukan mong magtanong tungkol sa ibang aralin sa Math, Science, English, Filipino o Araling Panlipunan.`;
  }
  const head = `I don't have notes on ${quoted(phrase)} yet.`;
  return names.length
    ? `${head} Here is the closest I have: ${names.join(', ')}. Shall we study one of those?`
    : `${head} Try asking about another lesson in Math, Science, English, Filipino or Araling Panlipunan.`;
}

/** Said with a result a model wrote from its own knowledge: the pack has no notes on it to check against. */
export function ungroundedNote(locale: Locale): string {
  return locale === 'fil'
    ? '_Paalala: wala ito sa mga aralin ng Aralin, kaya mula ito sa sariling kaalaman ng AI. Ihambing sa iyong aklat o itanong sa guro._'
    : "_Note: this is not in Aralin's lessons, so it comes from the AI's own knowledge. Check it against your textbook or ask your teacher._";
}

/** Topics that build on this one (those listing it as a prerequisite). */
export function dependents(content: ContentLibrary, topic: Topic): Topic[] {
  return content.topics.filter((t) => t.prerequisites.includes(topic.id));
}

export function prerequisiteTopics(content: ContentLibrary, topic: Topic): Topic[] {
  return topic.prerequisites.flatMap((id) => {
    const t = content.get(id);
    return t ? [t] : [];
  });
}

/**
 * Splits prose into sentences (keeps decimals, abbreviations like "e.g." and equations together); a sentence may
 * end inside its closing quote or bracket (`… from them." Article III …`).
 */
export function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((para) => para.split(/(?<=[.!?]["”’)]?)\s+(?=[A-Z"“(0-9ÑÁÉÍÓÚ])/u))
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^(e\.g|i\.e)\.?$/i.test(s));
}

/** Paragraphs of pack prose (a YAML folded block keeps one newline between paragraphs). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Where a long sentence may end on a whole clause: before a second clause or an aside. */
const CLAUSE_ENDS = [
  '; ',
  ' — ',
  ' – ',
  ', which ',
  ', so ',
  ', because ',
  ', kaya ',
  ', dahil ',
  ', na siyang ',
];

/**
 * A terse bullet from a sentence: the main clause, without asides in brackets. A sentence longer than `max`
 * ends at its last clause boundary that fits; one without such a boundary stays whole (never a cut word).
 */
export function terse(sentence: string, max = 110): string {
  let s = sentence
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const semi = s.indexOf('; ');
  if (semi > 30) s = s.slice(0, semi);
  if (s.length > max) {
    const lower = s.toLowerCase();
    const ends = CLAUSE_ENDS.map((e) => lower.lastIndexOf(e, max)).filter((i) => i >= 30);
    if (ends.length) s = s.slice(0, Math.max(...ends));
  }
  return s.replace(/[.,:]$/, '');
}

export function sourceReferences(topic: Topic): SourceReference[] {
  return topic.source_references.map((r) => (r.url ? { title: r.title, url: r.url } : { title: r.title }));
}

/** A worked example as one readable string: problem, numbered steps, answer. */
export function workedExampleText(example: Topic['worked_examples'][number], locale: Locale): string {
  const steps = example.steps.map((s, i) => `${i + 1}. ${pick(s, locale)}`).join(' ');
  const answer = locale === 'fil' ? 'Sagot' : 'Answer';
  return `${pick(example.problem, locale)} — ${steps} ${answer}: ${example.answer}`;
}

/** Difficulty order for borrowing: the requested one first, then its neighbours. */
export function difficultyOrder(difficulty: Difficulty): Difficulty[] {
  if (difficulty === 'easy') return ['easy', 'medium', 'hard'];
  if (difficulty === 'hard') return ['hard', 'medium', 'easy'];
  return ['medium', 'easy', 'hard'];
}

/** Takes items round-robin across groups so a selection mixes kinds instead of taking one kind first. */
export function interleave<T>(items: T[], key: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  const out: T[] = [];
  const queues = [...groups.values()];
  while (out.length < items.length) {
    for (const q of queues) {
      const next = q.shift();
      if (next !== undefined) out.push(next);
    }
  }
  return out;
}

/** A grade note when the learner is below the topic's usual grade band. */
export function gradeNote(topic: Topic, user: UserInfo | undefined, locale: Locale): string | null {
  const grade = gradeOf(user);
  if (grade === undefined || grade >= topic.grade_band.from) return null;
  return locale === 'fil'
    ? `Karaniwang itinuturo ito mula Grade ${topic.grade_band.from}; dahan-dahan lang tayo.`
    : `This is usually taught from Grade ${topic.grade_band.from}, so we'll take it step by step.`;
}
