import { type ContentLibrary, loadContentLibrary } from '@aralin/content';
import type { z } from 'zod';
import {
  type Locale,
  OrchestrateRequest,
  type OrchestrateResponse,
  type ParsedOrchestrateRequest,
  type TraceStep,
} from './contract.ts';
import { type Generator, type TokenLedger, utcDay } from './generate/index.ts';
import { detectLocale } from './language.ts';
import { socraticGate } from './pedagogy/gate.ts';
import type { Practice } from './pedagogy/practice.ts';
import { readStudentState, withStudentState } from './pedagogy/profile.ts';
import { frameReply, readingFor } from './planner/adapt.ts';
import { embeddedPlanner } from './planner/embedded/index.ts';
import type { Plan, Planner, PlanRequest, TokenMeter } from './planner/types.ts';
import { ToolRegistry } from './registry.ts';
import { moderate } from './safety/moderate.ts';
import type { AnyTool, ToolContext } from './tool.ts';

/** What the orchestrator reports while a turn runs, so a server can stream it. */
export type TutorEvent =
  | {
      type: 'plan';
      planner: 'embedded' | 'llm';
      status: OrchestrateResponse['status'];
      tool: string | null;
      parameters: Record<string, unknown>;
    }
  | {
      type: 'tool-result';
      tool: string;
      /** The whole result, answers included: for storage, never for a client. */
      result: Record<string, unknown>;
      /** What the student may see of it (the tool's `visible`): what clients and the reply prompt get. */
      visible: Record<string, unknown>;
    }
  /**
   * A model's draft of the result as it is written (notes, explanations): the card's fields so far. The
   * `tool-result` that follows replaces it (the checked result, or the embedded one when the draft failed).
   */
  | { type: 'tool-partial'; tool: string; partial: Record<string, unknown> }
  | { type: 'text-delta'; delta: string }
  /**
   * The text streamed so far is withdrawn (the LLM's reply broke off midway); the reply starts again in the
   * deltas that follow. A client shows only the text after the last reset.
   */
  | { type: 'text-reset'; reason: string };

export interface OrchestrateOptions {
  signal?: AbortSignal;
  onEvent?: (event: TutorEvent) => void;
  /**
   * Socratic mode (on for students): asked for the solution of an exercise, the tutor first asks for the
   * student's attempt with a nudge, climbs the hint ladder as they ask again or answer wrongly, checks their
   * answers, and reveals the worked solution after the ladder, on insistence or once they got it right.
   */
  socratic?: boolean;
  /** With `socratic`: the class is in an assessment, so the ladder stops before the worked solution. */
  hintsOnly?: boolean;
  /** The student's practice so far, so that quizzes and decks vary per student and attempt. */
  practice?: Practice;
}

export interface TutorOptions {
  content?: ContentLibrary;
  tools?: ToolRegistry;
  /** A conversational planner (LLM); the embedded planner answers whenever it fails. */
  llm?: Planner;
  /** Writes tool results with the model (packages/tutor/src/generate); the tool's embedded `run` is its fallback. */
  generator?: Generator;
  /**
   * The student's daily model tokens, shared with the generator: planning and replying count as well, and once
   * the day's budget is spent the embedded engine plans and replies too.
   */
  budget?: { ledger: TokenLedger; perStudentPerDay: number };
  clock?: () => Date;
}

export interface Tutor {
  readonly registry: ToolRegistry;
  readonly content: ContentLibrary;
  /** Runs one turn of the contract; `request` is validated here (throws `InvalidRequestError`). */
  orchestrate(request: unknown, options?: OrchestrateOptions): Promise<OrchestrateResponse>;
}

