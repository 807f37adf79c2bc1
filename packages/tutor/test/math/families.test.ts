import { describe, expect, it } from 'vitest';
import { looksLikeMath, solveMath } from '../../src/tools/math_solver/index.ts';

type Case = [problem: string, answer: string, kind?: string];

function expectSolved(problem: string, answer: string, locale: 'en' | 'fil', kind?: string) {
  const s = solveMath(problem, { locale });
  expect(s.answer, problem).toBe(answer);
  if (kind) expect(s.kind, problem).toBe(kind);
  expect(s.steps.length, `${problem} has steps`).toBeGreaterThan(0);
  for (const st of s.steps) {
    expect(st.description.trim().length, problem).toBeGreaterThan(0);
    expect(st.expression.trim().length, problem).toBeGreaterThan(0);
  }
  return s;
}

const EN: Record<string, Case[]> = {
  arithmetic: [
    ['What is -6 + (16/(-6))/4*-3?', '-4', 'arithmetic'],
    ['2 + 3 × 4', '14'],
    ['6 ÷ 3 × 2', '4'],
    ['(1 - 2)*(3 + 2)', '-5'],
    ['12345678901234567890 * 98765432109876543210', '1219326311370217952237463801111263526900'],
    ['0.1 + 0.2', '0.3'],
    ['What is 2^100?', '1267650600228229401496703205376'],
    ['Subtract 0.64 from 0.5.', '-0.14', 'subtraction'],
    ['What is 5 times -8?', '-40', 'multiplication'],
    ['Divide -6 by 10.', '-3/5', 'division'],
    ['What is the distance between 29.66 and 0.55?', '29.11'],
    ['7 − −12', '19'],
    // Word operators between powers and signed numbers (these were 6, "5*h*t" and unsupported).
    ['What is 3 squared plus 4 squared?', '25'],
    ['What is 2 to the 5th power?', '32'],
    ['What is 15 minus negative 4?', '19'],
    // Values given for the variables, before or after the expression (the first was solved as "x = 3").
    ['If x = 3, what is 2x + 1?', '7', 'evaluate'],
    ['Evaluate 3a - 2b when a = 4 and b = 5', '2', 'evaluate'],
    // Mixed units and a unit that appears twice (were 120 and 100).
    ['Convert 2 hours 30 minutes to minutes', '150', 'unit_conversion'],
    ['How many cm is 1 m 25 cm?', '125', 'unit_conversion'],
  ],
  fractions: [
    ['What is 3/4 + 1/6?', '11/12', 'fractions'],
    ['2/3 - 1/4', '5/12'],
    ['Calculate (22/88)/(4/(96/39)).', '2/13'],
  ],
  percent: [
    ['What is 15% of 240?', '36', 'percentage'],
    ['30 is what percent of 120?', '25'],
    ['Increase 200 by 15%', '230'],
  ],
  gcd_lcm: [
    ['what is the LCM of 4 and 6', '12', 'lcm'],
    ['Calculate the highest common factor of 1625 and 91.', '13', 'gcd'],
    ['Find the common denominator of -23/450 and 119/250.', '2250', 'common_denominator'],
  ],
  primes: [
    ['Is 539389 a prime number?', 'True', 'is_prime'],
    ['Is 48221 composite?', 'False', 'is_prime'],
    ['What are the prime factors of 2016?', '2, 3, 7', 'prime_factors'],
  ],
  rounding: [
    ['Round 3.14159 to 2 decimal places', '3.14', 'rounding'],
    ['What is -473.62 rounded to the nearest 100?', '-500'],
    ['Round 11.79 to the nearest ten.', '10'],
    ['Round 0.004567 to 2 significant figures', '0.0046'],
  ],
  remainder: [['What is the remainder when 145898 is divided by 19?', '16', 'remainder']],
  units: [
    ['How many centimeters are there in 2.5 meters?', '250', 'unit_conversion'],
    ['What is seven quarters of a millennium in months?', '21000'],
    ['Convert 2224.838ml to litres.', '2.224838'],
    ['Convert 5 kg to grams', '5000'],
  ],
  time: [
    ['What is 23 minutes after 11:47 PM?', '12:10 AM', 'clock_arithmetic'],
    ['What is 371 minutes before 7:23 AM?', '1:12 AM'],
    ['How many minutes are there between 4:31 PM and 3:48 AM?', '677', 'time_difference'],
  ],
  evaluate: [
    ['Let g(j) = j**3 + 8*j**2 + j + 2. What is g(-7)?', '44', 'evaluate'],
    ['Evaluate 2x^2 + 3 when x = -2', '11', 'evaluate'],
  ],
  expand: [
    ['Expand (2 - 5 + 1)*(2 + 3*a - 2 - 2).', '4 - 6*a', 'expand'],
    ['Expand (x+1)(x-1)', 'x**2 - 1'],
    ['Simplify 3(x + 2) - 2(x - 1)', 'x + 8'],
  ],
  linear: [
    ['2x + 3 = 7', '2', 'linear_equation'],
    ['solve for x: 3(x-2)=12', '6', 'linear_equation'],
    ['Solve -9*p + 6 = 24 for p.', '-2'],
    ['Solve 0.5x + 1.25 = 3', '3.5'],
  ],
  system: [
    ['Solve 3*n + 9 = -2*a, 3*n = -3*a + 4*a - 9 for n.', '-3', 'linear_system'],
    ['Solve the system x + y = 10 and x - y = 2', 'x = 6, y = 4', 'linear_system'],
  ],
  quadratic: [
    ['x^2-5x+6=0', '2, 3', 'quadratic_equation'],
    ['x² − 4 = 0', '-2, 2'],
    ['x^2 + 2x - 1 = 0', '-1 - sqrt(2), -1 + sqrt(2)'],
    ['Let 6*a**2 - 1677*a/2 - 210 = 0. What is a?', '-1/4, 140'],
  ],
  roots_and_factor: [
    [
      'Determine j so that 21*j**5 + 848*j**4 - 2316*j**3 + 2090*j**2 - 729*j + 86 = 0.',
      '-43, 2/7, 1/3, 1',
      'polynomial_roots',
    ],
    ['Factor -4*r**5/3 + 4*r**3 + 8*r**2/3.', '-4*r**2*(r - 2)*(r + 1)**2/3', 'factoring'],
    ['Factor x^2 + 7x + 12', '(x + 3)*(x + 4)'],
  ],
  derivative: [
    ['derivative of x^3 + 2x', '3*x**2 + 2', 'derivative'],
    ['Find the second derivative of 4x^5 - 3x^2 + 7 with respect to x', '80*x**3 - 6'],
    ['What is the first derivative of -292*m**4 + m + 198 wrt m?', '1 - 1168*m**3'],
    [
      'What is the second derivative of -213*l**2*z**2 + 616*l**2*z - 3*l*z**3 wrt z?',
      '-426*l**2 - 18*l*z',
      'partial_derivative',
    ],
  ],
  sequence: [
    ['What comes next: 3, 7, 11, 15?', '19', 'sequence_next_term'],
    ['What is next in 5, -21, -73, -157, -279, -445, -661?', '-933'],
    ['What comes next: 2, 6, 18, 54?', '162'],
  ],
  more: [
    ["What is the n'th term of 3, 5, 7, 9?", '2*n + 1', 'sequence_nth_term'],
    ['what is 5!', '120'],
    ['I scored 45 out of 50 on my test, what percent is that?', '90', 'percentage'],
    ['what is 10 to the power of 3', '1000'],
    ['5 squared', '25'],
    ['magkano ang 3 x 45', '135'],
    ['what is 2/3 of 90', '60'],
    ['sqrt(144)', '12'],
  ],
  inequality: [
    ['solve 2x + 3 > 7', 'x > 2', 'linear_inequality'],
    ['-3x + 1 <= 10', 'x >= -3'],
  ],
  probability: [
    [
      'Two letters picked without replacement from mmmqmmmm. Give prob of sequence mm.',
      '3/4',
      'probability_sequence',
    ],
    [
      'Three letters picked without replacement from {n: 2, v: 4, f: 3, a: 4, q: 3, e: 1}. What is prob of sequence nav?',
      '2/255',
    ],
  ],
  everyday: [
    ['Find the mean of 3, 7, 8 and 10.', '7', 'mean'],
    ['What is the median of 9, 2, 7, 4, 5?', '5', 'median'],
    ['Median of 1, 3, 5, 7', '4'],
    ['What is the mode of 2, 3, 3, 5, 7, 3?', '3', 'mode'],
    ['Find the range of 15, 4, 22, 9', '18', 'range'],
    ['Write 5/8 as a decimal', '0.625', 'fraction_to_decimal'],
    ['1/3 as a decimal', '0.3\u0305'],
    ['Convert 1/6 to a decimal', '0.16\u0305'],
    ['Express 0.6 as a fraction', '3/5', 'decimal_to_fraction'],
    ['What is 2/5 as a percent?', '40', 'percent_conversion'],
    ['Convert 0.08 to a percentage', '8'],
    ['Write 35% as a fraction', '7/20'],
    ['Write 45% as a decimal', '0.45'],
    ['What is the square root of 225?', '15'],
    ['A rectangle has a length of 12 m and a width of 7 m. What is its area?', '84', 'area'],
    ['Find the perimeter of a rectangle 9 cm by 4 cm', '26', 'perimeter'],
    ['What is the area of a square with side 11 cm?', '121'],
    ['Perimeter of a square whose sides are 2.5 m', '10'],
    ['Find the area of a triangle with base 10 cm and height 6 cm', '30'],
    ['Carlo bought 4 pens at 15 pesos each. How much did he pay in all?', '60', 'word_problem'],
    ['Tom bought 3 shirts at 250 pesos each and paid 1000 pesos. How much change did he get?', '250'],
    ['If 4 notebooks cost 100 pesos, how much do 7 notebooks cost?', '175', 'unit_rate'],
    ['What is the 10th term of 2, 5, 8, 11?', '29', 'sequence_nth_term'],
    ['Find the 6th term of 3, 6, 12, 24', '96', 'sequence_nth_term'],
    ['What is the fifth term of 1, 4, 9, 16?', '25', 'sequence_nth_term'],
  ],
};

