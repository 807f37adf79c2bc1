import type { LanguageModelV3 } from '@ai-sdk/provider';
import {
  generateText,
  type LanguageModelUsage,
  type ModelMessage,
  NoObjectGeneratedError,
  Output,
  streamText,
  zodSchema,
} from 'ai';
import { z } from 'zod';
import type { TraceStep } from '../contract.ts';
import { type CircuitBreaker, type LlmObserver, withDeadline } from '../planner/llm.ts';
import type { AnyTool, FailedCheck, ToolContext, ToolGeneration } from '../tool.ts';
import { DEFAULT_BUDGET, type TokenBudget, type TokenLedger, utcDay } from './budget.ts';
import { groundingOf, type References, references } from './ground.ts';
import { generationPrompt, repairPrompt, TEACHING_RULES } from './prompt.ts';

export { DEFAULT_BUDGET, memoryLedger, type TokenBudget, type TokenLedger, utcDay } from './budget.ts';

/** What the generator reports, besides each call (the planner's `LlmObserver.call`). */
export interface GenerationObserver extends LlmObserver {
  /** One turn's generation: how it ended and the tokens it used. */
  generation?(event: { provider: string; tool: string; outcome: GenerationOutcome; tokens: number }): void;
  /** A check a generated draft failed. */
  check?(event: { provider: string; tool: string; check: string }): void;
}

/**
 * `generated`: the model's checked result; `embedded`: the tool's embedded result needed no model (e.g. a bare
 * equation the engine reads); `fallback`: the model failed (call, schema or checks, twice) and the
 * embedded engine answered; `budget`: the student's daily budget was spent, the embedded engine answered.
 */
export type GenerationOutcome = 'generated' | 'embedded' | 'fallback' | 'budget';

export interface GeneratorOptions {
  model: LanguageModelV3;
  provider: string;
  /** Shared with the planner: one provider, one circuit. */
  circuit: CircuitBreaker;
  observer?: GenerationObserver;
  /** One generation call's bound (a whole quiz takes longer than a plan). */
  timeoutMs?: number;
  maxRetries?: number;
  budget?: Partial<TokenBudget>;
  /** The per-student daily count; without one, only the per-turn budget applies. */
  ledger?: TokenLedger;
  /** A streamed draft reaches the student at most this often (default 150 ms). */
  partialEveryMs?: number;
}

export interface GenerationReport {
  result: Record<string, unknown>;
  outcome: GenerationOutcome;
  tokens: number;
  trace: TraceStep[];
}

export interface Generator {
  /** Runs `tool` through the model when it can generate; its embedded `run` answers whenever that fails. */
  run(
    tool: AnyTool,
    input: Record<string, unknown>,
    ctx: ToolContext,
    options?: { signal?: AbortSignal; onPartial?: (partial: Record<string, unknown>) => void },
  ): Promise<GenerationReport>;
}

type Generation = ToolGeneration<Record<string, unknown>, Record<string, unknown>>;

/** The draft the model writes: the tool's, plus the ids of the reference topics it used. */
const drafts = new WeakMap<Generation, ReturnType<typeof zodSchema>>();
function draftSchema(g: Generation) {
  let schema = drafts.get(g);
  if (!schema) {
    schema = zodSchema(
      g.grounding
        ? g.draft.extend({
            used_topic_ids: z.array(z.string().max(100)).max(5).describe('ids of the reference topics used'),
          })
        : g.draft,
    );
    drafts.set(g, schema);
  }
  return schema;
}

/** The model's checked result, or none when both rounds failed. */
type Written = { result?: Record<string, unknown> };

/** What one turn's writing works with. */
interface Turn {
  input: Record<string, unknown>;
  ctx: ToolContext;
  refs: References;
  trace: TraceStep[];
  spent: { tokens: number };
  signal: AbortSignal | undefined;
  onPartial: ((partial: Record<string, unknown>) => void) | undefined;
}

type Attempt =
  | { ok: true; draft: Record<string, unknown>; tokens: number }
  | { ok: false; failures: FailedCheck[]; text: string; tokens: number };

