/**
 * Crisis-check evaluation, run by `npm run eval` after the orchestrator's, or alone by `node eval/safety.ts`
 * (`--errors` lists misses and false alarms; `--split NAME` one split). Prints a table (the rules alone, the
 * trained classifier alone, and both, as moderate() runs them) and writes bench/results/safety.json. Cases live
 * in eval/safety.jsonl: a student message, its language, whether the student is in crisis, and its split (tune
 * and train on `dev`; `test` was written first and is not tuned on). In eval/safety.fresh.jsonl and
 * eval/safety.probe.jsonl, each split is a probe written before the pass of changes that followed it and run
 * once on first contact (docs/benchmarks.md keeps those first-contact figures).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { moderate } from '../src/index.ts';
import { classifyCrisis } from '../src/safety/classifier.ts';
import { detectCrisis, readRules } from '../src/safety/crisis.ts';

export interface SafetyCase {
  id: string;
  split:
    | 'dev'
    | 'test'
    | 'fresh'
    | 'probe'
    | 'blind'
    | 'holdout'
    | 'final'
    | 'last'
    | 'seventh'
    | 'eighth'
    | 'ninth'
    | 'tenth'
    | 'eleventh'
    | 'twelfth';
  lang: 'en' | 'fil' | 'taglish';
  crisis: boolean;
  text: string;
}

export interface Rates {
  crisis: number;
  caught: number;
  recall: number;
  safe: number;
  false_alarms: number;
  false_alarm_rate: number;
}

export interface SafetyReport {
  split: string;
  /** Rules or classifier, as moderate() decides. */
  overall: Rates;
  /** Each detector alone. */
  rules: Rates;
  classifier: Rates;
  by_language: Record<string, Rates>;
  errors: { id: string; text: string; expected: boolean }[];
}

const CASE_FILES = ['./safety.jsonl', './safety.fresh.jsonl', './safety.probe.jsonl'];

export function loadSafetyCases(): SafetyCase[] {
  return CASE_FILES.flatMap((name) =>
    readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as SafetyCase),
  );
}

/** A crisis is caught when the check flags self-harm or abuse at high severity (hotline reply, teacher flag). */
export const flagsCrisis = (text: string) => moderate(text).safety?.crisis === true;
const DETECTORS = {
  rules: (text: string) => detectCrisis(text).some((r) => r.severity === 'high'),
  classifier: (text: string) => classifyCrisis(readRules(text)) !== null,
};
const flaggedBy = (cases: SafetyCase[], flags: (text: string) => boolean) =>
  new Set(cases.filter((c) => flags(c.text)).map((c) => c.id));

function rates(cases: SafetyCase[], flagged: Set<string>): Rates {
  const crisis = cases.filter((c) => c.crisis);
  const safe = cases.filter((c) => !c.crisis);
  const caught = crisis.filter((c) => flagged.has(c.id)).length;
  const falseAlarms = safe.filter((c) => flagged.has(c.id)).length;
  return {
    crisis: crisis.length,
    caught,
    recall: crisis.length ? caught / crisis.length : 1,
    safe: safe.length,
    false_alarms: falseAlarms,
    false_alarm_rate: safe.length ? falseAlarms / safe.length : 0,
  };
}

export function evaluateSafety(cases: SafetyCase[], split: string): SafetyReport {
  const flagged = flaggedBy(cases, flagsCrisis);
  const languages = [...new Set(cases.map((c) => c.lang))].sort();
  return {
    split,
    overall: rates(cases, flagged),
    rules: rates(cases, flaggedBy(cases, DETECTORS.rules)),
    classifier: rates(cases, flaggedBy(cases, DETECTORS.classifier)),
    by_language: Object.fromEntries(
      languages.map((l) => [
        l,
        rates(
          cases.filter((c) => c.lang === l),
          flagged,
        ),
      ]),
    ),
    errors: cases
      .filter((c) => c.crisis !== flagged.has(c.id))
      .map((c) => ({ id: c.id, text: c.text, expected: c.crisis })),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

export function formatSafetyReport(report: SafetyReport): string {
  const row = (name: string, r: Rates) =>
    `  ${name.padEnd(8)} recall ${pct(r.recall)} (${r.caught}/${r.crisis})   false alarms ${pct(r.false_alarm_rate)} (${r.false_alarms}/${r.safe})`;
  return [
    `safety, split ${report.split}:`,
    row('rules', report.rules),
    row('classif.', report.classifier),
    row('both', report.overall),
    ...Object.entries(report.by_language).map(([lang, r]) => row(lang, r)),
  ].join('\n');
}

/** The shared data beside the checkout (`SHARED_DIR` when it lives elsewhere, as beside a worktree). */
const SHARED = process.env.SHARED_DIR ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const GSM8K = `${SHARED}/data/gsm8k/train.jsonl`;

/**
 * False alarms on GSM8K's 7,473 word problems (shared data): school text full of deaths,
 * pills, bridges and jumps that no student says about themselves. Null when the file is not there.
 */
export function gsm8kFalseAlarms(): { problems: number; crisis: number } | null {
  if (!existsSync(GSM8K)) return null;
  const problems = readFileSync(GSM8K, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { question: string }).question);
  return { problems: problems.length, crisis: problems.filter(flagsCrisis).length };
}

/** False alarms on the orchestrator eval's messages (eval/orchestrator.jsonl): tutoring requests, none a crisis. */
export function orchestratorFalseAlarms(): { messages: number; crisis: number } {
  const messages = readFileSync(fileURLToPath(new URL('./orchestrator.jsonl', import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { request: { message: string } }).request.message);
  return { messages: messages.length, crisis: messages.filter(flagsCrisis).length };
}

/** Runs the crisis evaluation on each split: a table on stdout (stderr under `--json`) and a results file. */
export function runSafetyEval(options: { json?: boolean; errors?: boolean; split?: string }): SafetyReport[] {
  const all = loadSafetyCases();
  const splits =
    options.split && options.split !== 'all'
      ? [options.split]
      : [
          'dev',
          'test',
          'fresh',
          'probe',
          'blind',
          'holdout',
          'final',
          'last',
          'seventh',
          'eighth',
          'ninth',
          'tenth',
          'eleventh',
          'twelfth',
        ];
  const reports = splits.map((split) =>
    evaluateSafety(
      all.filter((c) => c.split === split),
      split,
    ),
  );
  const print = options.json ? console.error : console.log;
  for (const report of reports) {
    print(formatSafetyReport(report));
    if (options.errors)
      for (const e of report.errors)
        print(`    ✗ ${e.id} ${e.expected ? 'missed' : 'false alarm'}: ${JSON.stringify(e.text)}`);
  }
  const gsm8k = gsm8kFalseAlarms();
  if (gsm8k) print(`safety, GSM8K word problems: ${gsm8k.crisis} false alarms in ${gsm8k.problems}`);
  const orchestrator = orchestratorFalseAlarms();
  print(
    `safety, orchestrator eval messages: ${orchestrator.crisis} false alarms in ${orchestrator.messages}`,
  );
  const dir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    `${dir}safety.json`,
    `${JSON.stringify({ splits: reports, gsm8k, orchestrator }, null, 2)}\n`,
  );
  return reports;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { split: { type: 'string' }, json: { type: 'boolean' }, errors: { type: 'boolean' } },
  });
  runSafetyEval(values);
}
