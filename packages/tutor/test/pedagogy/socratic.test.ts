import { loadContentLibrary } from '@aralin/content';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/contract.ts';
import { createTutor } from '../../src/orchestrator.ts';
import { EXERCISE_TOPICS, exerciseEvidence } from '../../src/pedagogy/exercise-topics.ts';
import { attemptOf, socraticStep } from '../../src/pedagogy/socratic.ts';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const tutor = (content: string): ChatMessage => ({ role: 'assistant', content });

describe('the hint ladder', () => {
  it('climbs nudge → method → next step → solution across asks about the same exercise', () => {
    const ask = 'solve 2x + 3 = 11';
    expect(socraticStep({ message: ask, history: [] })).toMatchObject({ stage: 'nudge', hint_level: 1 });
    const h1 = [user(ask), tutor('What operation undoes + 3?')];
    expect(socraticStep({ message: 'paano nga ulit? 2x + 3 = 11', history: h1 })).toMatchObject({
      stage: 'method',
      hint_level: 3,
      requested: true,
    });
    const h2 = [...h1, user('hindi ko pa rin gets'), tutor('A similar one: 3x + 1 = 10 …')];
    expect(socraticStep({ message: 'another hint?', history: h2 }).stage).toBe('next_step');
    const h3 = [...h2, user('another hint?'), tutor('Next step: subtract 3 from both sides')];
    const last = socraticStep({ message: 'still stuck, how?', history: h3 });
    expect(last).toMatchObject({ stage: 'solution', hint_level: 0 });
  });

  it('gives the solution at once on insistence, but never in a hints-only class', () => {
    for (const message of ['just give me the answer', 'ibigay mo na ang sagot', 'sagot na lang po'])
      expect(socraticStep({ message, history: [user('solve 4x = 20')] }).stage).toBe('solution');
    const history = [user('solve 4x = 20'), tutor('hint'), user('help'), tutor('hint'), user('more?')];
    for (const message of ['just give me the answer', 'still stuck', 'suko na ako'])
      expect(socraticStep({ message, history, hintsOnly: true }).stage).toBe('next_step');
  });

  it('starts over for a different exercise and ignores unrelated chatter', () => {
    const history = [user('solve 2x + 3 = 11'), tutor('hint'), user('2x + 3 = 11 help'), tutor('hint 2')];
    expect(socraticStep({ message: 'solve 5y - 2 = 18', history }).stage).toBe('nudge');
    const chatter = [user('hello!'), tutor('Hi!'), user('good morning'), tutor('Morning!')];
    expect(socraticStep({ message: 'solve 4x = 20', history: chatter }).stage).toBe('nudge');
  });

  it('honours an explicit request for a stronger hint', () => {
    const r = socraticStep({
      message: 'a similar worked problem for 3x = 12',
      history: [],
      requestedHintLevel: 3,
    });
    expect(r.stage).toBe('method');
    expect(socraticStep({ message: '3x = 12', history: [], requestedHintLevel: 0 }).stage).toBe('nudge');
  });

  it("reads the student's answer in English, Filipino and Taglish, and not a new exercise", () => {
    const answers: [string, string][] = [
      ['I got x = 4', 'x = 4'],
      ['my answer is 11/12', '11/12'],
      ['is it 5?', '5'],
      ['ang sagot ko ay 6', '6'],
      ['nakuha ko po ay -3', '-3'],
      ['6 ba?', '6'],
      ['x = 4 po, tama ba?', 'x = 4'],
      ['2x = 8 so x = 4', 'x = 4'],
      ['2x = 8 kaya x = 4', 'x = 4'],
      ['sa tingin ko 25%', '25%'],
    ];
    for (const [message, answer] of answers) expect(attemptOf(message), message).toBe(answer);
    for (const message of [
      'solve 2x + 3 = 11',
      '2x + 3 = 11',
      'what is 3/4 + 1/6?',
      'hello',
      'another hint?',
    ])
      expect(attemptOf(message), message).toBeNull();
  });
});

