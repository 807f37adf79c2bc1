/**
 * Orchestrator evaluation: `npm run eval` (add `-- --split test` for the held-out split only, `--split fresh`
 * for the fresh set only, `--json` for machine-readable output, `--errors` to list mismatches). Cases live in
 * eval/orchestrator.jsonl and, labelled before the planner was changed for them, eval/fresh.jsonl.
 * `--provider` runs it, and the math sets, through the model that ARALIN_LLM_* configures (eval/provider.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTutor, type OrchestrateResponse, type Tutor } from '../src/index.ts';
import { runSafetyEval } from './safety.ts';

export interface EvalCase {
  id: string;
  split: 'dev' | 'test';
  request: { message: string; [key: string]: unknown };
  expect: { status: string; tool: string | null; parameters: Record<string, unknown> };
}

export interface EvalReport {
  split: string;
  cases: number;
  tool_accuracy: number;
  status_accuracy: number;
  parameters: Record<string, { correct: number; total: number; accuracy: number }>;
  clarification: { precision: number; recall: number; false_when_topic_given: number };
  /** Cases with earlier turns, right in every field (tool, status and each parameter). */
  multi_turn: { correct: number; total: number; accuracy: number };
  errors: { id: string; message: string; problems: string[] }[];
}

/** The labelled cases of one file: `orchestrator` (dev and test splits) or `fresh`. */
export function loadCases(set: 'orchestrator' | 'fresh' = 'orchestrator'): EvalCase[] {
  const file = fileURLToPath(new URL(`./${set}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalCase);
}

const ARTICLES = /^(?:the|a|an|ang|mga|yung|si)\s+/;

function normalise(value: unknown): string {
  return String(value)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(ARTICLES, '');
}

/** An exercise without spacing and final punctuation: "2x+3 = 11." is "2x + 3 = 11". */
function exercise(value: string): string {
  return value
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[.?!]+$/, '');
}

/**
 * A topic phrase matches when one contains the other after normalising ("the water cycle" ~ "water cycle");
 * an exercise must be the same after normalising ("solve for me: 2x+3=11" is not "2x+3=11").
 */
function sameValue(field: string, got: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(got) && [...got].sort().join() === [...want].sort().join();
  if (field === 'problem' && typeof want === 'string' && typeof got === 'string')
    return exercise(got) === exercise(want);
  if (
    typeof want === 'string' &&
    typeof got === 'string' &&
    ['topic', 'concept_to_explain', 'current_topic'].includes(field)
  ) {
    const g = normalise(got);
    const w = normalise(want);
    return g === w || (g.length > 0 && (g.includes(w) || w.includes(g)));
  }
  return got === want;
}

export async function evaluate(
  cases: EvalCase[],
  split: string,
  tutor: Tutor = createTutor(),
): Promise<EvalReport> {
  const parameters: EvalReport['parameters'] = {};
  let toolOk = 0;
  let statusOk = 0;
  let clarifyTp = 0;
  let clarifyFp = 0;
  let clarifyFn = 0;
  let falseClarify = 0;
  const multiTurn = { correct: 0, total: 0, accuracy: 1 };
  const errors: EvalReport['errors'] = [];
  for (const c of cases) {
    const r: OrchestrateResponse = await tutor.orchestrate(c.request);
    const problems: string[] = [];
    if (r.tool === c.expect.tool) toolOk++;
    else problems.push(`tool ${r.tool} ≠ ${c.expect.tool}`);
    // A tool that failed is a failed case, not a completed one.
    if (r.status === c.expect.status) statusOk++;
    else problems.push(`status ${r.status} ≠ ${c.expect.status}`);
    const clarifyWant = c.expect.status === 'needs_clarification';
    const clarifyGot = r.status === 'needs_clarification';
    if (clarifyWant && clarifyGot) clarifyTp++;
    if (!clarifyWant && clarifyGot) {
      clarifyFp++;
      falseClarify++;
    }
    if (clarifyWant && !clarifyGot) clarifyFn++;
    for (const [field, want] of Object.entries(c.expect.parameters)) {
      parameters[field] ??= { correct: 0, total: 0, accuracy: 0 };
      const entry = parameters[field];
      entry.total++;
      if (r.tool === c.expect.tool && sameValue(field, r.parameters[field], want)) entry.correct++;
      else problems.push(`${field}=${JSON.stringify(r.parameters[field])} ≠ ${JSON.stringify(want)}`);
    }
    if (problems.length) errors.push({ id: c.id, message: c.request.message, problems });
    if (Array.isArray(c.request.chat_history) && c.request.chat_history.length > 0) {
      multiTurn.total++;
      if (problems.length === 0) multiTurn.correct++;
    }
  }
  if (multiTurn.total) multiTurn.accuracy = multiTurn.correct / multiTurn.total;
  for (const entry of Object.values(parameters))
    entry.accuracy = entry.total ? entry.correct / entry.total : 1;
  return {
    split,
    cases: cases.length,
    tool_accuracy: toolOk / cases.length,
    status_accuracy: statusOk / cases.length,
    parameters,
    clarification: {
      precision: clarifyTp + clarifyFp ? clarifyTp / (clarifyTp + clarifyFp) : 1,
      recall: clarifyTp + clarifyFn ? clarifyTp / (clarifyTp + clarifyFn) : 1,
      false_when_topic_given: falseClarify,
    },
    multi_turn: multiTurn,
    errors,
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function formatReport(report: EvalReport): string {
  const rows = [
    `split ${report.split}: ${report.cases} cases`,
    `  tool selection          ${pct(report.tool_accuracy)}`,
    `  status                  ${pct(report.status_accuracy)}`,
    `  multi-turn (all fields)  ${pct(report.multi_turn.accuracy)}  (${report.multi_turn.correct}/${report.multi_turn.total})`,
    `  clarification precision ${pct(report.clarification.precision)}  recall ${pct(report.clarification.recall)}  asked when the topic was given: ${report.clarification.false_when_topic_given}`,
    ...Object.entries(report.parameters)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([field, e]) => `  ${field.padEnd(23)} ${pct(e.accuracy).padStart(6)}  (${e.correct}/${e.total})`),
  ];
  return rows.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--provider')) {
  // Not awaited: provider.ts imports this module, which must finish loading first.
  void import('./provider.ts').then(async ({ runProviderEval }) => {
    process.exitCode = await runProviderEval(process.argv.slice(2), process.env);
  });
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { split: { type: 'string' }, json: { type: 'boolean' }, errors: { type: 'boolean' } },
  });
  const all = loadCases();
  const splits = values.split ? [values.split] : ['dev', 'test', 'all', 'fresh'];
  const reports = [];
  for (const split of splits) {
    const cases =
      split === 'fresh' ? loadCases('fresh') : split === 'all' ? all : all.filter((c) => c.split === split);
    const report = await evaluate(cases, split);
    reports.push(report);
    if (!values.json) {
      console.log(formatReport(report));
      if (values.errors)
        for (const e of report.errors) console.log(`    ✗ ${e.id} "${e.message}": ${e.problems.join('; ')}`);
    }
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  runSafetyEval(values);
  if (!values.json) (await import('./math.ts')).printMathEval({ errors: values.errors === true });
}
