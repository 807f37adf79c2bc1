import type { ContentLibrary } from '@aralin/content';
import { z } from 'zod';
import type { ChatMessage, Locale, UserInfo } from './contract.ts';
import type { Practice } from './pedagogy/practice.ts';

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
}

export type AnyTool = ToolDefinition<z.ZodObject, z.ZodObject>;

/** Identity helper that keeps a tool's input and output types linked. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return tool;
}
