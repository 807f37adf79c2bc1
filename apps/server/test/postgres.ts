import pg from 'pg';

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
