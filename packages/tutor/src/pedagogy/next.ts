import type { ContentLibrary, Subject, Topic } from '@aralin/content';
import { normalizeSubject } from '../tools/shared.ts';

/** A prerequisite counts as mastered from this P(known) on. */
export const MASTERED = 0.8;

export type RecommendationKind = 'continue' | 'prerequisite' | 'unlocked' | 'explored' | 'start';

export interface Recommendation {
  topic_id: string;
  title: { en: string; fil: string };
  subject: Subject;
  kind: RecommendationKind;
  /** Current P(known), or null when the student has not started the topic. */
  p_known: number | null;
  /** Why, in one short line per language (it does not repeat the title). */
  reason: Bilingual;
  score: number;
}

export interface RecommendOptions {
  grade?: number | undefined;
  subject?: string | undefined;
  limit?: number | undefined;
  /**
   * Topics the student asked the tutor about, newest first. One they have not practised yet is offered after
   * the unlocked topics and before foundation topics, whatever its grade: the student chose it.
   */
  explored?: readonly string[] | undefined;
}

/** How many of the explored topics count, newest first. */
const EXPLORED_MAX = 5;

function inGrade(topic: Topic, grade: number | undefined): boolean {
  if (grade === undefined) return true;
  // Up to one grade ahead, and review of earlier grades.
  return topic.grade_band.from <= grade + 1;
}

function gradeDistance(topic: Topic, grade: number | undefined): number {
  if (grade === undefined) return 0;
  if (grade < topic.grade_band.from) return topic.grade_band.from - grade;
  if (grade > topic.grade_band.to) return grade - topic.grade_band.to;
  return 0;
}

function pct(p: number): string {
  return `${Math.round(p * 100)}%`;
}

type Bilingual = { en: string; fil: string };

/**
 * Why a topic is recommended, as one short line in each language (shown under the topic's title, so it does
 * not repeat it): `p` is the topic's P(known), `other` the topic it unblocks or the topics that unlocked it.
 */
const REASONS = {
  continue: (p: number): Bilingual => ({
    en: `${pct(p)} so far — a little more practice will lock it in`,
    fil: `${pct(p)} na — kaunting pagsasanay pa para matutunan nang lubos`,
  }),
  blocked: (p: number): Bilingual => ({
    en: `${pct(p)} so far — strengthen its foundations first`,
    fil: `${pct(p)} na — palakasin muna ang mga batayan nito`,
  }),
  prerequisite: (other: Bilingual): Bilingual => ({
    en: `Needed first for ${other.en}`,
    fil: `Kailangan muna para sa ${other.fil}`,
  }),
  explored: (): Bilingual => ({
    en: 'You asked about it — a short quiz shows what you know',
    fil: 'Itinanong mo ito — makikita sa maikling quiz ang alam mo na',
  }),
  unlocked: (other: Bilingual): Bilingual => ({
    en: `Unlocked: you mastered ${other.en}`,
    fil: `Bukas na: natutunan mo na ang ${other.fil}`,
  }),
  start: (): Bilingual => ({
    en: 'A foundation topic — a good place to start',
    fil: 'Pundasyong aralin — magandang simulan',
  }),
};

/**
 * The next best topics for a student, from their mastery (topic id → P(known)) and the pack's prerequisite
 * graph: first topics they started but have not mastered (weakest first), then the unmet prerequisites of
 * started topics, then topics just unlocked because every prerequisite is mastered (≥ 0.8), then topics the
 * student asked about but has not practised, then foundation topics with no prerequisites. Mastered topics and
 * locked topics the student did not ask about are not recommended.
 */
export function recommendNext(
  mastery: Record<string, number>,
  content: ContentLibrary,
  options: RecommendOptions = {},
): Recommendation[] {
  const subject = normalizeSubject(options.subject);
  const limit = options.limit ?? 3;
  const known = (id: string) => mastery[id];
  const isMastered = (id: string) => (known(id) ?? 0) >= MASTERED;
  const out = new Map<string, Recommendation>();
  const add = (rec: Recommendation) => {
    const prev = out.get(rec.topic_id);
    if (!prev || prev.score < rec.score) out.set(rec.topic_id, rec);
  };

  const explored = new Map((options.explored ?? []).slice(0, EXPLORED_MAX).map((id, rank) => [id, rank]));
  const candidates = content.topics.filter(
    (t) => (!subject || t.subject === subject) && (inGrade(t, options.grade) || explored.has(t.id)),
  );
  for (const topic of candidates) {
    const p = known(topic.id);
    const prereqs = topic.prerequisites.flatMap((id) => {
      const t = content.get(id);
      return t ? [t] : [];
    });
    const unmet = prereqs.filter((t) => !isMastered(t.id));
    const base = { title: topic.title, subject: topic.subject } as const;
    const distance = gradeDistance(topic, options.grade) * 0.1;
    if (p !== undefined && p >= MASTERED) continue;
    if (p !== undefined) {
      if (unmet.length === 0) {
        add({
          ...base,
          topic_id: topic.id,
          kind: 'continue',
          p_known: p,
          score: 4 + (MASTERED - p) - distance,
          reason: REASONS.continue(p),
        });
      } else {
        for (const pre of unmet) {
          const pp = known(pre.id);
          add({
            title: pre.title,
            subject: pre.subject,
            topic_id: pre.id,
            kind: 'prerequisite',
            p_known: pp ?? null,
            // A started prerequisite outranks continuing it for its own sake: it unblocks another topic.
            score: 3.5 + (MASTERED - (pp ?? 0)) * 0.5 + (pp === undefined ? 0 : 1.2) - distance,
            reason: REASONS.prerequisite(topic.title),
          });
        }
        add({
          ...base,
          topic_id: topic.id,
          kind: 'continue',
          p_known: p,
          score: 2.5 + (MASTERED - p) - distance,
          reason: REASONS.blocked(p),
        });
      }
      continue;
    }
    const rank = explored.get(topic.id);
    if (rank !== undefined)
      add({
        ...base,
        topic_id: topic.id,
        kind: 'explored',
        p_known: null,
        // Newest first, whatever the grade: the student chose it.
        score: 2 - rank * 0.1,
        reason: REASONS.explored(),
      });
    if (unmet.length > 0) continue;
    if (prereqs.length > 0) {
      const names = {
        en: prereqs.map((t) => t.title.en).join(', '),
        fil: prereqs.map((t) => t.title.fil).join(', '),
      };
      add({
        ...base,
        topic_id: topic.id,
        kind: 'unlocked',
        p_known: null,
        score: 3 - distance,
        reason: REASONS.unlocked(names),
      });
    } else {
      add({
        ...base,
        topic_id: topic.id,
        kind: 'start',
        p_known: null,
        score: 1 - distance - topic.grade_band.from * 0.01,
        reason: REASONS.start(),
      });
    }
  }
  return [...out.values()]
    .sort((a, b) => b.score - a.score || a.topic_id.localeCompare(b.topic_id))
    .slice(0, limit);
}
