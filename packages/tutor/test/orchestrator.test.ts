import { describe, expect, it } from 'vitest';
import { evaluate, loadCases } from '../eval/run.ts';
import {
  createTutor,
  detectLocale,
  fitParameters,
  InvalidRequestError,
  ToolRegistry,
  type TutorEvent,
} from '../src/index.ts';
import { parseCountWord } from '../src/planner/embedded/numbers.ts';

const tutor = createTutor();
const user = { user_id: 's1', name: 'Ana' };
const ask = (message: string, extra: Record<string, unknown> = {}) =>
  tutor.orchestrate({
    user_info: { ...user, ...(extra.user as object) },
    chat_history: extra.history ?? [],
    message,
  });
const turn = (...contents: string[]) =>
  contents.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content }));

describe('language detection', () => {
  it('tells English, Filipino and Taglish apart', () => {
    expect(detectLocale('Can you explain photosynthesis?').locale).toBe('en');
    expect(detectLocale('Ano ang fotosintesis?').locale).toBe('fil');
    expect(detectLocale('pa-explain naman ng photosynthesis').locale).toBe('fil');
  });
  it('leans on earlier messages when the latest is too short', () => {
    expect(detectLocale('2x + 3 = 7', [{ role: 'user', content: 'tulungan mo ako sa math' }]).locale).toBe(
      'fil',
    );
  });
});

describe('number words', () => {
  it.each([
    ['10', 10],
    ['ten', 10],
    ['twenty-five', 25],
    ['sampu', 10],
    ['limang', 5],
    ['labinlima', 15],
    ['labing-dalawa', 12],
    ['a dozen', 12],
    ['kinse', 15],
  ])('%s → %d', (word, n) => expect(parseCountWord(word)).toBe(n));
  it('rejects words that are not numbers', () => expect(parseCountWord('flashcards')).toBeNull());
});

describe('parameter extraction layers', () => {
  it('1. takes what the message states', async () => {
    const r = await ask('Make 8 hard flashcards about photosynthesis without examples');
    expect(r.tool).toBe('flashcard_generator');
    expect(r.parameters).toMatchObject({
      topic: 'photosynthesis',
      count: 8,
      difficulty: 'hard',
      include_examples: false,
    });
  });
  it('2. takes the topic from the conversation and re-runs the last tool for a follow-up', async () => {
    const about = await ask('make flashcards about it', {
      history: turn('explain the water cycle', 'The water cycle…'),
    });
    expect(about.parameters.topic).toBe('water cycle');
    const harder = await ask('make it harder', {
      history: turn('quiz me on fractions', 'Here is your quiz.'),
    });
    expect(harder.tool).toBe('quiz_generator');
    expect(harder.parameters).toMatchObject({ topic: 'fractions', difficulty: 'hard' });
  });
  it('3. infers from the student state: struggling → easy/basic, tired → 3 items', async () => {
    expect((await ask('nahihirapan ako sa fractions, pa-quiz naman')).parameters.difficulty).toBe('easy');
    expect((await ask("I'm tired, quiz me on the solar system")).parameters.num_questions).toBe(3);
    const anxious = await ask('explain mitosis', {
      user: { emotional_state_summary: 'anxious about the exam' },
    });
    expect(anxious.parameters.desired_depth).toBe('basic');
  });
  it('3. maps mastery levels to difficulty and depth', async () => {
    const depth = async (level: number) =>
      (await ask('explain chemical bonding', { user: { mastery_level_summary: `Level ${level}` } }))
        .parameters.desired_depth;
    expect(await depth(2)).toBe('basic');
    expect(await depth(5)).toBe('intermediate');
    expect(await depth(8)).toBe('advanced');
    expect(await depth(10)).toBe('comprehensive');
    // The server writes a Filipino student's summary as "Antas N — …".
    const antas = await ask('ipaliwanag ang chemical bonding', {
      user: { mastery_level_summary: 'Antas 8 — mahusay na' },
    });
    expect(antas.parameters.desired_depth).toBe('advanced');
  });
  it('3. lets the learning style choose the note style', async () => {
    const visual = await ask('notes on ecosystems', {
      user: { learning_style_summary: 'visual learner, likes diagrams' },
    });
    expect(visual.parameters.note_taking_style).toBe('outline');
    const reader = await ask('notes on ecosystems', {
      user: { learning_style_summary: 'likes reading and writing' },
    });
    expect(reader.parameters.note_taking_style).toBe('narrative');
  });
  it('4. infers the subject from the topic', async () => {
    expect((await ask('flashcards on photosynthesis')).parameters.subject).toBe('Science');
    expect((await ask('quiz me on derivatives')).parameters.subject).toBe('Mathematics');
  });
  it('5. falls back to defaults, and the trace says which layer decided', async () => {
    const r = await ask('flashcards on the water cycle');
    expect(r.parameters).toMatchObject({ count: 5, difficulty: 'medium' });
    expect(r.trace.some((t) => t.step === 'extract' && t.detail.startsWith('count=5 (default'))).toBe(true);
  });
  it('clamps out-of-range values and says so', async () => {
    const r = await ask('25 flashcards on the periodic table');
    expect(r.parameters.count).toBe(20);
    expect(r.trace.some((t) => t.step === 'clamp' && t.detail.includes('count=20'))).toBe(true);
  });
});