const FIL: Record<string, Case[]> = {
  arithmetic: [
    ['Ano ang 3/4 + 1/6?', '11/12', 'fractions'],
    ['Kalkulahin ang (2 + 3) × 4 - 6 ÷ 2', '17'],
    ['Ano ang 5 beses -8?', '-40'],
    ['Hatiin ang -6 sa 10.', '-3/5'],
    ['Ibawas ang -0.1178 sa 0.13.', '0.2478'],
    ['Pagsamahin ang 35 at 35.9.', '70.9'],
    ['i-compute mo nga ang 125 × 48', '6000'],
    // "Hatiin ang A sa B" divides (was read as "A of B": 3/8).
    ['Hatiin ang 3/4 sa 1/2', '3/2', 'division'],
    ['Kung x = -1, ano ang x^2 + 3x?', '-2', 'evaluate'],
    ['Ilang minuto ang 1 oras at 45 minuto?', '105', 'unit_conversion'],
    ['Ano ang 3/4 na ginawang percent?', '75', 'percent_conversion'],
    // Each term the sum of the two before it (was 8: a difference table that never settles, extended).
    ['Ano ang susunod sa 1, 1, 2, 3, 5, 8?', '13', 'sequence_next_term'],
  ],
  percent: [
    ['ilan ang 15% ng 240?', '36', 'percentage'],
    ['magkano ang 20% ng 1500?', '300'],
  ],
  numbers: [
    ['GCF ng 12 at 18', '6', 'gcd'],
    ['Ano ang pinakamaliit na common multiple ng 2550 at 4250?', '12750', 'lcm'],
    ['Prime number ba ang 97?', 'True', 'is_prime'],
    ['Ano ang mga prime factor ng 84?', '2, 3, 7', 'prime_factors'],
    ['I-round ang 3.14159 sa 2 decimal places', '3.14', 'rounding'],
    ['Ano ang -0.000000209 na naka-round sa anim na decimal places?', '0'],
    ['Ano ang natitira kapag hinati ang 100 sa 7?', '2', 'remainder'],
  ],
  measurement: [
    ['Ilang sentimetro ang 3 metro?', '300', 'unit_conversion'],
    ['Ilang mililitro ang nasa 6/5 ng isang litro?', '1200'],
    ['Ilang gramo ang nasa tatlong ikawalo ng isang kilo?', '375'],
    ['Ano ang 402 minuto pagkatapos ng 1:23 PM?', '8:05 PM', 'clock_arithmetic'],
    ['Ilang minuto ang mayroon sa pagitan ng 9:04 AM at 1:41 PM?', '277', 'time_difference'],
  ],
  algebra: [
    ['Hanapin ang x: 2x + 5 = 11', '3', 'linear_equation'],
    ['pa-solve naman ng 5x - 3 = 12', '3'],
    ['paano i-solve ang x^2 - 9 = 0?', '-3, 3', 'quadratic_equation'],
    ['Lutasin ang 2*y = -3*c + 19 at -11 = -5*c + 2*y - 6 para sa c.', '3', 'linear_system'],
    ['Hayaang g(j) = j**3 + 8*j**2 + j + 2. Ano ang g(-7)?', '44', 'evaluate'],
    ['Kung f(x) = 2x + 1, ano ang f(3)?', '7', 'evaluate'],
    ['I-expand ang (x + 2)(x - 5)', 'x**2 - 3*x - 10', 'expand'],
    ['i-factor ang x^2 + 5x + 6', '(x + 2)*(x + 3)', 'factoring'],
    ['Lutasin ang 5 - 2x ≥ 11', 'x <= -3', 'linear_inequality'],
  ],
  everyday: [
    ['Kunin ang average ng 80, 85 at 90', '85', 'mean'],
    ['Ano ang median ng 12, 5, 8?', '8', 'median'],
    ['Ano ang mode ng 4, 4, 6, 6, 7?', '4, 6', 'mode'],
    ['Isulat ang 0.75 bilang fraction', '3/4', 'decimal_to_fraction'],
    ['Gawing porsyento ang 3/4', '75', 'percent_conversion'],
    ['Gawing decimal ang 12%', '0.12'],
    ['Gawing decimal ang 3/8', '0.375', 'fraction_to_decimal'],
    ['Ano ang square root ng 81?', '9'],
    ['Ano ang area ng parihaba na may haba na 15 cm at lapad na 4 cm?', '60', 'area'],
    ['Ano ang perimeter ng tatsulok na may mga gilid na 3 cm, 4 cm at 5 cm?', '12', 'perimeter'],
    ['Ano ang lawak ng tatsulok na may batayan na 8 at taas na 5?', '20', 'area'],
    ['Ano ang perimeter ng square na may gilid na 6 cm?', '24'],
    ['Bumili si Liza ng 6 na kendi na tig-3 piso. Magkano lahat ang binayaran niya?', '18', 'word_problem'],
    ['Bumili ako ng 2 tinapay na tig-25 at nagbayad ng 100. Magkano ang sukli ko?', '50'],
    ['Kung ang 5 itlog ay nagkakahalaga ng 40 piso, magkano ang 12 itlog?', '96', 'unit_rate'],
    ['Ano ang ika-10 na termino ng 2, 5, 8, 11?', '29', 'sequence_nth_term'],
    ['Ano ang ikalimang termino ng 7, 4, 1?', '-5', 'sequence_nth_term'],
    ['Ano ang natira kapag ang 53 ay hinati sa 6?', '5', 'remainder'],
  ],
  calculus_and_more: [
    ['Ano ang derivative ng x^3 + 2x?', '3*x**2 + 2', 'derivative'],
    ['Hanapin ang ikalawang derivative ng -5717*f**3 - 6905*f + 2 kaugnay sa f.', '-34302*f'],
    ['Ano ang susunod sa 2, 4, 8, 16?', '32', 'sequence_next_term'],
    [
      'Tatlong titik ang pinili nang walang pagbabalik mula sa {n: 2, v: 4, f: 3, a: 4, q: 3, e: 1}. Ano ang probabilidad ng pagkakasunod-sunod na nav?',
      '2/255',
      'probability_sequence',
    ],
  ],
};

