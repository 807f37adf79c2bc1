import { checkAnswer } from '../checker.ts';
import type { Locale, SocraticOutcome, TraceStep } from '../contract.ts';
import type { Plan } from '../planner/types.ts';
import type { ToolRegistry } from '../registry.ts';
import type { AnyTool, SlotKind, ToolContext } from '../tool.ts';
import { afterAttempt, type SocraticDecision, socraticLead, socraticStep } from './socratic.ts';

/** The Socratic gate's say on a turn: the plan it runs, what it tells the caller, the words before the reply. */
export interface Gated {
  plan: Extract<Plan, { kind: 'tool' }>;
  outcome: SocraticOutcome;
  lead: string | null;
  trace: TraceStep;
}

/** The exercise tool: the one whose input takes a problem and a hint level. */
function exerciseTool(tools: ToolRegistry): { tool: AnyTool; problem: string; hint: string } | undefined {
  for (const tool of tools.list()) {
    const field = (kind: SlotKind) =>
      Object.entries(tool.slots).find(([, k]) => k === kind)?.[0] as string | undefined;
    const problem = field('problem');
    const hint = field('hint_level');
    if (problem && hint) return { tool, problem, hint };
  }
  return undefined;
}

/** The exercise's answer from the exercise tool (its `answer` at hint level 0), or null when it has none. */
async function answerOf(
  found: NonNullable<ReturnType<typeof exerciseTool>>,
  exercise: string,
  ctx: ToolContext,
): Promise<string | null> {
  try {
    const input = found.tool.input.parse({ [found.problem]: exercise, [found.hint]: 0 });
    const result = found.tool.output.parse(await found.tool.run(input, ctx)) as Record<string, unknown>;
    return typeof result.answer === 'string' && result.answer ? result.answer : null;
  } catch {
    return null;
  }
}

export interface GateInput {
  plan: Plan;
  message: string;
  tools: ToolRegistry;
  ctx: ToolContext;
  locale: Locale;
  hintsOnly: boolean;
}

/**
 * Applies the hint ladder to a turn. An exercise the planner sends to the exercise tool gets the ladder's rung
 * instead of the solution; a message that answers the conversation's open exercise ("I got x = 4", "6 ba?")
 * is checked against the tool's answer, whatever the planner made of it. Null when the turn is no exercise.
 */
export async function socraticGate(input: GateInput): Promise<Gated | null> {
  const found = exerciseTool(input.tools);
  if (!found) return null;
  const { plan, ctx } = input;
  const planned = plan.kind === 'tool' && plan.tool === found.tool.name;
  const requested = planned ? Number(plan.parameters[found.hint] ?? 0) : undefined;
  let decision: SocraticDecision = socraticStep({
    message: input.message,
    history: ctx.history,
    requestedHintLevel: requested,
    hintsOnly: input.hintsOnly,
  });
  const exercise = decision.exercise;
  let correct: boolean | null = null;
  if (decision.attempt !== null && exercise) {
    const answer = await answerOf(found, exercise, ctx);
    if (answer !== null) {
      correct = checkAnswer(decision.attempt, answer).correct;
      decision = afterAttempt(decision, correct);
    }
  }
  // Another tool's turn is the gate's only when it answers or insists on the open exercise.
  if (!planned && correct === null && !(decision.insists && exercise)) return null;
  const own = planned ? plan.parameters[found.problem] : undefined;
  const problem = correct === null && typeof own === 'string' && own ? own : exercise;
  if (typeof problem !== 'string' || !problem) return null;
  return {
    plan: {
      kind: 'tool',
      tool: found.tool.name,
      parameters: {
        ...(planned ? plan.parameters : {}),
        [found.problem]: problem,
        [found.hint]: decision.hint_level,
      },
      missing: [],
      confidence: planned ? plan.confidence : 0.9,
      trace: plan.trace,
    },
    outcome: {
      stage: decision.stage,
      exercise: problem,
      attempt: correct === null || decision.attempt === null ? null : { answer: decision.attempt, correct },
      hint_requested: decision.requested,
    },
    lead: socraticLead(decision, correct, input.locale, input.hintsOnly),
    trace: { step: 'socratic', detail: `${decision.stage} (${decision.reason})` },
  };
}
