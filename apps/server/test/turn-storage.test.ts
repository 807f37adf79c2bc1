import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { OrchestrateRequest, Tutor } from '@aralin/tutor';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type DatabaseOptions, openDatabase } from '../src/db/client.ts';
import {
  conversations,
  flashcardDecks,
  flashcards,
  mastery,
  messages,
  quizzes,
  toolResults,
} from '../src/db/schema.ts';
import { type Client, expectProblem, makeApp, realTutor, signedIn } from './helpers.ts';
import { testDrivers } from './postgres.ts';

// A chat turn's writes are one prepared statement of data-modifying CTEs (apps/server/src/chat.ts `finish`), and
// the turn's reads are prepared statements too: run them on both drivers.
const drivers = await testDrivers('aralin_turns', 'the chat-turn storage suite');

const JSON_ACCEPT = { accept: 'application/json' };

for (const driver of drivers)
  describe.skipIf(driver.skip)(`chat turn storage on ${driver.name}`, () => {
    let database: Database;
    let options: DatabaseOptions;
    let app: FastifyInstance;
    let ana: Client;
    let ben: Client;
    /** What the tutor was asked, turn by turn; `failNext` makes the next turn's tutor throw. */
    const asked: OrchestrateRequest[] = [];
    let failNext = false;
    beforeAll(async () => {
      options = await driver.options();
      database = await openDatabase(options);
      const real = realTutor();
      const recording: Tutor = {
        registry: real.registry,
        content: real.content,
        orchestrate: async (request, options) => {
          asked.push(request as OrchestrateRequest);
          if (failNext) {
            failNext = false;
            throw new Error('planner down');
          }
          return real.orchestrate(request, options);
        },
      };
      app = await makeApp(
        { database, tutor: recording },
        options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {},
      );
      ana = await signedIn(app, 'ana');
      ben = await signedIn(app, 'ben');
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
      await driver.cleanup();
    });

    async function conversation(client: Client): Promise<string> {
      const res = await client.post('/api/v1/conversations', {});
      expect(res.statusCode).toBe(201);
      return res.json().conversation.id;
    }

    async function turn(client: Client, id: string, text: string) {
      const res = await client.post(`/api/v1/conversations/${id}/messages`, { text }, JSON_ACCEPT);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        user_message: { id: string; status: string };
        assistant_message: { id: string; tool: string; quiz_id?: string; deck_id?: string; content: string };
      };
    }

    it('stores every row of a flashcard turn, a quiz turn and a plain turn, and titles the conversation once', async () => {
      const id = await conversation(ana);
      const cards5 = await turn(ana, id, 'Make 5 flashcards about photosynthesis');
      const quiz = await turn(ana, id, 'Quiz me on the water cycle');
      const cards3 = await turn(ana, id, 'Make 3 flashcards about fractions');
      const explain = await turn(ana, id, 'Explain photosynthesis');
      const db = database.db;

      const rows = await db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, id))
        .orderBy(asc(messages.createdAt));
      expect(rows.map((m) => [m.role, m.status])).toEqual(
        Array.from({ length: 4 }, () => [
          ['user', 'completed'],
          ['assistant', 'completed'],
        ]).flat(),
      );
      for (const [i, t] of [cards5, quiz, cards3, explain].entries()) {
        const assistant = rows[2 * i + 1];
        expect(assistant?.id).toBe(t.assistant_message.id);
        expect(assistant?.replyTo).toBe(t.user_message.id);
        expect(assistant?.content).toBe(t.assistant_message.content);
        expect(assistant?.planner).toBe('embedded');
        expect(assistant?.trace?.length).toBeGreaterThan(0);
        expect((assistant?.createdAt.getTime() ?? 0) > (rows[2 * i]?.createdAt.getTime() ?? Infinity)).toBe(
          true,
        );
      }

      const decks = await db
        .select()
        .from(flashcardDecks)
        .where(eq(flashcardDecks.userId, rows[0]?.userId as string));
      const deckIds = [cards5.assistant_message.deck_id, cards3.assistant_message.deck_id];
      expect(deckIds.every(Boolean)).toBe(true);
      expect(decks.map((d) => d.id).sort()).toEqual([...deckIds].sort());
      for (const [deckId, n] of [
        [cards5.assistant_message.deck_id, 5],
        [cards3.assistant_message.deck_id, 3],
      ] as const) {
        const cards = await db
          .select()
          .from(flashcards)
          .where(eq(flashcards.deckId, deckId as string));
        expect(cards).toHaveLength(n);
        for (const c of cards) {
          expect(c.state).toBe('new');
          expect(c.reps).toBe(0);
          expect(c.lastReview).toBeNull();
          expect(c.question.length).toBeGreaterThan(0);
          expect(c.answer.length).toBeGreaterThan(0);
        }
      }

      const [storedQuiz] = await db
        .select()
        .from(quizzes)
        .where(eq(quizzes.id, quiz.assistant_message.quiz_id as string));
      expect(storedQuiz?.messageId).toBe(quiz.assistant_message.id);
      expect(storedQuiz?.questions.length).toBeGreaterThan(0);
      expect(storedQuiz?.questions.every((q) => q.answer.length > 0)).toBe(true);

      const results = await db
        .select()
        .from(toolResults)
        .where(eq(toolResults.userId, rows[0]?.userId as string));
      expect(results.map((r) => r.messageId).sort()).toEqual(
        [cards5, quiz, cards3, explain].map((t) => t.assistant_message.id).sort(),
      );

      const [conv] = await db.select().from(conversations).where(eq(conversations.id, id));
      expect(conv?.title).toBe('Make 5 flashcards about photosynthesis');
      expect(conv?.updatedAt.getTime()).toBeGreaterThanOrEqual(conv?.createdAt.getTime() ?? Infinity);
    });

    it('names a conversation by its first message and keeps a name given; lists replies as plain text', async () => {
      const untitled = (await ana.post('/api/v1/conversations', {})).json().conversation;
      expect(untitled.title).toBeNull();
      const named = (await ana.post('/api/v1/conversations', { title: 'Algebra review' })).json()
        .conversation;
      await turn(ana, untitled.id, '  How do I solve\n 3x - 5 = 10?  ');
      await turn(ana, untitled.id, 'Explain photosynthesis');
      // A student gets the worked solution when they insist (Socratic tutoring gives hints first).
      await turn(ana, named.id, 'How do I solve 2x + 3 = 7? Just give me the answer.');
      const long = 'Please explain '.concat('photosynthesis and respiration '.repeat(4));
      const cut = (await ana.post('/api/v1/conversations', {})).json().conversation;
      await turn(ana, cut.id, long);
      const list = (await ana.get('/api/v1/conversations')).json().conversations as {
        id: string;
        title: string | null;
        last_message_preview: string | null;
      }[];
      const byId = new Map(list.map((c) => [c.id, c]));
      expect(byId.get(untitled.id)?.title).toBe('How do I solve 3x - 5 = 10?');
      expect(byId.get(named.id)?.title).toBe('Algebra review');
      const title = byId.get(cut.id)?.title ?? '';
      expect(title).toHaveLength(58);
      expect(title.endsWith('…')).toBe(true);
      expect(long.replace(/\s+/g, ' ').startsWith(title.slice(0, -1))).toBe(true);
      // The math reply is markdown (bold, a numbered list, code spans); its preview is the text a reader sees.
      const preview = byId.get(named.id)?.last_message_preview ?? '';
      expect(preview).toMatch(/x = 2/);
      expect(preview).not.toMatch(/\*\*|`|\n|^\d\. /);
      expect(preview.length).toBeLessThanOrEqual(120);
    });

    it('names the conversations that kept a placeholder title by their first message (migration 0001)', async () => {
      const me = (await ana.get('/api/v1/me')).json().user as { id: string };
      const ids = { chat: randomUUID(), bagong: randomUUID(), empty: randomUUID(), mine: randomUUID() };
      await database.db.insert(conversations).values([
        { id: ids.chat, userId: me.id, title: 'New chat' },
        { id: ids.bagong, userId: me.id, title: 'Bagong chat' },
        { id: ids.empty, userId: me.id, title: 'New conversation' },
        { id: ids.mine, userId: me.id, title: 'Fractions' },
      ]);
      const at = (ms: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, 0, ms));
      await database.db.insert(messages).values([
        {
          conversationId: ids.chat,
          userId: me.id,
          role: 'user',
          content: 'Quiz me\n on  fractions',
          status: 'completed',
          createdAt: at(0),
        },
        {
          conversationId: ids.chat,
          userId: me.id,
          role: 'assistant',
          content: 'Here it is.',
          status: 'completed',
          createdAt: at(1),
        },
        {
          conversationId: ids.chat,
          userId: me.id,
          role: 'user',
          content: 'Explain it',
          status: 'completed',
          createdAt: at(2),
        },
        {
          conversationId: ids.bagong,
          userId: me.id,
          role: 'user',
          content: 'Ano ang '.concat('fotosintesis '.repeat(8)),
          status: 'completed',
          createdAt: at(0),
        },
        {
          conversationId: ids.mine,
          userId: me.id,
          role: 'user',
          content: 'Explain fractions',
          status: 'completed',
          createdAt: at(0),
        },
      ]);
      const file = new URL('../drizzle/0001_conversation_title_nullable.sql', import.meta.url);
      const update = (await readFile(file, 'utf8')).split('--> statement-breakpoint')[1] ?? '';
      expect(update).toMatch(/^\s*(--.*\n)*UPDATE/);
      await database.db.execute(sql.raw(update));
      const rows = await database.db
        .select()
        .from(conversations)
        .where(inArray(conversations.id, Object.values(ids)));
      const title = new Map(rows.map((r) => [r.id, r.title]));
      expect(title.get(ids.chat)).toBe('Quiz me on fractions');
      expect(title.get(ids.bagong)).toBe(
        `${'Ano ang '.concat('fotosintesis '.repeat(8)).trim().slice(0, 57)}…`,
      );
      expect(title.get(ids.empty)).toBeNull();
      expect(title.get(ids.mine)).toBe('Fractions');
    });

    it('gives the tutor the conversation so far and the stored mastery, for a new message and for a retried one', async () => {
      const id = await conversation(ana);
      const first = await turn(ana, id, 'Explain photosynthesis');
      const me = (await ana.get('/api/v1/me')).json().user as { id: string };
      const topic = realTutor().content.topics[0];
      if (!topic) throw new Error('the bundled curriculum has no topics');
      await database.db.insert(mastery).values({ userId: me.id, topicId: topic.id, pKnown: 0.97 });

      await turn(ana, id, 'Quiz me on the water cycle');
      const second = asked.at(-1);
      expect(second?.message).toBe('Quiz me on the water cycle');
      // The assistant turn comes with the tool and parameters it was answered with: the planner reads them.
      expect(second?.chat_history).toEqual([
        { role: 'user', content: 'Explain photosynthesis' },
        {
          role: 'assistant',
          content: first.assistant_message.content,
          tool: 'concept_explainer',
          parameters: expect.objectContaining({ concept_to_explain: 'photosynthesis' }),
          status: 'completed',
        },
      ]);
      expect(second?.user_info.mastery_level_summary).toContain(topic.title.en);
      expect(second?.user_info.topic_mastery).toEqual({ [topic.id]: 10 });
      expect(second?.user_info.mastery_level).toBe(10);

      failNext = true;
      const failed = await ana.post(
        `/api/v1/conversations/${id}/messages`,
        { text: 'Make 3 flashcards about fractions' },
        JSON_ACCEPT,
      );
      expectProblem(failed, 503);
      const messageId = failed.json().message_id as string;
      const retried = await ana.post(`/api/v1/messages/${messageId}/retry`, undefined, JSON_ACCEPT);
      expect(retried.statusCode, retried.body).toBe(200);
      const retry = asked.at(-1);
      expect(retry?.message).toBe('Make 3 flashcards about fractions');
      expect(retry?.chat_history?.map((m) => m.content)).toEqual([
        'Explain photosynthesis',
        first.assistant_message.content,
        'Quiz me on the water cycle',
        expect.any(String),
      ]);
      expect(retry?.user_info.mastery_level_summary).toContain(topic.title.en);
    });

    // Two connections racing: PostgreSQL only (PGlite is one connection).
    if (driver.name === 'PostgreSQL')
      it('answers 404, not 500, when the conversation is deleted while the message is being stored', async () => {
        const id = await conversation(ana);
        const url = options.databaseUrl;
        const deleter = new pg.Client({ connectionString: url });
        const watcher = new pg.Client({ connectionString: url });
        await deleter.connect();
        await watcher.connect();
        try {
          // The delete holds the conversation's row lock until it commits; the message's foreign-key check waits.
          await deleter.query('begin');
          await deleter.query('delete from conversations where id = $1', [id]);
          const sending = ana.post(
            `/api/v1/conversations/${id}/messages`,
            { text: 'Explain the water cycle' },
            JSON_ACCEPT,
          );
          let waiting = 0;
          for (let i = 0; i < 100 && waiting === 0; i++) {
            await new Promise((r) => setTimeout(r, 20));
            const res = await watcher.query<{ n: string }>(
              "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
            );
            waiting = Number(res.rows[0]?.n);
          }
          expect(waiting).toBe(1);
          await deleter.query('commit');
          expectProblem(await sending, 404);
          const stored = await database.db
            .select()
            .from(messages)
            .where(eq(messages.content, 'Explain the water cycle'));
          expect(stored).toHaveLength(0);
        } finally {
          await deleter.end();
          await watcher.end();
        }
      });

    it("refuses a message to another student's conversation and stores nothing", async () => {
      const id = await conversation(ana);
      const res = await ben.post(
        `/api/v1/conversations/${id}/messages`,
        { text: 'Explain photosynthesis' },
        JSON_ACCEPT,
      );
      expectProblem(res, 404);
      expect(await database.db.select().from(messages).where(eq(messages.conversationId, id))).toHaveLength(
        0,
      );
    });

    it('replays a keyed turn instead of storing it twice', async () => {
      const id = await conversation(ana);
      const key = { ...JSON_ACCEPT, 'idempotency-key': `turn-${randomUUID()}` };
      const first = await ana.post(
        `/api/v1/conversations/${id}/messages`,
        { text: 'Quiz me on fractions' },
        key,
      );
      const again = await ana.post(
        `/api/v1/conversations/${id}/messages`,
        { text: 'Quiz me on fractions' },
        key,
      );
      expect(first.statusCode).toBe(200);
      expect(again.statusCode).toBe(200);
      expect(again.json().assistant_message.id).toBe(first.json().assistant_message.id);
      expect(again.json().assistant_message.quiz_id).toBe(first.json().assistant_message.quiz_id);
      expect(await database.db.select().from(messages).where(eq(messages.conversationId, id))).toHaveLength(
        2,
      );
    });

    it('a signed-out session is refused at once, although its access token was verified and remembered before', async () => {
      const client = await signedIn(app, 'ben');
      expect((await client.get('/api/v1/me')).statusCode).toBe(200);
      const kept = new Map(client.cookies);
      expect((await client.post('/api/v1/auth/signout')).statusCode).toBe(204);
      for (const [k, v] of kept) client.cookies.set(k, v);
      expectProblem(await client.get('/api/v1/me'), 401);
    });
  });