export function createGenerator(options: GeneratorOptions): Generator {
  const { model, provider, circuit, observer } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 1;
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const partialEveryMs = options.partialEveryMs ?? 150;

  /**
   * One structured-output call; with `onPartial`, streamed, each partial draft passed on as it grows. A draft
   * that does not parse is a failed check, not a provider failure.
   */
  async function call(
    g: Generation,
    system: string,
    messages: ModelMessage[],
    maxOutputTokens: number,
    signal: AbortSignal | undefined,
    onPartial: ((partial: Record<string, unknown>) => void) | undefined,
  ): Promise<Attempt> {
    const started = performance.now();
    const report = (
      outcome: 'ok' | 'error' | 'timeout' | 'invalid',
      input: number,
      output: number,
      reason?: string,
    ) =>
      observer?.call?.({
        provider,
        outcome,
        durationMs: performance.now() - started,
        inputTokens: input,
        outputTokens: output,
        ...(reason ? { reason } : {}),
      });
    try {
      const attempt = await circuit.run(() =>
        withDeadline(timeoutMs, signal, (abortSignal) => {
          const args = {
            model,
            system,
            messages,
            output: Output.object({ schema: draftSchema(g) }),
            maxOutputTokens,
            maxRetries,
            abortSignal,
          };
          return (onPartial ? streamed(args, onPartial) : generateText(args)).then(
            (r): Attempt => {
              report('ok', r.usage.inputTokens ?? 0, r.usage.outputTokens ?? 0);
              return {
                ok: true,
                draft: r.output as Record<string, unknown>,
                tokens: r.usage.totalTokens ?? 0,
              };
            },
            (error: unknown): Attempt => {
              if (!NoObjectGeneratedError.isInstance(error)) throw error;
              const tokens = error.usage?.totalTokens ?? 0;
              report('invalid', error.usage?.inputTokens ?? 0, error.usage?.outputTokens ?? 0, 'schema');
              const why = (error.cause as Error | undefined)?.message ?? error.message;
              return {
                ok: false,
                failures: [{ check: 'schema', detail: why.replace(/\s+/g, ' ').slice(0, 600) }],
                text: error.text ?? '',
                tokens,
              };
            },
          );
        }),
      );
      return attempt;
    } catch (error) {
      const e = error as Error;
      const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
      report(timeout ? 'timeout' : 'error', 0, 0, e.name);
      throw error;
    }
  }

  async function run(
    tool: AnyTool,
    input: Record<string, unknown>,
    ctx: ToolContext,
    {
      signal,
      onPartial,
    }: { signal?: AbortSignal; onPartial?: (partial: Record<string, unknown>) => void } = {},
  ): Promise<GenerationReport> {
    const g = tool.generation as Generation | undefined;
    const trace: TraceStep[] = [];
    /** Tokens the turn's calls used, counted as they return (a later call that throws keeps the count). */
    const spent = { tokens: 0 };
    const finish = async (outcome: GenerationOutcome, result: Record<string, unknown>) => {
      const { tokens } = spent;
      if (tokens > 0) await options.ledger?.add(ctx.user.user_id, utcDay(ctx.now()), tokens);
      trace.push({ step: 'tokens', detail: `${tokens} token(s) generating ${tool.name} (${outcome})` });
      observer?.generation?.({ provider, tool: tool.name, outcome, tokens });
      return { result, outcome, tokens, trace };
    };
    const embedded = async (outcome: GenerationOutcome) =>
      finish(outcome, tool.output.parse(await tool.run(input, ctx)) as Record<string, unknown>);
    if (!g) return embedded('embedded');
    const enough = g.embeddedSuffices?.(input, ctx);
    if (enough) {
      trace.push({ step: 'generate', detail: `no model call: ${enough}` });
      return embedded('embedded');
    }
    if (options.ledger) {
      const used = await options.ledger.used(ctx.user.user_id, utcDay(ctx.now()));
      if (used >= budget.perStudentPerDay) {
        trace.push({
          step: 'budget',
          detail: `today's ${budget.perStudentPerDay} generation tokens are used (${used}); the embedded engine answers`,
        });
        return embedded('budget');
      }
    }
    const refs = references(ctx.content, g.grounding?.(input) ?? null, ctx.locale);
    if (refs.searched)
      trace.push({
        step: 'ground',
        detail: refs.topics.length
          ? `reference notes: ${refs.topics.map((t) => t.id).join(', ')}`
          : 'no pack topic covers it: the model answers from its own knowledge',
      });
    let written: Written;
    try {
      const partial = g.streams && onPartial ? draftOnly(onPartial, partialEveryMs) : undefined;
      written = await write(tool, g, { input, ctx, refs, trace, spent, signal, onPartial: partial });
    } catch (error) {
      trace.push({
        step: 'fallback',
        detail: `generating ${tool.name} failed (${(error as Error).message}); the embedded engine answers`,
      });
      return embedded('fallback');
    }
    if (written.result) return finish('generated', written.result);
    trace.push({
      step: 'fallback',
      detail: `${tool.name}'s generated result failed its checks; the embedded engine answers`,
    });
    return embedded('fallback');
  }

  /**
   * The model writes the draft, at most twice: a draft that fails to parse or a check is sent back once with
   * the failed checks. Each failed check goes to the trace and the observer; the tokens used, to `spent`.
   */
  async function write(tool: AnyTool, g: Generation, turn: Turn): Promise<Written> {
    const { input, ctx, refs, trace, spent, signal, onPartial } = turn;
    const system = `${tool.prompt}\n\n${TEACHING_RULES}`;
    const messages: ModelMessage[] = [
      { role: 'user', content: generationPrompt(g.request(input, ctx), ctx, refs) },
    ];
    for (let round = 0; round < 2; round++) {
      const attempt = await call(g, system, messages, budget.perTurn - spent.tokens, signal, onPartial);
      spent.tokens += attempt.tokens;
      const failures = attempt.ok ? checkDraft(g, attempt.draft, input, ctx, refs) : attempt.failures;
      if (attempt.ok && failures.length === 0) {
        const parsed = tool.output.safeParse(build(g, attempt.draft, input, ctx, refs, trace));
        if (parsed.success) {
          trace.push({
            step: 'generate',
            detail: `${tool.name} written by the model (${provider}) and checked`,
          });
          return { result: parsed.data as Record<string, unknown> };
        }
        failures.push({ check: 'output', detail: parsed.error.issues.map((i) => i.message).join('; ') });
      }
      for (const f of failures) {
        trace.push({ step: 'check', detail: `${tool.name} ${f.check} failed: ${f.detail}` });
        observer?.check?.({ provider, tool: tool.name, check: f.check });
      }
      if (spent.tokens >= budget.perTurn) {
        trace.push({ step: 'budget', detail: `the turn's ${budget.perTurn} generation tokens are used` });
        break;
      }
      messages.push(
        {
          role: 'assistant',
          content: attempt.ok ? JSON.stringify(attempt.draft) : attempt.text || '(nothing)',
        },
        { role: 'user', content: repairPrompt(failures.map((f) => `${f.check}: ${f.detail}`)) },
      );
    }
    return {};
  }

  return { run };
}

