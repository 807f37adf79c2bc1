import { describe, expect, it } from 'vitest';
import { foldTerm, loadContentLibrary, loadTopics, Subject } from '../src/index.ts';

const topics = loadTopics();
const library = loadContentLibrary();

describe('curriculum pack (content linter)', () => {
  it('has at least 150 topics across every subject, grades 4–10 first', () => {
    expect(topics.length).toBeGreaterThanOrEqual(150);
    for (const subject of Subject.options)
      expect(
        topics.some((t) => t.subject === subject),
        subject,
      ).toBe(true);
    expect(topics.filter((t) => t.grade_band.from <= 10).length).toBeGreaterThanOrEqual(140);
  });

  it('has unique ids whose prefix matches the subject', () => {
    const ids = topics.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const prefix: Record<string, string> = {
      Mathematics: 'math-',
      Science: 'sci-',
      English: 'eng-',
      Filipino: 'fil-',
      'Araling Panlipunan': 'ap-',
    };
    for (const t of topics) expect(t.id.startsWith(prefix[t.subject] as string), t.id).toBe(true);
  });

  it('forms a prerequisite graph without dangling edges or cycles', () => {
    const byId = new Map(topics.map((t) => [t.id, t]));
    for (const t of topics) for (const p of t.prerequisites) expect(byId.has(p), `${t.id} → ${p}`).toBe(true);
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') throw new Error(`cycle: ${[...path, id].join(' → ')}`);
      state.set(id, 'visiting');
      for (const p of byId.get(id)?.prerequisites ?? []) visit(p, [...path, id]);
      state.set(id, 'done');
    };
    for (const t of topics) expect(() => visit(t.id, [])).not.toThrow();
  });

  it('is complete for every topic: both languages, items at every difficulty, unique item ids', () => {
    for (const t of topics) {
      expect(t.quiz.length, t.id).toBeGreaterThanOrEqual(8);
      expect(t.flashcards.length, t.id).toBeGreaterThanOrEqual(8);
      expect(new Set(t.quiz.map((q) => q.id)).size, t.id).toBe(t.quiz.length);
      for (const level of ['easy', 'medium', 'hard'] as const)
        expect(
          t.quiz.some((q) => q.difficulty === level),
          `${t.id} has a ${level} quiz item`,
        ).toBe(true);
      expect(t.explanation.fil.length, t.id).toBeGreaterThan(100);
      expect(t.explanation.en.length, t.id).toBeGreaterThan(100);
      expect(t.aliases.length, t.id).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('search index', () => {
  const top = (phrase: string) => library.search(phrase, { limit: 1 })[0];
  it.each([
    ['photosynthesis', 'Science'],
    ['fotosintesis', 'Science'],
    ['potosintesis', 'Science'],
    ['derivatives', 'Mathematics'],
    ['hinuha', 'Filipino'],
    ['fractions', 'Mathematics'],
    ['Katipunan', 'Araling Panlipunan'],
    ['subject verb agreement', 'English'],
  ])('resolves "%s" to a %s topic, strongly', (phrase, subject) => {
    const hit = top(phrase);
    expect(hit?.topic.subject).toBe(subject);
    expect(hit?.strong).toBe(true);
  });
  it('tolerates typos and prefixes', () => {
    expect(top('photosinthesis')?.topic.id).toBe(top('photosynthesis')?.topic.id);
    expect(top('volcan')?.topic.subject).toBe('Science');
  });
  it('filters by subject and says when nothing matches strongly', () => {
    const science = library.search('fractions', { subject: 'Science' });
    expect(science.length).toBeGreaterThan(0);
    expect(science.every((m) => m.topic.subject === 'Science')).toBe(true);
    expect(top('zxqv blorf')?.strong ?? false).toBe(false);
  });
  it('folds spelling variants to one term', () => {
    expect(foldTerm('photosynthesis')).toBe(foldTerm('fotosintesis'));
    expect(foldTerm('fotosintesis')).toBe(foldTerm('potosintesis'));
  });
});

describe('short terms', () => {
  it('finds abbreviations such as pH and DNA without folding them into everything', () => {
    expect(loadContentLibrary().search('pH', { limit: 1 })[0]?.topic.id).toBe('sci-acids-bases');
    expect(loadContentLibrary().search('DNA', { limit: 1 })[0]?.topic.id).toBe('sci-dna');
  });
});
