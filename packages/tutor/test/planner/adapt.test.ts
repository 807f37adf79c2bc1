import { describe, expect, it } from 'vitest';
import { createTutor, type StudentState } from '../../src/index.ts';
import { ADAPTATIONS, adapted, frameReply, type Reading } from '../../src/planner/adapt.ts';
import type { SlotKind } from '../../src/tool.ts';

const blank: StudentState = {
  learning_style: null,
  teaching_style: null,
  emotional_state: null,
  mastery_level: null,
  topic_mastery: {},
};
const reading = (state: Partial<StudentState>, mastery: number | null = null): Reading => ({
  state: { ...blank, ...state },
  mastery,
});

/** Each row of docs/orchestrator.md's adaptation table: a state that matches it, and what it must set. */
const ROWS: [string, Reading, Partial<Record<SlotKind, unknown>>][] = [
  [
    'emotional_state=anxious',
    reading({ emotional_state: 'anxious' }),
    { difficulty: 'easy', depth: 'basic', count: 3, include_examples: true },
  ],
  [
    'emotional_state=tired',
    reading({ emotional_state: 'tired' }),
    { difficulty: 'easy', depth: 'basic', count: 3, note_style: 'bullet_points' },
  ],
  [
    'emotional_state=frustrated or confused',
    reading({ emotional_state: 'confused' }),
    { difficulty: 'easy', depth: 'basic', include_examples: true, include_analogies: true },
  ],
  [
    'emotional_state=confident or bored',
    reading({ emotional_state: 'bored' }),
    { difficulty: 'hard', include_examples: false },
  ],
  ['teaching_style=socratic', reading({ teaching_style: 'socratic' }), { hint_level: 1 }],
  [
    'teaching_style=flipped',
    reading({ teaching_style: 'flipped' }),
    { hint_level: 1, include_examples: false },
  ],
  [
    'teaching_style=visual',
    reading({ teaching_style: 'visual' }),
    { include_analogies: true, note_style: 'outline' },
  ],
  ['teaching_style=direct', reading({ teaching_style: 'direct' }), { hint_level: 0, include_examples: true }],
  [
    'learning_style=visual',
    reading({ learning_style: 'visual' }),
    { include_analogies: true, note_style: 'outline' },
  ],
  [
    'learning_style=auditory',
    reading({ learning_style: 'auditory' }),
    { include_analogies: true, note_style: 'narrative' },
  ],
  [
    'learning_style=reading_writing',
    reading({ learning_style: 'reading_writing' }),
    { include_examples: true, note_style: 'narrative' },
  ],
  [
    'learning_style=kinesthetic',
    reading({ learning_style: 'kinesthetic' }),
    { include_examples: true, note_style: 'outline' },
  ],
  ['mastery 1–3', reading({}, 2), { difficulty: 'easy', depth: 'basic', include_examples: true }],
  ['mastery 4–6', reading({}, 5), { difficulty: 'medium', depth: 'intermediate', include_examples: true }],
  ['mastery 7–9', reading({}, 8), { difficulty: 'hard', depth: 'advanced', include_examples: false }],
  ['mastery 10', reading({}, 10), { difficulty: 'hard', depth: 'comprehensive', include_examples: false }],
];

describe('the adaptation table', () => {
  it('has exactly the rows the docs list', () => {
    expect(ADAPTATIONS.map((row) => row.name)).toEqual(ROWS.map(([name]) => name));
  });

  it.each(ROWS)('%s sets its slots', (name, r, expected) => {
    for (const [kind, value] of Object.entries(expected))
      expect(adapted(kind as SlotKind, r), `${name}: ${kind}`).toEqual({ value, row: name });
  });

  it('leaves a slot no row speaks to for the default', () => {
    expect(adapted('count', reading({ learning_style: 'visual' }, 5))).toBeNull();
    expect(adapted('topic', reading({ emotional_state: 'tired' }))).toBeNull();
    expect(adapted('difficulty', reading({ emotional_state: 'calm' }))).toBeNull();
  });

  it('lets mood outrank teaching style, teaching style outrank learning style, and both outrank mastery', () => {
    const everything = reading(
      { emotional_state: 'anxious', teaching_style: 'direct', learning_style: 'auditory' },
      9,
    );
    expect(adapted('difficulty', everything)?.value).toBe('easy');
    expect(adapted('include_examples', everything)?.row).toBe('emotional_state=anxious');
    expect(adapted('hint_level', everything)?.row).toBe('teaching_style=direct');
    expect(adapted('note_style', everything)?.row).toBe('learning_style=auditory');
    const styles = reading({ teaching_style: 'visual', learning_style: 'auditory' });
    expect(adapted('note_style', styles)?.value).toBe('outline');
  });
});

