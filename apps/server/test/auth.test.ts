import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/crypto.ts';
import { conversations, users } from '../src/db/schema.ts';
import { Client, expectProblem, makeApp, signedIn } from './helpers.ts';

describe('auth', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('stores passwords as argon2id and signs in with httpOnly SameSite=Lax cookies', async () => {
    const [ana] = await app.ctx.db.select().from(users).where(eq(users.username, 'ana'));
    expect(ana?.passwordHash.startsWith('$argon2id$')).toBe(true);
    const client = new Client(app);
    const res = await client.post('/api/v1/auth/signin', { username: 'ana', password: 'aralin-student' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'ana', role: 'student', grade_level: '7' });
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const session = setCookie.find((c) => c.startsWith('aralin_session='));
    const refresh = setCookie.find((c) => c.startsWith('aralin_refresh='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(refresh).toMatch(/HttpOnly/i);
    expect((await client.get('/api/v1/me')).json().user.username).toBe('ana');
  });

  it('rejects wrong passwords and, after 3 failures on a username, makes the next attempt wait', async () => {
    const client = new Client(app);
    await client.post('/api/v1/auth/signup', {
      class_code: 'SAMPA7',
      username: 'fay',
      password: 'fay-password',
      display_name: 'Fay',
    });
    for (let i = 0; i < 3; i++)
      expectProblem(
        await client.post('/api/v1/auth/signin', { username: 'fay', password: 'wrong-password' }),
        401,
      );
    const waiting = await client.post('/api/v1/auth/signin', { username: 'fay', password: 'fay-password' });
    expectProblem(waiting, 429);
    expect(waiting.headers['retry-after']).toBe('2');
    // Another username from the same IP is not blocked.
    expect(
      (await client.post('/api/v1/auth/signin', { username: 'ana', password: 'aralin-student' })).statusCode,
    ).toBe(200);
  });

  it('rotates refresh tokens and revokes the family on reuse', async () => {
    const client = await signedIn(app, 'guro');
    const first = client.cookies.get('aralin_refresh') as string;
    const rotated = await client.post('/api/v1/auth/refresh');
    expect(rotated.statusCode).toBe(200);
    const second = client.cookies.get('aralin_refresh') as string;
    expect(second).not.toBe(first);
    // A thief replays the first token: refused, and the whole session family ends.
    const thief = new Client(app);
    thief.cookies.set('aralin_refresh', first);
    expectProblem(await thief.post('/api/v1/auth/refresh'), 401);
    const owner = new Client(app);
    owner.cookies.set('aralin_refresh', second);
    expectProblem(await owner.post('/api/v1/auth/refresh'), 401);
    expectProblem(await client.get('/api/v1/me'), 401);
  });

  it('signs out', async () => {
    const client = await signedIn(app, 'ana');
    const session = client.cookies.get('aralin_session') as string;
    expect((await client.post('/api/v1/auth/signout')).statusCode).toBe(204);
    const replay = new Client(app);
    replay.cookies.set('aralin_session', session);
    expectProblem(await replay.get('/api/v1/me'), 401);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const client = await signedIn(app, 'ana');
    const token = client.csrf;
    client.csrf = undefined;
    const res = await client.post('/api/v1/conversations', {});
    expectProblem(res, 403);
    client.csrf = 'forged-token';
    expectProblem(await client.post('/api/v1/conversations', {}), 403);
    client.csrf = token;
    expect((await client.post('/api/v1/conversations', {})).statusCode).toBe(201);
  });

  it('signs students up by class code and teachers by invitation', async () => {
    const student = new Client(app);
    const res = await student.post('/api/v1/auth/signup', {
      class_code: 'sampa7',
      username: 'carla',
      password: 'carla-password',
      display_name: 'Carla',
      locale: 'fil',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ role: 'student', grade_level: '7', locale: 'fil' });
    expect((await student.get('/api/v1/me')).statusCode).toBe(200);
    expectProblem(
      await new Client(app).post('/api/v1/auth/signup', {
        class_code: 'SAMPA7',
        username: 'carla',
        password: 'carla-password',
        display_name: 'Carla 2',
      }),
      409,
    );
    expectProblem(
      await new Client(app).post('/api/v1/auth/signup', {
        class_code: 'NOPE99',
        username: 'dina',
        password: 'dina-password',
        display_name: 'Dina',
      }),
      400,
    );
    const guro = await signedIn(app, 'guro');
    const classes = (await guro.get('/api/v1/classes')).json().classes;
    const detail = (await guro.get(`/api/v1/classes/${classes[0].id}`)).json();
    expect(detail.students.map((s: { username: string }) => s.username)).toContain('carla');

    const admin = await signedIn(app, 'admin');
    const invite = await admin.post('/api/v1/admin/invitations', { role: 'teacher' });
    expect(invite.statusCode).toBe(201);
    const code = invite.json().invite_code;
    const teacher = new Client(app);
    const signup = await teacher.post('/api/v1/auth/signup', {
      invite_code: code,
      username: 'gurodos',
      password: 'gurodos-password',
      display_name: 'G. Dos',
    });
    expect(signup.statusCode).toBe(201);
    expect(signup.json().user.role).toBe('teacher');
    // An invitation works once.
    expectProblem(
      await new Client(app).post('/api/v1/auth/signup', {
        invite_code: code,
        username: 'gurotres',
        password: 'gurotres-password',
        display_name: 'G. Tres',
      }),
      400,
    );
  });

  it('changes passwords and resets them with a teacher-issued token', async () => {
    const ben = await signedIn(app, 'ben');
    const benId = (await ben.get('/api/v1/me')).json().user.id;
    expectProblem(
      await ben.post('/api/v1/auth/password', {
        current_password: 'nope-nope',
        new_password: 'ben-new-password',
      }),
      403,
    );
    // A student cannot issue reset tokens, not even for themselves.
    expectProblem(await ben.post(`/api/v1/users/${benId}/password-reset-token`), 403);
    const guro = await signedIn(app, 'guro');
    const issued = await guro.post(`/api/v1/users/${benId}/password-reset-token`);
    expect(issued.statusCode).toBe(200);
    const { token } = issued.json();
    const anon = new Client(app);
    expect(
      (await anon.post('/api/v1/auth/password-reset', { token, new_password: 'ben-reset-pass' })).statusCode,
    ).toBe(204);
    expectProblem(
      await anon.post('/api/v1/auth/password-reset', { token, new_password: 'ben-reset-again' }),
      400,
    );
    expectProblem(await ben.get('/api/v1/me'), 401);
    const again = await signedIn(app, 'ben', 'ben-reset-pass');
    expect(
      (
        await again.post('/api/v1/auth/password', {
          current_password: 'ben-reset-pass',
          new_password: 'aralin-student',
        })
      ).statusCode,
    ).toBe(204);
  });

  it('lets an admin issue reset codes to staff, never a teacher to staff or an admin to themselves', async () => {
    const admin = await signedIn(app, 'admin');
    const guro = await signedIn(app, 'guro');
    const guroId = (await guro.get('/api/v1/me')).json().user.id;
    const adminId = (await admin.get('/api/v1/me')).json().user.id;
    expectProblem(await guro.post(`/api/v1/users/${adminId}/password-reset-token`), 404);
    expectProblem(await guro.post(`/api/v1/users/${guroId}/password-reset-token`), 404);
    expectProblem(await admin.post(`/api/v1/users/${adminId}/password-reset-token`), 403);
    const issued = await admin.post(`/api/v1/users/${guroId}/password-reset-token`);
    expect(issued.statusCode).toBe(200);
    const anon = new Client(app);
    const reset = await anon.post('/api/v1/auth/password-reset', {
      token: issued.json().token,
      new_password: 'guro-reset-pass',
    });
    expect(reset.statusCode).toBe(204);
    const back = await signedIn(app, 'guro', 'guro-reset-pass');
    expect(
      (
        await back.post('/api/v1/auth/password', {
          current_password: 'guro-reset-pass',
          new_password: 'aralin-guro',
        })
      ).statusCode,
    ).toBe(204);
  });

  it("refuses to delete the school's only admin (409 problem, nothing changed); with two, either may go", async () => {
    const admin = await signedIn(app, 'admin', 'aralin-admin');
    const me = (await admin.get('/api/v1/me')).json().user;
    const refused = await admin.request('DELETE', '/api/v1/me', { password: 'aralin-admin' });
    expectProblem(refused, 409);
    expect(refused.json().type).toMatch(/last-admin$/);
    expect(await app.ctx.db.select().from(users).where(eq(users.id, me.id))).toHaveLength(1);
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);

    await app.ctx.db.insert(users).values({
      schoolId: me.school_id,
      username: 'admin2',
      passwordHash: await hashPassword('second-admin-pass'),
      role: 'admin',
      displayName: 'Second admin',
    });
    const second = await signedIn(app, 'admin2', 'second-admin-pass');
    expect((await second.request('DELETE', '/api/v1/me', { password: 'second-admin-pass' })).statusCode).toBe(
      204,
    );
    expect(await app.ctx.db.select().from(users).where(eq(users.username, 'admin2'))).toHaveLength(0);
    expectProblem(await admin.request('DELETE', '/api/v1/me', { password: 'aralin-admin' }), 409);
  });

  it('exports and deletes an account with all its data', async () => {
    const client = new Client(app);
    await client.post('/api/v1/auth/signup', {
      class_code: 'SAMPA7',
      username: 'erin',
      password: 'erin-password',
      display_name: 'Erin',
    });
    client.csrf = (await client.get('/api/v1/auth/csrf')).json().token;
    await client.post('/api/v1/conversations', { title: 'Mine' });
    const exported = await client.get('/api/v1/me/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.json().conversations[0].title).toBe('Mine');
    expect(exported.body).not.toContain('argon2');
    const me = exported.json().user.id;
    expectProblem(await client.request('DELETE', '/api/v1/me', { password: 'wrong-password' }), 403);
    expect((await client.request('DELETE', '/api/v1/me', { password: 'erin-password' })).statusCode).toBe(
      204,
    );
    expect(await app.ctx.db.select().from(users).where(eq(users.id, me))).toHaveLength(0);
    expect(await app.ctx.db.select().from(conversations).where(eq(conversations.userId, me))).toHaveLength(0);
    expectProblem(
      await new Client(app).post('/api/v1/auth/signin', { username: 'erin', password: 'erin-password' }),
      401,
    );
  });
});

describe('the first sign-in language', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  const signIn = (client: Client, locale: string) =>
    client.post('/api/v1/auth/signin', { username: 'guro', password: 'aralin-guro', locale });

  it("follows the sign-in page for someone never active, then stays the user's own", async () => {
    const first = new Client(app);
    const res = await signIn(first, 'en');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.locale).toBe('en');
    expect((await first.get('/api/v1/me')).json().user.locale).toBe('en');
    const later = await signIn(new Client(app), 'fil');
    expect(later.json().user.locale).toBe('en');
    const [guro] = await app.ctx.db.select().from(users).where(eq(users.username, 'guro'));
    expect(guro?.locale).toBe('en');
  });

  it('is refused when it is no language Aralin speaks, and a wrong password saves nothing', async () => {
    expectProblem(await signIn(new Client(app), 'de'), 400);
    const wrong = await new Client(app).post('/api/v1/auth/signin', {
      username: 'admin',
      password: 'not-the-password',
      locale: 'en',
    });
    expectProblem(wrong, 401);
    const [admin] = await app.ctx.db.select().from(users).where(eq(users.username, 'admin'));
    expect(admin?.locale).toBe('fil');
  });
});