/**
 * `streamText` with a structured output, read to its end: each partial object goes to `onPartial`; an error
 * in the stream (a broken connection, an abort) is thrown, as `generateText` would.
 */
async function streamed(
  args: Parameters<typeof streamText>[0],
  onPartial: (partial: Record<string, unknown>) => void,
): Promise<{ output: unknown; usage: LanguageModelUsage }> {
  let failure: unknown;
  const result = streamText({
    ...args,
    onError: ({ error }) => {
      failure ??= error;
    },
  });
  for await (const partial of result.partialOutputStream) onPartial(partial as Record<string, unknown>);
  if (failure !== undefined) throw failure;
  return { output: await result.output, usage: await result.usage };
}

/**
 * A partial draft as the student may see it while it is written: without the model's bookkeeping, and at most
 * once per `everyMs` (each event carries the whole draft so far: one per token would send it quadratically).
 */
function draftOnly(onPartial: (partial: Record<string, unknown>) => void, everyMs: number) {
  let last = Number.NEGATIVE_INFINITY;
  return ({ used_topic_ids: _used, ...partial }: Record<string, unknown>) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    onPartial(partial);
  };
}

/** The checks every draft passes: it names only topics it was given, then the tool's own checks. */
function checkDraft(
  g: Generation,
  draft: Record<string, unknown>,
  input: Record<string, unknown>,
  ctx: ToolContext,
  refs: References,
): FailedCheck[] {
  const used = (draft.used_topic_ids as string[]) ?? [];
  const given = new Set(refs.topics.map((t) => t.id));
  const unknown = used.filter((id) => !given.has(id));
  return [
    ...(unknown.length
      ? [
          {
            check: 'grounding',
            detail: `used_topic_ids names topics that were not given: ${unknown.join(', ')}`,
          },
        ]
      : []),
    ...g.verify(draft, input, ctx),
  ];
}

function build(
  g: Generation,
  draft: Record<string, unknown>,
  input: Record<string, unknown>,
  ctx: ToolContext,
  refs: References,
  trace: TraceStep[],
): unknown {
  const ground = groundingOf(refs, (draft.used_topic_ids as string[]) ?? []);
  if (refs.searched && ground.grounding.model_knowledge)
    trace.push({ step: 'ground', detail: 'ungrounded: written from the model’s own knowledge' });
  return g.build(draft, input, ctx, ground, (detail) => trace.push({ step: 'generate', detail }));
}
