import { loadContentLibrary } from '@aralin/content';
import {
  type ChatMessage,
  embeddedPlanner,
  type Plan,
  readStudentState,
  ToolRegistry,
  type UserInfo,
} from '../../src/index.ts';

const tools = new ToolRegistry();
const content = loadContentLibrary();

/** Plans one message with the embedded planner, as the orchestrator would. */
export function plan(
  message: string,
  history: ChatMessage[] = [],
  user: Partial<UserInfo> = {},
  locale: 'en' | 'fil' = 'en',
): Promise<Plan> {
  const info: UserInfo = { user_id: 's1', name: 'Ana', ...user };
  return embeddedPlanner.plan({
    message,
    history,
    user: info,
    state: readStudentState(info).state,
    locale,
    tools,
    content,
  });
}

/** The name of the selection rule that decided, from the plan's trace ("select" step: "tool (rule): why"). */
export function ruleOf(p: Plan): string | null {
  const select = p.trace.find((t) => t.step === 'select')?.detail ?? '';
  return /\(([^)]+)\)/.exec(select)?.[1] ?? null;
}

/** The layer that filled a field, from the plan's trace ("extract" step: "field=value (layer: why)"). */
export function layerOf(p: Plan, field: string): string | null {
  const step = p.trace.find((t) => t.step === 'extract' && t.detail.startsWith(`${field}=`));
  return step ? (/\((\w+):/.exec(step.detail)?.[1] ?? null) : null;
}

export const user = (content: string): ChatMessage => ({ role: 'user', content });
export const tutor = (
  content: string,
  tool?: string | null,
  parameters: Record<string, unknown> = {},
  status: ChatMessage['status'] = tool ? 'completed' : 'no_tool',
): ChatMessage =>
  tool === undefined
    ? { role: 'assistant', content }
    : { role: 'assistant', content, tool, parameters, status };
