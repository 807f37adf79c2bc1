import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './client.ts';

/** How often the server looks for stale statistics when nothing else keeps them (autovacuum's naptime). */
export const CHECK_INTERVAL_MS = 60_000;

/**
 * When a table's statistics are stale: never analyzed, or more rows inserted, updated or deleted since its
 * last `ANALYZE` than 50 + 10 % of its rows — autovacuum's own rule with PostgreSQL's defaults
 * (`autovacuum_analyze_threshold`, `autovacuum_analyze_scale_factor`).
 */
export const STALE_AFTER = { rows: 50, fraction: 0.1 } as const;

export interface StatisticsKeeper {
  /** Why the server analyzes the database itself, or null when autovacuum does it. */
  reason: 'pglite' | 'autovacuum-off' | null;
  /**
   * Waits for the pass under way, or runs one: analyzes the tables whose statistics are stale and returns
   * their names (none when `reason` is null, or when another server process holds the pass). Logs and
   * swallows a failure.
   */
  run(): Promise<string[]>;
  /** Stops the checks and waits for the pass under way, so that the database can close after it. */
  stop(): Promise<void>;
}

async function autovacuumOn(database: Database): Promise<boolean> {
  // node-postgres answers a raw statement with { rows }.
  const result = (await database.db.execute(sql`show autovacuum`)) as { rows: { autovacuum?: string }[] };
  return result.rows[0]?.autovacuum === 'on';
}

const staleTables = sql`
  select s.schemaname as schema, s.relname as name
  from pg_stat_user_tables s join pg_class c on c.oid = s.relid
  where (s.last_analyze is null and s.last_autoanalyze is null)
     or s.n_mod_since_analyze > ${STALE_AFTER.rows} + ${STALE_AFTER.fraction} * greatest(c.reltuples, 0)
  order by s.schemaname, s.relname`;

/**
 * Keeps the planner's table statistics where nothing else does: PGlite has no autovacuum (one process, no
 * background workers), and a PostgreSQL can run with autovacuum off. Without statistics the planner guesses
 * that a conversation holds one message, and a chat turn reads every message of a long conversation to find
 * the last 12 it needs (docs/benchmarks.md, "PostgreSQL without statistics"). Then the server does what
 * autovacuum's analyze would: at start and every `intervalMs` it looks for tables whose statistics are stale
 * (`STALE_AFTER`) and analyzes them. The first pass runs beside the start, not before it. Several processes
 * on one PostgreSQL take turns: a pass runs under a transaction-scoped advisory lock, and a process that finds
 * it taken skips its pass. With autovacuum on the keeper does nothing.
 */
export async function keepStatistics(
  database: Database,
  log: FastifyBaseLogger,
  intervalMs = CHECK_INTERVAL_MS,
): Promise<StatisticsKeeper> {
  const reason: StatisticsKeeper['reason'] =
    database.driver === 'pglite' ? 'pglite' : (await autovacuumOn(database)) ? null : 'autovacuum-off';
  if (!reason) return { reason, run: async () => [], stop: async () => {} };

  const pass = async (): Promise<string[]> => {
    const started = performance.now();
    try {
      const analyzed = await database.db.transaction(async (tx) => {
        const lock = (await tx.execute(
          sql`select pg_try_advisory_xact_lock(hashtext('aralin.statistics')) as locked`,
        )) as { rows: { locked: boolean }[] };
        if (!lock.rows[0]?.locked) return [];
        const stale = (await tx.execute(staleTables)) as { rows: { schema: string; name: string }[] };
        for (const table of stale.rows)
          await tx.execute(sql`analyze ${sql.identifier(table.schema)}.${sql.identifier(table.name)}`);
        return stale.rows.map((table) => `${table.schema}.${table.name}`);
      });
      if (analyzed.length)
        log.debug({ tables: analyzed, ms: Math.round(performance.now() - started) }, 'analyzed');
      return analyzed;
    } catch (error) {
      log.warn({ err: error }, 'ANALYZE failed; the planner keeps its older statistics until the next pass');
      return [];
    }
  };
  let running: Promise<string[]> | null = null;
  const run = () => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };

  log.info(
    { reason, check_interval_seconds: Math.round(intervalMs / 1000) },
    reason === 'pglite'
      ? 'PGlite has no autovacuum: the server analyzes tables whose statistics are stale itself'
      : 'autovacuum is off on PostgreSQL: the server analyzes tables whose statistics are stale itself (turn autovacuum on; see docs/operations.md)',
  );
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    reason,
    run,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