describe('clarification and small talk', () => {
  it('asks one short question in the student language when no topic is anywhere', async () => {
    const en = await ask('make flashcards');
    expect(en.status).toBe('needs_clarification');
    expect(en.clarification?.missing).toEqual(['topic']);
    const fil = await ask('gawan mo ako ng flashcards');
    expect(fil.status).toBe('needs_clarification');
    expect(fil.locale).toBe('fil');
    expect(fil.reply).toMatch(/Tungkol saan/);
  });
  it('takes the answer to its question as the missing value', async () => {
    const r = await ask('photosynthesis', {
      history: turn('make flashcards', 'What topic should the flashcards be about?'),
    });
    expect(r.tool).toBe('flashcard_generator');
    expect(r.parameters.topic).toBe('photosynthesis');
  });
  it('answers a feeling before any tool: no quiz for a student who says they are tired or want to stop', async () => {
    for (const [m, words] of [
      ['pagod na ako', /pahinga/],
      ['Ang hirap ng math, ayoko na', /maliliit na hakbang/],
      ['Math is so hard, I give up', /small steps/],
      ['I hate science', /small steps/],
    ] as const) {
      const r = await ask(m);
      expect(r.status, m).toBe('no_tool');
      expect(r.reply, m).toMatch(words);
    }
    // A topic the student finds hard is explained again, simply; so is the explanation just given.
    const topic = await ask('Nahihirapan ako sa fractions');
    expect(topic.tool).toBe('concept_explainer');
    expect(topic.parameters.desired_depth).toBe('basic');
    const again = await ask('nalilito pa rin ako', {
      history: turn('Explain photosynthesis', 'Photosynthesis is how plants make food from light.'),
    });
    expect(again.tool).toBe('concept_explainer');
    expect(again.parameters).toMatchObject({ concept_to_explain: 'photosynthesis', desired_depth: 'basic' });
    // A request beside the feeling is still the request.
    const quiz = await ask('Nahihirapan ako sa fractions, bigyan mo ako ng madaling quiz');
    expect(quiz.tool).toBe('quiz_generator');
    expect(quiz.parameters.difficulty).toBe('easy');
  });
  it('does not do graded work for the student, and helps them do it', async () => {
    for (const [m, words] of [
      ['Can you do my homework for me?', /can't do your homework/],
      ['Sagutan mo na lang yung exam ko bukas', /Hindi ko puwedeng sagutan/],
    ] as const) {
      const r = await ask(m);
      expect(r.status, m).toBe('no_tool');
      expect(r.reply, m).toMatch(words);
    }
    // Making a quiz harder is not asking for graded work.
    const harder = await ask('make my quiz harder', {
      history: turn('Quiz me on fractions', 'Here is your quiz.'),
    });
    expect(harder.tool).toBe('quiz_generator');
    expect(harder.parameters.difficulty).toBe('hard');
    // Asking for help is not asking for the work: explained, not refused.
    const help = await ask('Help me with my homework about fractions');
    expect(help.tool).toBe('concept_explainer');
    // "para sa exam ko" names no topic: the tutor asks for one instead of making notes on "para".
    const reviewer = await ask('gawan mo ako ng reviewer para sa exam ko');
    expect(reviewer.status).toBe('needs_clarification');
    expect(reviewer.clarification?.missing).toEqual(['topic']);
  });
  it('answers greetings without a tool', async () => {
    for (const m of ['hi!', 'salamat po', 'good morning', 'bye']) {
      const r = await ask(m);
      expect(r.status).toBe('no_tool');
      expect(r.reply.length).toBeGreaterThan(10);
    }
  });
});

describe('contract', () => {
  it('rejects an invalid request with the issues', async () => {
    await expect(tutor.orchestrate({ message: '' })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(tutor.orchestrate({ user_info: user, message: 'x'.repeat(9000) })).rejects.toThrow(
      /message/,
    );
  });
  it('streams events in order: plan, tool result, then the embedded reply whole as one delta', async () => {
    const events: TutorEvent[] = [];
    const out = await tutor.orchestrate(
      { user_info: user, message: 'quiz me on fractions' },
      { onEvent: (e) => events.push(e) },
    );
    expect(events.map((e) => e.type)).toEqual(['plan', 'tool-result', 'text-delta']);
    expect(events[2]).toEqual({ type: 'text-delta', delta: out.reply });
    expect(out.reply.length).toBeGreaterThan(20);
  });
  it('fitParameters drops invalid optional values and reports what it could not repair', () => {
    const quiz = new ToolRegistry().get('quiz_generator');
    if (!quiz) throw new Error('quiz_generator missing');
    const ok = fitParameters(quiz, {
      topic: 'fractions',
      subject: 'Mathematics',
      difficulty: 'impossible',
      num_questions: 0,
    });
    expect(ok.ok && ok.value).toMatchObject({ difficulty: 'medium', num_questions: 1 });
    expect(fitParameters(quiz, { subject: 'Mathematics' }).ok).toBe(false);
  });
  it('fitParameters clamps numbers to either bound and shortens long text, saying so in the trace', () => {
    const quiz = new ToolRegistry().get('quiz_generator');
    if (!quiz) throw new Error('quiz_generator missing');
    const low = fitParameters(quiz, { topic: 'x'.repeat(250), subject: 'Mathematics', num_questions: 0 });
    if (!low.ok) throw new Error(low.error);
    expect(low.value).toMatchObject({ topic: 'x'.repeat(200), num_questions: 1 });
    expect(low.trace.map((t) => t.detail)).toEqual([
      'topic shortened to 200 characters',
      'num_questions=1 (asked for 0; the least is 1)',
    ]);
    const high = fitParameters(quiz, { topic: 'fractions', subject: 'Mathematics', num_questions: 99 });
    if (!high.ok) throw new Error(high.error);
    expect(high.value.num_questions).toBe(20);
    expect(high.trace).toEqual([
      { step: 'clamp', detail: 'num_questions=20 (asked for 99; the most is 20)' },
    ]);
  });
});

describe('evaluation set', () => {
  const cases = loadCases();
  it('has ≥ 300 cases, a third Filipino or Taglish, multi-turn and clarification cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const filipino = cases.filter((c) => detectLocale(c.request.message).locale === 'fil');
    expect(filipino.length).toBeGreaterThanOrEqual(cases.length / 3);
    expect(cases.some((c) => (c.request.chat_history as unknown[]).length > 0)).toBe(true);
    expect(cases.some((c) => c.expect.status === 'needs_clarification')).toBe(true);
  });
  it('meets the targets on the held-out split', async () => {
    const report = await evaluate(
      cases.filter((c) => c.split === 'test'),
      'test',
    );
    expect(report.tool_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(Object.keys(report.parameters).length).toBeGreaterThan(0);
    for (const [field, entry] of Object.entries(report.parameters))
      expect(entry.accuracy, field).toBeGreaterThanOrEqual(0.9);
    expect(report.clarification.false_when_topic_given).toBe(0);
  });
  it('meets the targets on the fresh set, follow-ups included', async () => {
    const report = await evaluate(loadCases('fresh'), 'fresh');
    expect(report.cases).toBeGreaterThanOrEqual(40);
    expect(report.tool_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.status_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.multi_turn.accuracy).toBeGreaterThanOrEqual(0.9);
    for (const [field, entry] of Object.entries(report.parameters))
      expect(entry.accuracy, field).toBeGreaterThanOrEqual(0.9);
  });
});
