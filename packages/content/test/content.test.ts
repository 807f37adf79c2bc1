import { describe, expect, it } from 'vitest';
import { foldTerm, loadContentLibrary, loadTopics, QuizItem, Subject } from '../src/index.ts';
import { givesAnswerAway, type LessonParts, repeatsWorkedExample } from '../src/lint.ts';

const item = (type: QuizItem['type'], question: string, answer: string, question_fil?: string) =>
  QuizItem.parse({
    id: 'q',
    type,
    difficulty: 'easy',
    question,
    ...(question_fil ? { question_fil } : {}),
    answer,
    ...(type === 'multiple_choice'
      ? { choices: [{ text: answer }, { text: 'x', misconception: 'm' }, { text: 'y', misconception: 'm' }] }
      : {}),
    explanation: 'e',
  });

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

describe('quiz items that repeat a problem their lesson solves (content linter)', () => {
  it('flags none in the pack', () => {
    const flagged = topics.flatMap((t) =>
      t.quiz.filter((q) => repeatsWorkedExample(q, t)).map((q) => `${t.id} ${q.id}`),
    );
    expect(flagged).toEqual([]);
  });

  const both = (text: string) => ({ en: text, fil: text });
  const lesson = (parts: Partial<LessonParts>): LessonParts => ({
    summary: both('…'),
    explanation: both('…'),
    extension: both('…'),
    worked_examples: [],
    flashcards: [],
    misconceptions: [],
    ...parts,
  });
  const example = (problem: string, answer: string, steps = ['…'], problemFil = problem) =>
    lesson({
      worked_examples: [{ problem: { en: problem, fil: problemFil }, steps: steps.map(both), answer }],
    });
  const card = (front: string, back: string, example?: string) =>
    lesson({ flashcards: [{ front, back, ...(example ? { example } : {}), difficulty: 'easy' }] });
  const prose = (explanation: string) => lesson({ explanation: both(explanation) });
  const misconception = (wrong: string, right: string) =>
    lesson({ misconceptions: [{ misconception: both(wrong), correction: both(right) }] });

  it.each([
    [
      'the worked example itself',
      item('multiple_choice', 'Solve 5 − 3x ≥ 11.', 'x ≤ −2'),
      example('Solve and graph 5 − 3x ≥ 11.', 'x ≤ −2'),
    ],
    [
      'its answer in another form, the numbers reordered',
      item('numeric', 'Compute 3/4 + 2/3 as an improper fraction.', '17/12'),
      example('Add 2/3 + 3/4.', '1 5/12'),
    ],
    [
      'its answer with a unit',
      item('numeric', 'A bottle holds 1.5 L. How many 250-mL glasses can it fill?', '6'),
      example('A 1.5 L bottle fills how many 250-mL glasses?', '6 glasses'),
    ],
    [
      'its answer among several',
      item('multiple_choice', 'Which is a factor of x³ + 2x² − 5x − 6?', 'x + 1'),
      example('Factor x³ + 2x² − 5x − 6.', '(x + 1)(x + 3)(x − 2)'),
    ],
    [
      'an intermediate result in its steps',
      item('numeric', 'Compute 2/3 + 3/4. Give an improper fraction.', '17/12'),
      example('Add 2/3 + 3/4.', '1 5/12', ['8/12 + 9/12 = 17/12.']),
    ],
    [
      'the example restated in Filipino only',
      item(
        'numeric',
        'A theatre has 20 rows; row 1 has 15 seats, each next row 2 more. How many seats?',
        '680',
        'May 20 hanay; 15 upuan sa unang hanay at 2 ang dagdag. Ilan lahat?',
      ),
      example(
        '20 rows, 15 seats in the first, 2 more in each next row: how many seats?',
        '680 seats',
        ['…'],
        'May 20 hanay, 15 upuan sa una at 2 ang dagdag bawat hanay. Ilan lahat?',
      ),
    ],
    [
      'a worked-example step',
      item('numeric', 'Evaluate 2⁻³.', '1/8'),
      example('Evaluate 2⁻³ + 5⁰.', '9/8', ['2⁻³ = 1/2³ = 1/8.']),
    ],
    [
      'a flashcard example',
      item('numeric', 'Find the LCM of 4 and 6.', '12'),
      card('LCM', 'The smallest common multiple.', 'LCM(4, 6) = 12'),
    ],
    [
      'a flashcard front and back',
      item('numeric', 'Evaluate 2 + 3 × 4.', '14'),
      card('2 + 3 × 4 = ?', '14', 'Multiply first.'),
    ],
    [
      'a flashcard with mixed numbers',
      item('numeric', 'Write 2¾ as an improper fraction.', '11/4'),
      card('Mixed → improper', 'whole × denominator + numerator', '2¾ = 11/4'),
    ],
    [
      'a misconception and its correction',
      item('multiple_choice', 'What is 1/2 + 1/3?', '5/6'),
      misconception('1/2 + 1/3 = 2/5.', 'Rename first: 3/6 + 2/6 = 5/6.'),
    ],
    [
      'a sentence of the explanation',
      item('multiple_choice', 'Solve 2x − 3 > 7.', 'x > 5'),
      prose('Undo the operations. 2x − 3 > 7 → 2x > 10 → x > 5. Shade to the right of 5.'),
    ],
  ])('flags a quiz item its lesson solves: %s', (_, quizItem, parts) => {
    expect(repeatsWorkedExample(quizItem, parts)).toBe(true);
  });

  it.each([
    [
      "the example's numbers with another question",
      item('numeric', 'How far apart are (−2, 3) and (6, 9)?', '10'),
      example('Find the midpoint of (−2, 3) and (6, 9).', '(2, 6)', ['(−2 + 6)/2 = 2 and (3 + 9)/2 = 6.']),
    ],
    [
      "the example's answer with new numbers",
      item('multiple_choice', 'Solve 4 − 5x ≥ 14.', 'x ≤ −2'),
      example('Solve 5 − 3x ≥ 11.', 'x ≤ −2'),
    ],
    [
      'a question with a single number',
      item('numeric', 'What is the opposite of −14?', '14'),
      example('Find the opposite of −14.', '14'),
    ],
    [
      "the question's numbers apart in a passage",
      item('numeric', 'A box is 3 cm × 4 cm × 12 cm. How long is its diagonal?', '13'),
      card('Pythagorean triples', 'Whole-number sides', '3-4-5, 5-12-13, 8-15-17'),
    ],
    [
      "the question's numbers in another order",
      item('numeric', 'Solve x − 8 = −3.', '5'),
      card('Variables on both sides', 'Collect the x terms', '5x − 2 = 3x + 8 → x = 5'),
    ],
    [
      'an answer the question itself states',
      item('numeric', 'Solve 3x + 5 = 20.', '5'),
      misconception('In 3x + 5 = 20, dividing only 3x by 3.', 'Subtract 5 first, then divide by 3.'),
    ],
    [
      'a true/false item',
      item('true_false', 'True or false: 2/3 × 4/5 = 8/15.', 'True'),
      card('Multiply fractions', 'Straight across', '2/3 × 4/5 = 8/15'),
    ],
    [
      'the numbers and the answer in different sentences',
      item('numeric', 'Evaluate 2 + 3 × 4.', '14'),
      prose('In 2 + 3 × 4, multiply first. Adding first would give 20, not 14.'),
    ],
    [
      'a recall answer without a number',
      item('short_answer', 'Who was elected president at Tejeros on March 22, 1897?', 'Aguinaldo'),
      card('Tejeros Convention', 'March 22, 1897: Aguinaldo elected president'),
    ],
  ])('leaves alone %s', (_, quizItem, parts) => {
    expect(repeatsWorkedExample(quizItem, parts)).toBe(false);
  });
});
