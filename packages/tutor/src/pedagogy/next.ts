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
  reason: { en: string; fil: string };
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
          reason: {
            en: `You've started ${topic.title.en} (${pct(p)} mastery); a little more practice will lock it in.`,
            fil: `Nasimulan mo na ang ${topic.title.fil} (${pct(p)} mastery); kaunting pagsasanay pa para matutunan mo ito nang lubos.`,
          },
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
            reason: {
              en: `${topic.title.en} builds on ${pre.title.en}; strengthening it first will make ${topic.title.en} easier.`,
              fil: `Nakasandig ang ${topic.title.fil} sa ${pre.title.fil}; palakasin muna ito para gumaan ang ${topic.title.fil}.`,
            },
          });
        }
        add({
          ...base,
          topic_id: topic.id,
          kind: 'continue',
          p_known: p,
          score: 2.5 + (MASTERED - p) - distance,
          reason: {
            en: `You've started ${topic.title.en} (${pct(p)} mastery); keep going once its prerequisites are solid.`,
            fil: `Nasimulan mo na ang ${topic.title.fil} (${pct(p)} mastery); ituloy ito kapag matibay na ang mga batayan nito.`,
          },
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
        reason: {
          en: `You asked about ${topic.title.en}; a short quiz will show how much of it you already know.`,
          fil: `Nagtanong ka tungkol sa ${topic.title.fil}; makikita sa maikling quiz kung gaano mo na ito alam.`,
        },
      });
    if (unmet.length > 0) continue;
    if (prereqs.length > 0) {
      const names = prereqs.map((t) => t.title.en).join(', ');
      const namesFil = prereqs.map((t) => t.title.fil).join(', ');
      add({
        ...base,
        topic_id: topic.id,
        kind: 'unlocked',
        p_known: null,
        score: 3 - distance,
        reason: {
          en: `You've mastered ${names}, so ${topic.title.en} is unlocked.`,
          fil: `Natutunan mo na nang lubos ang ${namesFil}, kaya bukas na sa iyo ang ${topic.title.fil}.`,
        },
      });
    } else {
      add({
        ...base,
        topic_id: topic.id,
        kind: 'start',
        p_known: null,
        score: 1 - distance - topic.grade_band.from * 0.01,
        reason: {
          en: `${topic.title.en} is a foundation topic with no prerequisites — a good place to start.`,
          fil: `Pundasyong aralin ang ${topic.title.fil} na walang kailangang naunang aralin — magandang simulan.`,
        },
      });
    }
  }
  return [...out.values()]
    .sort((a, b) => b.score - a.score || a.topic_id.localeCompare(b.topic_id))
    .slice(0, limit);
}
