/**
 * `aralin` — the tutor on the command line.
 *   aralin orchestrate [--jsonl]     request JSON on stdin → response JSON on stdout (one per line with --jsonl)
 *   aralin solve "<problem>"         a worked solution; `aralin solve --jsonl` reads {"question": …} lines and
 *                                    prints {answer, status, confidence, unit, opening, steps, kind}: status
 *                                    "opening" (answer null) marks a story it could not read with certainty
 *   aralin chat                      an interactive tutor in the terminal
 * An LLM is used when ARALIN_LLM_PROVIDER (gemini | openai-compatible), ARALIN_LLM_MODEL and, as needed,
 * ARALIN_LLM_BASE_URL / ARALIN_LLM_API_KEY are set (it plans, writes tool results and replies); otherwise the
 * embedded engine answers.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { ChatMessage, Locale } from './contract.ts';
import { LlmSettingsError, llmTutorFromEnv } from './generate/env.ts';
import { createTutor, InvalidRequestError, type Tutor } from './orchestrator.ts';
import { solveMath } from './tools/math_solver/index.ts';

/** One input line or document may not exceed this; bigger input is refused before parsing. */
const MAX_INPUT_BYTES = 1_000_000;

class UsageError extends Error {}

function fail(message: string, code = 1): never {
  process.stderr.write(`aralin: ${message}\n`);
  process.exit(code);
}

function tutorFromEnv(): Tutor {
  try {
    return llmTutorFromEnv(process.env) ?? createTutor();
  } catch (error) {
    if (error instanceof LlmSettingsError) throw new UsageError(error.message);
    throw error;
  }
}

async function readStdin(): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) throw new UsageError(`input is larger than ${MAX_INPUT_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where}: invalid JSON (${(error as Error).message})`);
  }
}

function describe(error: unknown): string {
  if (error instanceof InvalidRequestError) return error.message;
  if (error instanceof UsageError) return error.message;
  return `internal error: ${(error as Error).message}`;
}

async function* lines(): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (Buffer.byteLength(line) > MAX_INPUT_BYTES)
      throw new UsageError(`a line is larger than ${MAX_INPUT_BYTES} bytes`);
    if (line.trim()) yield line;
  }
}

async function orchestrateCommand(jsonl: boolean): Promise<number> {
  const tutor = tutorFromEnv();
  if (!jsonl) {
    const response = await tutor.orchestrate(parseJson(await readStdin(), 'stdin'));
    process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
    return 0;
  }
  let failures = 0;
  let n = 0;
  for await (const line of lines()) {
    n++;
    try {
      process.stdout.write(`${JSON.stringify(await tutor.orchestrate(parseJson(line, `line ${n}`)))}\n`);
    } catch (error) {
      failures++;
      process.stderr.write(`aralin: line ${n}: ${describe(error)}\n`);
      process.stdout.write(`${JSON.stringify({ status: 'error', error: describe(error) })}\n`);
    }
  }
  return failures > 0 ? 1 : 0;
}

/** One solution for the CLI: `status` marks an opening (a story not read with certainty) — never an answer. */
function solveOne(problem: string, locale: Locale) {
  const s = solveMath(problem, { locale });
  const opening = s.status === 'opening' ? s.hint : null;
  return {
    answer: s.answer,
    status: s.status,
    confidence: s.confidence,
    unit: s.unit,
    opening,
    steps: s.steps,
    kind: s.kind,
  };
}

async function solveCommand(args: string[], jsonl: boolean, locale: Locale): Promise<number> {
  if (!jsonl) {
    const problem = args.join(' ').trim();
    if (!problem)
      throw new UsageError(
        'usage: aralin solve "<problem>"  (or --jsonl with {"question": …} lines on stdin)',
      );
    const s = solveOne(problem, locale);
    for (const step of s.steps)
      process.stdout.write(`  ${step.description}${step.expression ? `\n      ${step.expression}` : ''}\n`);
    if (s.opening) process.stdout.write(`${s.opening}\n`);
    process.stdout.write(`${s.answer ?? `(no answer: ${s.status})`}\n`);
    return s.answer === null ? 1 : 0;
  }
  let n = 0;
  let failures = 0;
  for await (const line of lines()) {
    n++;
    try {
      const value = parseJson(line, `line ${n}`) as { question?: unknown };
      if (typeof value?.question !== 'string')
        throw new UsageError(`line ${n}: expected {"question": "<text>"}`);
      process.stdout.write(`${JSON.stringify(solveOne(value.question, locale))}\n`);
    } catch (error) {
      failures++;
      process.stderr.write(`aralin: ${describe(error)}\n`);
      process.stdout.write(
        `${JSON.stringify({ answer: null, status: 'unsupported', confidence: 0, steps: [], error: describe(error) })}\n`,
      );
    }
  }
  return failures > 0 ? 1 : 0;
}

async function chatCommand(): Promise<number> {
  const tutor = tutorFromEnv();
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const history: ChatMessage[] = [];
  const name = process.env.USER && process.env.USER !== 'root' ? process.env.USER : 'Student';
  process.stdout.write('Aralin — your tutor. Type a question in English or Filipino; Ctrl+D to leave.\n> ');
  for await (const line of rl) {
    const message = line.trim();
    if (message) {
      try {
        const r = await tutor.orchestrate({
          user_info: { user_id: 'cli', name },
          chat_history: history.slice(-12),
          message,
        });
        process.stdout.write(
          `\n${r.reply}\n${r.tool ? `  [${r.tool} · ${r.planner}${r.degraded ? ' · degraded' : ''}]` : ''}\n\n`,
        );
        history.push(
          { role: 'user', content: message },
          {
            role: 'assistant',
            content: r.reply.slice(0, 8000),
            tool: r.tool,
            parameters: r.parameters,
            status: r.status,
          },
        );
      } catch (error) {
        process.stderr.write(`aralin: ${describe(error)}\n`);
      }
    }
    process.stdout.write('> ');
  }
  process.stdout.write('\nPaalam!\n');
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      jsonl: { type: 'boolean' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  const locale: Locale = values.locale === 'fil' ? 'fil' : 'en';
  if (values.help || !command) {
    process.stdout.write(
      'usage: aralin orchestrate [--jsonl] | aralin solve "<problem>" [--locale fil] | aralin solve --jsonl | aralin chat\n',
    );
    return command || values.help ? 0 : 2;
  }
  if (command === 'orchestrate') return orchestrateCommand(values.jsonl === true);
  if (command === 'solve') return solveCommand(rest, values.jsonl === true, locale);
  if (command === 'chat') return chatCommand();
  throw new UsageError(`unknown command "${command}" (orchestrate, solve, chat)`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) =>
    fail(describe(error), error instanceof UsageError || error instanceof InvalidRequestError ? 2 : 1),
);
