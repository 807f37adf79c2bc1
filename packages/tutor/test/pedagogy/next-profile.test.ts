import { describe, expect, it } from 'vitest';
import { recommendNext } from '../../src/pedagogy/next.ts';
import { inferEmotionalState, masterySummaryFrom } from '../../src/pedagogy/profile.ts';
import { library } from '../tools/fixtures.ts';

const content = library();

describe('recommendNext', () => {
  it('starts a new student on foundation topics', () => {
    const recs = recommendNext({}, content, { limit: 5 });
    expect(recs.every((r) => r.kind === 'start')).toBe(true);
    expect(recs.map((r) => r.topic_id).sort()).toEqual(['eng-nouns', 'math-integers', 'sci-cells']);
    expect(recs[0]?.reason).toEqual({
      en: 'A foundation topic — a good place to start',
      fil: 'Pundasyong aralin — magandang simulan',
    });
  });

  it('prefers weak-but-started topics, then unlocks topics whose prerequisites are mastered', () => {
    const recs = recommendNext({ 'sci-cells': 0.9, 'math-integers': 0.4, 'eng-nouns': 0.7 }, content, {
      limit: 4,
    });
    expect(recs[0]).toMatchObject({ topic_id: 'math-integers', kind: 'continue', p_known: 0.4 });
    expect(recs[1]).toMatchObject({ topic_id: 'eng-nouns', kind: 'continue' });
    expect(recs[2]).toMatchObject({ topic_id: 'sci-photosynthesis', kind: 'unlocked' });
    expect(recs[2]?.reason.en).toBe('Unlocked: you mastered Plant and Animal Cells');
    expect(recs[0]?.reason).toEqual({
      en: '40% so far — a little more practice will lock it in',
      fil: '40% na — kaunting pagsasanay pa para matutunan nang lubos',
    });
    // Linear equations stays locked: integers is not mastered yet.
    expect(recs.map((r) => r.topic_id)).not.toContain('math-linear-equations');
    // Mastered topics are not recommended.
    expect(recs.map((r) => r.topic_id)).not.toContain('sci-cells');
  });

  it('points a student stuck on a topic to its unmet prerequisite', () => {
    const recs = recommendNext({ 'math-linear-equations': 0.3, 'math-integers': 0.5 }, content, {
      subject: 'Mathematics',
    });
    expect(recs[0]).toMatchObject({ topic_id: 'math-integers', kind: 'prerequisite' });
    expect(recs[0]?.reason.en).toBe('Needed first for Linear Equations in One Variable');
    expect(recs[0]?.reason.fil).toMatch(/^Kailangan muna para sa /);
    expect(recs.find((r) => r.topic_id === 'math-linear-equations')?.kind).toBe('continue');
  });

  it('offers the topics a student asked about but has not practised, after unlocked and before foundation topics', () => {
    const explored = ['math-linear-equations', 'sci-cells', 'eng-nouns'];
    const recs = recommendNext({ 'sci-cells': 0.9 }, content, { limit: 10, explored });
    expect(recs.map((r) => [r.topic_id, r.kind])).toEqual([
      ['sci-photosynthesis', 'unlocked'],
      // Asked about although integers, its prerequisite, is not mastered: the student chose it.
      ['math-linear-equations', 'explored'],
      ['eng-nouns', 'explored'],
      ['math-integers', 'start'],
    ]);
    expect(recs[1]?.reason.en).toBe('You asked about it — a short quiz shows what you know');
    expect(recs[1]?.reason.fil).toMatch(/^Itinanong mo ito/);
    // Once practised, a topic is continued, not explored; above the grade it is offered only when asked about.
    const started = recommendNext({ 'eng-nouns': 0.3 }, content, { explored: ['eng-nouns'] });
    expect(started[0]).toMatchObject({ topic_id: 'eng-nouns', kind: 'continue' });
    const grade4 = recommendNext({}, content, { grade: 4, limit: 10, explored: ['math-integers'] });
    expect(grade4.find((r) => r.topic_id === 'math-integers')?.kind).toBe('explored');
    // Newest first, whatever the topics' grades.
    for (const order of [
      ['eng-nouns', 'math-linear-equations'],
      ['math-linear-equations', 'eng-nouns'],
    ])
      expect(
        recommendNext({}, content, { grade: 12, explored: order, limit: 2 }).map((r) => r.topic_id),
      ).toEqual(order);
    // Only the five newest count.
    const many = ['a', 'b', 'c', 'd', 'e', 'eng-nouns'];
    expect(recommendNext({}, content, { limit: 10, explored: many }).every((r) => r.kind === 'start')).toBe(
      true,
    );
  });

  it('says why in one short line per language, never repeating the title', () => {
    const recs = recommendNext(
      { 'math-linear-equations': 0.3, 'sci-cells': 0.9, 'eng-nouns': 0.5 },
      content,
      {
        limit: 10,
        explored: ['sci-photosynthesis', 'math-gcf'],
      },
    );
    expect(new Set(recs.map((r) => r.kind)).size).toBeGreaterThanOrEqual(3);
    for (const r of recs)
      for (const line of [r.reason.en, r.reason.fil]) {
        expect(line.length, line).toBeLessThanOrEqual(80);
        expect(line, line).not.toContain('\n');
        expect(line, line).not.toContain(r.title.en);
      }
  });

  it('honours subject, grade and limit', () => {
    expect(recommendNext({}, content, { subject: 'English' }).map((r) => r.topic_id)).toEqual(['eng-nouns']);
    const grade4 = recommendNext({}, content, { grade: 4, limit: 10 }).map((r) => r.topic_id);
    expect(grade4).toContain('eng-nouns');
    expect(grade4).toContain('sci-cells');
    expect(grade4).not.toContain('math-integers');
    expect(recommendNext({}, content, { limit: 1 })).toHaveLength(1);
  });
});