export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
  readonly issues: z.core.$ZodIssue[];
  constructor(issues: z.core.$ZodIssue[]) {
    super(
      `invalid orchestrate request: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.issues = issues;
  }
}

export function parseOrchestrateRequest(request: unknown): ParsedOrchestrateRequest {
  const parsed = OrchestrateRequest.safeParse(request);
  if (!parsed.success) throw new InvalidRequestError(parsed.error.issues);
  return parsed.data;
}

/**
 * Fits a planner's proposal to the tool's schema: numbers out of range are clamped (and the trace says so),
 * unknown fields are dropped, defaults are applied. Returns the validated input or the issues that remain.
 */
export function fitParameters(
  tool: AnyTool,
  proposed: Record<string, unknown>,
): { ok: true; value: Record<string, unknown>; trace: TraceStep[] } | { ok: false; error: string } {
  const trace: TraceStep[] = [];
  const candidate: Record<string, unknown> = {};
  for (const key of Object.keys(tool.input.shape))
    if (proposed[key] !== undefined) candidate[key] = proposed[key];
  for (let attempt = 0; attempt < 4; attempt++) {
    const parsed = tool.input.safeParse(candidate);
    if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown>, trace };
    let repaired = false;
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key !== 'string') continue;
      const value = candidate[key];
      const bound =
        issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
      if (typeof bound === 'number' && typeof value === 'number') {
        const side = issue.code === 'too_big' ? 'most' : 'least';
        trace.push({
          step: 'clamp',
          detail: `${key}=${bound} (asked for ${value}; the ${side} is ${bound})`,
        });
        candidate[key] = bound;
        repaired = true;
      } else if (issue.code === 'too_big' && typeof bound === 'number' && typeof value === 'string') {
        candidate[key] = value.slice(0, bound);
        trace.push({ step: 'clamp', detail: `${key} shortened to ${bound} characters` });
        repaired = true;
      } else if (key in candidate && tool.input.shape[key]?.safeParse(undefined).success) {
        trace.push({ step: 'repair', detail: `${key} dropped (${issue.message}); the default applies` });
        delete candidate[key];
        repaired = true;
      }
    }
    if (!repaired)
      return {
        ok: false,
        error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
  }
  return { ok: false, error: 'parameters could not be repaired' };
}

const APOLOGY: Record<Locale, string> = {
  en: 'Sorry, something went wrong on my side while preparing that. Please try again in a moment.',
  fil: 'Paumanhin, may nagkaproblema sa panig ko habang inihahanda iyon. Pakisubukan ulit mamaya.',
};

export function createTutor(options: TutorOptions = {}): Tutor {
  const content = options.content ?? loadContentLibrary();
  const registry = options.tools ?? new ToolRegistry();
  const clock = options.clock ?? (() => new Date());

  async function plan(
    request: PlanRequest,
  ): Promise<{ plan: Plan; planner: Planner; degraded: boolean; trace: TraceStep[] }> {
    const trace: TraceStep[] = [];
    if (options.llm) {
      const spent = await budgetSpent(request.user.user_id);
      if (spent) {
        trace.push({ step: 'budget', detail: spent });
        return { plan: await embeddedPlanner.plan(request), planner: embeddedPlanner, degraded: true, trace };
      }
      try {
        const result = await options.llm.plan(request);
        if (result.kind === 'no_tool' || registry.get(result.tool))
          return { plan: result, planner: options.llm, degraded: false, trace };
        trace.push({
          step: 'fallback',
          detail: `the LLM chose unknown tool ${result.tool}; the embedded planner answers`,
        });
      } catch (error) {
        trace.push({
          step: 'fallback',
          detail: `the LLM planner failed (${(error as Error).message}); the embedded planner answers`,
        });
      }
      return { plan: await embeddedPlanner.plan(request), planner: embeddedPlanner, degraded: true, trace };
    }
    return { plan: await embeddedPlanner.plan(request), planner: embeddedPlanner, degraded: false, trace };
  }

  /** Why the model may not plan this student's turn (their day's tokens are used), or null. */
  async function budgetSpent(studentId: string): Promise<string | null> {
    if (!options.budget) return null;
    const { ledger, perStudentPerDay } = options.budget;
    const used = await ledger.used(studentId, utcDay(clock()));
    return used >= perStudentPerDay
      ? `today's ${perStudentPerDay} model tokens are used (${used}); the embedded engine plans and replies`
      : null;
  }

  async function orchestrate(raw: unknown, opts: OrchestrateOptions = {}): Promise<OrchestrateResponse> {
    const request = parseOrchestrateRequest(raw);
    const meter = {
      tokens: 0,
      add(n: number) {
        this.tokens += n;
      },
    };
    try {
      const response = await turn(request, opts, meter);
      if (meter.tokens > 0)
        response.trace.push({ step: 'tokens', detail: `${meter.tokens} token(s) planning and replying` });
      return response;
    } finally {
      if (meter.tokens > 0)
        await options.budget?.ledger.add(request.user_info.user_id, utcDay(clock()), meter.tokens);
    }
  }

  async function turn(
    request: ParsedOrchestrateRequest,
    opts: OrchestrateOptions,
    meter: TokenMeter,
  ): Promise<OrchestrateResponse> {
    const emit = opts.onEvent ?? (() => {});
    const trace: TraceStep[] = [];
    // A caller that already knows the language (the server detects it per message) is not second-guessed.
    let locale = request.locale;
    if (locale) trace.push({ step: 'language', detail: `locale=${locale} as requested` });
    else {
      const detected = detectLocale(request.message, request.chat_history);
      locale = detected.locale;
      trace.push({ step: 'language', detail: `locale=${locale} detected (${detected.reason})` });
    }
    // The safety check runs before any planner or model: a crisis is answered even when a clarification is
    // pending or the LLM is down, and never becomes a tool call.
    const screened = moderate(request.message, locale);
    const safety = screened.safety;
    if (safety)
      trace.push({
        step: 'safety',
        detail: `${safety.category} (${safety.severity}): ${safety.matched.join('; ')}`,
      });
    if (safety && screened.reply && safety.severity !== 'low') {
      emit({ type: 'plan', planner: 'embedded', status: 'no_tool', tool: null, parameters: {} });
      emit({ type: 'text-delta', delta: screened.reply });
      return {
        status: 'no_tool',
        tool: null,
        parameters: {},
        result: null,
        clarification: null,
        reply: screened.reply,
        confidence: 1,
        locale,
        planner: 'embedded',
        degraded: false,
        safety,
        trace,
      };
    }
    const profile = readStudentState(request.user_info);
    trace.push(...profile.trace);
    const planRequest: PlanRequest = {
      message: request.message,
      history: request.chat_history,
      user: withStudentState(request.user_info, profile.state),
      state: profile.state,
      locale,
      tools: registry,
      content,
      meter,
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    const chosen = await plan(planRequest);
    trace.push(...chosen.trace, ...chosen.plan.trace);
    const base = { locale, planner: chosen.planner.name, degraded: chosen.degraded, safety } as const;
    const ctx: ToolContext = {
      locale,
      user: planRequest.user,
      history: request.chat_history,
      content,
      now: clock,
      practice: opts.practice,
    };
    const gate = opts.socratic
      ? await socraticGate({
          plan: chosen.plan,
          message: request.message,
          tools: registry,
          ctx,
          locale,
          hintsOnly: opts.hintsOnly ?? false,
        })
      : null;
    if (gate) trace.push(gate.trace);
    // Text the tutor has whole (the embedded reply, a question, an apology) is one delta: split into words it
    // would still reach the client in one write, as one event per word.
    const say = (text: string) => {
      if (text) emit({ type: 'text-delta', delta: text });
    };

    const p = gate?.plan ?? chosen.plan;
    if (p.kind === 'no_tool') {
      emit({ type: 'plan', planner: base.planner, status: 'no_tool', tool: null, parameters: {} });
      say(p.reply);
      return {
        ...base,
        status: 'no_tool',
        tool: null,
        parameters: {},
        result: null,
        clarification: null,
        reply: p.reply,
        confidence: p.confidence,
        trace,
      };
    }
    const tool = registry.get(p.tool) as AnyTool;
    if (p.missing.length > 0) {
      const question =
        p.clarification ?? (locale === 'fil' ? 'Tungkol saan ito?' : 'What topic is this about?');
      emit({
        type: 'plan',
        planner: base.planner,
        status: 'needs_clarification',
        tool: tool.name,
        parameters: p.parameters,
      });
      say(question);
      return {
        ...base,
        status: 'needs_clarification',
        tool: tool.name,
        parameters: p.parameters,
        result: null,
        clarification: { question, missing: p.missing },
        reply: question,
        confidence: p.confidence,
        trace,
      };
    }
    /** The turn failed on our side (the plan does not fit the tool, or the tool threw): say sorry. */
    const apologise = (parameters: Record<string, unknown>): OrchestrateResponse => {
      say(APOLOGY[locale]);
      return {
        ...base,
        status: 'error',
        tool: tool.name,
        parameters,
        result: null,
        clarification: null,
        reply: APOLOGY[locale],
        confidence: 0,
        trace,
      };
    };
    const fitted = fitParameters(tool, p.parameters);
    if (!fitted.ok) {
      trace.push({
        step: 'validate',
        detail: `parameters rejected by ${tool.name}'s schema: ${fitted.error}`,
      });
      return apologise(p.parameters);
    }
    trace.push(...fitted.trace);
    const parameters = fitted.value;
    emit({ type: 'plan', planner: base.planner, status: 'completed', tool: tool.name, parameters });
    let result: Record<string, unknown>;
    let generationFailed = false;
    try {
      if (options.generator && tool.generation) {
        const generated = await options.generator.run(tool, parameters, ctx, {
          ...(opts.signal ? { signal: opts.signal } : {}),
          onPartial: (partial) => emit({ type: 'tool-partial', tool: tool.name, partial }),
        });
        trace.push(...generated.trace);
        result = generated.result;
        generationFailed = generated.outcome === 'fallback' || generated.outcome === 'budget';
      } else result = tool.output.parse(await tool.run(parameters, ctx)) as Record<string, unknown>;
    } catch (error) {
      trace.push({ step: 'run', detail: `${tool.name} failed: ${(error as Error).message}` });
      return apologise(parameters);
    }
    const visible = tool.visible ? tool.visible(result) : result;
    emit({ type: 'tool-result', tool: tool.name, result, visible });
    const reading = readingFor(profile.state, request.message, [
      parameters.topic,
      parameters.concept_to_explain,
      (result.grounding as { topic_id?: unknown } | undefined)?.topic_id,
    ]);
    const toolReply = frameReply(tool.reply(result, parameters, ctx), reading, visible, locale);
    const draft = gate?.lead ? `${gate.lead}\n\n${toolReply}` : toolReply;
    let reply = draft;
    let degraded: boolean = base.degraded || generationFailed;
    if (chosen.planner.reply) {
      let streamed = false;
      try {
        reply = await chosen.planner.reply({
          plan: planRequest,
          tool: tool.name,
          parameters,
          result: visible,
          draft,
          onDelta: (delta) => {
            streamed = true;
            emit({ type: 'text-delta', delta });
          },
        });
      } catch (error) {
        const reason = `the LLM reply failed (${(error as Error).message}); the tool's own reply is used`;
        trace.push({ step: 'reply', detail: reason });
        // Part of the LLM's reply may already be on the student's screen: withdraw it, then send the draft.
        if (streamed) emit({ type: 'text-reset', reason });
        say(draft);
        reply = draft;
        degraded = true;
      }
    } else {
      say(draft);
    }
    trace.push({ step: 'run', detail: `${tool.name} completed` });
    // A tool that reports its own confidence (the math solver's opening: no answer) caps the plan's.
    const toolConfidence = result.confidence;
    return {
      ...base,
      degraded,
      status: 'completed',
      tool: tool.name,
      parameters,
      result,
      clarification: null,
      reply,
      confidence: typeof toolConfidence === 'number' ? Math.min(p.confidence, toolConfidence) : p.confidence,
      trace,
      socratic: gate?.outcome ?? null,
    };
  }

  return { registry, content, orchestrate };
}
