import { describe, expect, it } from 'vitest';
import { foldTerm, loadContentLibrary, loadTopics, QuizItem, Subject } from '../src/index.ts';
import { givesAnswerAway } from '../src/lint.ts';

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

describe('quiz items that give their answer away (content linter)', () => {
  it('flags none in the pack', () => {
    const flagged = topics.flatMap((t) => t.quiz.filter(givesAnswerAway).map((q) => `${t.id} ${q.id}`));
    expect(flagged).toEqual([]);
  });

  const item = (type: QuizItem['type'], question: string, answer: string, question_fil?: string) =>
    QuizItem.parse({
      id: 'q',
      type,
      difficulty: 'easy',
      question,
      ...(question_fil ? { question_fil } : {}),
      answer,
      ...(type === 'multiple_choice'
        ? {
            choices: [{ text: answer }, { text: 'x', misconception: 'm' }, { text: 'y', misconception: 'm' }],
          }
        : {}),
      explanation: 'e',
    });

  it('flags an answer the question states or offers as one of two numbers, in either language', () => {
    expect(givesAnswerAway(item('numeric', 'What is the opposite of −14?', '14'))).toBe(true);
    expect(
      givesAnswerAway(item('numeric', 'Compare 7/9 and 11/14. Give the larger fraction.', '11/14')),
    ).toBe(true);
    expect(givesAnswerAway(item('numeric', 'A star is 4.2 light-years away. How many years?', '4.2'))).toBe(
      true,
    );
    expect(givesAnswerAway(item('short_answer', 'Ghent is where it was printed. Where?', 'Ghent'))).toBe(
      true,
    );
    expect(givesAnswerAway(item('short_answer', 'Saan?', 'Ghent', 'Sa Ghent ito nilimbag. Saan?'))).toBe(
      true,
    );
  });

  it('leaves computations, identification in a quoted sentence and listed options alone', () => {
    expect(givesAnswerAway(item('numeric', 'Solve 3x + 5 = 20.', '5'))).toBe(false);
    expect(givesAnswerAway(item('numeric', 'Write 3/4 as a decimal.', '0.75'))).toBe(false);
    expect(
      givesAnswerAway(
        item('short_answer', 'Identify the adverb in "The typhoon was extremely strong."', 'extremely'),
      ),
    ).toBe(false);
    expect(
      givesAnswerAway(
        item(
          'short_answer',
          'Anong kasarian ang "doktor" — panlalaki, pambabae, di-tiyak o wala?',
          'di-tiyak',
        ),
      ),
    ).toBe(false);
    expect(givesAnswerAway(item('multiple_choice', 'Which is a noun: dog, run or blue?', 'dog'))).toBe(false);
  });
});