describe('the reply, framed by the table', () => {
  const result = {
    key_terms: [
      { term: 'Chlorophyll', definition: 'the green pigment | that absorbs light' },
      { term: 'Glucose', definition: 'the sugar a plant makes' },
    ],
  };
  it('opens warmly for an anxious student, in their language, and keeps the reply whole', () => {
    const framed = frameReply('DRAFT', reading({ emotional_state: 'anxious' }), {}, 'fil');
    expect(framed).toBe('Walang pressure — paisa-isang maliit na hakbang lang tayo.\n\nDRAFT');
  });
  it('closes with a question for a Socratic student', () => {
    const framed = frameReply('DRAFT', reading({ teaching_style: 'socratic' }), {}, 'en');
    expect(framed.startsWith('DRAFT\n\n')).toBe(true);
    expect(framed).toMatch(/\?$/);
  });
  it('asks a flipped student to try first', () => {
    expect(frameReply('DRAFT', reading({ teaching_style: 'flipped' }), {}, 'en')).toMatch(/^Try it first/);
  });
  it('adds a text table of key terms for a visual learner, or the key points as step arrows', () => {
    const table = frameReply('DRAFT', reading({ learning_style: 'visual' }), result, 'en');
    expect(table).toContain('| Term | Meaning |');
    expect(table).toContain('| Chlorophyll | the green pigment / that absorbs light |');
    const arrows = frameReply(
      'DRAFT',
      reading({ teaching_style: 'visual' }),
      { key_points: ['A', 'B', 'C'] },
      'en',
    );
    expect(arrows).toBe('DRAFT\n\nA → B → C');
  });
  it('leaves the reply alone when no row frames it', () => {
    expect(frameReply('DRAFT', reading({}, 5), result, 'en')).toBe('DRAFT');
  });
});

describe('adaptation end to end', () => {
  const tutor = createTutor();
  const ask = (message: string, user: Record<string, unknown>) =>
    tutor.orchestrate({ user_info: { user_id: 's1', name: 'Ana', ...user }, message });

  it('gives an anxious student a short easy quiz and a warm opening', async () => {
    const r = await ask('quiz me on fractions', { emotional_state: 'anxious' });
    expect(r.parameters).toMatchObject({ num_questions: 3, difficulty: 'easy' });
    expect(r.reply).toMatch(/^No pressure/);
  });
  it('gives a Socratic student a hint before the solution, and a flipped one too', async () => {
    for (const teaching_style of ['socratic', 'flipped']) {
      const r = await ask('solve 2x + 3 = 11', { teaching_style });
      expect(r.parameters.hint_level, teaching_style).toBe(1);
      expect((r.result as { answer: unknown }).answer).toBeNull();
    }
    expect((await ask('solve 2x + 3 = 11', { teaching_style: 'direct' })).parameters.hint_level).toBe(0);
  });
  it('gives a visual learner outline notes with analogies', async () => {
    const r = await ask('notes on the water cycle', { learning_style: 'visual' });
    expect(r.parameters).toMatchObject({ note_taking_style: 'outline', include_analogies: true });
  });
  it('reads the topic’s own mastery before the overall level', async () => {
    const r = await ask('quiz me on fractions', { mastery_level: 2, topic_mastery: { fractions: 9 } });
    expect(r.parameters.difficulty).toBe('hard');
    expect(r.trace.some((t) => t.detail.includes('mastery 7–9'))).toBe(true);
  });
  it('lets what the student says outrank the table', async () => {
    const r = await ask('give me 10 hard questions on integers', { emotional_state: 'tired' });
    expect(r.parameters).toMatchObject({ num_questions: 10, difficulty: 'hard' });
  });
});
