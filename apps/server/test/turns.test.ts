import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContentLibrary } from '@aralin/content';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABANDONED_ERROR } from '../src/abandoned.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { messages } from '../src/db/schema.ts';
import { shutdown } from '../src/lifecycle.ts';
import { type Client, makeApp, scriptedTutor, signedIn } from './helpers.ts';

const content = loadContentLibrary();
const JSON_ACCEPT = { accept: 'application/json' };
const TURN_TIMEOUT_MS = 60_000;
/** These tests start apps themselves (one after another on a database); a start is slow on a busy machine. */
const SLOW_START_MS = 120_000;

/** A tutor whose turns on "slow" messages never finish (until the test ends). */
function hangingTutor() {
  let started: () => void = () => {};
  const turnStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const tutor = scriptedTutor(content, {
    before: async (message) => {
      if (!message.includes('slow')) return;
      started();
      await new Promise(() => {});
    },
  });
  return { tutor, turnStarted };
}

async function conversationOf(client: Client): Promise<string> {
  return (await client.post('/api/v1/conversations', {})).json().conversation.id;
}

async function statusOf(database: Database, id: string) {
  const [row] = await database.db.select().from(messages).where(eq(messages.id, id));
  return row;
}

describe('turns never stick', () => {
  let database: Database;
  let now = Date.parse('2026-12-07T09:00:00Z');
  const clock = () => new Date(now);
  const env = { TURN_TIMEOUT_MS: String(TURN_TIMEOUT_MS) };
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => database.close());

  it(
    'a drain that runs out of time marks the turn it still runs failed; a retry then answers it',
    async () => {
      const { tutor, turnStarted } = hangingTutor();
      const app = await makeApp({ database, tutor, clock }, env);
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const ana = await signedIn(app, 'ana');
      const conv = await conversationOf(ana);
      const aborted = new AbortController();
      const sent = fetch(`${address}/api/v1/conversations/${conv}/messages`, {
        method: 'POST',
        headers: {
          cookie: ana.cookieHeader(),
          'x-csrf-token': ana.csrf ?? '',
          'content-type': 'application/json',
          'idempotency-key': 'drain-key-0001',
        },
        body: JSON.stringify({ text: 'explain something slow' }),
        signal: aborted.signal,
      }).catch(() => null);
      await turnStarted;
      const [pending] = await database.db.select().from(messages).where(eq(messages.conversationId, conv));
      expect(pending?.status).toBe('pending');
      const { forced } = await shutdown(app, 300);
      aborted.abort();
      await sent;
      expect(forced).toBe(true);
      const after = await statusOf(database, pending?.id ?? '');
      expect(after).toMatchObject({ status: 'failed', error: ABANDONED_ERROR });

      // The next instance answers it: by retry, and the same Idempotency-Key replays that answer.
      const next = await makeApp({ database, tutor: scriptedTutor(content), clock }, env);
      try {
        const client = await signedIn(next, 'ana');
        const retried = await client.post(`/api/v1/messages/${pending?.id}/retry`, undefined, JSON_ACCEPT);
        expect(retried.statusCode).toBe(200);
        expect(retried.json().assistant_message.content).toBe('Here you go.');
        const again = await client.post(
          `/api/v1/conversations/${conv}/messages`,
          { text: 'explain something slow' },
          { ...JSON_ACCEPT, 'idempotency-key': 'drain-key-0001' },
        );
        expect(again.statusCode).toBe(200);
        expect(again.json().assistant_message.id).toBe(retried.json().assistant_message.id);
      } finally {
        await next.close();
      }
    },
    SLOW_START_MS,
  );

  it(
    'a pending message older than the turn timeout is answered again by its Idempotency-Key; a fresh one is not',
    async () => {
      const app = await makeApp({ database, tutor: scriptedTutor(content), clock }, env);
      try {
        const ana = await signedIn(app, 'ana');
        const conv = await conversationOf(ana);
        const userId = (await ana.get('/api/v1/me')).json().user.id;
        // Left by a replica that crashed (an old attempt), and one another replica is answering right now.
        const stored = async (key: string, attemptedAt: Date) => {
          const [row] = await database.db
            .insert(messages)
            .values({
              conversationId: conv,
              userId,
              role: 'user',
              content: 'explain photosynthesis',
              status: 'pending',
              idempotencyKey: key,
              createdAt: attemptedAt,
              attemptedAt,
            })
            .returning();
          return row?.id ?? '';
        };
        const crashed = await stored('crashed-key-001', new Date(now - TURN_TIMEOUT_MS - 1000));
        const running = await stored('running-key-001', new Date(now - 1000));
        const send = (key: string) =>
          ana.post(
            `/api/v1/conversations/${conv}/messages`,
            { text: 'explain photosynthesis' },
            { ...JSON_ACCEPT, 'idempotency-key': key },
          );
        const answered = await send('crashed-key-001');
        expect(answered.statusCode).toBe(200);
        expect(answered.json().user_message.id).toBe(crashed);
        expect((await statusOf(database, crashed))?.status).toBe('completed');
        const busy = await send('running-key-001');
        expect(busy.statusCode).toBe(409);
        expect(busy.json().detail).toMatch(/still being answered/);
        expect((await ana.post(`/api/v1/messages/${running}/retry`, undefined, JSON_ACCEPT)).statusCode).toBe(
          409,
        );
        // Once that attempt is older than the timeout too, a retry takes it over.
        now += TURN_TIMEOUT_MS + 1000;
        expect((await ana.post(`/api/v1/messages/${running}/retry`, undefined, JSON_ACCEPT)).statusCode).toBe(
          200,
        );
      } finally {
        await app.close();
      }
    },
    SLOW_START_MS,
  );
});

describe('an instance that owns its embedded database', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aralin-turns-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'fails at start every turn an earlier process left pending, however recent',
    async () => {
      const env = { DATA_DIR: dataDir };
      let id = '';
      const first = await makeApp({ tutor: scriptedTutor(content) }, env);
      try {
        const ana = await signedIn(first, 'ana');
        const conv = await conversationOf(ana);
        const [row] = await first.ctx.db
          .insert(messages)
          .values({
            conversationId: conv,
            userId: (await ana.get('/api/v1/me')).json().user.id,
            role: 'user',
            content: 'explain photosynthesis',
            status: 'pending',
            attemptedAt: new Date(),
          })
          .returning();
        id = row?.id ?? '';
      } finally {
        await first.close();
      }
      const second: FastifyInstance = await makeApp({ tutor: scriptedTutor(content) }, env);
      try {
        const [row] = await second.ctx.db.select().from(messages).where(eq(messages.id, id));
        expect(row).toMatchObject({ status: 'failed', error: ABANDONED_ERROR });
        const ana = await signedIn(second, 'ana');
        expect((await ana.post(`/api/v1/messages/${id}/retry`, undefined, JSON_ACCEPT)).statusCode).toBe(200);
      } finally {
        await second.close();
      }
    },
    SLOW_START_MS,
  );
});

describe('drain order', () => {
  it(
    'readiness turns 503 first while requests are still served, then after the pause the listener closes',
    async () => {
      const app = await makeApp();
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const started = Date.now();
      const stopping = shutdown(app, 5000, 600);
      expect((await fetch(`${address}/health/ready`)).status).toBe(503);
      expect((await fetch(`${address}/health/live`)).status).toBe(200);
      expect((await fetch(`${address}/api/v1/tools`)).status).toBe(200);
      await stopping;
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
      await expect(fetch(`${address}/health/live`)).rejects.toThrow();
    },
    SLOW_START_MS,
  );
});
