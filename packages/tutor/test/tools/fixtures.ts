import { type ContentLibrary, createContentLibrary, Topic, type TopicInput } from '@aralin/content';
import type { Locale } from '../../src/contract.ts';
import type { ToolContext } from '../../src/tool.ts';

type Quiz = TopicInput['quiz'][number];
type Card = TopicInput['flashcards'][number];

const b = (en: string, fil: string) => ({ en, fil });

function mc(
  id: string,
  difficulty: Quiz['difficulty'],
  question: string,
  answer: string,
  wrong: string[],
): Quiz {
  return {
    id,
    type: 'multiple_choice',
    difficulty,
    question,
    question_fil: `(FIL) ${question}`,
    choices: [{ text: answer }, ...wrong.map((text) => ({ text, misconception: `thinks ${text}` }))],
    answer,
    explanation: `Because ${answer}.`,
  };
}

function tf(id: string, difficulty: Quiz['difficulty'], question: string, answer: 'True' | 'False'): Quiz {
  return { id, type: 'true_false', difficulty, question, answer, explanation: `It is ${answer}.` };
}

/** Photosynthesis: 9 quiz items (4 easy, 3 medium, 2 hard), 9 cards; has no numeric worked example. */
export const photosynthesis = Topic.parse({
  id: 'sci-photosynthesis',
  subject: 'Science',
  strand: 'Biology',
  grade_band: { from: 6, to: 9 },
  title: b('Photosynthesis', 'Potosintesis'),
  aliases: ['fotosintesis', 'paggawa ng pagkain ng halaman'],
  prerequisites: ['sci-cells'],
  summary: b(
    'Photosynthesis is how green plants use light energy to turn carbon dioxide and water into glucose and oxygen. It happens in chloroplasts.',
    'Ang potosintesis ay ang paraan ng halaman upang gawing glucose at oxygen ang carbon dioxide at tubig gamit ang liwanag. Nangyayari ito sa chloroplast.',
  ),
  explanation: b(
    'Light is captured by chlorophyll. Water is split and oxygen is released.\n\nThe Calvin cycle uses ATP and NADPH to fix carbon dioxide into sugar.',
    'Sinasalo ng chlorophyll ang liwanag. Hinahati ang tubig at lumalabas ang oxygen.\n\nGinagamit ng Calvin cycle ang ATP at NADPH upang gawing asukal ang carbon dioxide.',
  ),
  extension: b(
    'C4 plants such as corn fix CO2 in two kinds of cells.',
    'Ang mga C4 plant gaya ng mais ay kumukuha ng CO2 sa dalawang uri ng selula.',
  ),
  key_terms: [
    {
      term: b('Chlorophyll', 'Chlorophyll (kloropil)'),
      definition: b('The green pigment that absorbs light.', 'Ang berdeng pigment na sumisipsip ng liwanag.'),
    },
    {
      term: b('Chloroplast', 'Chloroplast'),
      definition: b(
        'The organelle where photosynthesis happens.',
        'Ang organelle kung saan nagaganap ang potosintesis.',
      ),
    },
    {
      term: b('Stomata', 'Stomata'),
      definition: b(
        'Pores that let carbon dioxide into the leaf.',
        'Mga butas na pinapasukan ng carbon dioxide sa dahon.',
      ),
    },
  ],
  worked_examples: [
    {
      problem: b('Name the reactants of photosynthesis.', 'Pangalanan ang mga reactant ng potosintesis.'),
      steps: [b('Look at the left side of the equation.', 'Tingnan ang kaliwang bahagi ng equation.')],
      answer: 'Carbon dioxide and water',
    },
  ],
  misconceptions: [
    {
      misconception: b(
        'Plants get their food from the soil.',
        'Sa lupa kinukuha ng halaman ang pagkain nito.',
      ),
      correction: b(
        'Plants make their own food from CO2 and water.',
        'Ang halaman mismo ang gumagawa ng pagkain mula sa CO2 at tubig.',
      ),
    },
    {
      misconception: b('Plants do not respire.', 'Hindi humihinga ang halaman.'),
      correction: b('Plants respire day and night.', 'Humihinga ang halaman araw at gabi.'),
    },
  ],
  analogies: [b('A leaf is like a carinderia kitchen.', 'Ang dahon ay parang kusina ng karinderya.')],
  quiz: [
    mc('q1', 'easy', 'Which gas do plants take in?', 'Carbon dioxide', ['Oxygen', 'Nitrogen']),
    mc('q2', 'easy', 'Where does photosynthesis happen?', 'Chloroplast', ['Nucleus', 'Vacuole']),
    tf('q3', 'easy', 'Oxygen comes from water.', 'True'),
    tf('q4', 'easy', 'Leaves absorb mostly green light.', 'False'),
    {
      id: 'q5',
      type: 'short_answer',
      difficulty: 'medium',
      question: 'Name the light-independent stage.',
      answer: 'Calvin cycle',
      accepted: ['dark reactions'],
      explanation: 'It fixes CO2.',
    },
    tf('q6', 'medium', 'Plants respire at night.', 'True'),
    mc('q7', 'medium', 'What happens to starch in the dark?', 'It decreases', ['It increases', 'It stays']),
    {
      id: 'q8',
      type: 'numeric',
      difficulty: 'hard',
      question: 'How many CO2 make 3 glucose?',
      answer: '18',
      explanation: '3 × 6 = 18.',
    },
    mc('q9', 'hard', 'Why does the rate level off?', 'Another factor is limiting', [
      'Chlorophyll runs out',
      'It is noon',
    ]),
  ],
  flashcards: [
    ...['easy', 'easy', 'easy', 'easy', 'medium', 'medium', 'medium', 'hard', 'hard'].map(
      (difficulty, i): Card => ({
        front: `Photosynthesis card ${i + 1}`,
        back: `Answer ${i + 1}`,
        ...(i % 2 === 0 ? { example: `Example ${i + 1}` } : {}),
        difficulty: difficulty as Card['difficulty'],
      }),
    ),
  ],
  source_references: [{ title: 'DepEd K to 12 Science', url: 'https://example.org/science' }],
});