describe('the Socratic gate in the orchestrator', () => {
  const t = createTutor();
  const student = { user_id: 's1', name: 'Ana' };
  const turn = (message: string, history: ChatMessage[] = [], hintsOnly = false) =>
    t.orchestrate({ user_info: student, chat_history: history, message }, { socratic: true, hintsOnly });

  it('answers a new exercise with a nudge and an invitation to try, not the answer', async () => {
    const r = await turn('Solve 2x + 3 = 11');
    expect(r.tool).toBe('math_solver');
    expect(r.parameters.hint_level).toBe(1);
    expect(r.result?.answer).toBeNull();
    expect(r.socratic).toMatchObject({ stage: 'nudge', attempt: null, hint_requested: false });
    expect(r.reply).toMatch(/try/i);
    expect(r.reply).not.toMatch(/\b4\b/);
    // Without the gate the solution comes at once (the library default).
    const plain = await t.orchestrate({ user_info: student, message: 'Solve 2x + 3 = 11' });
    expect(plain.result?.answer).toBe('4');
  });

  it('checks a wrong attempt and climbs a rung; a right one gets the solution to compare', async () => {
    const history = [user('Solve 2x + 3 = 11'), tutor('💡 Get x alone. Give it a try!')];
    const wrong = await turn('I got x = 5', history);
    expect(wrong.socratic).toMatchObject({ attempt: { answer: 'x = 5', correct: false }, stage: 'method' });
    expect(wrong.result?.answer).toBeNull();
    expect(wrong.reply).toMatch(/^Not quite/);
    const h2 = [...history, user('I got x = 5'), tutor(wrong.reply)];
    const right = await turn('is it 4?', h2);
    expect(right.socratic).toMatchObject({ attempt: { answer: '4', correct: true }, stage: 'solution' });
    expect(right.result?.answer).toBe('4');
    expect(right.reply).toMatch(/^✅ Yes/);
  });

  it('checks a Filipino answer the planner does not understand, in Filipino', async () => {
    const history = [user('Lutasin ang 3(x - 2) = 12'), tutor('💡 …')];
    const r = await turn('ang sagot ko ay 6', history);
    expect(r.tool).toBe('math_solver');
    expect(r.socratic?.attempt).toEqual({ answer: '6', correct: true });
    expect(r.reply).toMatch(/^✅ Tama/);
    const wrong = await turn('5 po ba?', history);
    expect(wrong.socratic?.attempt).toEqual({ answer: '5', correct: false });
    expect(wrong.reply).toMatch(/^Hindi pa/);
  });

  it('keeps a hints-only class on hints, and says why', async () => {
    const history = [user('Solve 2x + 3 = 11'), tutor('💡'), user('another hint'), tutor('💡')];
    const r = await turn('just give me the answer', history, true);
    expect(r.result?.answer).toBeNull();
    expect(r.socratic?.stage).toBe('next_step');
    expect(r.reply).toMatch(/assessment/);
  });

  it('leaves turns that are no exercise alone', async () => {
    const r = await turn('explain photosynthesis');
    expect(r.tool).toBe('concept_explainer');
    expect(r.socratic).toBeNull();
  });
});

describe('exercise evidence', () => {
  it('maps every exercise kind to a pack topic, and only attempts and asked-for hints count', () => {
    const content = loadContentLibrary();
    for (const [kind, topic] of Object.entries(EXERCISE_TOPICS))
      expect(content.get(topic), kind).toBeDefined();
    const base = { stage: 'method' as const, exercise: '2x = 4', attempt: null, hint_requested: false };
    expect(exerciseEvidence(base, 'linear_equation')).toBeNull();
    expect(exerciseEvidence({ ...base, hint_requested: true }, 'linear_equation')).toEqual({
      topic_id: 'math-linear-equations-one-variable',
      evidence: { kind: 'hint_used' },
    });
    expect(exerciseEvidence({ ...base, attempt: { answer: '2', correct: true } }, 'gcd')?.evidence).toEqual({
      kind: 'exercise_attempt',
      correct: true,
    });
    expect(exerciseEvidence({ ...base, hint_requested: true }, 'unsupported')).toBeNull();
  });
});