describe('inferEmotionalState', () => {
  it('reads English and Filipino cues', () => {
    expect(inferEmotionalState(['nahihirapan ako dito']).cues).toEqual(['frustrated']);
    expect(inferEmotionalState(['NALILITO na ako sa fractions']).cues).toEqual(['confused']);
    expect(inferEmotionalState(['pagod na ako']).cues).toEqual(['tired']);
    expect(inferEmotionalState(['kinakabahan ako sa exam bukas']).cues).toEqual(['anxious']);
    expect(inferEmotionalState(['nakakastress na talaga']).cues).toEqual(['anxious']);
    expect(inferEmotionalState(['I give up']).cues).toEqual(['frustrated']);
    expect(inferEmotionalState(["I don't get it at all"]).cues).toEqual(['confused']);
    expect(inferEmotionalState(['gets ko na!']).cues).toEqual(['confident']);
  });

  it('summarises several cues, most recent first, and reports calm when there are none', () => {
    const s = inferEmotionalState(['kinakabahan ako sa exam', 'pagod na ako, ang hirap']);
    expect(s.cues).toEqual(['frustrated', 'tired', 'anxious']);
    expect(s.summary).toContain('frustrated');
    expect(s.summary).toContain('"pagod na"');
    const calm = inferEmotionalState(['what is photosynthesis?', 'thanks!']);
    expect(calm.cues).toEqual([]);
    expect(calm.summary).toBe('No signs of distress in recent messages.');
    expect(inferEmotionalState(['nalilito ako'], 'fil').summary).toBe(
      'Mukhang nalilito ang estudyante ("nalilito").',
    );
  });

  it('lets recent confidence outweigh older distress, and forgets old messages', () => {
    expect(inferEmotionalState(['nalilito ako', 'ahh gets ko na']).cues).toEqual(['confident']);
    expect(inferEmotionalState(['I give up', 'ok', 'ok', 'ok', 'ok', 'ok']).cues).toEqual([]);
  });

  it('does not read school content as emotion', () => {
    expect(
      inferEmotionalState(['Magellan lost the battle of Mactan', 'the hard drive stores data']).cues,
    ).toEqual([]);
  });
});

describe('masterySummaryFrom', () => {
  it('puts the overall level first and names the strongest and weakest topics', () => {
    const s = masterySummaryFrom(
      { 'sci-photosynthesis': 0.15, 'eng-nouns': 0.85, 'math-integers': 0.5 },
      {
        titles: { 'sci-photosynthesis': 'Photosynthesis', 'eng-nouns': 'Nouns' },
      },
    );
    expect(s).toBe('Level 6 — getting steady (3 topic(s); strongest: Nouns L9; weakest: Photosynthesis L2)');
    expect(masterySummaryFrom({})).toBe('Level 1 — just starting (no practice recorded yet)');
    expect(masterySummaryFrom({ a: 0.2 }, { locale: 'fil' })).toMatch(/^Antas 3 — binubuo ang pundasyon/);
  });
});
