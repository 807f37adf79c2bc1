import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContentLibrary } from '@aralin/content';
import { createTutor } from '@aralin/tutor';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.ts';
import { schools, settings } from '../src/db/schema.ts';
import { createMetrics } from '../src/metrics.ts';
import { TutorPool } from '../src/tutors.ts';

const content = loadContentLibrary();
const base = createTutor({ content });
let database: Database;
let schoolId: string;

const llmSettings = { provider: 'openai-compatible', model: 'm', base_url: 'http://127.0.0.1:9/v1' };

function pool(settingsTtlMs: number) {
  return new TutorPool(base, {
    content,
    db: database.db,
    metrics: createMetrics(),
    fixed: false,
    settingsTtlMs,
  });
}

/** What another replica does: change the stored settings behind this instance's back. */
async function storeProvider(value: Record<string, unknown>) {
  await database.db
    .insert(settings)
    .values({ schoolId, key: 'provider', value })
    .onConflictDoUpdate({ target: [settings.schoolId, settings.key], set: { value } });
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database, { dataDir: 'memory://' });
  const [school] = await database.db.insert(schools).values({ name: 'Test school' }).returning();
  schoolId = (school as { id: string }).id;
});

afterAll(async () => {
  await database.close();
});

describe('TutorPool provider settings cache', () => {
  it('reads a school’s provider once per TTL, so a chat turn does not query settings', async () => {
    await database.db.delete(settings).where(eq(settings.schoolId, schoolId));
    const tutors = pool(60_000);
    expect(await tutors.forSchool(schoolId)).toBe(base);
    await storeProvider(llmSettings);
    // Still inside the TTL: the cached (embedded) choice stands.
    expect(await tutors.forSchool(schoolId)).toBe(base);
    // This replica changed the settings itself: it forgets its copy at once.
    tutors.invalidate(schoolId);
    const llm = await tutors.forSchool(schoolId);
    expect(llm).not.toBe(base);
    expect(await tutors.forSchool(schoolId)).toBe(llm);
  });

  it('re-reads after the TTL, so another replica’s change is seen', async () => {
    await storeProvider({ provider: 'embedded' });
    const tutors = pool(0);
    expect(await tutors.forSchool(schoolId)).toBe(base);
    await storeProvider(llmSettings);
    expect(await tutors.forSchool(schoolId)).not.toBe(base);
    await storeProvider({ provider: 'embedded' });
    expect(await tutors.forSchool(schoolId)).toBe(base);
  });

  it('without a school (API keys of no school) the embedded tutor answers without a query', async () => {
    // A database that fails any query: the test fails if forSchool asks it anything.
    const noQueries = new TutorPool(base, {
      content,
      db: new Proxy({} as typeof database.db, {
        get: (_target, property) => {
          throw new Error(`unexpected database access: ${String(property)}`);
        },
      }),
      metrics: createMetrics(),
      fixed: false,
      settingsTtlMs: 0,
    });
    expect(await noQueries.forSchool(null)).toBe(base);
  });
});

describe('a provider that cannot be reached', () => {
  /** A loopback port nothing listens on: every connection is refused. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  async function timedTurn(baseUrl: string) {
    await storeProvider({ provider: 'openai-compatible', model: 'm', base_url: baseUrl });
    const metrics = createMetrics();
    const tutors = new TutorPool(base, { content, db: database.db, metrics, fixed: false, settingsTtlMs: 0 });
    const tutor = await tutors.forSchool(schoolId);
    expect(tutor).not.toBe(base);
    const started = performance.now();
    const response = await tutor.orchestrate({
      user_info: { user_id: 's1', name: 'Ana' },
      message: 'Explain photosynthesis',
    });
    return { ms: performance.now() - started, response, metrics };
  }

  it('costs a turn milliseconds, not the retries’ 6 s: the embedded engine answers at once', async () => {
    const { ms, response, metrics } = await timedTurn(`http://127.0.0.1:${await closedPort()}/v1`);
    expect(response.reply.length).toBeGreaterThan(0);
    // The retries alone waited 2 s + 4 s; half of that is a bound no loaded machine comes near.
    expect(ms).toBeLessThan(3000);
    const errors = (await metrics.llmErrors.get()).values;
    expect(errors.reduce((n, v) => n + v.value, 0)).toBeGreaterThan(0);
    // Nothing answers at that address: the circuit opens on the first failure (2 = open), not the third.
    expect((await metrics.llmCircuit.get()).values.map((v) => v.value)).toEqual([2]);
  });

  it('still retries a provider that answers 503', async () => {
    let calls = 0;
    const busy = createServer((_req, res) => {
      calls++;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"busy"}}');
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = busy.address() as AddressInfo;
      await timedTurn(`http://127.0.0.1:${port}/v1`);
      expect(calls).toBeGreaterThan(1);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  }, 30_000);
});
