import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commonPassword } from '../src/auth/rules.ts';
import { SIGN_IN_DELAYS } from '../src/auth/throttle.ts';
import { bodyFault } from '../src/body.ts';
import { loadConfig, parseTrustProxy } from '../src/config.ts';
import { Client, expectProblem, makeApp, signedIn } from './helpers.ts';

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40), RATE_LIMIT_PER_MINUTE: '3' };

const tools = (app: FastifyInstance, remoteAddress: string, forwarded?: string) =>
  app.inject({
    method: 'GET',
    url: '/api/v1/tools',
    remoteAddress,
    ...(forwarded ? { headers: { 'x-forwarded-for': forwarded } } : {}),
  });

describe('TRUST_PROXY', () => {
  it('is off by default and takes a hop count or addresses and CIDRs, refusing anything else', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1/128,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1/128',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/forged X-Forwarded-For/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10\.0\.0\.0\/33"/);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY: not a hop count/);
    expect(parseTrustProxy('10.1.2.3/24/1')).toMatch(/not a hop count/);
  });
});

/** An app built in a hook (a start can take long on a busy machine), closed after its tests. */
function appFor(env: Record<string, string>) {
  const holder: { app: FastifyInstance } = { app: undefined as unknown as FastifyInstance };
  beforeAll(async () => {
    holder.app = await makeApp({}, env);
  });
  afterAll(() => holder.app?.close());
  return holder;
}

const FORGED = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'];