/** Cells: the prerequisite of photosynthesis. */
export const cells = Topic.parse({
  ...structuredClone(photosynthesis),
  id: 'sci-cells',
  grade_band: { from: 5, to: 7 },
  title: b('Plant and Animal Cells', 'Selula ng Halaman at Hayop'),
  aliases: ['cells', 'selula', 'cell wall'],
  prerequisites: [],
  summary: b(
    'Cells are the basic units of life; plant cells have a cell wall and chloroplasts that animal cells lack.',
    'Ang selula ang pangunahing yunit ng buhay; may cell wall at chloroplast ang selula ng halaman.',
  ),
  explanation: b(
    'The membrane controls what enters the cell.',
    'Kinokontrol ng membrane ang pumapasok sa selula.',
  ),
  key_terms: [
    {
      term: b('Cell wall', 'Cell wall'),
      definition: b(
        'A rigid layer outside the membrane of plant cells.',
        'Matigas na patong sa labas ng membrane ng selula ng halaman.',
      ),
    },
    {
      term: b('Nucleus', 'Nucleus'),
      definition: b('The control center of the cell.', 'Ang sentro ng kontrol ng selula.'),
    },
  ],
});

/** Linear equations: a math topic with a numeric worked example and a thin quiz bank at hard. */
export const linear = Topic.parse({
  ...structuredClone(photosynthesis),
  id: 'math-linear-equations',
  subject: 'Mathematics',
  strand: 'Algebra',
  grade_band: { from: 7, to: 8 },
  title: b('Linear Equations in One Variable', 'Linear na Equation sa Isang Variable'),
  aliases: ['linear equations', 'solving for x'],
  prerequisites: ['math-integers'],
  summary: b(
    'A linear equation says two expressions are equal; solving it finds x.',
    'Ang linear equation ay nagsasabing magkapantay ang dalawang expression.',
  ),
  explanation: b(
    'Undo operations on both sides to isolate x.',
    'Gawin ang kabaligtarang operasyon sa magkabilang panig.',
  ),
  key_terms: [
    {
      term: b('Variable', 'Variable'),
      definition: b(
        'A letter that stands for an unknown number.',
        'Titik na kumakatawan sa hindi alam na bilang.',
      ),
    },
    {
      term: b('Solution', 'Solusyon'),
      definition: b('The value that makes the equation true.', 'Ang halagang nagpapatotoo sa equation.'),
    },
  ],
  worked_examples: [
    {
      problem: b('Solve 2x + 3 = 11.', 'Lutasin ang 2x + 3 = 11.'),
      steps: [
        b('Subtract 3: 2x = 8.', 'Ibawas ang 3: 2x = 8.'),
        b('Divide by 2: x = 4.', 'Hatiin sa 2: x = 4.'),
      ],
      answer: 'x = 4',
    },
  ],
  quiz: [
    ...Array.from({ length: 6 }, (_, i) => ({
      id: `e${i + 1}`,
      type: 'numeric' as const,
      difficulty: 'easy' as const,
      question: `Solve x + ${i + 1} = ${i + 5}.`,
      answer: '4',
      explanation: `Subtract ${i + 1}.`,
    })),
    tf('m1', 'medium', 'x = 2 solves 3x = 6.', 'True'),
    {
      id: 'h1',
      type: 'numeric',
      difficulty: 'hard',
      question: 'Solve 5x − 7 = 2x + 8.',
      answer: '5',
      tolerance: 0,
      explanation: '3x = 15.',
    },
  ],
});

