import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContentLibrary } from '@aralin/content';
import { createTutor } from '@aralin/tutor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.ts';
import { schools, settings } from '../src/db/schema.ts';
import { publicOnlyFetch } from '../src/egress.ts';
import { createMetrics } from '../src/metrics.ts';
import { TutorPool } from '../src/tutors.ts';

/** A model server on loopback that counts the requests it is sent. */
let requests = 0;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(400).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const causeOf = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code;

describe('publicOnlyFetch', () => {
  it('refuses a host name that resolves to loopback when it connects, before a byte is sent', async () => {
    const before = requests;
    const error = await publicOnlyFetch(`http://localhost:${port}/v1/models`).catch((e: unknown) => e);
    expect(causeOf(error)).toBe('ENONPUBLIC');
    expect(requests).toBe(before);
  });

  it('refuses private, loopback and metadata IP literals', async () => {
    for (const url of [`http://127.0.0.1:${port}/`, 'http://169.254.169.254/latest/', 'http://[::1]:9/']) {
      const error = await publicOnlyFetch(url).catch((e: unknown) => e);
      expect(causeOf(error), url).toBe('ENONPUBLIC');
    }
  });
});

describe('a provider URL whose name now resolves to a private address (DNS rebinding)', () => {
  const content = loadContentLibrary();
  const base = createTutor({ content });
  let database: Database;
  let schoolId: string;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database, { dataDir: 'memory://' });
    const [school] = await database.db.insert(schools).values({ name: 'Paaralan' }).returning();
    schoolId = (school as { id: string }).id;
  });

  afterAll(async () => {
    await database.close();
  });

  /** A turn through settings saved while the name was public (the save-time check passed). */
  async function turn(allowPrivate: boolean) {
    const value = {
      provider: 'openai-compatible',
      model: 'm',
      base_url: `http://localhost:${port}/v1`,
      ...(allowPrivate ? { allow_private_network: true } : {}),
    };
    await database.db
      .insert(settings)
      .values({ schoolId, key: 'provider', value })
      .onConflictDoUpdate({ target: [settings.schoolId, settings.key], set: { value } });
    const tutors = new TutorPool(base, {
      content,
      db: database.db,
      metrics: createMetrics(),
      fixed: false,
      publicOnly: true,
      settingsTtlMs: 0,
    });
    const before = requests;
    const response = await (await tutors.forSchool(schoolId)).orchestrate({
      user_info: { user_id: 's1', name: 'Ana' },
      message: 'Explain photosynthesis',
    });
    return { response, sent: requests - before };
  }

  it('is refused at call time in production: nothing reaches it, the embedded engine answers', async () => {
    const { response, sent } = await turn(false);
    expect(sent).toBe(0);
    expect(response.degraded).toBe(true);
    expect(response.reply.length).toBeGreaterThan(0);
  });

  it('is called when the admin allowed the private network', async () => {
    const { sent } = await turn(true);
    expect(sent).toBeGreaterThan(0);
  });
});
