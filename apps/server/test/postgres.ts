import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DatabaseOptions } from '../src/db/client.ts';

/** The test PostgreSQL's admin connection (trust auth): creates and drops each suite's own database. */
export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function databaseUrl(name: string): string {
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

/** Whether PostgreSQL answers on 127.0.0.1:5432 (suites that need it skip, loudly, when it does not). */
export async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Runs one statement on its own admin connection (CREATE/DROP/ALTER DATABASE, pg_terminate_backend). */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface TestDriver {
  name: 'PGlite' | 'PostgreSQL';
  skip: boolean;
  /** Creates the suite's database (PostgreSQL) and says how to open it. */
  options(): Promise<DatabaseOptions>;
  cleanup(): Promise<void>;
}

/**
 * The two drivers a data-layer suite runs on: an in-memory PGlite, and a database of the suite's own
 * (`<prefix>_<uuid>`) on the local PostgreSQL, skipped — loudly — when PostgreSQL does not answer.
 */
export async function testDrivers(prefix: string, suite: string): Promise<TestDriver[]> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  const up = await postgresUp();
  if (!up) console.warn(`⚠ PostgreSQL is not reachable on 127.0.0.1:5432 — SKIPPING ${suite} on PostgreSQL`);
  return [
    { name: 'PGlite', skip: false, options: async () => ({ dataDir: 'memory://' }), cleanup: async () => {} },
    {
      name: 'PostgreSQL',
      skip: !up,
      options: async () => {
        await adminQuery(`create database ${name}`);
        return { databaseUrl: databaseUrl(name) };
      },
      cleanup: () => adminQuery(`drop database if exists ${name} with (force)`),
    },
  ];
}