describe('math_solver families (English)', () => {
  for (const [family, cases] of Object.entries(EN))
    it(family, () => {
      for (const [p, a, k] of cases) expectSolved(p, a, 'en', k);
    });
});

describe('math_solver families (Filipino / Taglish)', () => {
  for (const [family, cases] of Object.entries(FIL))
    it(family, () => {
      for (const [p, a, k] of cases) expectSolved(p, a, 'fil', k);
    });
});

describe('worked steps read like a teacher at the board', () => {
  it('linear equation: does the same to both sides and checks', () => {
    const s = solveMath('solve for x: 3(x-2)=12');
    const text = s.steps.map((x) => `${x.description} :: ${x.expression}`);
    expect(text[0]).toMatch(/Simplify each side.*3x - 6 = 12/);
    expect(text.some((t) => /Add 6 to both sides :: 3x = 18/.test(t))).toBe(true);
    expect(text.some((t) => /Divide both sides by 3 :: x = 6/.test(t))).toBe(true);
    expect(text.at(-1)).toMatch(/Check/);
  });

  it('order of operations goes one stage at a time', () => {
    const s = solveMath('2 + 3 × 4 - (5 - 1)');
    expect(s.answer).toBe('10');
    const exprs = s.steps.map((x) => x.expression);
    expect(exprs).toEqual(['2 + 3 × 4 - (5 - 1)', '2 + 3 × 4 - 4', '2 + 12 - 4', '14 - 4', '10']);
    expect(s.steps[1]?.description).toMatch(/parentheses/);
  });

  it('fractions are added over the LCD', () => {
    const s = solveMath('What is 3/4 + 1/6?');
    expect(s.steps.some((x) => /LCD is 12: 9\/12 \+ 2\/12 = 11\/12/.test(x.description))).toBe(true);
  });

  it('Filipino step descriptions when the locale is fil', () => {
    const s = solveMath('Hanapin ang x: 2x + 5 = 11', { locale: 'fil' });
    expect(s.steps[0]?.description).toBe('Ibawas ang 5 sa magkabilang panig');
    expect(s.steps[1]?.description).toBe('Hatiin ang magkabilang panig sa 2');
  });

  it('quadratic: factors and sets each factor to zero', () => {
    const s = solveMath('x^2-5x+6=0');
    expect(s.steps.map((x) => x.expression)).toContain('(x - 3)(x - 2) = 0');
    expect(s.steps.at(-1)?.expression).toBe('x = 2 or x = 3');
  });

  it('show_steps false gives the answer only', () => {
    const s = solveMath('2x + 3 = 7', { showSteps: false });
    expect(s.answer).toBe('2');
    expect(s.steps).toEqual([]);
  });
});

