import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { schools, users } from '../src/db/schema.ts';
import { Client, expectProblem, makeApp } from './helpers.ts';

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(48) };
const BOOTSTRAP = {
  BOOTSTRAP_SCHOOL_NAME: 'Mataas na Paaralan ng Quezon',
  BOOTSTRAP_ADMIN_USERNAME: ' Principal.Cruz ',
  BOOTSTRAP_ADMIN_PASSWORD: 'a long admin passphrase',
};

describe('the first school in production', () => {
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });
  const database = async (): Promise<Database> => {
    const db = await openDatabase({ dataDir: 'memory://' });
    open.push(db);
    return db;
  };

  it('reads BOOTSTRAP_* all together or not at all, with a long password', () => {
    expect(loadConfig({ ...PRODUCTION, ...BOOTSTRAP }).bootstrap).toEqual({
      schoolName: 'Mataas na Paaralan ng Quezon',
      adminUsername: 'principal.cruz',
      adminPassword: 'a long admin passphrase',
    });
    expect(loadConfig(PRODUCTION).bootstrap).toBeUndefined();
    expect(() => loadConfig({ ...PRODUCTION, BOOTSTRAP_SCHOOL_NAME: 'X' })).toThrow(/set all three or none/);
    expect(() => loadConfig({ ...PRODUCTION, ...BOOTSTRAP, BOOTSTRAP_ADMIN_PASSWORD: 'short' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...PRODUCTION, ...BOOTSTRAP, BOOTSTRAP_ADMIN_USERNAME: 'a b' })).toThrow(
      /BOOTSTRAP_ADMIN_USERNAME/,
    );
  });

  it('never seeds the demo school, whose passwords are public', async () => {
    const db = await database();
    const app = await makeApp({ database: db }, PRODUCTION);
    open.push(app);
    expect(await db.db.select({ n: count() }).from(schools)).toEqual([{ n: 0 }]);
    expectProblem(await new Client(app).signIn('admin', 'aralin-admin'), 401);
  });

  it('creates the school and its admin once, who can sign in; the demo accounts do not exist', async () => {
    const db = await database();
    const app = await makeApp({ database: db }, { ...PRODUCTION, ...BOOTSTRAP });
    open.push(app);
    const admin = new Client(app);
    expect((await admin.signIn('principal.cruz', 'a long admin passphrase')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/me')).json().user).toMatchObject({ role: 'admin' });
    expectProblem(await new Client(app).signIn('ana', 'aralin-student'), 401);
    // A second instance on the same database (or a restart) creates nothing more.
    const again = await makeApp(
      { database: db },
      { ...PRODUCTION, ...BOOTSTRAP, BOOTSTRAP_ADMIN_USERNAME: 'someone.else' },
    );
    open.push(again);
    expect(await db.db.select({ n: count() }).from(schools)).toEqual([{ n: 1 }]);
    expect((await db.db.select({ username: users.username }).from(users)).map((u) => u.username)).toEqual([
      'principal.cruz',
    ]);
  });
});
