import { loadContentLibrary } from '@aralin/content';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/crypto.ts';
import { classes, enrolments, schools, users } from '../src/db/schema.ts';
import { Client, makeApp, parseSse, scriptedTutor, signedIn } from './helpers.ts';

const content = loadContentLibrary();
type Actor = 'anon' | 'ana' | 'ben' | 'guro' | 'guro2' | 'admin' | 'admin2';
const ACTORS: Actor[] = ['anon', 'ana', 'ben', 'guro', 'guro2', 'admin', 'admin2'];

describe('RBAC matrix: routes × roles × ownership', () => {
  let app: FastifyInstance;
  const clients = {} as Record<Actor, Client>;
  const ids = {} as Record<string, string>;

  beforeAll(async () => {
    app = await makeApp({ tutor: scriptedTutor(content) });
    const db = app.ctx.db;
    const pw = await hashPassword('other-password');
    const [home] = await db.select().from(schools);
    const [other] = await db.insert(schools).values({ name: 'Other School' }).returning();
    if (!home || !other) throw new Error('schools missing');
    const [guro2, _admin2, zed] = await db
      .insert(users)
      .values([
        { schoolId: home.id, username: 'guro2', passwordHash: pw, role: 'teacher', displayName: 'Guro Dos' },
        { schoolId: other.id, username: 'admin2', passwordHash: pw, role: 'admin', displayName: 'Admin Dos' },
        { schoolId: other.id, username: 'zed', passwordHash: pw, role: 'student', displayName: 'Zed' },
      ])
      .returning();
    const [klass2] = await db
      .insert(classes)
      .values({
        schoolId: home.id,
        teacherId: guro2?.id ?? null,
        name: 'Other class',
        gradeLevel: '8',
        joinCode: 'OTHER8',
      })
      .returning();
    if (!klass2 || !zed) throw new Error('setup failed');
    await db.insert(enrolments).values({ classId: klass2.id, studentId: zed.id });

    clients.anon = new Client(app);
    for (const name of ['ana', 'ben', 'guro', 'admin'] as const) clients[name] = await signedIn(app, name);
    clients.guro2 = await signedIn(app, 'guro2', 'other-password');
    clients.admin2 = await signedIn(app, 'admin2', 'other-password');

    const ana = clients.ana;
    ids.ana = (await ana.get('/api/v1/me')).json().user.id;
    ids.conv = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const turn = await ana.post(
      `/api/v1/conversations/${ids.conv}/messages`,
      { text: 'quiz me' },
      {
        accept: 'application/json',
      },
    );
    ids.userMessage = turn.json().user_message.id;
    ids.quiz = turn.json().assistant_message.quiz_id;
    const deck = await ana.post(`/api/v1/conversations/${ids.conv}/messages`, { text: 'flashcards' });
    expect(parseSse(deck.body).at(-1)).toBe('[DONE]');
    ids.card = (await ana.get('/api/v1/flashcards/due')).json().cards[0].id;
    await ana.post(
      `/api/v1/conversations/${ids.conv}/messages`,
      { text: 'I want to kill myself' },
      {
        accept: 'application/json',
      },
    );
    ids.flag = (await clients.guro.get('/api/v1/flags')).json().flags[0].id;
    ids.class = (await clients.guro.get('/api/v1/classes')).json().classes[0].id;
    ids.class2 = klass2.id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });
  afterAll(() => app.close());

  const OWNER_ONLY = { anon: 401, ana: 200, ben: 404, guro: 404, guro2: 404, admin: 404, admin2: 404 };
  const STAFF_OF_ANA = { anon: 401, ana: 403, ben: 403, guro: 200, guro2: 404, admin: 200, admin2: 404 };
  const ADMIN_ONLY = { anon: 401, ana: 403, ben: 403, guro: 403, guro2: 403, admin: 200, admin2: 200 };
  const matrix: {
    name: string;
    method: 'GET' | 'POST' | 'PATCH';
    url: () => string;
    body?: unknown;
    expect: Record<Actor, number>;
  }[] = [
    {
      name: 'read conversation',
      method: 'GET',
      url: () => `/api/v1/conversations/${ids.conv}/messages`,
      expect: OWNER_ONLY,
    },
    {
      name: 'rename conversation',
      method: 'PATCH',
      url: () => `/api/v1/conversations/${ids.conv}`,
      body: { title: 'x' },
      expect: OWNER_ONLY,
    },
    {
      name: 'post into conversation',
      method: 'POST',
      url: () => `/api/v1/conversations/${ids.conv}/messages`,
      body: { text: 'hello' },
      expect: OWNER_ONLY,
    },
    {
      name: 'retry message',
      method: 'POST',
      url: () => `/api/v1/messages/${ids.userMessage}/retry`,
      expect: OWNER_ONLY,
    },
    { name: 'read quiz', method: 'GET', url: () => `/api/v1/quizzes/${ids.quiz}`, expect: OWNER_ONLY },
    {
      name: 'finish quiz',
      method: 'POST',
      url: () => `/api/v1/quizzes/${ids.quiz}/finish`,
      expect: OWNER_ONLY,
    },
    {
      name: 'review card',
      method: 'POST',
      url: () => `/api/v1/flashcards/${ids.card}/review`,
      body: { rating: 'good' },
      expect: OWNER_ONLY,
    },
    {
      name: "teacher reads student's conversations",
      method: 'GET',
      url: () => `/api/v1/students/${ids.ana}/conversations`,
      expect: STAFF_OF_ANA,
    },
    {
      name: "teacher reads a student's overview",
      method: 'GET',
      url: () => `/api/v1/students/${ids.ana}/overview`,
      expect: STAFF_OF_ANA,
    },
    {
      name: "teacher reads a student's messages",
      method: 'GET',
      url: () => `/api/v1/students/${ids.ana}/conversations/${ids.conv}/messages`,
      expect: STAFF_OF_ANA,
    },
    {
      name: 'issue password reset',
      method: 'POST',
      url: () => `/api/v1/users/${ids.ana}/password-reset-token`,
      expect: STAFF_OF_ANA,
    },
    { name: 'class detail', method: 'GET', url: () => `/api/v1/classes/${ids.class}`, expect: STAFF_OF_ANA },
    {
      name: 'class analytics',
      method: 'GET',
      url: () => `/api/v1/classes/${ids.class}/analytics`,
      expect: STAFF_OF_ANA,
    },
    {
      name: "another teacher's class",
      method: 'GET',
      url: () => `/api/v1/classes/${ids.class2}`,
      expect: { anon: 401, ana: 403, ben: 403, guro: 404, guro2: 200, admin: 200, admin2: 404 },
    },
    { name: 'admin users', method: 'GET', url: () => '/api/v1/admin/users', expect: ADMIN_ONLY },
    { name: 'admin provider', method: 'GET', url: () => '/api/v1/admin/provider', expect: ADMIN_ONLY },
    {
      name: 'admin invitations',
      method: 'POST',
      url: () => '/api/v1/admin/invitations',
      body: { role: 'teacher' },
      expect: { ...ADMIN_ONLY, admin: 201, admin2: 201 },
    },
    {
      name: 'list flags',
      method: 'GET',
      url: () => '/api/v1/flags',
      expect: { anon: 401, ana: 403, ben: 403, guro: 200, guro2: 200, admin: 200, admin2: 200 },
    },
    {
      name: 'unknown conversation id',
      method: 'GET',
      url: () => '/api/v1/conversations/00000000-0000-4000-8000-000000000000/messages',
      expect: { anon: 401, ana: 404, ben: 404, guro: 404, guro2: 404, admin: 404, admin2: 404 },
    },
  ];

  for (const row of matrix)
    it(`${row.method} ${row.name}`, async () => {
      const got = {} as Record<Actor, number>;
      for (const actor of ACTORS) {
        const res = await clients[actor].request(row.method, row.url(), row.body, {
          accept: 'application/json',
        });
        got[actor] = res.statusCode;
        if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(got).toEqual(row.expect);
    });

  it('lists are scoped: other teachers and other schools never see ana', async () => {
    const flags2 = (await clients.guro2.get('/api/v1/flags')).json().flags;
    expect(flags2.map((f: { id: string }) => f.id)).not.toContain(ids.flag);
    const flagsOther = (await clients.admin2.get('/api/v1/flags')).json().flags;
    expect(flagsOther).toHaveLength(0);
    const users2 = (await clients.admin2.get('/api/v1/admin/users')).json().users;
    expect(users2.map((u: { username: string }) => u.username).sort()).toEqual(['admin2', 'zed']);
    const classes2 = (await clients.guro2.get('/api/v1/classes')).json().classes;
    expect(classes2.map((c: { id: string }) => c.id)).toEqual([ids.class2]);
    const anaConvs = (await clients.ben.get('/api/v1/conversations')).json().conversations;
    expect(anaConvs).toHaveLength(0);
  });

  it('resolving a flag: only the teacher of the student or the admin', async () => {
    for (const actor of ['ana', 'ben'] as const)
      expect((await clients[actor].post(`/api/v1/flags/${ids.flag}/resolve`, {})).statusCode).toBe(403);
    for (const actor of ['guro2', 'admin2'] as const)
      expect((await clients[actor].post(`/api/v1/flags/${ids.flag}/resolve`, {})).statusCode).toBe(404);
    const ok = await clients.guro.post(`/api/v1/flags/${ids.flag}/resolve`, { note: 'talked with Ana' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().flag.status).toBe('resolved');
  });
});
