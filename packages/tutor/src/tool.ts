import type { ContentLibrary } from '@aralin/content';
import { z } from 'zod';
import type { ChatMessage, Locale, UserInfo } from './contract.ts';
import type { Practice } from './pedagogy/practice.ts';
import type { Grounding, SourceReference } from './tools/shared.ts';

/**
 * What a planner knows how to fill. A tool maps each of its input fields to one of these kinds, so the
 * embedded planner's extractors (numbers, difficulty words, styles, topics — in English and Filipino) serve
 * every tool, including ones added later.
 */
export const SlotKind = z.enum([
  'topic',
  'context_topic',
  'subject',
  'count',
  'difficulty',
  'depth',
  'note_style',
  'include_examples',
  'include_analogies',
  'question_types',
  'problem',
  'show_steps',
  'hint_level',
]);
export type SlotKind = z.infer<typeof SlotKind>;

/** Everything a tool may use besides its validated input. Injected by the caller; tools do no I/O of their own. */
export interface ToolContext {
  locale: Locale;
  user: UserInfo;
  history: ChatMessage[];
  content: ContentLibrary;
  now: () => Date;
  /** The student's practice so far: tools that draw items (quizzes, flashcards) vary them with it. */
  practice?: Practice | undefined;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: { en: string; fil: string };
  /** One paragraph: what the tool does and when to pick it. Shown to the LLM planner and in `GET /tools`. */
  description: string;
  /** Validated input, without `user_info`/`chat_history` (those are passed through separately). */
  input: I;
  output: O;
  /** Which planner slot fills which input field. Fields not listed are left to their schema defaults. */
  slots: Partial<Record<keyof z.input<I> & string, SlotKind>>;
  /** Fields no planner may guess: when no layer supplies them the orchestrator asks one short question. */
  required: (keyof z.input<I> & string)[];
  /** The one short question asked when a required value is missing, in each language. */
  clarify?: { en: string; fil: string };
  /** Labelled utterances that train the embedded tool classifier (English, Filipino and Taglish). */
  examples: { en: string[]; fil: string[] };
  /** The system prompt for producing this tool's output with an LLM (student text never goes here). */
  prompt: string;
  /** The embedded implementation: deterministic, offline, grounded on the curriculum pack. */
  run(input: z.output<I>, ctx: ToolContext): z.output<O> | Promise<z.output<O>>;
  /** What the tutor says to the student about the result, in the student's language (markdown). */
  reply(result: z.output<O>, input: z.output<I>, ctx: ToolContext): string;
  /**
   * What the student may see of a result, for a tool whose result holds more (a quiz's answers). Clients and
   * the LLM's reply prompt get only this; the whole result stays on the server. Without it, all is visible.
   */
  visible?(result: z.output<O>): Record<string, unknown>;
  /** How a configured model writes this tool's result (packages/tutor/src/generate); without it, `run` always answers. */
  generation?: ToolGeneration<z.output<I>, z.output<O>>;
}

/** A check a generated draft failed: `check` is a short stable name (a metric label), `detail` says what. */
export interface FailedCheck {
  check: string;
  detail: string;
}

/** The pack topics a generated result was grounded on, as the tool's output reports them. */
export interface GeneratedGrounding {
  grounding: Grounding;
  source_references: SourceReference[];
}

/**
 * A tool's generation path: the model writes `draft` (its structured output) following the tool's `prompt`;
 * the draft is checked (`verify`) and completed into the tool's output by code (`build`: ids, answer checkers,
 * grounding, rendering), so what the model may get wrong is small and checked.
 */
export interface ToolGeneration<In, Out, D extends z.ZodObject = z.ZodObject> {
  draft: D;
  /** The phrase (and subject) whose pack topics ground the result; null for a tool that uses no pack notes. */
  grounding: ((input: In) => { phrase: string; subject?: string }) | null;
  /** Why the embedded result needs no model for this input (no call is made), or null. */
  embeddedSuffices?(input: In, ctx: ToolContext): string | null;
  /**
   * The draft is streamed to the student as it is written (notes, explanations): its fields are the result's
   * fields a card shows. A draft that then fails its checks is replaced by the checked or embedded result.
   */
  streams?: boolean;
  /** The request as the model reads it: every parameter, stated exactly. */
  request(input: In, ctx: ToolContext): string;
  /** Checks the draft against the request: every check that failed (none when it may be shown). */
  verify(draft: z.output<D>, input: In, ctx: ToolContext): FailedCheck[];
  /** The tool's output from a checked draft; `note` adds a line to the turn's trace. */
  build(
    draft: z.output<D>,
    input: In,
    ctx: ToolContext,
    ground: GeneratedGrounding,
    note: (detail: string) => void,
  ): Out;
}

export type AnyTool = ToolDefinition<z.ZodObject, z.ZodObject>;

/** Identity helper that keeps a tool's input and output types linked. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return tool;
}
