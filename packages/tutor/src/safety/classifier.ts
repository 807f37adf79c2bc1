import model from './classifier.json' with { type: 'json' };
import { classesOf, type Reading, type RuleReading } from './crisis.ts';
import type { WordClass } from './lexicon.ts';

/**
 * The trained crisis classifier, beside the rules (crisis.ts): a logistic regression over features that carry
 * across phrasings and languages. Each message is read as folded words (crisisWords) and becomes a set of
 * binary features, scaled to unit length:
 *
 * - `w:` words and `b:` word pairs, within a clause;
 * - `c:` character 3- and 4-grams of each word, for spellings the lexicon lacks ("mag-ooverdose", "unaliv");
 * - `k:` the lexicon's word classes (DIE, WANT, BURDEN, FAREWELL, PILLS…) and `p:` ordered pairs of classes up
 *   to three words apart in a clause ("gusto ko nang mawala" → WANT…DIE), which generalise to words of the
 *   same meaning the training phrases never used;
 * - `s:` the warning signs the rules read (signs.ts), which alone are not a crisis for the rules, and a denial.
 *
 * Weights and threshold come from scripts/train-safety.ts (classifier.json); the threshold keeps false alarms
 * at or below 3 % on the training negatives, out of fold.
 */

export interface CrisisModel {
  /** L2 penalty the cross-validation chose. */
  lambda: number;
  /** Probability at or above which a message is a crisis. */
  threshold: number;
  bias: number;
  weights: Record<string, number>;
}

/** Filler and function words: as classes they pair with everything and say nothing. */
const SILENT = new Set<WordClass>(['FILLER', 'SUBJECT_MARKER', 'PLACE']);
const PAIR_SPAN = 6;

interface WordFeatures {
  /** The word and its character n-grams. */
  own: string[];
  /** Its word classes, without the silent ones. */
  classes: string[];
}

/** Each word's own features, computed once per word (as classesOf is). */
const memo = new Map<string, WordFeatures>();

function wordFeatures(word: string): WordFeatures {
  let features = memo.get(word);
  if (!features) {
    if (memo.size > 50_000) memo.clear();
    const padded = `<${word}>`;
    const own = [`w:${word}`];
    for (const n of [3, 4])
      for (let i = 0; i + n <= padded.length; i++) own.push(`c:${padded.slice(i, i + n)}`);
    const classes = [...classesOf(word)].filter((c) => !SILENT.has(c));
    features = { own: [...own, ...classes.map((c) => `k:${c}`)], classes };
    memo.set(word, features);
  }
  return features;
}

/** The features of one clause's words. */
function clauseFeatures(words: string[], out: Set<string>): void {
  const each = words.map(wordFeatures);
  each.forEach(({ own, classes }, i) => {
    for (const f of own) out.add(f);
    if (i > 0) out.add(`b:${words[i - 1]}_${words[i]}`);
    for (let j = i + 1; j <= i + PAIR_SPAN && j < each.length; j++)
      for (const d of each[j]?.classes ?? []) for (const c of classes) out.add(`p:${c}_${d}`);
  });
}

/**
 * The message's features (see the module comment) and their values: each kind (`w`, `b`, `c`, `k`, `p`) scaled
 * to the same length, so the many character n-grams do not drown the few word classes.
 */
export function crisisFeatures(read: RuleReading): Map<string, number> {
  const found = new Set<string>([...read.signs.keys()].map((s) => `s:${s}`));
  if (read.denials.length) found.add('s:denial');
  let clause: string[] = [];
  for (const w of [...read.words, '']) {
    if (w) clause.push(w);
    else {
      clauseFeatures(clause, found);
      clause = [];
    }
  }
  const kinds = new Map<string, number>();
  for (const f of found) kinds.set(f.slice(0, 1), (kinds.get(f.slice(0, 1)) ?? 0) + 1);
  const norm = Math.sqrt(kinds.size || 1);
  return new Map([...found].map((f) => [f, 1 / (Math.sqrt(kinds.get(f.slice(0, 1)) ?? 1) * norm)]));
}

/** The probability under `m` that a message with these features is a crisis. */
export function scoreFeatures(
  m: Pick<CrisisModel, 'bias' | 'weights'>,
  features: Map<string, number>,
): number {
  let z = m.bias;
  for (const [f, x] of features) z += (m.weights[f] ?? 0) * x;
  return 1 / (1 + Math.exp(-z));
}

export const CRISIS_MODEL: CrisisModel = model;

/** Someone hurting the student: harm words with another person and no "myself". */
function isAbuse(features: Map<string, number>): boolean {
  const has = (...classes: string[]) => classes.some((c) => features.has(`k:${c}`));
  return has('ABUSED', 'ABUSE_EN', 'TOUCHED', 'HARM') && has('ADULT', 'OTHER') && !has('REFLEXIVE');
}

/**
 * Fewer words than this are too little for a learned guess ("paalam", "i'm ready", "kinakabahan ako"): short
 * messages in crisis say it directly, and the rules read those.
 */
const MIN_WORDS = 3;

/**
 * Whether the classifier may read the message: enough words, and the student speaking of themselves (a
 * first-person word: I, me, my, ako, ko, sarili). Without one a message is about something else ("All acids
 * burn skin", "the hero dies at the end").
 */
export const readable = (read: RuleReading) =>
  read.present.has('FIRST') && read.words.filter(Boolean).length >= MIN_WORDS;

/**
 * The classifier's reading of a crisis, or null under the threshold: abuse when someone hurts the student,
 * self-harm otherwise; both are high, as a rule's reading is (a hotline reply and a teacher flag).
 */
export function classifyCrisis(read: RuleReading): Reading | null {
  if (!readable(read)) return null;
  const features = crisisFeatures(read);
  const p = scoreFeatures(CRISIS_MODEL, features);
  if (p < CRISIS_MODEL.threshold) return null;
  return {
    category: isAbuse(features) ? 'abuse' : 'self_harm',
    severity: 'high',
    reading: `classifier: ${p.toFixed(2)}`,
  };
}