describe('unsupported input', () => {
  for (const p of [
    'What is the capital of France?',
    '',
    '   ',
    'hello po',
    'x = = 3',
    '((((',
    'Solve for y',
    'a'.repeat(3000),
  ])
    it(`never throws and says so honestly: ${JSON.stringify(p.slice(0, 20))}`, () => {
      const s = solveMath(p);
      expect(s.kind).toBe('unsupported');
      expect(s.answer).toBeNull();
      expect(s.steps).toEqual([]);
      expect(s.message).toMatch(/couldn't recognise/);
    });
  it('a word problem it reads only in part gets no answer (an opening), never an answer from some of its numbers', () => {
    for (const p of [
      'Bumili si Juan ng 4 na lapis. Ang bawat isa ay 12 piso at may 3 pa siyang pambura. Magkano lahat?',
      // No level of differences settles: a next term would be a guess.
      'What is next: 2, 3, 5, 7, 11?',
      'Ilan ang sobra kung 3 ang kinain mula sa 10 na mangga?',
      'Juan has 3 times as many marbles as Pedro who has 8. How many does Juan have?',
      'A train leaves at 3 and arrives at 7. It travels 240 km. What is its speed?',
    ]) {
      const s = solveMath(p, { locale: 'fil' });
      expect(['unsupported', 'opening'], p).toContain(s.status);
      expect(s.answer, p).toBeNull();
    }
    // A hyphen glued to a word is not a minus sign: "tig-12" is "12 each".
    expect(solveMath('Bumili si Juan ng 4 na lapis na tig-12 piso. Magkano lahat?').answer).toBe('48');
  });

  it('an equation it cannot solve exactly gets a specific honest message', () => {
    const s = solveMath('Solve x^3 + x + 1 = 0');
    expect(s.kind).toBe('unsupported');
    expect(s.message).toMatch(/no rational roots/);
  });
  it('Filipino message for unsupported input', () => {
    expect(solveMath('Sino ang unang presidente?', { locale: 'fil' }).message).toMatch(/Hindi ko nakilala/);
  });
  it('division by zero is explained, not a crash', () => {
    const s = solveMath('5 / 0');
    expect(s.answer).toBe('undefined');
    expect(s.message).toMatch(/Division by zero/);
  });

  it('a numeric equation is checked, not solved', () => {
    expect(solveMath('Is 2 + 2 = 4 true?').answer).toBe('True');
    expect(solveMath('Ano ang 2 + 2 = 5?', { locale: 'fil' }).answer).toBe('False');
  });
});

describe('looksLikeMath', () => {
  it('spots concrete exercises', () => {
    for (const t of [
      '2x + 3 = 7',
      'Ano ang 3/4 + 1/6?',
      'ilan ang 15% ng 240?',
      'GCF ng 12 at 18',
      'derivative of x^3 + 2x',
      'What is 23 minutes after 11:47 PM?',
      'What comes next: 3, 7, 11, 15?',
      'pa-solve naman 5x - 3 = 12',
      'Ano ang median ng 12, 5, 8?',
      'What is the mode of 2, 3, 3, 5?',
      'Ano ang area ng parihaba na may haba na 15 cm at lapad na 4 cm?',
      'If 4 notebooks cost 100 pesos, how much do 7 notebooks cost?',
      'Bumili si Liza ng 6 na kendi na tig-3 piso.',
      'what is half of 10?',
      'ano ang kalahati ng 50?',
      'what is twelve plus five',
    ])
      expect(looksLikeMath(t), t).toBe(true);
  });
  it('ignores ordinary chat', () => {
    for (const t of [
      'Ano ang photosynthesis?',
      'Explain the water cycle',
      'make me flashcards about grade 7 science',
      'salamat po!',
      'What changed after the 1986 EDSA revolution?',
      'Explain the range of the Sierra Madre mountains',
      'give me one more quiz on fractions',
      'tell me one fun fact about planets',
      '',
    ])
      expect(looksLikeMath(t), t).toBe(false);
  });
});

describe('an exercise with its numbers in words', () => {
  it.each([
    ['what is half of 10?', '5'],
    ['ano ang kalahati ng 50?', '25'],
    ['what is a third of 27?', '9'],
    ['three fourths of 20', '15'],
    ['two thirds of 30', '20'],
    ['what is twelve plus five', '17'],
  ])('%s → %s', (problem, answer) => {
    expect(solveMath(problem).answer).toBe(answer);
  });
});

describe('the answer as the student writes it', () => {
  it.each([
    ['Solve 2x + 3 = 7', 'en', '2', 'x = 2'],
    ['Lutasin ang 4y - 7 = 2y + 9', 'fil', '8', 'y = 8'],
    ['x^2 - 5x + 6 = 0, what is x?', 'en', '2, 3', 'x = 2 or x = 3'],
    ['paano i-solve ang x^2 - 9 = 0?', 'fil', '-3, 3', 'x = -3 o x = 3'],
  ] as const)('%s → %s', (problem, locale, answer, written) => {
    const s = solveMath(problem, { locale });
    expect(s.answer).toBe(answer);
    expect(s.written).toBe(written);
  });

  it('keeps a bare result as it is, and gives no written answer with a hint', () => {
    expect(solveMath('What is 3/4 + 1/6?').written).toBeNull();
    expect(solveMath('2x + 3 = 7', { hintLevel: 2 }).written).toBeNull();
  });
});
