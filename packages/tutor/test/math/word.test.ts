import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../../src/tool.ts';
import { looksLikeMath, mathSolver, solveMath } from '../../src/tools/math_solver/index.ts';

/** A story the engine must answer: the plain number, its unit, and steps a teacher would write. */
function expectAnswer(problem: string, answer: string, unit?: string) {
  const s = solveMath(problem);
  expect(s.answer, problem).toBe(answer);
  expect(s.status, problem).toBe('solved');
  expect(s.kind, problem).toBe('word_problem');
  if (unit) expect([s.unit, s.written], problem).toEqual([unit, unit]);
  const said = s.steps.map((st) => st.description).join(' | ');
  expect(said, problem).toMatch(/What we know|Ano ang alam natin/);
  expect(said, problem).toMatch(/What is asked|Ano ang tinatanong/);
  expect(said, problem).toMatch(/Operation|Operasyon/);
  return s;
}

/** A story the engine must not answer: an opening (no answer, low confidence), never a guess. */
function expectNoAnswer(problem: string) {
  const s = solveMath(problem);
  expect(s.answer, problem).toBeNull();
  expect(['opening', 'unsupported'], problem).toContain(s.status);
  expect(s.confidence, problem).toBeLessThan(0.5);
  return s;
}

describe('word problems: the school schemas (English)', () => {
  it.each<[string, string, string?]>([
    ['Carla had 42 shells. She gave 15 shells to her cousin. How many shells are left?', '27', '27 shells'],
    ['Dino has 19 stamps. He bought 24 more stamps. How many stamps does he have now?', '43', '43 stamps'],
    [
      'Lito has 16 toy cars and Marco has 27 toy cars. How many toy cars do they have in all?',
      '43',
      '43 toy cars',
    ],
    ['Rosa has 31 beads. Tina has 9 more beads than Rosa. How many beads does Tina have?', '40', '40 beads'],
    ['Rosa has 31 beads. Tina has 9 fewer beads than Rosa. How many beads do they have altogether?', '53'],
    ['Nico has 64 cards. Paolo has 38 cards. How many more cards does Nico have than Paolo?', '26'],
    ['Aling Nena has 7 trays with 12 eggs in each tray. How many eggs does she have?', '84'],
    ['There are 56 pencils shared equally among 8 pupils. How many pencils does each pupil get?', '7'],
    [
      'Joel bought 5 notebooks at 24 pesos each. He paid with 200 pesos. How much change did he get?',
      '80',
      '₱80',
    ],
    ['A box of 12 pens costs 84 pesos. How much does one pen cost?', '7', '₱7'],
  ])('%s → %s', (problem, answer, unit) => {
    expectAnswer(problem, answer, unit);
  });
});

describe('word problems: the school schemas (Filipino and Taglish)', () => {
  it.each<[string, string, string?]>([
    ['May 45 na kendi si Liza. Kinain niya ang 12 kendi. Ilan ang natira?', '33', '33 na kendi'],
    ["Si Ben ay may labindalawang holen. Nakapulot siya ng dalawampu't tatlo pa. Ilan na ngayon?", '35'],
    [
      'Kailangan ni Ana ng 60 na stickers. Mayroon na siyang 45 na stickers. Ilan pa ang kailangan niya?',
      '15',
    ],
    [
      'May 150 piso si Nora. Bumili siya ng 4 na lapis na tig-₱15. Magkano ang natira sa pera niya?',
      '90',
      '₱90',
    ],
    ['Bumili si Jun ng 3 kuwaderno na tig-₱35. Nagbayad siya ng ₱200. Magkano ang sukli niya?', '95', '₱95'],
    ['Si Lea ay may 20 mangga at si Mia ay may 15 mangga. Ilan lahat ang mangga nila?', '35'],
    // read whole now (an earlier engine could not): 12 balloons, 5 popped
    ['May 12 lobo si Mia. Pumutok ang 5. Ilan ang natitira?', '7'],
  ])('%s → %s', (problem, answer, unit) => {
    const s = expectAnswer(problem, answer, unit);
    expect(s.steps[0]?.description).toBe('Ano ang alam natin');
  });
});

describe('word problems: chains of two or three steps', () => {
  it('buys groups, then counts what is left of the money', () => {
    const s = expectAnswer(
      'Mang Ben had 500 pesos. He bought 3 kilos of rice at 45 pesos a kilo. How much money is left?',
      '365',
      '₱365',
    );
    expect(s.steps.map((st) => st.expression)).toContain('3 × ₱45 = ₱135');
  });
  it('adds and takes away in order', () => {
    expectAnswer(
      'A jeepney had 14 passengers. At the plaza, 6 passengers got off. Then 9 passengers got on. How many passengers are in the jeepney now?',
      '17',
    );
  });
  it('compares, then puts both together', () => {
    expectAnswer(
      'Ella read 25 pages. Joy read 8 more pages than Ella. How many pages did they read in all?',
      '58',
    );
  });
});