export const integers = Topic.parse({
  ...structuredClone(linear),
  id: 'math-integers',
  grade_band: { from: 6, to: 7 },
  title: b('Integers', 'Integers'),
  aliases: ['negative numbers', 'integers'],
  prerequisites: [],
  summary: b(
    'Integers are whole numbers and their negatives.',
    'Ang integers ay ang mga whole number at ang kanilang negatibo.',
  ),
  worked_examples: [
    {
      problem: b('Compute −3 + 8.', 'Kuwentahin ang −3 + 8.'),
      steps: [b('Move 8 right from −3.', 'Umusad ng 8 pakanan mula −3.')],
      answer: '5',
    },
  ],
});

export const nouns = Topic.parse({
  ...structuredClone(photosynthesis),
  id: 'eng-nouns',
  subject: 'English',
  strand: 'Grammar',
  grade_band: { from: 4, to: 6 },
  title: b('Nouns', 'Pangngalan sa Ingles (Nouns)'),
  aliases: ['nouns', 'pangngalan', 'naming words'],
  prerequisites: [],
  summary: b(
    'A noun names a person, place, thing or idea.',
    'Ang noun ay nagngangalan ng tao, lugar, bagay o ideya.',
  ),
  explanation: b(
    'Proper nouns are capitalised. Common nouns are general.',
    'Naka-malaking titik ang proper noun.',
  ),
  key_terms: [
    {
      term: b('Proper noun', 'Pantanging pangngalan'),
      definition: b('The name of a specific person or place.', 'Tiyak na pangalan ng tao o lugar.'),
    },
    {
      term: b('Common noun', 'Pambalanang pangngalan'),
      definition: b(
        'A general name for a person, place or thing.',
        'Pangkalahatang pangalan ng tao, lugar o bagay.',
      ),
    },
    {
      term: b('Collective noun', 'Lansakang pangngalan'),
      definition: b('A name for a group, like a team.', 'Pangalan ng grupo, gaya ng koponan.'),
    },
  ],
});

export const ALL = [photosynthesis, cells, linear, integers, nouns];

export function library(topics = ALL): ContentLibrary {
  return createContentLibrary(topics);
}

export function context(
  locale: Locale = 'en',
  content: ContentLibrary = library(),
  user: Partial<ToolContext['user']> = {},
): ToolContext {
  return {
    locale,
    user: { user_id: 'u1', name: 'Ana', ...user },
    history: [],
    content,
    now: () => new Date('2026-01-05T08:00:00Z'),
  };
}
