import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; everything above this file uses only this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle/', import.meta.url));
/** Key of the PostgreSQL advisory lock that serialises migrations across replicas starting together. */
export const MIGRATION_LOCK_KEY = 4_242_170_001;

/**
 * Prepared statements built once per database by `build`: the SQL is not rebuilt per request, and PostgreSQL
 * parses and plans each one once per connection.
 */
export function preparedStatements<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (!statements) {
      statements = build(db);
      built.set(db, statements);
    }
    return statements;
  };
}

export type QueryObserver = (operation: string, seconds: number) => void;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Connection counts for the pool gauge. */
  poolStats(): { total: number; idle: number; waiting: number };
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  observe?: QueryObserver;
  poolMax?: number;
  /** How long a query may wait for a connection (a new one or a free one from a full pool); default 5 s. */
  connectTimeoutMs?: number;
}

/**
 * PostgreSQL could not be reached: a new connection was refused (server down or restarting, the database not
 * accepting connections, too many clients) or no connection became free in time. SQLSTATE class 08
 * (`connection_failure`), so the API answers 503 problem+json with Retry-After instead of 500.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  readonly code = '08006';
  constructor(cause: unknown) {
    super(`could not get a database connection: ${(cause as Error | undefined)?.message ?? String(cause)}`, {
      cause,
    });
  }
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void;

/** Makes every failure to obtain a connection from `pool` a `DatabaseUnavailableError`. */
function classifyConnectErrors(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  const wrap = (error: unknown) =>
    error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
  // pg-pool's own query() calls connect with a callback; drizzle's transactions call it without one.
  pool.connect = ((callback?: ConnectCallback) => {
    if (callback) return connect((err, client, done) => callback(err ? wrap(err) : undefined, client, done));
    return (connect() as Promise<pg.PoolClient>).catch((error: unknown) => {
      throw wrap(error);
    });
  }) as typeof pool.connect;
}

function operationOf(text: unknown): string {
  const match = typeof text === 'string' ? /^\s*(\w+)/.exec(text) : null;
  const word = match?.[1]?.toLowerCase() ?? 'other';
  return ['select', 'insert', 'update', 'delete', 'with'].includes(word)
    ? word === 'with'
      ? 'select'
      : word
    : 'other';
}

function timed<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  observe: QueryObserver | undefined,
): (...args: A) => Promise<R> {
  if (!observe) return fn;
  return async (...args: A) => {
    const started = performance.now();
    try {
      return await fn(...args);
    } finally {
      const first = args[0];
      const text = typeof first === 'object' && first !== null && 'text' in first ? first.text : first;
      observe(operationOf(text), (performance.now() - started) / 1000);
    }
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolMax ?? 10,
      // Fail fast when PostgreSQL is unreachable instead of queueing requests behind a hanging connect.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      // Notice connections that died silently (a restarted host, a dropped NAT entry).
      keepAlive: true,
    });
    classifyConnectErrors(pool);
    pool.on('error', () => {
      // An idle client died (e.g. the server restarted); the pool replaces it on the next query.
    });
    pool.on('connect', (client) => {
      // A checked-out client whose connection is killed emits 'error'; the query that used it fails and
      // the route answers 503, so the event itself must not crash the process.
      client.on('error', () => {});
      const c = client as unknown as { query: (...a: unknown[]) => Promise<unknown> };
      c.query = timed(c.query.bind(client), options.observe) as typeof c.query;
    });
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  const dir = options.dataDir ?? './data';
  let target = dir;
  let unlock = async () => {};
  if (!dir.startsWith('memory://')) {
    target = path.resolve(dir, 'pglite');
    mkdirSync(target, { recursive: true });
    unlock = await lockDataDirectory(path.resolve(dir));
  }
  let client: PGlite;
  try {
    client = await PGlite.create(target);
  } catch (error) {
    await unlock();
    throw error;
  }
  const c = client as unknown as {
    query: (...a: unknown[]) => Promise<unknown>;
    exec: (...a: unknown[]) => Promise<unknown>;
  };
  c.query = timed(c.query.bind(client), options.observe) as typeof c.query;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let active = 0;
  return {
    db,
    driver: 'pglite',
    poolStats: () => ({ total: 1, idle: active > 0 ? 0 : 1, waiting: 0 }),
    ping: async () => {
      active++;
      try {
        await client.query('select 1');
      } finally {
        active--;
      }
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        await unlock();
      }
    },
  };
}

/** A lock not refreshed for this long belongs to a process that died (kill -9, a power cut). */
export const DATA_LOCK_STALE_MS = 5000;

/** Another live server holds the data directory: PGlite is one process's database. */
export class DataDirectoryLockedError extends Error {
  override name = 'DataDirectoryLockedError';
  constructor(dir: string) {
    super(
      `DATA_DIR ${dir} is in use by another Aralin server (lock ${path.join(dir, 'aralin.lock')}): stop that server, or give this one another DATA_DIR. The database was not opened.`,
    );
  }
}

/**
 * Takes the data directory's exclusive lock (proper-lockfile: an atomic mkdir whose mtime the holder keeps
 * fresh) before PGlite opens it, so two servers never write one database. A lock left by a killed process
 * goes stale within DATA_LOCK_STALE_MS; a start meanwhile waits that long before it gives up. Returns the
 * release function.
 */
async function lockDataDirectory(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, {
      lockfilePath: path.join(dir, 'aralin.lock'),
      realpath: false,
      stale: DATA_LOCK_STALE_MS,
      update: 1000,
      retries: {
        retries: Math.ceil(DATA_LOCK_STALE_MS / 500) + 3,
        factor: 1,
        minTimeout: 500,
        maxTimeout: 500,
      },
      onCompromised: (error) => {
        // Another process may be writing the database now: stop before this one writes it too.
        throw new Error(`the DATA_DIR lock of ${dir} was lost (${error.message}); stopping`);
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirectoryLockedError(dir);
    throw error;
  }
}

/**
 * Applies the committed migrations. On PostgreSQL under an advisory lock, so replicas starting at the same time
 * migrate once and the others wait, then find nothing left to do. PGlite is one session in one process (an
 * advisory lock there is re-entrant, so it would exclude nothing).
 */
export async function migrateDatabase(database: Database, options: DatabaseOptions): Promise<void> {
  if (database.driver === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // Session-level lock: hold it on one dedicated connection and migrate through that same connection.
  const client = new pg.Client({
    connectionString: options.databaseUrl,
  });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
