import { loadContentLibrary } from '@aralin/content';
import { describe, expect, it } from 'vitest';
import { moderate } from '../../src/safety/moderate.ts';
import { LABELLED } from './labelled.ts';

describe('moderation on a labelled set', () => {
  it('has a large, balanced, bilingual set', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(80);
    expect(LABELLED.filter(([, c]) => c === null).length).toBeGreaterThanOrEqual(25);
    for (const category of ['self_harm', 'abuse', 'bullying', 'sexual', 'personal_info'])
      expect(LABELLED.filter(([, c]) => c === category).length).toBeGreaterThanOrEqual(5);
  });

  it('reaches precision ≥ 0.95 and recall ≥ 0.95, with every self-harm message caught', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const mistakes: string[] = [];
    for (const [message, expected] of LABELLED) {
      const got = moderate(message).category;
      if (got !== expected) mistakes.push(`${JSON.stringify(message)}: expected ${expected}, got ${got}`);
      if (expected && got === expected) tp++;
      else if (got && got !== expected) fp++;
      if (expected && got !== expected) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(precision, mistakes.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(recall, mistakes.join('\n')).toBeGreaterThanOrEqual(0.95);
    const selfHarm = LABELLED.filter(([, c]) => c === 'self_harm');
    expect(selfHarm.filter(([m]) => moderate(m).category === 'self_harm')).toHaveLength(selfHarm.length);
  });
});

describe('moderate', () => {
  it('answers self-harm with high severity and Philippine crisis hotlines in the student language', () => {
    const en = moderate('I want to kill myself', 'en');
    expect(en).toMatchObject({ flagged: true, category: 'self_harm', severity: 'high' });
    for (const number of ['1553', '0917-899-8727', '0966-351-4518', '0908-639-2672'])
      expect(en.reply).toContain(number);
    expect(en.matched.join()).toMatch(/kill myself/);
    const fil = moderate('gusto ko nang mamatay');
    expect(fil.reply).toMatch(/Salamat at sinabi mo/);
    expect(fil.reply).toContain('1553');
  });

  it('answers abuse, bullying, sexual content and shared details with their own replies', () => {
    expect(moderate('sinasaktan ako ng tatay ko')).toMatchObject({ category: 'abuse', severity: 'high' });
    expect(moderate('sinasaktan ako ng tatay ko').reply).toContain('Bantay Bata 163');
    expect(moderate('binubully ako sa school')).toMatchObject({ category: 'bullying', severity: 'medium' });
    expect(moderate('you are so stupid', 'en')).toMatchObject({ category: 'bullying', severity: 'low' });
    expect(moderate('you are so stupid', 'en').reply).toMatch(/keep our words kind/);
    expect(moderate('send nudes', 'en')).toMatchObject({ category: 'sexual', severity: 'medium' });
    const pii = moderate('text me 0917-123-4567 or juan@example.com', 'en');
    expect(pii).toMatchObject({ category: 'personal_info', severity: 'medium' });
    expect(pii.matched).toEqual(['0917-123-4567', 'juan@example.com']);
  });

  it('reports the most serious category and every match', () => {
    const r = moderate('binubully ako at gusto ko nang mamatay');
    expect(r.category).toBe('self_harm');
    expect(r.matched.length).toBe(2);
  });

  it('does not flag ordinary school messages', () => {
    for (const message of ['What is photosynthesis?', 'solve 2x + 3 = 11', 'quiz me on the Katipunan'])
      expect(moderate(message)).toEqual({
        flagged: false,
        category: null,
        severity: null,
        reply: null,
        matched: [],
        safety: null,
      });
  });

  it('reads spacing, case, accents, punctuation, stretched letters and leetspeak', () => {
    for (const message of ['K.I.L.L  my-self!!!', 'Gustooooo ko nang mamatáy', 'i want to k1ll mys3lf'])
      expect(moderate(message).category, message).toBe('self_harm');
  });

  it('reports the contract view: crisis, hotlines and what matched', () => {
    const crisis = moderate('parang gusto ko na lang mag-suicide');
    expect(crisis.safety).toMatchObject({ category: 'self_harm', severity: 'high', crisis: true });
    expect(crisis.safety?.hotlines.map((h) => h.name)).toEqual(['NCMH Crisis Hotline', 'Emergency']);
    expect(crisis.safety?.matched[0]).toMatch(/magsuicide/);
    expect(moderate('sinasaktan ako ng tatay ko').safety).toMatchObject({ category: 'abuse', crisis: true });
    expect(moderate('binubully ako sa school').safety).toMatchObject({ crisis: false, hotlines: [] });
    expect(moderate('What is photosynthesis?').safety).toBeNull();
  });
});

let pack: ReturnType<typeof loadContentLibrary> | undefined;
try {
  pack = loadContentLibrary();
} catch (error) {
  console.warn(`SKIPPING moderation false-positive check on the pack: it does not load (${String(error)})`);
}

describe.skipIf(!pack)('moderation on school content', () => {
  it('flags no text of the bundled curriculum pack', () => {
    const topics = pack?.topics ?? [];
    expect(topics.length).toBeGreaterThan(0);
    const flagged: string[] = [];
    for (const t of topics) {
      const texts = [
        t.summary.en,
        t.summary.fil,
        t.explanation.en,
        t.explanation.fil,
        t.extension.en,
        t.extension.fil,
        ...t.quiz.flatMap((q) => [q.question, q.question_fil ?? '', q.explanation]),
        ...t.flashcards.flatMap((f) => [f.front, f.back, f.example ?? '']),
        ...t.misconceptions.flatMap((m) => [
          m.misconception.en,
          m.misconception.fil,
          m.correction.en,
          m.correction.fil,
        ]),
        ...t.worked_examples.flatMap((w) => [w.problem.en, w.problem.fil]),
      ];
      for (const text of texts) {
        const r = moderate(text, 'en');
        if (r.flagged)
          flagged.push(`${t.id}: ${r.category} ${JSON.stringify(r.matched)} in ${text.slice(0, 80)}`);
      }
    }
    expect(flagged, flagged.join('\n')).toEqual([]);
  });
});
