import { z } from 'zod';
import type { AnyTool } from './tool.ts';
import { conceptExplainer } from './tools/concept_explainer.ts';
import { flashcardGenerator } from './tools/flashcard_generator.ts';
import { mathSolver } from './tools/math_solver/index.ts';
import { noteMaker } from './tools/note_maker.ts';
import { quizGenerator } from './tools/quiz_generator.ts';

/** Every tool the orchestrator can pick. A new tool is its own file plus one line here. */
export const builtinTools: readonly AnyTool[] = [
  conceptExplainer,
  noteMaker,
  flashcardGenerator,
  quizGenerator,
  mathSolver,
] as unknown as AnyTool[];

export interface ToolDescription {
  name: string;
  title: { en: string; fil: string };
  description: string;
  required: string[];
  input_schema: unknown;
  output_schema: unknown;
  remote: boolean;
}

export class ToolRegistry {
  readonly #tools = new Map<string, AnyTool>();
  readonly #remote = new Set<string>();

  constructor(tools: readonly AnyTool[] = builtinTools) {
    for (const tool of tools) this.#tools.set(tool.name, tool);
  }

  get(name: string): AnyTool | undefined {
    return this.#tools.get(name);
  }

  list(): AnyTool[] {
    return [...this.#tools.values()];
  }

  names(): string[] {
    return [...this.#tools.keys()];
  }

  /**
   * What the student may see of a stored or fresh result of tool `name` (see `ToolDefinition.visible`).
   * Fails closed: null when the tool hides parts of its results and this one no longer matches its schema.
   */
  visible(name: string | null, result: Record<string, unknown> | null): Record<string, unknown> | null {
    const tool = name === null ? undefined : this.#tools.get(name);
    if (!result || !tool?.visible) return result;
    const parsed = tool.output.safeParse(result);
    return parsed.success ? tool.visible(parsed.data) : null;
  }

  /** Replaces a tool's implementation with an HTTP tool server that speaks the same schemas. */
  registerRemote(
    name: string,
    url: string,
    options: { timeoutMs?: number; fetch?: typeof fetch } = {},
  ): void {
    const base = this.#tools.get(name);
    if (!base)
      throw new Error(`unknown tool ${name}; remote tools implement one of: ${this.names().join(', ')}`);
    this.#tools.set(name, remoteTool(base, url, options));
    this.#remote.add(name);
  }

  /** The registry as JSON Schemas (draft 2020-12), as served by `GET /api/v1/tools`. */
  describe(): ToolDescription[] {
    return this.list().map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      required: tool.required,
      input_schema: z.toJSONSchema(tool.input, { io: 'input' }),
      output_schema: z.toJSONSchema(tool.output, { io: 'output' }),
      remote: this.#remote.has(tool.name),
    }));
  }
}

export class RemoteToolError extends Error {
  override name = 'RemoteToolError';
}

/**
 * A tool whose `run` is a POST of `{ ...input, user_info, chat_history }` to `url`; the request is validated
 * before the call (by the orchestrator) and the response after it, against the same zod schemas.
 */
export function remoteTool(
  base: AnyTool,
  url: string,
  { timeoutMs = 10_000, fetch: doFetch = fetch }: { timeoutMs?: number; fetch?: typeof fetch },
): AnyTool {
  // The tool server writes the results: a configured model does not generate them instead.
  const { generation: _local, ...rest } = base;
  return {
    ...rest,
    async run(input, ctx) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ ...input, user_info: ctx.user, chat_history: ctx.history }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new RemoteToolError(`tool server ${url} did not answer: ${(error as Error).message}`);
      }
      if (!response.ok) throw new RemoteToolError(`tool server ${url} answered ${response.status}`);
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = base.output.safeParse(body);
      if (!parsed.success)
        throw new RemoteToolError(
          `tool server ${url} returned output that does not match ${base.name}'s schema`,
        );
      return parsed.data;
    },
  };
}
