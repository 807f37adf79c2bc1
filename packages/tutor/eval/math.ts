/**
 * Math solver evaluation on every problem set: the DeepMind dev sample per module, GSM8K train, and our own
 * word problems (en, fil; dev and test splits). For each set: coverage (share answered), precision (correct /
 * answered), wrong answers as a share of all problems, and the median solve time.
 *
 *   node packages/tutor/eval/math.ts [--json] [--errors]
 *
 * `npm run eval` prints the same table after the orchestrator's; `bench/math.ts` writes it to
 * bench/results/math.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type MathLocale, type MathSolution, solveMath } from '../src/tools/math_solver/index.ts';

export interface MathCase {
  id: string;
  question: string;
  /** The expected answer: a number string, or (DeepMind) the dataset's canonical answer string. */
  answer: string;
  locale: MathLocale;
}

export interface MathSet {
  name: string;
  cases: MathCase[];
}

export interface Miss {
  id: string;
  question: string;
  expected: string;
  got: string;
}

export interface SetReport {
  set: string;
  total: number;
  answered: number;
  correct: number;
  wrong: number;
  /** answered / total */
  coverage: number;
  /** correct / answered; null when nothing was answered */
  precision: number | null;
  /** wrong / total */
  wrong_share: number;
  median_ms: number;
  misses: Miss[];
}

const TUTOR = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = join(TUTOR, 'test/fixtures');

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** `../shared/data/gsm8k/train.jsonl` beside the checkout (or beside a worktree's parent); null when absent. */
export function gsm8kTrainFile(): string | null {
  for (let dir = TUTOR; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'shared/data/gsm8k/train.jsonl');
    if (existsSync(file)) return file;
  }
  return null;
}

/** GSM8K rows: the expected answer is the number after `####` in the worked solution. */
export function loadGsm8k(file: string, name: string): MathSet {
  const rows = readJsonl<{ question: string; answer: string }>(file);
  return {
    name,
    cases: rows.map((r, i) => ({
      id: `${name}-${i + 1}`,
      question: r.question,
      answer: (r.answer.split('####').pop() ?? '').trim().replace(/,/g, ''),
      locale: 'en',
    })),
  };
}

export interface WordProblem {
  id: string;
  lang: 'en' | 'fil' | 'taglish';
  grade: number;
  question: string;
  answer: string;
  schema: string;
  split: 'dev' | 'test';
  /** Written before the engine was tuned on the sets (a part of `test`). */
  fresh?: true;
  /** `chat`: typed the way students chat (abbreviations, no punctuation); reported as its own sets. */
  register?: 'chat';
}

export function loadWordProblems(file: 'en' | 'fil'): WordProblem[] {
  return readJsonl<WordProblem>(join(FIXTURES, 'word_problems', `${file}.jsonl`));
}

/**
 * Our word problems per split, the fresh check (test problems written before the engine was tuned), and the
 * chat-register problems per split, kept out of the other rows so that those stay comparable over time.
 */
function wordSets(): MathSet[] {
  return (['en', 'fil'] as const).flatMap((file) => {
    const rows = loadWordProblems(file);
    const set = (name: string, keep: (r: WordProblem) => boolean): MathSet => ({
      name: `${file} ${name}`,
      cases: rows.filter(keep).map((r) => ({
        id: r.id,
        question: r.question,
        answer: r.answer,
        locale: r.lang === 'en' ? 'en' : 'fil',
      })),
    });
    const chat = (r: WordProblem) => r.register === 'chat';
    const sets = [
      set('dev', (r) => r.split === 'dev' && !chat(r)),
      set('test', (r) => r.split === 'test' && !chat(r)),
      set('test (fresh)', (r) => r.fresh === true),
      set('chat dev', (r) => r.split === 'dev' && chat(r)),
      set('chat test', (r) => r.split === 'test' && chat(r)),
    ];
    return sets.filter((s) => s.cases.length > 0);
  });
}

function deepMindSets(): MathSet[] {
  const rows = readJsonl<{ module: string; question: string; answer: string }>(
    join(FIXTURES, 'mathematics_dataset/dev.jsonl'),
  );
  const modules = [...new Set(rows.map((r) => r.module))].sort();
  return modules.map((module) => ({
    name: `deepmind ${module}`,
    cases: rows
      .filter((r) => r.module === module)
      .map((r, i) => ({ id: `${module}-${i + 1}`, question: r.question, answer: r.answer, locale: 'en' })),
  }));
}

/** Every set the evaluation reports; GSM8K train only when the shared data is present. */
export function mathSets(): MathSet[] {
  const gsm = gsm8kTrainFile();
  return [...deepMindSets(), ...(gsm ? [loadGsm8k(gsm, 'gsm8k train')] : []), ...wordSets()];
}

const NUMBER =
  /^(?:₱|\$|php\s*|p(?=\d))?\s*(-?\d[\d,]*(?:\.\d+)?)(?:\s*\/\s*(\d+))?\s*(?:(?:pesos?|piso|dollars?|[\p{L}%°²³][\p{L}\s./²³%°-]*))?$/iu;

