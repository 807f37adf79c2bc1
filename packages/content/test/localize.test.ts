import { describe, expect, it } from 'vitest';
import { Flashcard, flashcardIn, loadTopics, QuizItem, quizItemIn } from '../src/index.ts';

const choiceItem = QuizItem.parse({
  id: 'q1',
  type: 'multiple_choice',
  difficulty: 'easy',
  question: 'Which gas do plants take in?',
  question_fil: 'Anong gas ang kinukuha ng halaman?',
  choices: [
    { text: 'Carbon dioxide', text_fil: 'Carbon dioxide (CO₂)' },
    { text: 'Oxygen', text_fil: 'Oxygen', misconception: 'mixes up the gas given off' },
    { text: 'Helium', text_fil: 'Helium', misconception: 'guesses' },
  ],
  answer: 'Carbon dioxide',
  explanation: 'Plants take in carbon dioxide.',
  explanation_fil: 'Kinukuha ng halaman ang carbon dioxide.',
});

const shortItem = QuizItem.parse({
  id: 'q2',
  type: 'short_answer',
  difficulty: 'medium',
  question: 'What do we call the green pigment?',
  question_fil: 'Ano ang tawag sa luntiang pigment?',
  answer: 'chlorophyll',
  answer_fil: 'kloropil',
  accepted: ['chlorophyl'],
  explanation: 'Chlorophyll absorbs light.',
});

describe('pack items in the student’s language', () => {
  it('words a choice item in Filipino, its answer being the Filipino wording of the right choice', () => {
    const fil = quizItemIn(choiceItem, 'fil');
    expect(fil.question).toBe('Anong gas ang kinukuha ng halaman?');
    expect(fil.choices).toEqual(['Carbon dioxide (CO₂)', 'Oxygen', 'Helium']);
    expect(fil.answer).toBe('Carbon dioxide (CO₂)');
    expect(fil.accepted).toContain('Carbon dioxide');
    expect(fil.explanation).toBe('Kinukuha ng halaman ang carbon dioxide.');
  });

  it('keeps the English item for an English student', () => {
    const en = quizItemIn(choiceItem, 'en');
    expect(en).toMatchObject({ question: 'Which gas do plants take in?', answer: 'Carbon dioxide' });
    expect(en.choices).toEqual(['Carbon dioxide', 'Oxygen', 'Helium']);
  });

  it('accepts the English answer of a short answer asked in Filipino, and falls back per field', () => {
    const fil = quizItemIn(shortItem, 'fil');
    expect(fil.answer).toBe('kloropil');
    expect(fil.accepted).toEqual(['chlorophyll', 'chlorophyl']);
    expect(fil.explanation).toBe('Chlorophyll absorbs light.');
  });

  it('falls back per choice and refuses a Filipino answer on a choice item', () => {
    const mixed = QuizItem.parse({
      ...choiceItem,
      choices: [
        { text: 'Carbon dioxide', text_fil: 'CO₂' },
        ...(choiceItem.choices ?? []).slice(1).map((c) => ({ ...c, text_fil: undefined })),
      ],
    });
    expect(quizItemIn(mixed, 'fil').choices).toEqual(['CO₂', 'Oxygen', 'Helium']);
    expect(QuizItem.safeParse({ ...choiceItem, answer_fil: 'CO₂' }).success).toBe(false);
  });

  it('turns a whole card to Filipino, or keeps the English card', () => {
    const card = Flashcard.parse({
      front: 'What is evaporation?',
      back: 'Liquid turning into gas.',
      example: 'Puddles drying in the sun.',
      front_fil: 'Ano ang ebaporasyon?',
      back_fil: 'Ang likido na nagiging gas.',
      example_fil: 'Natutuyong lusak sa araw.',
      difficulty: 'easy',
    });
    expect(flashcardIn(card, 'fil')).toEqual({
      front: 'Ano ang ebaporasyon?',
      back: 'Ang likido na nagiging gas.',
      example: 'Natutuyong lusak sa araw.',
    });
    expect(flashcardIn(card, 'en').front).toBe('What is evaporation?');
    expect(Flashcard.safeParse({ ...card, back_fil: undefined }).success).toBe(false);
    expect(Flashcard.safeParse({ ...card, example_fil: undefined }).success).toBe(false);
  });
});

describe('the pack in Filipino', () => {
  // The language subjects teach their own language; the others are taught in both.
  const taught = loadTopics().filter((t) => !['English', 'Filipino'].includes(t.subject));

  it('words every quiz item and card of Mathematics, Science and Araling Panlipunan in Filipino', () => {
    const missing = taught.flatMap((t) => [
      ...t.quiz.filter((q) => !q.question_fil || !q.explanation_fil).map((q) => `${t.id} ${q.id}`),
      ...t.flashcards.filter((c) => !c.front_fil).map((c) => `${t.id} card "${c.front}"`),
    ]);
    expect(taught.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('keeps a Filipino choice list distinct, with the right choice among it', () => {
    const clashes = taught.flatMap((t) =>
      t.quiz
        .filter((q) => q.choices)
        .filter((q) => {
          const local = quizItemIn(q, 'fil');
          return (
            new Set(local.choices).size !== local.choices?.length || !local.choices.includes(local.answer)
          );
        })
        .map((q) => `${t.id} ${q.id}`),
    );
    expect(clashes).toEqual([]);
  });
});
