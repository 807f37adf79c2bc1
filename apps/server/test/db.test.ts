import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type DatabaseOptions, migrateDatabase, openDatabase } from '../src/db/client.ts';
import { classes, conversations, enrolments, mastery, messages, users } from '../src/db/schema.ts';
import { DEMO, seedDemo } from '../src/db/seed.ts';
import { testDrivers } from './postgres.ts';

const drivers = await testDrivers('aralin_test', 'the data-layer suite');

for (const driver of drivers)
  describe.skipIf(driver.skip)(`data layer on ${driver.name}`, () => {
    let databases: Database[] = [];
    let db: Database;
    let options: DatabaseOptions;
    beforeAll(async () => {
      options = await driver.options();
      // Three replicas starting together: migrations run once under the advisory lock.
      databases =
        driver.name === 'PGlite'
          ? [await openDatabase(options)]
          : await Promise.all([openDatabase(options), openDatabase(options), openDatabase(options)]);
      await Promise.all(databases.map((d) => migrateDatabase(d, options)));
      const seeded = await Promise.all(databases.map((d) => seedDemo(d.db)));
      expect(seeded.filter(Boolean)).toHaveLength(1);
      db = databases[0] as Database;
    });
    afterAll(async () => {
      for (const d of databases) await d.close();
      await driver.cleanup();
    });

    it('seeds the demo school once', async () => {
      const rows = await db.db.select().from(users);
      expect(rows.map((u) => u.username).sort()).toEqual(['admin', 'ana', 'ben', 'guro']);
      const [klass] = await db.db.select().from(classes).where(eq(classes.joinCode, DEMO.class.join_code));
      expect(klass?.name).toBe(DEMO.class.name);
      expect(await db.db.select().from(enrolments)).toHaveLength(2);
      expect(await seedDemo(db.db)).toBe(false);
    });

    it('enforces unique usernames and unique idempotency keys per user', async () => {
      const [ana] = await db.db.select().from(users).where(eq(users.username, 'ana'));
      if (!ana) throw new Error('no ana');
      await expect(db.db.insert(users).values({ ...ana, id: randomUUID() })).rejects.toThrow();
      const [conv] = await db.db.insert(conversations).values({ userId: ana.id, title: 't' }).returning();
      const row = {
        conversationId: conv?.id as string,
        userId: ana.id,
        role: 'user' as const,
        content: 'hi',
        status: 'pending' as const,
        idempotencyKey: 'k-1',
      };
      await db.db.insert(messages).values(row);
      const dup = await db.db.insert(messages).values(row).onConflictDoNothing().returning();
      expect(dup).toHaveLength(0);
      // Without a key, any number of messages.
      await db.db.insert(messages).values({ ...row, idempotencyKey: null });
      await db.db.insert(messages).values({ ...row, idempotencyKey: null });
      expect(await db.db.select().from(messages).where(eq(messages.userId, ana.id))).toHaveLength(3);
    });

    it('upserts mastery and rolls back failed transactions', async () => {
      const [ben] = await db.db.select().from(users).where(eq(users.username, 'ben'));
      if (!ben) throw new Error('no ben');
      await db.db.insert(mastery).values({ userId: ben.id, topicId: 't1', pKnown: 0.3 });
      await db.db
        .insert(mastery)
        .values({ userId: ben.id, topicId: 't1', pKnown: 0.6 })
        .onConflictDoUpdate({ target: [mastery.userId, mastery.topicId], set: { pKnown: 0.6 } });
      const [m] = await db.db
        .select()
        .from(mastery)
        .where(and(eq(mastery.userId, ben.id), eq(mastery.topicId, 't1')));
      expect(m?.pKnown).toBe(0.6);
      await expect(
        db.db.transaction(async (tx) => {
          await tx.update(mastery).set({ pKnown: 0.9 }).where(eq(mastery.userId, ben.id));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const [after] = await db.db.select().from(mastery).where(eq(mastery.userId, ben.id));
      expect(after?.pKnown).toBe(0.6);
    });

    it('cascades a user delete to their data', async () => {
      const [ana] = await db.db.select().from(users).where(eq(users.username, 'ana'));
      await db.db.delete(users).where(eq(users.id, ana?.id as string));
      expect(
        await db.db
          .select()
          .from(conversations)
          .where(eq(conversations.userId, ana?.id as string)),
      ).toHaveLength(0);
      expect(
        await db.db
          .select()
          .from(messages)
          .where(eq(messages.userId, ana?.id as string)),
      ).toHaveLength(0);
    });

    it('reports pool stats and answers pings', async () => {
      await db.ping();
      const stats = db.poolStats();
      expect(stats.total).toBeGreaterThanOrEqual(1);
    });
  });
