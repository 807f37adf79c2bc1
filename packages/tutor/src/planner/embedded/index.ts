import type { Locale, TraceStep } from '../../contract.ts';
import type { AnyTool, SlotKind } from '../../tool.ts';
import { masteryFor, type Reading } from '../adapt.ts';
import type { Plan, Planner, PlanRequest } from '../types.ts';
import { analyze } from './analyze.ts';
import { type Previous, storedPrevious, unfilled } from './context.ts';
import { FILLERS, type Fill, type Layer, resolveTopic } from './fill.ts';
import { unsureReply } from './replies.ts';
import { selectTool, type Turn } from './select.ts';

/**
 * The embedded planner: read the message (`analyze`), find the previous request (`context`), select a tool
 * by named rules (`select`), fill each slot by its kind's filler (`fill`), and ask for what is still missing
 * in the tool's own words. Every decision goes into the trace.
 */

/** How much each layer's value is trusted, for the plan's confidence. */
const WEIGHT: Record<Layer, number> = { stated: 1, context: 0.95, state: 0.9, profile: 0.9, default: 0.85 };

/**
 * The previous request of a history without stored tools (an outside caller's): the latest earlier user turn
 * that asked for a tool, planned again. Its question is pending only when that turn is the latest one.
 */
function replannedPrevious(request: PlanRequest, depth: number, memo: Map<string, Plan>): Previous | null {
  if (depth > 3) return null;
  const { history } = request;
  let latestUser = true;
  for (let i = history.length - 1; i >= 0 && history.length - i <= 10; i--) {
    if (history[i]?.role !== 'user') continue;
    const key = `${i}:${depth + 1}`;
    let result = memo.get(key);
    if (!result) {
      const earlier = { ...request, message: history[i]?.content ?? '', history: history.slice(0, i) };
      result = decide(earlier, depth + 1, memo);
      memo.set(key, result);
    }
    if (result.kind === 'tool')
      return {
        tool: result.tool,
        parameters: result.parameters,
        missing: latestUser ? result.missing : [],
        source: 'replanned',
      };
    latestUser = false;
  }
  return null;
}

function previousOf(request: PlanRequest, depth: number, memo: Map<string, Plan>): Previous | null {
  if (request.history.length === 0) return null;
  const stored = storedPrevious(request.history, request.tools);
  return stored === undefined ? replannedPrevious(request, depth, memo) : stored;
}

/** The tool's own clarifying question; for a missing subject, the subject question. */
function clarification(tool: AnyTool, missing: string[], locale: Locale, topic: string | null): string {
  if (!missing.some((f) => tool.required.includes(f)) && missing.includes('subject'))
    return locale === 'fil'
      ? `Sa anong subject ito${topic ? ` ("${topic}")` : ''}: Mathematics, Science, English, Filipino o Araling Panlipunan?`
      : `Which subject is ${topic ? `"${topic}"` : 'this'} for: Mathematics, Science, English, Filipino or Araling Panlipunan?`;
  return (
    tool.clarify?.[locale] ??
    (locale === 'fil'
      ? `Tungkol saan ang ${tool.title.fil}?`
      : `What should the ${tool.title.en.toLowerCase()} be about?`)
  );
}

/** The embedded decision, synchronous and pure: everything `plan` needs besides the async interface. */
function decide(request: PlanRequest, depth = 0, memo = new Map<string, Plan>()): Plan {
  const a = analyze(request.message);
  const turn: Turn = { request, a, prev: previousOf(request, depth, memo) };
  const trace: TraceStep[] = [];
  if (turn.prev)
    trace.push({
      step: 'context',
      detail: `previous request: ${turn.prev.tool} (${turn.prev.source})${turn.prev.missing.length ? `, asked for ${turn.prev.missing.join(', ')}` : ''}`,
    });
  const selection = selectTool(turn);
  if (!selection) {
    trace.push({ step: 'select', detail: 'no tool: no request recognised' });
    return { kind: 'no_tool', reply: unsureReply(request.locale), confidence: 0.5, trace };
  }
  if (selection.kind === 'no_tool') {
    trace.push({ step: 'select', detail: `no tool (${selection.rule}): ${selection.reason}` });
    return { kind: 'no_tool', reply: selection.reply, confidence: selection.confidence, trace };
  }
  const tool = request.tools.get(selection.tool) as AnyTool;
  trace.push({ step: 'select', detail: `${tool.name} (${selection.rule}): ${selection.reason}` });

  const topic = resolveTopic(turn, selection.mode, tool);
  const found = topic ? request.content.search(topic.value, { limit: 1 })[0] : undefined;
  const match = found?.strong ? found : undefined;
  const messageMood = a.feelings[0] ?? (a.struggling ? 'confused' : null);
  const state = { ...request.state, emotional_state: messageMood ?? request.state.emotional_state };
  const keys = [topic?.value, match?.topic.id, match?.topic.title.en, match?.topic.title.fil];
  const reading: Reading = {
    state,
    mastery: masteryFor(
      state,
      keys.filter((k): k is string => typeof k === 'string'),
    ),
  };
  const fill: Fill = {
    turn,
    mode: selection.mode,
    tool,
    topic,
    match,
    before: turn.prev?.tool === tool.name ? turn.prev.parameters : null,
    reading,
    moodWhy: messageMood ? 'the student says so' : 'the profile says so',
  };

  const parameters: Record<string, unknown> = {};
  const weights: number[] = [];
  for (const [field, kind] of Object.entries(tool.slots) as [string, SlotKind][]) {
    const value = FILLERS[kind](fill, field, kind);
    if (!value) continue;
    parameters[field] = value.value;
    weights.push(WEIGHT[value.layer]);
    const shown = Array.isArray(value.value) ? value.value.join(',') : String(value.value);
    trace.push({ step: 'extract', detail: `${field}=${shown} (${value.layer}: ${value.reason})` });
  }
  let missing = unfilled(request.tools, tool.name, parameters);
  // Once the topic is known the subject follows from it: ask only for what the tool itself requires.
  if (missing.some((f) => tool.required.includes(f)))
    missing = missing.filter((f) => tool.required.includes(f));
  if (missing.length > 0)
    trace.push({ step: 'clarify', detail: `missing ${missing.join(', ')}: no layer supplies it` });
  const meanWeight = weights.length ? weights.reduce((x, y) => x + y, 0) / weights.length : 1;
  const confidence = Math.round(selection.confidence * meanWeight * (missing.length ? 0.6 : 1) * 100) / 100;
  return {
    kind: 'tool',
    tool: tool.name,
    parameters,
    missing,
    ...(missing.length
      ? { clarification: clarification(tool, missing, request.locale, topic?.value ?? null) }
      : {}),
    confidence,
    trace,
  };
}

export const embeddedPlanner: Planner = {
  name: 'embedded',
  async plan(request: PlanRequest): Promise<Plan> {
    return decide(request);
  },
};
