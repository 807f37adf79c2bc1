// Backups, for real against the machine's PostgreSQL: a database of its own is migrated and seeded, dumped by
// deploy/backup/pg-backup.sh (what Compose and the Ansible timer run) and by the Kubernetes CronJob's own
// command, restored by deploy/backup/pg-restore.sh into a new database, and compared row for row; then the
// retention and every refusal (a non-empty target, an unreachable database, a file that is no dump).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../apps/server/src/db/client.ts';
import { seedDemo } from '../../apps/server/src/db/seed.ts';
import { DEPLOY, freePort, loadYamlAll, read, requireTool, tempDir } from './helpers.ts';

const PG_ADMIN_URL = process.env.ARALIN_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgDump = requireTool('pg_dump', 'the backup and restore tests', 'apt-get install postgresql-client');
/** Whether PostgreSQL answers and this pg_dump can dump it (pg_dump refuses a newer server). */
const pgReachable = await (async () => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const server = Math.floor(
      Number((await client.query('show server_version_num')).rows[0]?.server_version_num) / 10_000,
    );
    const version = spawnSync(pgDump ?? 'pg_dump', ['--version'], { encoding: 'utf8' }).stdout;
    const dump = Number(/ (\d+)\.\d+/.exec(version)?.[1]);
    if (server > dump) {
      console.warn(
        `\n[deploy tests] SKIPPING the backup and restore tests: pg_dump ${dump} cannot dump PostgreSQL ${server}.\n`,
      );
      return false;
    }
    return true;
  } catch {
    console.warn(
      `\n[deploy tests] SKIPPING the backup and restore tests: no PostgreSQL at ${PG_ADMIN_URL}.\n`,
    );
    return false;
  } finally {
    await client.end().catch(() => {});
  }
})();

const BACKUP = path.join(DEPLOY, 'backup');
const prefix = `aralin_backup_${process.pid}_${Date.now()}`;
const databases: string[] = [];

