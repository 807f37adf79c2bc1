import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/index.ts';
import { SELECTION_RULES } from '../../src/planner/embedded/select.ts';
import { plan, ruleOf, tutor, user } from './helpers.ts';

const explained = [
  user('explain photosynthesis'),
  tutor('**Photosynthesis** is how plants make food.', 'concept_explainer', {
    concept_to_explain: 'photosynthesis',
    desired_depth: 'intermediate',
  }),
];
const quizzed = [
  user('quiz me on fractions'),
  tutor('Here is a quiz on fractions.', 'quiz_generator', {
    topic: 'fractions',
    subject: 'Mathematics',
    num_questions: 5,
    difficulty: 'medium',
  }),
];
const solved = [
  user('solve 2x + 3 = 11'),
  tutor('**Answer:** x = 4', 'math_solver', { problem: '2x + 3 = 11', show_steps: true, hint_level: 0 }),
];
const asked = [
  user('make me a quiz'),
  tutor('What topic should the quiz cover?', 'quiz_generator', {}, 'needs_clarification'),
];

/** Each rule: messages it decides, with the tool it picks (null: a reply without a tool). */
const TABLE: Record<string, [string, ChatMessage[], string | null][]> = {
  'small talk': [
    ['hello! how are you today?', [], null],
    ['good morning po, kumusta po kayo?', [], null],
    ['hi, I am Ana, nice to meet you', [], null],
    ["Hey there! What's new?", [], null],
    ['salamat po!', asked, null],
  ],
  'graded work': [
    ['do my homework on fractions', [], null],
    ['sagutan mo na lang ang exam ko', [], null],
  ],
  'the solution explained': [
    ['explain that step by step', solved, 'math_solver'],
    ['paano mo nakuha yan?', solved, 'math_solver'],
    ['bakit naging 8 yung 11?', solved, 'math_solver'],
    ['so x is 4? why?', solved, 'math_solver'],
  ],
  'about the tutor': [
    ['what are you, a person or an AI?', [], null],
    ['ano ang paborito mong subject?', [], null],
    ['hmm, are you a real teacher?', asked, null],
    ['haha ikaw ba nag-aaral din?', asked, null],
  ],
  'stated tool': [
    ['can you explain the water cycle?', [], 'concept_explainer'],
    ['ano ulit yung sinabi mo tungkol sa chlorophyll?', explained, 'concept_explainer'],
    ['I-quiz mo ako sa multiplication, sampung tanong', [], 'quiz_generator'],
    ['I need practice on adding fractions', [], 'quiz_generator'],
    ['how do you add fractions?', [], 'concept_explainer'],
    ['paano mag-divide ng decimals?', [], 'concept_explainer'],
    ['what is gravity?', asked, 'concept_explainer'],
    ['ang hirap nung quiz, explain mo muna yung fractions', quizzed, 'concept_explainer'],
  ],
  'same tool, new topic': [
    ['what about decimals?', quizzed, 'quiz_generator'],
    ['sa Europa naman', quizzed, 'quiz_generator'],
    ['actually make it about decimals', quizzed, 'quiz_generator'],
    ['paano naman ang respiration?', explained, 'concept_explainer'],
    ['ok now decimals', quizzed, 'quiz_generator'],
    ['salamat! next naman, the digestive system', explained, 'concept_explainer'],
    ["let's do the digestive system now", quizzed, 'quiz_generator'],
    ['ay mali ako, decimals yung gusto ko', quizzed, 'quiz_generator'],
    ['I meant decimals, not fractions', quizzed, 'quiz_generator'],
    ['can we switch to the water cycle?', quizzed, 'quiz_generator'],
    ['tara, decimals naman', quizzed, 'quiz_generator'],
    ['hala mali, light-dependent reactions pala', explained, 'concept_explainer'],
    ['hindi fractions, decimals yung kailangan ko', quizzed, 'quiz_generator'],
  ],
  'follow-up': [
    ['same but 10', quizzed, 'quiz_generator'],
    ['mas madali naman', quizzed, 'quiz_generator'],
    ['isa pa', quizzed, 'quiz_generator'],
    ['more depth please', explained, 'concept_explainer'],
    ['I got them all right! too easy', quizzed, 'quiz_generator'],
    ['nice, 4/5! another one pero mas mahirap', quizzed, 'quiz_generator'],
    ['in Filipino please', explained, 'concept_explainer'],
    ['short version lang', explained, 'concept_explainer'],
    ['can you show that again but slower?', solved, 'math_solver'],
    ['mas maikli sana', explained, 'concept_explainer'],
    ['lahat ulit', quizzed, 'quiz_generator'],
    ['doblehin mo', quizzed, 'quiz_generator'],
    ['bawasan mo ng tatlo', quizzed, 'quiz_generator'],
    ['masyadong mahirap, babaan mo ng konti', quizzed, 'quiz_generator'],
  ],
  'feeling first': [
    ['pagod na ako', asked, null],
    ['nalilito pa rin ako', explained, 'concept_explainer'],
    ['I got 2 out of 5, ang hirap', quizzed, 'concept_explainer'],
    ["I still don't get it", solved, 'math_solver'],
    ['I give up', [], null],
    ["I got 1 out of 5... I'm so bad at this", quizzed, 'concept_explainer'],
    ['kinakabahan ako sa exam bukas', quizzed, null],
    ["hi, I'm so tired", [], null],
    ['kapagod na today, bukas na lang', asked, null],
  ],
  'answers the question': [
    ['fractions', asked, 'quiz_generator'],
    ['sa solar system po', asked, 'quiz_generator'],
    ["I don't feel like it anymore", asked, null],
    ['huwag na lang pala', asked, null],
    ['anything, you pick', asked, 'quiz_generator'],
    ['ikaw na pumili', asked, 'quiz_generator'],
    [
      'yung huli po',
      [
        user('quiz me'),
        tutor('Which topic?\n- fractions\n- decimals', 'quiz_generator', {}, 'needs_clarification'),
      ],
      'quiz_generator',
    ],
  ],
  greeting: [
    ['yes please', [], null],
    ['good morning! ready to learn', [], null],
    ['hello po, gusto ko mag-aral', [], null],
    ["Good evening! I'm Carlo from grade 8", [], null],
    ['Thanks! that was fun', quizzed, null],
    ['salamat po, ang saya nun', explained, null],
    ["thanks, it's so cool", explained, null],
    ['salamat po sa help!! ang galing nyo', [], null],
    ['ok gets ko na, bye na po see u bukas', solved, null],
  ],
  classifier: [
    ['help me memorize the parts of the cell', [], 'flashcard_generator'],
    ['I have a test on cells tomorrow', [], 'quiz_generator'],
  ],
  'named topic': [['photosynthesis', [], 'concept_explainer']],
};

