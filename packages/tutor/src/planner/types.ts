import type { ContentLibrary } from '@aralin/content';
import type { ChatMessage, Locale, TraceStep, UserInfo } from '../contract.ts';
import type { StudentState } from '../pedagogy/profile.ts';
import type { ToolRegistry } from '../registry.ts';

/** What a planner sees: the conversation, the student, and the tools it may choose from. */
export interface PlanRequest {
  message: string;
  /** Earlier turns, oldest first. */
  history: ChatMessage[];
  user: UserInfo;
  /** The student's state, typed: read once from `user` at the edge (`readStudentState`). */
  state: StudentState;
  locale: Locale;
  tools: ToolRegistry;
  content: ContentLibrary;
  signal?: AbortSignal;
  /** Counts the tokens the turn's model calls use (planning and the reply), for the student's daily budget. */
  meter?: TokenMeter;
}

export interface TokenMeter {
  add(tokens: number): void;
}

export type Plan =
  | {
      kind: 'tool';
      tool: string;
      /** Proposed input for the tool; the orchestrator validates and clamps it against the tool's schema. */
      parameters: Record<string, unknown>;
      /** Required fields no layer could supply: the orchestrator asks for them. */
      missing: string[];
      /** The one short question to ask when `missing` is not empty, in the student's language. */
      clarification?: string;
      confidence: number;
      trace: TraceStep[];
    }
  | { kind: 'no_tool'; reply: string; confidence: number; trace: TraceStep[] };

export interface ReplyRequest {
  plan: PlanRequest;
  tool: string;
  parameters: Record<string, unknown>;
  /** What the student may see of the tool's result (no quiz answers: the model is never given them). */
  result: Record<string, unknown>;
  /** The tool's own deterministic reply, which a conversational planner may rephrase or extend. */
  draft: string;
  onDelta: (text: string) => void;
}

export interface Planner {
  readonly name: 'embedded' | 'llm';
  plan(request: PlanRequest): Promise<Plan>;
  /** Optional conversational reply about a tool's result, streamed through `onDelta`. */
  reply?(request: ReplyRequest): Promise<string>;
}
