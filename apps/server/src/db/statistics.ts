import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './client.ts';

/** How often the server analyzes its database when nothing else keeps the planner's statistics. */
export const ANALYZE_INTERVAL_MS = 60 * 60_000;

export interface StatisticsKeeper {
  /** Why the server analyzes the database itself, or null when autovacuum does it. */
  reason: 'pglite' | 'autovacuum-off' | null;
  /** Analyzes now (nothing when `reason` is null); logs and swallows a failure. */
  run(): Promise<void>;
  stop(): void;
}

async function autovacuumOn(database: Database): Promise<boolean> {
  // node-postgres answers a raw statement with { rows }.
  const result = (await database.db.execute(sql`show autovacuum`)) as { rows: { autovacuum?: string }[] };
  return result.rows[0]?.autovacuum === 'on';
}

/**
 * Keeps the planner's table statistics where nothing else does: PGlite has no autovacuum (one process, no
 * background workers), and a PostgreSQL can run with autovacuum off. Without statistics the planner guesses
 * that a conversation holds one message, and a chat turn reads every message of a long conversation to find
 * the last 12 it needs (docs/benchmarks.md, "PostgreSQL without statistics"). Then the server runs `ANALYZE`
 * once at start and every `intervalMs`; with autovacuum on it does nothing.
 */
export async function keepStatistics(
  database: Database,
  log: FastifyBaseLogger,
  intervalMs = ANALYZE_INTERVAL_MS,
): Promise<StatisticsKeeper> {
  const reason: StatisticsKeeper['reason'] =
    database.driver === 'pglite' ? 'pglite' : (await autovacuumOn(database)) ? null : 'autovacuum-off';
  if (!reason) return { reason, run: async () => {}, stop: () => {} };
  const run = async () => {
    const started = performance.now();
    try {
      await database.db.execute(sql`analyze`);
      log.debug({ ms: Math.round(performance.now() - started) }, 'database analyzed');
    } catch (error) {
      log.warn({ err: error }, 'ANALYZE failed; the planner keeps its older statistics until the next run');
    }
  };
  log.info(
    { reason, interval_minutes: Math.round(intervalMs / 60_000) },
    reason === 'pglite'
      ? 'PGlite has no autovacuum: the server analyzes the database itself'
      : 'autovacuum is off on PostgreSQL: the server analyzes the database itself (turn autovacuum on; see docs/operations.md)',
  );
  await run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { reason, run, stop: () => clearInterval(timer) };
}
