import type { ContentLibrary } from '@aralin/content';
import {
  createTutor,
  type OrchestrateOptions,
  type OrchestrateResponse,
  type QuizQuestion,
  type Tutor,
  type TutorEvent,
} from '@aralin/tutor';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppDeps, buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { PROBLEM_CODES, type ProblemCode } from '../src/problem.ts';

let sharedTutor: Tutor | undefined;
/** The real tutor (embedded engine), loaded once per test file. */
export function realTutor(): Tutor {
  sharedTutor ??= createTutor();
  return sharedTutor;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: 'memory://',
    METRICS_TOKEN: 'test-metrics-token-0123456789',
    ...overrides,
  });
}

export async function makeApp(
  deps: AppDeps = {},
  env: Record<string, string> = {},
  options: { perSchoolTutors?: boolean } = {},
): Promise<FastifyInstance> {
  const config = testConfig(env);
  // Without deps.database the app opens its own (in-memory PGlite here) and closes it on close.
  // An injected tutor serves every school; `perSchoolTutors` lets provider settings choose the planner.
  return buildApp(config, {
    logger: false,
    ...(options.perSchoolTutors ? { content: realTutor().content } : { tutor: deps.tutor ?? realTutor() }),
    ...deps,
  });
}

/** A quiz result as the quiz tool makes it (typed by its own schema, answers included). */
export const QUIZ_RESULT: { questions: QuizQuestion[] } & Record<string, unknown> = {
  topic: 'Photosynthesis',
  difficulty: 'easy',
  questions: [
    {
      id: 'q1',
      topic_id: 'sci-photosynthesis',
      type: 'multiple_choice',
      difficulty: 'easy',
      question: 'Which gas do plants take in for photosynthesis?',
      choices: ['Oxygen', 'Carbon dioxide', 'Nitrogen'],
      answer: 'Carbon dioxide',
      accepted: [],
      explanation: 'Plants take in CO2 through the stomata.',
      source: 'pack',
      checker: { kind: 'choice', answer: 'Carbon dioxide', accepted: [] },
    },
    {
      id: 'q2',
      topic_id: 'sci-photosynthesis',
      type: 'numeric',
      difficulty: 'easy',
      question: 'How many CO2 molecules make one glucose?',
      choices: [],
      answer: '6',
      accepted: [],
      tolerance: 0,
      explanation: 'Glucose has 6 carbons.',
      source: 'worked_example',
      checker: { kind: 'numeric', answer: '6', accepted: [], tolerance: 0 },
    },
  ],
  grounding: { topic_id: 'sci-photosynthesis', closest: [] },
  adaptation_details: '2 easy question(s) on Photosynthesis.',
};

export const FLASHCARD_RESULT = {
  flashcards: [
    { title: 'Stomata', question: 'What are stomata?', answer: 'Leaf pores', example: 'Under the leaf' },
    { title: 'Chlorophyll', question: 'What is chlorophyll?', answer: 'Green pigment', example: '' },
  ],
  topic: 'Photosynthesis',
  difficulty: 'medium',
  adaptation_details: 'test',
  grounding: { topic_id: 'sci-photosynthesis', closest: [] },
};

/**
 * A tutor with scripted turns: the message text picks the tool ("quiz", "flashcards", "explain"), so tests
 * do not depend on the embedded planner's choices. `hooks.before` runs before anything is emitted.
 */
