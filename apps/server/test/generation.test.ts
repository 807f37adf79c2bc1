import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { loadContentLibrary } from '@aralin/content';
import {
  CircuitBreaker,
  createGenerator,
  createLanguageModel,
  createLlmPlanner,
  createTutor,
  memoryLedger,
  utcDay,
} from '@aralin/tutor';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scripted, startProviderStub } from '../../../packages/tutor/test/stub/provider.ts';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.ts';
import { schools, settings } from '../src/db/schema.ts';
import { createMetrics } from '../src/metrics.ts';
import { tokenLedger } from '../src/tokens.ts';
import { TutorPool } from '../src/tutors.ts';
import { makeApp, parseSse, signedIn } from './helpers.ts';

async function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const redisUp = await reachable(6379);
if (!redisUp)
  console.warn('⚠ Redis is not reachable on 127.0.0.1:6379 — SKIPPING the shared token-ledger test');

describe('token ledger', () => {
  it('counts a student’s tokens per day in memory without Redis', async () => {
    const ledger = tokenLedger(undefined);
    await ledger.add('s1', '2026-12-07', 300);
    await ledger.add('s1', '2026-12-07', 200);
    await ledger.add('s2', '2026-12-07', 50);
    expect(await ledger.used('s1', '2026-12-07')).toBe(500);
    expect(await ledger.used('s1', '2026-12-08')).toBe(0);
  });

  it.skipIf(!redisUp)('shares the count between instances through Redis, and lets it expire', async () => {
    const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 1 });
    const namespace = `test-${randomUUID()}`;
    try {
      const one = tokenLedger(redis, namespace);
      const two = tokenLedger(redis, namespace);
      await one.add('s1', '2026-12-07', 700);
      await two.add('s1', '2026-12-07', 300);
      expect(await one.used('s1', '2026-12-07')).toBe(1000);
      const ttl = await redis.ttl(`${namespace}:tokens:2026-12-07:s1`);
      expect(ttl).toBeGreaterThan(0);
    } finally {
      const keys = await redis.keys(`${namespace}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});

describe('a school’s model writes tool results', () => {
  const content = loadContentLibrary();
  let database: Database;
  let schoolId: string;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database, { dataDir: 'memory://' });
    const [school] = await database.db.insert(schools).values({ name: 'Gen school' }).returning();
    schoolId = (school as { id: string }).id;
  });

  afterAll(async () => {
    await database.close();
  });

  it('generates through the school’s provider, within its budget, and counts it in the metrics', async () => {
    const cards = {
      topic: 'Photosynthesis',
      flashcards: [
        { title: 'Gas', question: 'Which gas do leaves take in?', answer: 'Carbon dioxide.', example: '' },
      ],
      adaptation_details: 'One card.',
      used_topic_ids: ['sci-photosynthesis'],
    };
    const stub = await startProviderStub(
      scripted([
        {
          tool: 'flashcard_generator',
          args: { topic: 'photosynthesis', subject: 'Science', count: 1, include_examples: false },
        },
        { json: cards },
        { tool: 'flashcard_generator', args: { topic: 'photosynthesis', subject: 'Science', count: 1 } },
      ]),
    );
    try {
      await database.db.insert(settings).values({
        schoolId,
        key: 'provider',
        value: {
          provider: 'openai-compatible',
          model: 'stub',
          base_url: stub.openaiURL,
          tokens_per_student_per_day: 1000,
        },
      });
      const metrics = createMetrics();
      const ledger = memoryLedger();
      // Earlier turns today spent 600 of the student's 1,000 tokens.
      await ledger.add('student-1', utcDay(new Date()), 600);
      const pool = new TutorPool(createTutor({ content }), {
        content,
        db: database.db,
        metrics,
        fixed: false,
        ledger,
      });
      const tutor = await pool.forSchool(schoolId);
      const user = { user_id: 'student-1', name: 'Ana' };
      const first = await tutor.orchestrate({ user_info: user, message: 'one flashcard on photosynthesis' });
      expect(first.degraded).toBe(false);
      expect((first.result as { flashcards: { source: string }[] }).flashcards[0]?.source).toBe('generated');
      // The first turn spent the rest of the day's 1,000 tokens: the next is answered by the embedded engine.
      const second = await tutor.orchestrate({ user_info: user, message: 'one flashcard on photosynthesis' });
      expect(second.trace.some((t) => t.step === 'budget')).toBe(true);
      const text = await metrics.registry.metrics();
      expect(text).toMatch(
        /aralin_generation_total\{provider="openai-compatible",tool="flashcard_generator",outcome="generated"\} 1/,
      );
      expect(text).toMatch(
        /aralin_generation_total\{provider="openai-compatible",tool="flashcard_generator",outcome="budget"\} 1/,
      );
      expect(text).toMatch(
        /aralin_generation_turn_tokens_count\{provider="openai-compatible",tool="flashcard_generator"\} 1/,
      );
    } finally {
      await stub.close();
    }
  });
});

describe('the chat stream of a generated explanation', () => {
  it('sends the draft as it is written, then the checked result in the same data part', async () => {
    const explanation = 'Plants make sugar from light, water and carbon dioxide, and give off oxygen.';
    const stub = await startProviderStub(
      scripted([
        {
          tool: 'concept_explainer',
          args: { concept_to_explain: 'photosynthesis', current_topic: 'photosynthesis' },
        },
        {
          json: {
            explanation,
            examples: ['A mango leaf in the sun.'],
            related_concepts: [],
            practice_questions: ['What gas comes out?'],
            key_terms: [],
            misconceptions: [],
            used_topic_ids: ['sci-photosynthesis'],
          },
        },
      ]),
    );
    const model = createLanguageModel({
      provider: 'openai-compatible',
      model: 'stub',
      baseURL: stub.openaiURL,
    });
    const circuit = new CircuitBreaker({});
    const tutor = createTutor({
      llm: createLlmPlanner({ model, provider: 'stub', breaker: circuit }),
      generator: createGenerator({ model, provider: 'stub', circuit, partialEveryMs: 0 }),
    });
    const app = await makeApp({ tutor });
    try {
      const ana = await signedIn(app, 'ana');
      const conversation = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
      const res = await ana.post(`/api/v1/conversations/${conversation}/messages`, {
        text: 'Explain photosynthesis',
      });
      expect(res.statusCode).toBe(200);
      const results = parseSse(res.body).filter((p) => p !== '[DONE]' && p.type === 'data-tool-result') as {
        id?: string;
        data: { result: { explanation?: string; grounding?: unknown } };
      }[];
      expect(results.length).toBeGreaterThan(2);
      const id = results[0]?.id;
      expect(id).toBeTruthy();
      expect(results.every((p) => p.id === id)).toBe(true);
      expect(results[0]?.data.result.grounding).toBeUndefined();
      expect(results.at(-1)?.data.result).toMatchObject({
        explanation,
        grounding: { topic_id: 'sci-photosynthesis' },
      });
    } finally {
      await app.close();
      await stub.close();
    }
  });
});