function urlOf(db: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${db}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function createDatabase(suffix: string): Promise<string> {
  const name = `${prefix}_${suffix}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  databases.push(name);
  return name;
}

/** Every table of every schema with its row count and a digest of its rows, in a stable order. */
async function snapshot(db: string): Promise<Record<string, { rows: number; digest: string }>> {
  const c = new pg.Client({ connectionString: urlOf(db) });
  await c.connect();
  try {
    const tables = await c.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
       order by 1`,
    );
    const out: Record<string, { rows: number; digest: string }> = {};
    for (const { name } of tables.rows) {
      const r = await c.query<{ rows: number; digest: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest
         from ${name} t`,
      );
      out[name] = r.rows[0] as { rows: number; digest: string };
    }
    return out;
  } finally {
    await c.end();
  }
}

function script(name: string, args: string[], env: Record<string, string>) {
  return spawnSync('sh', [path.join(BACKUP, name), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const dumps = (dir: string) => readdirSync(dir).sort();

describe.skipIf(!pgReachable || !pgDump)('PostgreSQL backup and restore', () => {
  const dir = tempDir('aralin-backup-');
  let source = '';
  let before: Awaited<ReturnType<typeof snapshot>> = {};

  beforeAll(async () => {
    source = await createDatabase('source');
    const options = { databaseUrl: urlOf(source) };
    const database = await openDatabase(options);
    try {
      await migrateDatabase(database, options);
      await seedDemo(database.db);
    } finally {
      await database.close();
    }
    // Text a dump must carry exactly: Filipino with diacritics, an emoji, quotes and a newline.
    await admin(async () => {
      const c = new pg.Client({ connectionString: urlOf(source) });
      await c.connect();
      await c.query(`update schools set name = $1`, ['Paaralang Niño "Ñ" — ika-7\n🌱']);
      await c.end();
    });
    before = await snapshot(source);
  }, 120_000);

  afterAll(async () => {
    await admin(async (c) => {
      for (const db of databases) await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    });
  });

  it('the source has the schema and the seeded rows', () => {
    const filled = Object.entries(before).filter(([, t]) => t.rows > 0);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(filled.length).toBeGreaterThan(4);
  });

  it('pg-backup.sh dumps, pg-restore.sh restores into a new database, and every row is there', async () => {
    const out = path.join(dir, 'script');
    mkdirSync(out);
    const backup = script('pg-backup.sh', [], { DATABASE_URL: urlOf(source), BACKUP_DIR: out });
    expect(backup.status, backup.stderr).toBe(0);
    const [dump, ...more] = dumps(out);
    expect(more).toEqual([]);
    expect(dump).toMatch(/^aralin-\d{8}T\d{6}Z\.dump$/);
    const target = await createDatabase('restored');
    const restore = script('pg-restore.sh', [path.join(out, dump ?? '')], { DATABASE_URL: urlOf(target) });
    expect(restore.status, restore.stderr).toBe(0);
    expect(await snapshot(target)).toEqual(before);
  });

  it('the Kubernetes CronJob’s command makes a dump that restores to the same rows', async () => {
    const [, cron] = loadYamlAll(read(path.join(DEPLOY, 'k8s', 'base', 'backup-cronjob.yaml'))) as Array<{
      spec: { jobTemplate: { spec: { template: { spec: { containers: Array<{ command: string[] }> } } } } };
    }>;
    const command = cron?.spec.jobTemplate.spec.template.spec.containers[0]?.command ?? [];
    expect(command.slice(0, 2)).toEqual(['/bin/sh', '-ec']);
    const out = path.join(dir, 'cronjob');
    mkdirSync(out);
    const r = spawnSync('sh', ['-ec', command[2] ?? 'exit 1'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: urlOf(source),
        BACKUP_DIR: out,
        BACKUP_KEEP_DAYS: '14',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const [dump] = dumps(out);
    const target = await createDatabase('cronjob');
    const restore = script('pg-restore.sh', [path.join(out, dump ?? '')], { DATABASE_URL: urlOf(target) });
    expect(restore.status, restore.stderr).toBe(0);
    expect(await snapshot(target)).toEqual(before);
  });

  it('keeps BACKUP_KEEP_DAYS of dumps: older ones go, other files and fresh dumps stay', () => {
    const out = path.join(dir, 'retention');
    mkdirSync(out);
    const old = new Date(Date.now() - 30 * 86_400_000);
    const recent = new Date(Date.now() - 3 * 86_400_000);
    for (const [name, when] of [
      ['aralin-20200101T000000Z.dump', old],
      ['aralin-20200102T000000Z.dump', recent],
      ['notes.txt', old],
    ] as const) {
      writeFileSync(path.join(out, name), 'x');
      utimesSync(path.join(out, name), when, when);
    }
    const r = script('pg-backup.sh', [], {
      DATABASE_URL: urlOf(source),
      BACKUP_DIR: out,
      BACKUP_KEEP_DAYS: '14',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('removed');
    const left = dumps(out);
    expect(left).not.toContain('aralin-20200101T000000Z.dump');
    expect(left).toContain('aralin-20200102T000000Z.dump');
    expect(left).toContain('notes.txt');
    expect(left.filter((f) => /^aralin-\d{8}T\d{6}Z\.dump$/.test(f))).toHaveLength(2);
  });

  it('refuses to restore over a database that has tables, and changes nothing there', async () => {
    const out = path.join(dir, 'script');
    const [dump] = dumps(out);
    const r = script('pg-restore.sh', [path.join(out, dump ?? '')], { DATABASE_URL: urlOf(source) });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already has \d+ tables/);
    expect(await snapshot(source)).toEqual(before);
  });

  it('refuses a file that is not a dump', async () => {
    const bogus = path.join(dir, 'bogus.dump');
    writeFileSync(bogus, 'not a dump');
    const target = await createDatabase('bogus');
    const r = script('pg-restore.sh', [bogus], { DATABASE_URL: urlOf(target) });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a pg_dump archive');
  });

  it('fails without leaving a dump (or a partial one) when the database cannot be reached', async () => {
    const out = path.join(dir, 'unreachable');
    mkdirSync(out);
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/nothing`;
    const r = script('pg-backup.sh', [], { DATABASE_URL: url, BACKUP_DIR: out });
    expect(r.status).not.toBe(0);
    expect(dumps(out)).toEqual([]);
  });

  it('refuses a retention that is not a number of days', () => {
    const r = script('pg-backup.sh', [], {
      DATABASE_URL: urlOf(source),
      BACKUP_DIR: dir,
      BACKUP_KEEP_DAYS: '1; rm',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('BACKUP_KEEP_DAYS');
  });
});
