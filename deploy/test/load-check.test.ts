// The load check of the test suite: the "class in session" level of bench/load.ts at 200 students, short and
// bounded — the real server as a child process on PostgreSQL and Redis on loopback, every student streaming
// a turn every 2–4 s for 20 s. It asserts no turn fails and a p95 loose enough for a shared 2-core CI
// machine (the bench measures ~30 ms there); the figures themselves live in bench/ (docs/benchmarks.md).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BenchDatabase,
  createBenchDatabase,
  PG_ADMIN_URL,
  type ServerProcess,
  type Session,
  signUpStudents,
  sleep,
  startServer,
  streamTurn,
  summarise,
} from '../../bench/lib/common.ts';

const STUDENTS = 200;
const SECONDS = 20;
/**
 * Loose on purpose: a tripwire for a turn that queues or locks (seconds), not a performance figure. On this
 * 2-core machine with seven other engineers' work running (load average 14–17) runs measured p95 465 ms with
 * a warm server and 3.3 s with a cold one; the bench measures p95 ~30 ms on the machine alone.
 */
const P95_BOUND_MS = 5000;
const MESSAGES = [
  'Explain photosynthesis',
  'Solve 2x + 3 = 11',
  'Ano ang fractions?',
  'Quiz me on the water cycle',
];

const pgReachable = await (async () => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    console.warn(`\n[deploy tests] SKIPPING the load check: no PostgreSQL at ${PG_ADMIN_URL}.\n`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
})();

describe.skipIf(!pgReachable)(`load check: ${STUDENTS} students in session`, () => {
  let db: BenchDatabase | undefined;
  let server: ServerProcess | undefined;
  const students: Array<{ session: Session; conversation: string }> = [];

  beforeAll(async () => {
    db = await createBenchDatabase();
    server = await startServer({ DATABASE_URL: db.url });
    for (const session of await signUpStudents(server.url, STUDENTS, 'loadcheck', 8))
      students.push({ session, conversation: await session.newConversation() });
    // A warm server, as in a class that has started: the first turns compile the engine's code paths.
    for (const [i, { session, conversation }] of students.slice(0, 8).entries())
      await streamTurn(session, conversation, MESSAGES[i % MESSAGES.length] as string);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it(`streams every turn to its end with 0 errors and p95 under ${P95_BOUND_MS} ms`, async () => {
    const latencies: number[] = [];
    const errors: string[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    await Promise.all(
      students.map(async ({ session, conversation }, i) => {
        await sleep(Math.random() * 3000);
        for (let turn = i; performance.now() < deadline; turn++) {
          const started = performance.now();
          try {
            const out = await streamTurn(session, conversation, MESSAGES[turn % MESSAGES.length] as string);
            if (out.status !== 200 || !out.finished || !out.text)
              throw new Error(`${out.status} ${out.body.slice(0, 120)}`);
            latencies.push(performance.now() - started);
          } catch (error) {
            errors.push((error as Error).message);
          }
          await sleep(2000 + Math.random() * 2000);
        }
      }),
    );
    const t = summarise(latencies);
    console.info(
      `[load check] ${STUDENTS} students, ${SECONDS} s: ${t.count} turns, p50 ${t.p50} ms, p95 ${t.p95} ms`,
    );
    expect([...new Set(errors)].slice(0, 5)).toEqual([]);
    // Every student took part: at least 3 turns each in 20 s at one every 2–4 s.
    expect(t.count).toBeGreaterThanOrEqual(STUDENTS * 3);
    expect(t.p95).toBeLessThan(P95_BOUND_MS);
  }, 90_000);
});
