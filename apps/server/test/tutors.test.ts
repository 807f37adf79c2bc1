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
