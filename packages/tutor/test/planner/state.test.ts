import { loadContentLibrary } from '@aralin/content';
import { describe, expect, it } from 'vitest';
import {
  createTutor,
  InvalidRequestError,
  readStudentState,
  ToolRegistry,
  type UserInfo,
} from '../../src/index.ts';
import { conversationTopic, storedPrevious } from '../../src/planner/embedded/context.ts';
import { tutor, user } from './helpers.ts';

const me: UserInfo = { user_id: 's1', name: 'Ana' };

describe('reading the student once, at the edge', () => {
  it('keeps typed fields as given, and a typed field wins over its summary', () => {
    const { state, trace } = readStudentState({
      ...me,
      learning_style: 'kinesthetic',
      learning_style_summary: 'visual learner, likes diagrams',
      teaching_style: 'socratic',
      emotional_state: 'focused',
      mastery_level: 6,
      topic_mastery: { fractions: 9 },
    });
    expect(state).toEqual({
      learning_style: 'kinesthetic',
      teaching_style: 'socratic',
      emotional_state: 'focused',
      mastery_level: 6,
      topic_mastery: { fractions: 9 },
    });
    expect(trace).toEqual([]);
  });

  it.each([
    ['Prefers explanations that read like spoken language and mnemonics.', 'auditory'],
    ['Prefers reading and writing: notes, lists, definitions.', 'reading_writing'],
    ['Prefers visual explanations: diagrams, tables, colour.', 'visual'],
    ['Prefers hands-on examples and activities.', 'kinesthetic'],
    ['mahilig sa larawan', 'visual'],
    ['no preference', null],
  ])('reads the learning style summary "%s" as %s', (summary, style) => {
    expect(readStudentState({ ...me, learning_style_summary: summary }).state.learning_style).toBe(style);
  });

  it.each([
    ['The student seems frustrated and confused ("ang hirap").', 'frustrated'],
    ['Mukhang pagod ang estudyante ("pagod na ako").', 'tired'],
    ['anxious about the upcoming exam', 'anxious'],
    ['No signs of distress in recent messages.', 'calm'],
    ['gets ko na daw', 'confident'],
  ])('reads the emotional summary "%s" as %s', (summary, mood) => {
    expect(readStudentState({ ...me, emotional_state_summary: summary }).state.emotional_state).toBe(mood);
  });

  it('reads the overall and per-topic mastery the server summary writes', () => {
    const { state, trace } = readStudentState({
      ...me,
      mastery_level_summary:
        'Level 4 — developing (3 topic(s); strongest: Nouns L8; weakest: Photosynthesis L2)',
    });
    expect(state.mastery_level).toBe(4);
    expect(state.topic_mastery).toEqual({ Nouns: 8, Photosynthesis: 2 });
    expect(trace.map((t) => t.detail)).toContain('mastery_level=4 read from its summary');
    expect(readStudentState({ ...me, mastery_level_summary: 'proficient' }).state.mastery_level).toBe(7);
    expect(readStudentState({ ...me, mastery_level_summary: '8/10' }).state.mastery_level).toBe(8);
  });

  it('names unknown fields in the trace and otherwise ignores them', async () => {
    const r = await createTutor().orchestrate({
      user_info: { ...me, favourite_colour: 'blue', learningStyle: 'visual' },
      message: 'explain gravity',
    });
    expect(r.status).toBe('completed');
    expect(r.trace).toContainEqual({
      step: 'profile',
      detail: 'unknown user_info field(s) ignored: favourite_colour, learningStyle',
    });
  });

  it('refuses a typed field out of its range with a clear error', async () => {
    const tutor = createTutor();
    await expect(
      tutor.orchestrate({ user_info: { ...me, mastery_level: 11 }, message: 'hi' }),
    ).rejects.toThrow(InvalidRequestError);
    await expect(
      tutor.orchestrate({ user_info: { ...me, teaching_style: 'lecture' }, message: 'hi' }),
    ).rejects.toThrow(/teaching_style/);
  });
});

describe('the conversation before the message', () => {
  const tools = new ToolRegistry();
  const content = loadContentLibrary();

  it('takes the previous request from the latest stored assistant turn, past small talk', () => {
    const history = [
      user('quiz me on fractions'),
      tutor('Here is a quiz.', 'quiz_generator', { topic: 'fractions', num_questions: 5 }),
      user('thanks'),
      tutor('You are welcome!', null),
    ];
    expect(storedPrevious(history, tools)).toEqual({
      tool: 'quiz_generator',
      parameters: { topic: 'fractions', num_questions: 5 },
      missing: [],
      source: 'stored',
    });
  });

  it('marks a clarifying question pending only while it is the tutor’s last turn', () => {
    const asked = [user('make me a quiz'), tutor('What topic?', 'quiz_generator', {}, 'needs_clarification')];
    expect(storedPrevious(asked, tools)?.missing).toEqual(['topic', 'subject']);
    const later = [...asked, user('hello'), tutor('Hi!', null)];
    expect(storedPrevious(later, tools)?.missing).toEqual([]);
  });

  it('says when a history has no stored tools at all (the caller re-plans), and when none was used', () => {
    expect(storedPrevious([user('hi'), tutor('Hello!')], tools)).toBeUndefined();
    expect(storedPrevious([user('hi'), tutor('Hello!', null)], tools)).toBeNull();
  });

  it('finds the latest topic: stored, named in bold by the tutor, or named by the student', () => {
    const two = [
      user('explain fractions'),
      tutor('…', 'concept_explainer', { concept_to_explain: 'fractions' }),
      user('now explain decimals'),
      tutor('…', 'concept_explainer', { concept_to_explain: 'decimals' }),
    ];
    expect(conversationTopic(two, content)).toBe('decimals');
    const suggested = [user('what should I study next?'), tutor('You could review **fractions** next.')];
    expect(conversationTopic(suggested, content)).toBe('fractions');
    const bold = [user('hi'), tutor('**Answer:** 42')];
    expect(conversationTopic(bold, content)).toBeNull();
  });
});