describe('TRUST_PROXY off, in production', () => {
  const served = appFor(PRODUCTION);
  it('a forged X-Forwarded-For does not change the rate-limit key', async () => {
    const statuses = [];
    for (const forged of FORGED) statuses.push((await tools(served.app, '203.0.113.50', forged)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('TRUST_PROXY=1', () => {
  const served = appFor({ ...PRODUCTION, TRUST_PROXY: '1' });
  it('the address the proxy appended is the key, whatever the client prepended', async () => {
    const statuses = [];
    for (const forged of FORGED)
      statuses.push((await tools(served.app, '10.0.0.2', `${forged}, 203.0.113.60`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another client behind the same proxy has its own budget.
    expect((await tools(served.app, '10.0.0.2', '203.0.113.61')).statusCode).toBe(200);
  });
});

describe('TRUST_PROXY as a CIDR list', () => {
  const served = appFor({ ...PRODUCTION, TRUST_PROXY: '10.0.0.0/8' });
  it('only a listed proxy is believed', async () => {
    // From an unlisted peer the header is ignored: all four count against 203.0.113.70.
    const statuses = [];
    for (const forged of FORGED) statuses.push((await tools(served.app, '203.0.113.70', forged)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await tools(served.app, '10.1.2.3', '203.0.113.71')).statusCode).toBe(200);
  });
});

describe('listening address', () => {
  it('is loopback outside production unless HOST says otherwise, and every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40) }).host).toBe('0.0.0.0');
  });
});

describe('hostile requests', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  const nested = (depth: number, open: string, close: string) =>
    `{"username":${open.repeat(depth)}"x"${close.repeat(depth)},"password":"x"}`;

  it('a JSON body nested 5,000 deep gets 400 problem+json, signed in or not, never a 500', async () => {
    const ana = await signedIn(app, 'ana');
    for (const [open, close] of [
      ['[', ']'],
      ['{"a":', '}'],
    ] as const) {
      const payload = nested(5000, open, close);
      const headers = { 'content-type': 'application/json' };
      const anonymous = await app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload, headers });
      expect(expectProblem(anonymous, 400).type).toContain('too-deep');
      const signed = await ana.request('POST', '/api/v1/conversations', payload, headers);
      expect(expectProblem(signed, 400).type).toContain('too-deep');
    }
    // Shallow bodies still reach validation.
    expectProblem(
      await app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { username: ['x'] } }),
      400,
    );
  });

  it('bodyFault walks without recursion and finds NUL in keys and values at any allowed depth', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(bodyFault(deep)).toBe('too-deep');
    expect(bodyFault({ a: [{ b: 'ok' }] })).toBeNull();
    expect(bodyFault({ a: [{ b: 'n\u0000ul' }] })).toBe('nul');
    expect(bodyFault({ a: { 'k\u0000': 1 } })).toBe('nul');
    // Three nested containers are allowed under a limit of 3, four are not.
    expect(bodyFault([[[['x']]]], 3)).toBe('too-deep');
    expect(bodyFault([[['x']]], 3)).toBeNull();
  });

  it('router errors (a malformed URL, an over-long path parameter) are problem+json', async () => {
    const bad = await app.inject({ method: 'GET', url: '/api/v1/conversations/%E0%A4%A' });
    expect(expectProblem(bad, 400).type).toContain('bad-url');
    const long = await app.inject({ method: 'GET', url: `/api/v1/conversations/${'a'.repeat(500)}` });
    expect(expectProblem(long, 414).type).toContain('uri-too-long');
  });
});

describe('passwords and accounts', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  const signup = (body: Record<string, string>) =>
    new Client(app).post('/api/v1/auth/signup', { display_name: 'Test', ...body });

  it('refuses common and easily guessed passwords, 8 characters staying the minimum', async () => {
    for (const password of [
      '12345678',
      'password1',
      'qwertyuiop',
      'iloveyou123',
      'mahalkita',
      'aaaaaaaaaaaa',
    ]) {
      expect(commonPassword(password), password).toBe(true);
      const res = await signup({ class_code: 'SAMPA7', username: `weak${password.length}x`, password });
      const problem = expectProblem(res, 400);
      expect(JSON.stringify(problem.errors)).toMatch(/too common/);
    }
    expectProblem(await signup({ class_code: 'SAMPA7', username: 'shorty', password: 'x7#kQ' }), 400);
    const ok = await signup({ class_code: 'SAMPA7', username: 'eightchr', password: 'tubig-7Q' });
    expect(ok.statusCode).toBe(201);
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: '123456789012' })).toThrow(/too common/);
  });

  it('checks the class code before the username: a wrong code never tells that a username exists', async () => {
    const wrongCode = await signup({ class_code: 'NOPE99', username: 'ana', password: 'sampaguita-77' });
    expect(expectProblem(wrongCode, 400).detail).toMatch(/No class has that code/);
    const wrongInvite = await signup({
      invite_code: 'not-an-invite',
      username: 'ana',
      password: 'sampaguita-77',
    });
    expect(expectProblem(wrongInvite, 400).detail).toMatch(/invitation code is not valid/);
    const taken = await signup({ class_code: 'SAMPA7', username: 'ana', password: 'sampaguita-77' });
    expectProblem(taken, 409);
  });

  it('a password change ends the other sessions of the user and keeps the one that changed it', async () => {
    const signup1 = await signup({ class_code: 'SAMPA7', username: 'gina', password: 'gina-old-pass' });
    expect(signup1.statusCode).toBe(201);
    const phone = await signedIn(app, 'gina', 'gina-old-pass');
    const laptop = await signedIn(app, 'gina', 'gina-old-pass');
    const ana = await signedIn(app, 'ana');
    const changed = await laptop.post('/api/v1/auth/password', {
      current_password: 'gina-old-pass',
      new_password: 'gina-new-pass-42',
    });
    expect(changed.statusCode).toBe(204);
    expect((await laptop.get('/api/v1/me')).statusCode).toBe(200);
    expectProblem(await phone.get('/api/v1/me'), 401);
    expectProblem(await phone.post('/api/v1/auth/refresh'), 401);
    // Another user's sessions are untouched.
    expect((await ana.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('sign-in delays instead of lock-outs', () => {
  let app: FastifyInstance;
  let now = Date.parse('2026-12-07T08:00:00Z');
  const NAT = '203.0.113.200';
  const signin = (username: string, password: string, remoteAddress = NAT) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { username, password },
      remoteAddress,
    });
  const retryAfter = (res: LightMyRequestResponse) => Number(res.headers['retry-after']);

  beforeAll(async () => {
    app = await makeApp({ clock: () => new Date(now) }, { RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => app.close());

  it('the right password passes once the wait is over, though a classmate keeps guessing it', async () => {
    const waits: number[] = [];
    // The classmate guesses as fast as the delays let them, 10 times over.
    for (let attempt = 0; attempt < 10; attempt++) {
      const res = await signin('ben', `guess-${attempt}`);
      if (res.statusCode === 429) {
        waits.push(retryAfter(res));
        now += retryAfter(res) * 1000;
        expect((await signin('ben', `guess-${attempt}`)).statusCode).toBe(401);
      } else expect(res.statusCode).toBe(401);
    }
    // Waits double from 2 s and stop at the cap: a delay, never a lock-out.
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60]);
    const refused = await signin('ben', 'aralin-student');
    expectProblem(refused, 429);
    expect(retryAfter(refused)).toBeLessThanOrEqual(SIGN_IN_DELAYS.username.capSeconds);
    now += retryAfter(refused) * 1000;
    expect((await signin('ben', 'aralin-student')).statusCode).toBe(200);
    // A success starts the count again.
    expect((await signin('ben', 'one-typo')).statusCode).toBe(401);
    expect((await signin('ben', 'aralin-student')).statusCode).toBe(200);
  });

  it('a class behind one NAT is not stopped by one student failing on many names', async () => {
    now += 60 * 60_000;
    for (let i = 0; i < SIGN_IN_DELAYS.address.free - 1; i++)
      expect((await signin(`nobody${i}`, 'wrong-password')).statusCode).toBe(401);
    // The rest of the class, on the same address, signs in at once.
    for (const student of ['ana', 'ben'])
      expect((await signin(student, 'aralin-student')).statusCode).toBe(200);
    expect((await signin('guro', 'aralin-guro')).statusCode).toBe(200);
    // A spray goes on: the address now waits, briefly, and a success does not clear it.
    expect((await signin('nobody-last', 'wrong-password')).statusCode).toBe(401);
    const sprayed = await signin('nobody-next', 'wrong-password');
    expectProblem(sprayed, 429);
    expect(retryAfter(sprayed)).toBeLessThanOrEqual(SIGN_IN_DELAYS.address.capSeconds);
    // Another address is not affected.
    expect((await signin('ana', 'aralin-student', '198.51.100.99')).statusCode).toBe(200);
    now += retryAfter(sprayed) * 1000;
    expect((await signin('ana', 'aralin-student')).statusCode).toBe(200);
  });
});

describe('API keys: listed with their last use, and revocable', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  const orchestrate = (key: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/orchestrate',
      payload: { user_info: { user_id: 'u1', name: 'Ana' }, message: 'hello' },
      headers: { 'x-api-key': key },
    });

  it('an admin lists the school keys (never the key itself) and a revoked key stops working at once', async () => {
    const admin = await signedIn(app, 'admin');
    const created = (await admin.post('/api/v1/admin/api-keys', { name: 'lms' })).json();
    const other = (await admin.post('/api/v1/admin/api-keys', { name: 'sis' })).json();
    let listed = (await admin.get('/api/v1/admin/api-keys')).json().api_keys;
    expect(listed.find((k: { id: string }) => k.id === created.id)).toMatchObject({
      name: 'lms',
      last_used_at: null,
      revoked_at: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.api_key);

    expect((await orchestrate(created.api_key)).statusCode).toBe(200);
    listed = (await admin.get('/api/v1/admin/api-keys')).json().api_keys;
    expect(listed.find((k: { id: string }) => k.id === created.id).last_used_at).toEqual(expect.any(String));

    expect((await admin.request('DELETE', `/api/v1/admin/api-keys/${created.id}`)).statusCode).toBe(204);
    expect(expectProblem(await orchestrate(created.api_key), 401).detail).toMatch(/revoked/);
    // Revoking again changes nothing; the other key still works.
    const revokedAt = (await admin.get('/api/v1/admin/api-keys'))
      .json()
      .api_keys.find((k: { id: string }) => k.id === created.id).revoked_at;
    expect(revokedAt).toEqual(expect.any(String));
    expect((await admin.request('DELETE', `/api/v1/admin/api-keys/${created.id}`)).statusCode).toBe(204);
    expect(
      (await admin.get('/api/v1/admin/api-keys'))
        .json()
        .api_keys.find((k: { id: string }) => k.id === created.id).revoked_at,
    ).toBe(revokedAt);
    expect((await orchestrate(other.api_key)).statusCode).toBe(200);
    const audit = (await admin.get('/api/v1/admin/audit')).json().entries;
    expect(audit.filter((e: { action: string }) => e.action === 'api_key.revoke')).toHaveLength(1);
  });

  it('only an admin of the same school may list or revoke, and an unknown key is 404', async () => {
    const admin = await signedIn(app, 'admin');
    const created = (await admin.post('/api/v1/admin/api-keys', { name: 'third' })).json();
    const guro = await signedIn(app, 'guro');
    expectProblem(await guro.get('/api/v1/admin/api-keys'), 403);
    expectProblem(await guro.request('DELETE', `/api/v1/admin/api-keys/${created.id}`), 403);
    expectProblem(
      await admin.request('DELETE', '/api/v1/admin/api-keys/00000000-0000-4000-8000-000000000000'),
      404,
    );
    expectProblem(await admin.request('DELETE', '/api/v1/admin/api-keys/not-a-uuid'), 400);
    expect((await orchestrate(created.api_key)).statusCode).toBe(200);
  });
});

const putProvider = (client: Client, body: Record<string, unknown>) =>
  client.request('PUT', '/api/v1/admin/provider', { provider: 'openai-compatible', model: 'm', ...body });

describe('provider URLs outside production', () => {
  const served = appFor({});
  it('are http(s) only; a local model server is fine', async () => {
    const admin = await signedIn(served.app, 'admin');
    for (const base_url of ['file:///etc/passwd', 'gopher://127.0.0.1:6379/_x', 'ftp://example.org/'])
      expectProblem(await putProvider(admin, { base_url }), 400);
    expect((await putProvider(admin, { base_url: 'http://127.0.0.1:11434/v1' })).statusCode).toBe(200);
  });
});

describe('provider URLs in production', () => {
  const served = appFor({
    ...PRODUCTION,
    RATE_LIMIT_PER_MINUTE: '1000',
    BOOTSTRAP_SCHOOL_NAME: 'Paaralan',
    BOOTSTRAP_ADMIN_USERNAME: 'punong-guro',
    BOOTSTRAP_ADMIN_PASSWORD: 'a long admin passphrase',
  });
  it('refuse private, loopback and metadata addresses unless the admin allows them', async () => {
    const admin = await signedIn(served.app, 'punong-guro', 'a long admin passphrase');
    for (const base_url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:8080/',
      'http://localhost:11434/v1',
      'http://10.0.0.5/v1',
      'http://192.168.1.10/v1',
      'http://[::1]:8080/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fd00:ec2::254]/',
    ]) {
      const refused = await putProvider(admin, { base_url });
      expect(expectProblem(refused, 400).detail, base_url).toMatch(/private, loopback or link-local/);
      // Testing the connection is a request from the server too: the same addresses are refused before it.
      const test = await admin.request('POST', '/api/v1/admin/provider/test', {
        provider: 'openai-compatible',
        model: 'm',
        base_url,
      });
      expect(expectProblem(test, 400).detail, base_url).toMatch(/private, loopback or link-local/);
    }
    expect((await putProvider(admin, { base_url: 'http://203.0.113.10/v1' })).statusCode).toBe(200);
    const allowed = await putProvider(admin, { base_url: 'http://10.0.0.5/v1', allow_private_network: true });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ base_url: 'http://10.0.0.5/v1', allow_private_network: true });
  });
});