describe('word problems: abstains rather than guess', () => {
  it.each([
    // distractor numbers the schemas would have to ignore by meaning, not by position
    'Ana is 10 years old. She had 30 marbles and gave 12 to her brother who is 7. How many marbles are left?',
    // the issue's categories of wrong answers
    'Jake needs 159 g more flour. He has 320 g. How much flour does the recipe need?',
    'A pizza costs $3 a slice. Tom ate some slices and paid $12. How many slices did he eat?',
    'Mia reads 2 books a day. How many books does she read in one week?',
    'A machine fills 2 peaches a minute into a box for 3 hours. How many peaches is that?',
    'A farm has 3 sections of 2435 square feet each. How many square feet in all?',
    'School starts at 7:30 AM. Recess is at 9:15 AM and lunch is 2 hours later. What time is lunch?',
    'Ben picked 16 mangoes. He kept half and sells the remainder for $2 each. How much does he earn?',
    'Rico has 13 less than 4 times as many cards as Leo. Leo has 9 cards. How many cards does Rico have?',
    // a part-whole story with a total given: the missing part, not a sum
    'A class has 40 pupils. 18 are boys. How many are girls?',
    // Filipino: half and double are read as such, so the story is left to the student
    'May 24 na itlog si Aling Rosa. Ginamit niya ang kalahati. Ilan ang natira?',
    'Si Carlo ay may 15 piso. Doble ang pera ni Dan. Magkano ang pera nila lahat?',
  ])('%s', (problem) => {
    expectNoAnswer(problem);
  });
});

describe('the opening teaches the first step', () => {
  it('in English: the quantities, the question, one question about the operation', () => {
    const s = expectNoAnswer('Mia reads 2 books a day. How many books does she read in one week?');
    expect(s.hint).toMatch(/What do we know\?/);
    expect(s.hint).toMatch(/2 books/);
    expect(s.hint).toMatch(/"How many books does she read in one week\?"/);
    expect(s.hint).toMatch(/Which operation do we need/);
    expect(s.steps.map((st) => st.description)).toEqual(['What we know', 'What is asked']);
  });
  it('in Filipino, in the student’s language even with the English locale', () => {
    const s = expectNoAnswer('May 24 na itlog si Aling Rosa. Ginamit niya ang kalahati. Ilan ang natira?');
    expect(s.hint).toMatch(/Ano ang alam na natin\?/);
    expect(s.hint).toMatch(/24 na itlog/);
    expect(s.hint).toMatch(/Anong operasyon ang kailangan para malaman kung ilan ang natira\?/);
  });
  it('the tool reply asks the student to try and shows no answer', async () => {
    const input = mathSolver.input.parse({
      problem: 'Mia reads 2 books a day. How many books does she read in one week?',
    });
    const ctx = {
      locale: 'en',
      user: {},
      history: [],
      content: {},
      now: () => new Date(),
    } as unknown as ToolContext;
    const out = await mathSolver.run(input, ctx);
    expect(mathSolver.output.parse(out)).toEqual(out);
    const reply = mathSolver.reply(out, input, ctx);
    expect(reply).toMatch(/Which operation/);
    expect(reply).not.toMatch(/Answer:/);
  });
});

describe('hint levels on a story problem never reveal the answer', () => {
  const problem = 'Carla had 42 shells. She gave 15 shells to her cousin. How many shells are left?';
  it.each([1, 2, 3] as const)('hint level %d', (hintLevel) => {
    const s = solveMath(problem, { hintLevel });
    expect(s.status).toBe('hint');
    expect(s.answer).toBeNull();
    expect(s.hint).toBeTruthy();
    const text = `${s.hint} ${s.steps.map((st) => `${st.description} ${st.expression}`).join(' ')}`;
    expect(text).not.toMatch(/\b27\b/);
  });
});

describe('looksLikeMath recognises story problems', () => {
  it.each([
    'Carla had 42 shells. She gave 15 to her cousin. How many are left?',
    'May limang mangga si Ana. Kinain niya ang dalawa. Ilan ang natira?',
    'Bumili ako ng 3 lapis na tig-₱12, magkano lahat?',
    'Twenty pupils and fifteen teachers joined. How many people joined in all?',
  ])('%s', (text) => {
    expect(looksLikeMath(text)).toBe(true);
  });
  it.each([
    'How many planets are there?',
    'Ilan ang kontinente sa mundo?',
    'how much do you know about volcanoes',
  ])('not without a quantity: %s', (text) => {
    expect(looksLikeMath(text)).toBe(false);
  });
});
