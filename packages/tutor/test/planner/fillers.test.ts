import { describe, expect, it } from 'vitest';
import type { ChatMessage, UserInfo } from '../../src/index.ts';
import { FILLERS } from '../../src/planner/embedded/fill.ts';
import { layerOf, plan, tutor, user } from './helpers.ts';

const cards = [
  user('flashcards on fractions'),
  tutor('Here are 5 flashcards on fractions.', 'flashcard_generator', {
    topic: 'fractions',
    count: 5,
    difficulty: 'medium',
    subject: 'Mathematics',
    include_examples: false,
  }),
];
const notes = [
  user('notes on cells'),
  tutor('# Cells', 'note_maker', { topic: 'cells', subject: 'Science', note_taking_style: 'structured' }),
];
const explained = [
  user('explain photosynthesis'),
  tutor('**Photosynthesis** is how plants make food.', 'concept_explainer', {
    concept_to_explain: 'photosynthesis',
    desired_depth: 'intermediate',
  }),
];
/** Flashcards on fractions at a level: the level a relative one moves from. */
const cardsAt = (difficulty: string) => [
  user('flashcards on fractions'),
  tutor('Here are 5 flashcards on fractions.', 'flashcard_generator', {
    topic: 'fractions',
    count: 5,
    difficulty,
    subject: 'Mathematics',
  }),
];
const solved = [
  user('solve 2x + 3 = 11'),
  tutor('**Answer:** x = 4', 'math_solver', { problem: '2x + 3 = 11', show_steps: true, hint_level: 0 }),
];
const listed = [
  user('explain the rock cycle'),
  tutor(
    'There are three kinds of rocks:\n1. **Igneous** — from magma\n2. **Sedimentary** — pressed layers\n3. **Metamorphic** — changed by heat',
    'concept_explainer',
    { concept_to_explain: 'rock cycle', desired_depth: 'intermediate' },
  ),
];
const suggested = [
  user('ano ang susunod kong aralin?'),
  tutor('Subukan mo ang **Order of operations** — kasunod ito ng integers.'),
];
const hinted = [
  user('hint for 3x + 5 = 20'),
  tutor('**Hint:** …', 'math_solver', { problem: '3x + 5 = 20', show_steps: true, hint_level: 1 }),
];

const asked = [
  user('make me a quiz'),
  tutor('What topic should the quiz cover?', 'quiz_generator', {}, 'needs_clarification'),
];
const twoTopics = [
  user('Tell me about the Japanese occupation'),
  tutor('Japan occupied the Philippines from 1942 to 1945.'),
  user('and what about inflation?'),
  tutor('Inflation is the general rise in prices over time.'),
];

type Row = [string, ChatMessage[], Partial<UserInfo>, string, unknown, string];

