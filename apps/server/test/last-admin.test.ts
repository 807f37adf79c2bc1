import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/crypto.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { schools, users } from '../src/db/schema.ts';
import { makeApp, signedIn } from './helpers.ts';
import { adminQuery, databaseUrl, postgresUp } from './postgres.ts';

// Two admins deleting themselves at the same moment: only PostgreSQL runs the two transactions concurrently
// (PGlite has one connection), so this is where the row lock of DELETE /me is tested.
const dbName = `aralin_admins_${randomUUID().replaceAll('-', '')}`;
const pgUp = await postgresUp();
if (!pgUp)
  console.warn('⚠ PostgreSQL is not reachable on 127.0.0.1:5432 — SKIPPING the concurrent last-admin test');

describe.skipIf(!pgUp)('the last admin, on PostgreSQL', () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    await adminQuery(`create database ${dbName}`);
    database = await openDatabase({ databaseUrl: databaseUrl(dbName) });
    app = await makeApp({ database }, { DATABASE_URL: databaseUrl(dbName) });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await adminQuery(`drop database if exists ${dbName} with (force)`);
  });

  it('of two admins deleting themselves at once, one goes and the other is refused with 409', async () => {
    const passwordHash = await hashPassword('admin-pass-123');
    const rounds = 8;
    const outcomes: number[][] = [];
    for (let round = 0; round < rounds; round++) {
      const [school] = await database.db
        .insert(schools)
        .values({ name: `School ${round}` })
        .returning();
      const schoolId = school?.id ?? '';
      await database.db.insert(users).values(
        ['a', 'b'].map((who) => ({
          schoolId,
          username: `admin-${round}-${who}`,
          passwordHash,
          role: 'admin' as const,
          displayName: `Admin ${who}`,
        })),
      );
      const [one, two] = await Promise.all(
        ['a', 'b'].map((who) => signedIn(app, `admin-${round}-${who}`, 'admin-pass-123')),
      );
      const answers = await Promise.all(
        [one, two].map((c) => c?.request('DELETE', '/api/v1/me', { password: 'admin-pass-123' })),
      );
      outcomes.push(answers.map((a) => a?.statusCode ?? 0).sort());
      const left = await database.db
        .select()
        .from(users)
        .where(and(eq(users.schoolId, schoolId), eq(users.role, 'admin')));
      expect(left).toHaveLength(1);
    }
    expect(outcomes).toEqual(Array.from({ length: rounds }, () => [204, 409]));
  });
});