/**
 * The numeric value of an answer string, or null when it is not one number: "₱54", "54 pesos", "54.00",
 * "1,200" and "3/4" are numbers; "159*g", "x = 4" and "1:54 PM" are not.
 */
export function numericValue(text: string): number | null {
  const m = NUMBER.exec(text.trim());
  if (!m?.[1]) return null;
  const whole = Number(m[1].replace(/,/g, ''));
  const den = m[2] === undefined ? 1 : Number(m[2]);
  if (!Number.isFinite(whole) || den === 0) return null;
  return whole / den;
}

/** Same answer: the same string, or the same number within 1e-6 (relative to the expected size). */
export function sameAnswer(got: string, expected: string): boolean {
  if (got.trim() === expected.trim()) return true;
  const a = numericValue(got);
  const b = numericValue(expected);
  return a !== null && b !== null && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

/**
 * A final answer: the solver says it solved the problem (its `status` marker, once the output has one) and
 * gives an answer — not a hint, a Socratic opening or "unsupported".
 */
export function answered(s: MathSolution & { status?: string }): s is MathSolution & { answer: string } {
  return s.answer !== null && (s.status === undefined || s.status === 'solved');
}

function median(sorted: number[]): number {
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] as number) : 0;
}

export function evaluateSet(set: MathSet): SetReport {
  let answeredCount = 0;
  let correct = 0;
  const times: number[] = [];
  const misses: Miss[] = [];
  for (const c of set.cases) {
    const t0 = performance.now();
    const s = solveMath(c.question, { locale: c.locale });
    times.push(performance.now() - t0);
    if (!answered(s)) continue;
    answeredCount++;
    if (sameAnswer(s.answer, c.answer)) correct++;
    else misses.push({ id: c.id, question: c.question, expected: c.answer, got: s.answer });
  }
  const total = set.cases.length;
  return {
    set: set.name,
    total,
    answered: answeredCount,
    correct,
    wrong: answeredCount - correct,
    coverage: total ? answeredCount / total : 0,
    precision: answeredCount ? correct / answeredCount : null,
    wrong_share: total ? (answeredCount - correct) / total : 0,
    median_ms: median(times.sort((a, b) => a - b)),
    misses,
  };
}

/** The DeepMind modules summed into one row (the per-module rows stay in the JSON). */
export function sumReports(name: string, reports: SetReport[]): SetReport {
  const total = reports.reduce((a, r) => a + r.total, 0);
  const answeredCount = reports.reduce((a, r) => a + r.answered, 0);
  const correct = reports.reduce((a, r) => a + r.correct, 0);
  return {
    set: name,
    total,
    answered: answeredCount,
    correct,
    wrong: answeredCount - correct,
    coverage: total ? answeredCount / total : 0,
    precision: answeredCount ? correct / answeredCount : null,
    wrong_share: total ? (answeredCount - correct) / total : 0,
    median_ms: median(reports.map((r) => r.median_ms).sort((a, b) => a - b)),
    misses: reports.flatMap((r) => r.misses),
  };
}

export function runMathEval(sets: MathSet[] = mathSets()): SetReport[] {
  return sets.map(evaluateSet);
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** A markdown table: one row per set, the DeepMind modules summed into one row unless `modules` is set. */
export function formatMathTable(reports: SetReport[], modules = false): string {
  const deepMind = reports.filter((r) => r.set.startsWith('deepmind '));
  const rows = modules
    ? reports
    : [
        ...(deepMind.length ? [sumReports('deepmind dev (22 modules)', deepMind)] : []),
        ...reports.filter((r) => !r.set.startsWith('deepmind ')),
      ];
  const w = Math.max(...rows.map((r) => r.set.length), 3);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line([
      'set'.padEnd(w),
      'problems',
      'answered',
      'correct',
      'coverage',
      'precision',
      ' wrong',
      '   median',
    ]),
    line(['-'.repeat(w), '-------:', '-------:', '------:', '-------:', '--------:', '-----:', '--------:']),
    ...rows.map((r) =>
      line([
        r.set.padEnd(w),
        String(r.total).padStart(8),
        String(r.answered).padStart(8),
        String(r.correct).padStart(7),
        pct(r.coverage).padStart(8),
        pct(r.precision).padStart(9),
        pct(r.wrong_share).padStart(6),
        `${r.median_ms.toFixed(3)} ms`.padStart(9),
      ]),
    ),
  ].join('\n');
}

export function printMathEval(options: { errors?: boolean } = {}): SetReport[] {
  const reports = runMathEval();
  console.log(`\nmath solver: coverage, precision, wrong answers (of all)\n${formatMathTable(reports)}`);
  if (!gsm8kTrainFile()) console.log('(GSM8K train not found beside the checkout: ../shared/data/gsm8k)');
  if (options.errors)
    for (const r of reports)
      for (const m of r.misses)
        console.log(`    ✗ ${m.id} "${m.question}" → ${m.got} (expected ${m.expected})`);
  return reports;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, errors: { type: 'boolean' } } });
  if (values.json) console.log(JSON.stringify(runMathEval(), null, 2));
  else printMathEval({ errors: values.errors === true });
}