/** Each filler: message, history, user → the field's value and the layer that decided it. */
const TABLE: Record<string, Row[]> = {
  topic: [
    ['Test my knowledge of the human skeleton with 7 questions', [], {}, 'topic', 'human skeleton', 'stated'],
    ['I-quiz mo ako sa multiplication, sampung tanong', [], {}, 'topic', 'multiplication', 'stated'],
    ['make flashcards about it', explained, {}, 'topic', 'photosynthesis', 'context'],
    ['turn this into flashcards', notes, {}, 'topic', 'cells', 'context'],
    ['sorry, photosynthesis pala', cards, {}, 'topic', 'photosynthesis', 'stated'],
    ['bakit mali yung sagot ko sa 2?', cards, {}, 'concept_to_explain', 'fractions', 'context'],
    ['go back to photosynthesis, quiz me', cards, {}, 'topic', 'photosynthesis', 'stated'],
    ['same but 10', cards, {}, 'topic', 'fractions', 'context'],
    ["Let's do 10 questions this time", cards, {}, 'topic', 'fractions', 'context'],
    ['Make flashcards on the first one', twoTopics, {}, 'topic', 'japanese occupation', 'context'],
    ['pa-quiz naman dun sa pangalawa', twoTopics, {}, 'topic', 'inflation', 'context'],
    ['notes sa yung huli', twoTopics, {}, 'topic', 'inflation', 'context'],
    ['quiz me on the first', twoTopics, {}, 'topic', 'japanese occupation', 'context'],
    ['quiz me on both? jk, just the previous one', twoTopics, {}, 'topic', 'japanese occupation', 'context'],
    ['flashcards sa dalawa? hindi, yung verbs lang', [], {}, 'topic', 'verbs', 'stated'],
    ['explain yung pangalawa', listed, {}, 'concept_to_explain', 'sedimentary', 'context'],
    ['quiz me on the 3rd one', listed, {}, 'topic', 'metamorphic', 'context'],
    ['explain number 2 more', listed, {}, 'concept_to_explain', 'sedimentary', 'context'],
    ['bakit mas matigas yung pangatlo?', listed, {}, 'concept_to_explain', 'metamorphic', 'context'],
    ['which one is the oldest? yung una ba?', listed, {}, 'concept_to_explain', 'igneous', 'context'],
    ['hindi fractions, decimals pala', cards, {}, 'topic', 'decimals', 'stated'],
    ['ok explain mo yan', suggested, {}, 'concept_to_explain', 'order of operations', 'context'],
    ['I meant decimals, not fractions', cards, {}, 'topic', 'decimals', 'stated'],
    ['sorry, decimals yung ibig kong sabihin', cards, {}, 'topic', 'decimals', 'stated'],
    ['list the key points of the 1987 constitution', [], {}, 'topic', '1987 constitution', 'stated'],
    ['teach me about the first world war', [], {}, 'concept_to_explain', 'first world war', 'stated'],
    ['explain the great depression', [], {}, 'concept_to_explain', 'great depression', 'stated'],
    ['notes on simple machines', [], {}, 'topic', 'simple machines', 'stated'],
    ['um, the nervous system i guess', [], {}, 'topic', 'nervous system', 'stated'],
    [
      'I keep forgetting the order of operations, can you explain it again?',
      [],
      {},
      'concept_to_explain',
      'order of operations',
      'stated',
    ],
    ['notes on Noli Me Tangere, chapter 1 to 5', [], {}, 'topic', 'noli me tangere', 'stated'],
    ['paki-explain ulit pero in Filipino', explained, {}, 'concept_to_explain', 'photosynthesis', 'context'],
    ['what is a question mark?', [], {}, 'concept_to_explain', 'question mark', 'stated'],
    [
      'explain the scientific method step by step',
      [],
      {},
      'concept_to_explain',
      'scientific method step by step',
      'stated',
    ],
  ],
  context_topic: [
    ['what is chlorophyll?', explained, {}, 'current_topic', 'photosynthesis', 'context'],
    ['what is photosynthesis?', [], {}, 'current_topic', 'Photosynthesis', 'profile'],
  ],
  subject: [
    ['flashcards on recycling for science class', [], {}, 'subject', 'Science', 'stated'],
    ['quiz me on ratios', [], {}, 'subject', 'Mathematics', 'profile'],
    ['quiz me on the hydrosphere', [], {}, 'subject', 'Science', 'profile'],
    ['quiz me on verbs instead', cards, {}, 'subject', 'English', 'profile'],
    ['quiz me on the second one', twoTopics, {}, 'subject', 'Araling Panlipunan', 'context'],
    ['basta math', asked, {}, 'subject', 'Mathematics', 'stated'],
    ['Math po', asked, {}, 'subject', 'Mathematics', 'stated'],
    ['sa Filipino naman', notes, {}, 'subject', 'Science', 'profile'],
    [
      'mali pala, Saturn dapat',
      [
        user('quiz about Jupiter'),
        tutor('Here is a quiz on Jupiter.', 'quiz_generator', { topic: 'Jupiter', subject: 'Science' }),
      ],
      {},
      'subject',
      'Science',
      'context',
    ],
  ],
  count: [
    ['sampung flashcards tungkol sa fractions', [], {}, 'count', 10, 'stated'],
    ['same but 12', cards, {}, 'count', 12, 'stated'],
    ['Isang dosenang tanong tungkol sa photosynthesis', [], {}, 'num_questions', 12, 'stated'],
    ['a 10-question quiz on ratios', [], {}, 'num_questions', 10, 'stated'],
    ['labinlima naman ngayon', cards, {}, 'count', 15, 'stated'],
    ['mas kaunti, tatlo lang', cards, {}, 'count', 3, 'stated'],
    ['can you add 5 more?', cards, {}, 'count', 10, 'context'],
    ['plus 3 pa', cards, {}, 'count', 8, 'context'],
    ['lagyan mo pa ng apat', cards, {}, 'count', 9, 'context'],
    ['padagdag pa ng tatlo', cards, {}, 'count', 8, 'context'],
    ['can you cut it down by 2?', cards, {}, 'count', 3, 'context'],
    ['dagdag ka pa ng 5 flashcards', cards, {}, 'count', 10, 'context'],
    ['bawasan mo ng dalawa', cards, {}, 'count', 3, 'context'],
    ['doblehin mo', cards, {}, 'count', 10, 'context'],
    ['dagdagan mo, walong flashcards', cards, {}, 'count', 8, 'stated'],
    ['one more set please', cards, {}, 'count', 5, 'context'],
    ['give me one more quiz on fractions', [], {}, 'num_questions', 5, 'default'],
    ['quiz me on the last one', twoTopics, {}, 'num_questions', 5, 'default'],
    ['another one but harder', cards, {}, 'count', 5, 'context'],
    ["flashcards on cells, explain them like I'm 10", [], {}, 'count', 5, 'default'],
    ['mas madali naman', cards, {}, 'count', 5, 'context'],
    ['flashcards on fractions', [], { emotional_state: 'tired' }, 'count', 3, 'state'],
    ['flashcards on fractions', [], {}, 'count', 5, 'default'],
  ],
  difficulty: [
    ['hard flashcards on fractions', [], {}, 'difficulty', 'hard', 'stated'],
    ['a hard 10-question quiz on fractions', [], {}, 'difficulty', 'hard', 'stated'],
    ['madaling 5 na tanong sa fractions', [], {}, 'difficulty', 'easy', 'stated'],
    ['level up', cards, {}, 'difficulty', 'hard', 'context'],
    ['mas mahirap naman', cards, {}, 'difficulty', 'hard', 'stated'],
    ['same thing but easy', cards, {}, 'difficulty', 'easy', 'stated'],
    ['a bit easier please', cards, {}, 'difficulty', 'easy', 'context'],
    ['harder naman this time', cardsAt('easy'), {}, 'difficulty', 'hard', 'stated'],
    ['easier version pls', cardsAt('hard'), {}, 'difficulty', 'easy', 'stated'],
    ['babaan mo ng konti', cardsAt('hard'), {}, 'difficulty', 'medium', 'context'],
    ['level up', cardsAt('easy'), {}, 'difficulty', 'medium', 'context'],
    ['isa pang flashcards, mas mahirap ng konti', cardsAt('easy'), {}, 'difficulty', 'medium', 'context'],
    ['same but 8 and easy', cards, {}, 'difficulty', 'easy', 'stated'],
    ['pwede mas challenging naman?', cards, {}, 'difficulty', 'hard', 'stated'],
    ['gusto ko yung pinakamahirap', cards, {}, 'difficulty', 'hard', 'stated'],
    ['ulit, pero madali', cards, {}, 'difficulty', 'easy', 'stated'],
    ['flashcards on fractions', [], { mastery_level: 2 }, 'difficulty', 'easy', 'profile'],
    ['flashcards on fractions', [], { emotional_state: 'confident' }, 'difficulty', 'hard', 'state'],
    ['flashcards on fractions', [], {}, 'difficulty', 'medium', 'default'],
  ],
  depth: [
    ['explain photosynthesis in detail', [], {}, 'desired_depth', 'comprehensive', 'stated'],
    ['make it harder', explained, {}, 'desired_depth', 'advanced', 'context'],
    ['ok gets ko na, deeper naman', explained, {}, 'desired_depth', 'advanced', 'context'],
    ['explain photosynthesis', [], { mastery_level: 8 }, 'desired_depth', 'advanced', 'profile'],
    ['hindi ko pa rin gets', explained, {}, 'desired_depth', 'basic', 'state'],
    ['ano ulit yun? parang di ko na-gets', explained, {}, 'desired_depth', 'basic', 'state'],
    ['can you make it shorter?', explained, {}, 'desired_depth', 'basic', 'stated'],
    ['ipaliwanag mo ang mitosis, mas simple', [], {}, 'desired_depth', 'basic', 'stated'],
    ['explain photosynthesis', [], {}, 'desired_depth', 'intermediate', 'default'],
  ],
  note_style: [
    ['notes on cells in bullet points', [], {}, 'note_taking_style', 'bullet_points', 'stated'],
    ['pa-outline naman', notes, {}, 'note_taking_style', 'outline', 'stated'],
    ['with examples please', notes, {}, 'note_taking_style', 'structured', 'context'],
    ['notes on cells', [], { learning_style: 'auditory' }, 'note_taking_style', 'narrative', 'state'],
    ['notes on cells', [], {}, 'note_taking_style', 'structured', 'default'],
  ],
  include_examples: [
    ['flashcards on fractions without examples', [], {}, 'include_examples', false, 'stated'],
    ['pwede bang walang examples?', cards, {}, 'include_examples', false, 'stated'],
    ['no need for examples', notes, {}, 'include_examples', false, 'stated'],
    ['hindi na kailangan ng mga halimbawa dito', notes, {}, 'include_examples', false, 'stated'],
    ['mas madali naman', cards, {}, 'include_examples', false, 'context'],
    ['flashcards on fractions', [], { mastery_level: 9 }, 'include_examples', false, 'profile'],
    ['flashcards on fractions', [], {}, 'include_examples', true, 'default'],
  ],
  include_analogies: [
    ['notes on cells with analogies', [], {}, 'include_analogies', true, 'stated'],
    ['notes on cells', [], { learning_style: 'visual' }, 'include_analogies', true, 'state'],
    ['notes on cells', [], {}, 'include_analogies', false, 'default'],
  ],
  question_types: [
    ['quiz on fractions, multiple choice only', [], {}, 'question_types', ['multiple_choice'], 'stated'],
    [
      'quiz on fractions',
      [],
      {},
      'question_types',
      ['multiple_choice', 'true_false', 'short_answer', 'numeric'],
      'default',
    ],
  ],
  problem: [
    ['pa-solve naman po: 2x + 3 = 7', [], {}, 'problem', '2x + 3 = 7', 'stated'],
    ['paano ba mag-solve ng 2x + 6 = 10?', [], {}, 'problem', '2x + 6 = 10', 'stated'],
    ['solve this for me please: 5x - 4 = 21', [], {}, 'problem', '5x - 4 = 21', 'stated'],
    ['ok, another one: 4x = 28', [], {}, 'problem', '4x = 28', 'stated'],
    ['hint lang po sa 3x - 7 = 8, huwag mong ibigay ang sagot', [], {}, 'problem', '3x - 7 = 8', 'stated'],
    [
      'round 3.14159 to 2 decimal places please',
      [],
      {},
      'problem',
      'round 3.14159 to 2 decimal places',
      'stated',
    ],
    ['another hint please', hinted, {}, 'problem', '3x + 5 = 20', 'context'],
    ['x = 4 ba talaga? bakit?', solved, {}, 'problem', '2x + 3 = 11', 'context'],
    ['ok, what about 5x - 2 = 13?', solved, {}, 'problem', '5x - 2 = 13', 'stated'],
  ],
  show_steps: [
    ['solve 2x + 3 = 7, just the answer', [], {}, 'show_steps', false, 'stated'],
    ['solve 2x + 3 = 7', [], {}, 'show_steps', true, 'default'],
  ],
  hint_level: [
    ['give me a hint for 2x + 3 = 7', [], {}, 'hint_level', 1, 'stated'],
    ['another hint', hinted, {}, 'hint_level', 2, 'context'],
    ['isa pa pong ganyan', solved, {}, 'hint_level', 3, 'context'],
    ['solve 2x + 3 = 7', [], { teaching_style: 'socratic' }, 'hint_level', 1, 'state'],
    ['solve 2x + 3 = 7', [], {}, 'hint_level', 0, 'default'],
  ],
};

describe('slot fillers', () => {
  it('has a table for every slot kind', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(FILLERS).sort());
  });

  for (const [kind, rows] of Object.entries(TABLE))
    it.each(rows)(`${kind}: "%s"`, async (message, history, profile, field, value, layer) => {
      const p = await plan(message, history, profile);
      if (p.kind !== 'tool') throw new Error(`no tool for "${message}"`);
      expect(p.parameters[field], JSON.stringify(p.trace)).toEqual(value);
      expect(layerOf(p, field)).toBe(layer);
    });
});