export function scriptedTutor(
  content: ContentLibrary,
  hooks: { before?: (message: string) => Promise<void> | void; calls?: string[] } = {},
): Tutor {
  const { registry } = realTutor();
  return {
    registry,
    content,
    async orchestrate(raw: unknown, options: OrchestrateOptions = {}): Promise<OrchestrateResponse> {
      const request = raw as { message: string };
      hooks.calls?.push(request.message);
      await hooks.before?.(request.message);
      const emit = (e: TutorEvent) => options.onEvent?.(e);
      const text = request.message.toLowerCase();
      const tool = text.includes('quiz')
        ? 'quiz_generator'
        : text.includes('flashcard')
          ? 'flashcard_generator'
          : text.includes('explain')
            ? 'concept_explainer'
            : null;
      const base = {
        clarification: null,
        confidence: 0.9,
        locale: 'en' as const,
        planner: 'embedded' as const,
        degraded: false,
        safety: null,
        trace: [{ step: 'select', detail: 'scripted' }],
      };
      if (text.includes('interrupt')) {
        // An LLM reply that broke off midway: the orchestrator withdraws it and sends the tool's own reply.
        emit({ type: 'plan', planner: 'llm', status: 'no_tool', tool: null, parameters: {} });
        emit({ type: 'text-delta', delta: 'Half a rep' });
        emit({ type: 'text-reset', reason: 'the LLM reply failed (connection reset)' });
        emit({ type: 'text-delta', delta: 'The whole reply.' });
        return {
          ...base,
          planner: 'llm',
          degraded: true,
          status: 'no_tool',
          tool: null,
          parameters: {},
          result: null,
          reply: 'The whole reply.',
        };
      }
      if (!tool) {
        emit({ type: 'plan', planner: 'embedded', status: 'no_tool', tool: null, parameters: {} });
        emit({ type: 'text-delta', delta: 'Hello ' });
        emit({ type: 'text-delta', delta: 'there!' });
        return {
          ...base,
          status: 'no_tool',
          tool: null,
          parameters: {},
          result: null,
          reply: 'Hello there!',
        };
      }
      const parameters = { topic: 'photosynthesis', subject: 'Science' };
      const result: Record<string, unknown> =
        tool === 'quiz_generator'
          ? QUIZ_RESULT
          : tool === 'flashcard_generator'
            ? FLASHCARD_RESULT
            : {
                explanation: 'Plants make food from light.',
                grounding: { topic_id: 'sci-photosynthesis', closest: [] },
              };
      emit({ type: 'plan', planner: 'embedded', status: 'completed', tool, parameters });
      emit({ type: 'tool-result', tool, result, visible: registry.visible(tool, result) ?? {} });
      emit({ type: 'text-delta', delta: 'Here you go.' });
      return { ...base, status: 'completed', tool, parameters, result, reply: 'Here you go.' };
    },
  };
}

/** A cookie-keeping client over `app.inject`, sending the CSRF token on state-changing requests. */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  /** The `cookie` header this client sends (for requests made outside `app.inject`). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader();
    const res = await this.app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
    });
    for (const c of res.cookies as { name: string; value: string }[]) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers);
  }

  async signIn(username: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/v1/auth/signin', { username, password });
    if (res.statusCode === 200) {
      const csrf = await this.get('/api/v1/auth/csrf');
      this.csrf = csrf.json().token;
    }
    return res;
  }
}

export async function signedIn(app: FastifyInstance, username: string, password?: string): Promise<Client> {
  const client = new Client(app);
  const pw =
    password ??
    (username === 'admin' ? 'aralin-admin' : username === 'guro' ? 'aralin-guro' : 'aralin-student');
  const res = await client.signIn(username, pw);
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  return client;
}

/** Parses an SSE body into its JSON parts; `[DONE]` is returned as the string "[DONE]". */
export function parseSse(body: string): (Record<string, unknown> | '[DONE]')[] {
  return body
    .split('\n\n')
    .map((block) => block.trim())
    .filter((block) => block.startsWith('data:'))
    .map((block) => {
      const data = block.replace(/^data:\s?/, '');
      return data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as Record<string, unknown>);
    });
}

export function expectProblem(res: LightMyRequestResponse, status: number): Record<string, unknown> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json'))
    throw new Error(`expected problem+json, got ${res.headers['content-type']}`);
  const body = res.json() as Record<string, unknown>;
  for (const key of ['type', 'title', 'status', 'detail', 'instance', 'request_id'])
    if (!(key in body)) throw new Error(`problem lacks ${key}: ${res.body}`);
  if (body.status !== status) throw new Error(`problem status ${body.status} ≠ ${status}`);
  if (typeof body.code !== 'string' || !Object.hasOwn(PROBLEM_CODES, body.code))
    throw new Error(`problem code ${String(body.code)} is not in PROBLEM_CODES: ${res.body}`);
  for (const key of PROBLEM_CODES[body.code as ProblemCode])
    if (!(key in body)) throw new Error(`problem ${String(body.code)} lacks ${key}: ${res.body}`);
  return body;
}