describe('tool selection rules', () => {
  it('has a table for every rule', () => {
    expect(Object.keys(TABLE).sort()).toEqual(SELECTION_RULES.map((r) => r.name).sort());
  });

  for (const [rule, rows] of Object.entries(TABLE))
    it.each(rows)(`${rule}: "%s"`, async (message, history, tool) => {
      const p = await plan(message, history);
      expect(ruleOf(p), JSON.stringify(p.trace)).toBe(rule);
      expect(p.kind === 'tool' ? p.tool : null).toBe(tool);
    });

  it('sends a story problem to the math engine', async () => {
    const p = await plan(
      'Maria has 12 apples and gives 5 to her friend. How many apples does she have left?',
    );
    expect(p).toMatchObject({ kind: 'tool', tool: 'math_solver' });
  });

  it('says it is not sure when no rule speaks', async () => {
    const p = await plan('asdf qwerty');
    expect(p.kind).toBe('no_tool');
    expect(ruleOf(p)).toBeNull();
  });

  it('drops a pending question when the next message is a new request, and answers it otherwise', async () => {
    const dropped = await plan('explain photosynthesis instead', asked);
    expect(dropped).toMatchObject({ kind: 'tool', tool: 'concept_explainer', missing: [] });
    const answered = await plan('fractions', asked);
    expect(answered).toMatchObject({
      kind: 'tool',
      tool: 'quiz_generator',
      parameters: { topic: 'fractions' },
    });
  });

  it('asks again when the student leaves the choice to the tutor', async () => {
    const p = await plan('kahit ano, ikaw bahala', asked);
    expect(p).toMatchObject({ kind: 'tool', tool: 'quiz_generator', missing: ['topic'] });
  });

  it('answers only the tutor’s latest question: an older one is not pending', async () => {
    const later = [...asked, user('thanks'), tutor('You’re welcome!', null)];
    const p = await plan('fractions', later);
    expect(ruleOf(p)).not.toBe('answers the question');
  });
});
