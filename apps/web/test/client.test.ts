import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeDeck } from '../src/cards/deck.ts';
import { QuizAnswers, type Score, shownAnswer } from '../src/cards/quizAnswers.ts';
import { deleteConversation, renameConversation } from '../src/chat/conversationActions.ts';
import { chatFetch } from '../src/chat/transport.ts';
import { BUSY_RESENDS, type BusyState, get, post, resetCsrf } from '../src/lib/api.ts';
import type { Conversation } from '../src/lib/types.ts';
import { type Loaded, nothingLoaded, settle, shown } from '../src/teacher/load.ts';

type Call = { url: string; method: string; csrf: string | null; key: string | null; body: unknown };

/** A stubbed `fetch`: `/auth/csrf` hands out csrf-1, csrf-2, …; everything else is answered by `answer`. */
function stubFetch(answer: (call: Call) => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  let tokens = 0;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      csrf: new Headers(init.headers).get('x-csrf-token'),
      key: new Headers(init.headers).get('idempotency-key'),
      body: init.body,
    };
    calls.push(call);
    if (call.url.endsWith('/auth/csrf')) return Response.json({ token: `csrf-${++tokens}` });
    return answer(call);
  });
  return calls;
}

const problem = (status: number, slug: string, detail: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://aralin.dev/problems/${slug}`, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

/**
 * Answers that find the session expired on the first send (401) and, after a refresh that succeeds, the CSRF
 * token stale on the second (403, as when the refresh rotated the secret); the third send gets `ok()`.
 */
function expiredThenRotated(ok: () => Response): (call: Call) => Response {
  let sends = 0;
  return (call) => {
    if (call.url.endsWith('/auth/refresh')) return new Response(null, { status: 204 });
    sends++;
    if (sends === 1) return problem(401, 'unauthenticated', 'Sign in again.');
    if (sends === 2) return problem(403, 'csrf', 'Missing or invalid CSRF token');
    return ok();
  };
}

/** A stand-in for i18next's `t` that shows the key and its values. */
const t = (key: string, o?: Record<string, unknown>) => (o ? `${key} ${JSON.stringify(o)}` : key);

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

beforeEach(() => {
  resetCsrf();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('quiz answers', () => {
  it("shows a true/false answer in the words of the question's choices", () => {
    const choices = [
      { value: 'true', label: 'Tama' },
      { value: 'false', label: 'Mali' },
    ];
    expect(shownAnswer('true_false', 'False', choices)).toBe('Mali');
    expect(shownAnswer('true_false', ' true ', choices)).toBe('Tama');
    expect(shownAnswer('true_false', 'Siguro', choices)).toBe('Siguro');
    expect(shownAnswer('multiple_choice', 'true', choices)).toBe('true');
  });

  type F = { correct: boolean };

  function quiz(total: number, finish: (() => Promise<Score>) | null) {
    const shown: Array<Record<string, F>> = [];
    const scores: Score[] = [];
    const answers = new QuizAnswers<F>(total, finish, {
      answers: (all) => shown.push(all),
      score: (s) => scores.push(s),
    });
    return { answers, shown, scores };
  }

  it('keeps answers that arrive together and finishes the quiz exactly once', async () => {
    const finished = deferred<Score>();
    const finish = vi.fn(() => finished.promise);
    const { answers, shown, scores } = quiz(2, finish);
    // Both answers come back before either handler has run to completion.
    const a = answers.add('q1', { correct: true });
    const b = answers.add('q2', { correct: false });
    expect(shown.at(-1)).toEqual({ q1: { correct: true }, q2: { correct: false } });
    expect(finish).toHaveBeenCalledOnce();
    finished.resolve({ score: 1, total: 2 });
    await Promise.all([a, b]);
    // A late duplicate (a double submit) neither finishes again nor adds a question.
    await answers.add('q2', { correct: false });
    expect(finish).toHaveBeenCalledOnce();
    expect(Object.keys(shown.at(-1) ?? {})).toEqual(['q1', 'q2']);
    expect(scores).toEqual([{ score: 1, total: 2 }]);
  });

  it('does not finish before every question is answered', async () => {
    const finish = vi.fn(async () => ({ score: 0, total: 3 }));
    const { answers, scores } = quiz(3, finish);
    await answers.add('q1', { correct: true });
    await answers.add('q1', { correct: true });
    await answers.add('q2', { correct: true });
    expect(finish).not.toHaveBeenCalled();
    expect(scores).toEqual([]);
  });

  it('counts the score itself when the finish request fails', async () => {
    const { answers, scores } = quiz(3, () => Promise.reject(new TypeError('Failed to fetch')));
    await Promise.all([
      answers.add('q1', { correct: true }),
      answers.add('q2', { correct: false }),
      answers.add('q3', { correct: true }),
    ]);
    expect(scores).toEqual([{ score: 2, total: 3 }]);
  });

  it("restores the server's answers and score after a reload, without finishing again", async () => {
    const finish = vi.fn(async () => ({ score: 9, total: 9 }));
    const { answers, shown, scores } = quiz(2, finish);
    await answers.restore({ q1: { correct: true }, q2: { correct: false } }, { score: 1, total: 2 });
    expect(shown.at(-1)).toEqual({ q1: { correct: true }, q2: { correct: false } });
    expect(scores).toEqual([{ score: 1, total: 2 }]);
    await answers.add('q2', { correct: false });
    expect(finish).not.toHaveBeenCalled();
  });

  it('finishes a restored quiz whose every question was answered but whose finish was lost', async () => {
    const finish = vi.fn(async () => ({ score: 1, total: 2 }));
    const { answers, scores } = quiz(2, finish);
    await answers.restore({ q1: { correct: true } }, null);
    expect(finish).not.toHaveBeenCalled();
    await answers.restore({ q1: { correct: true }, q2: { correct: false } }, null);
    expect(finish).toHaveBeenCalledOnce();
    expect(scores).toEqual([{ score: 1, total: 2 }]);
  });

  it('sends no finish request for a quiz the server did not save', async () => {
    const { answers, shown, scores } = quiz(1, null);
    await answers.add('q1', { correct: true });
    expect(shown).toEqual([{ q1: { correct: true } }]);
    expect(scores).toEqual([]);
  });

  it('finishes with POST /quizzes/:id/finish once, through the real client', async () => {
    const calls = stubFetch(() => Response.json({ score: 2, total: 2 }));
    const { answers, scores } = quiz(2, () => post<Score>('/quizzes/qz-1/finish'));
    await Promise.all([answers.add('a', { correct: true }), answers.add('b', { correct: true })]);
    expect(calls.filter((c) => c.url === '/api/v1/quizzes/qz-1/finish')).toHaveLength(1);
    expect(scores).toEqual([{ score: 2, total: 2 }]);
  });
});

describe('renaming and deleting a conversation', () => {
  const conv: Conversation = {
    id: 'c-1',
    title: 'Fractions',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    last_message_preview: null,
  };

  it('a failed delete resolves to a message naming the conversation and removes nothing', async () => {
    const calls = stubFetch(() => problem(404, 'not-found', 'conversation not found'));
    const onDeleted = vi.fn();
    const error = await deleteConversation(conv, onDeleted, t);
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/conversations/c-1', method: 'DELETE' });
    expect(error).toBe('chat.deleteFailed {"title":"Fractions","reason":"conversation not found"}');
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it('a network failure or a server error shows the app’s own message', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await deleteConversation({ ...conv, title: null }, vi.fn(), t)).toBe(
      'chat.deleteFailed {"title":"chat.newTitle","reason":"errors.network"}',
    );
    stubFetch(() => problem(500, 'internal', 'boom'));
    const onChanged = vi.fn();
    expect(await renameConversation(conv, 'Decimals', onChanged, t)).toBe(
      'chat.renameFailed {"title":"Fractions","reason":"errors.server"}',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('a successful delete or rename reports no error and tells the list', async () => {
    const calls = stubFetch((c) =>
      c.method === 'DELETE' ? new Response(null, { status: 204 }) : Response.json({ conversation: conv }),
    );
    const onDeleted = vi.fn();
    expect(await deleteConversation(conv, onDeleted, t)).toBeNull();
    expect(onDeleted).toHaveBeenCalledWith('c-1');
    const onChanged = vi.fn();
    expect(await renameConversation(conv, '  Decimals ', onChanged, t)).toBeNull();
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/conversations/c-1', method: 'PATCH', csrf: 'csrf-1' });
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it('a double click deletes once: the second call joins the first', async () => {
    let answer: (r: Response) => void = () => {};
    const calls = stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const onDeleted = vi.fn();
    const first = deleteConversation(conv, onDeleted, t);
    const second = deleteConversation(conv, onDeleted, t);
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1));
    answer(new Response(null, { status: 204 }));
    expect(await Promise.all([first, second])).toEqual([null, null]);
    expect(onDeleted).toHaveBeenCalledOnce();
    // Once it has finished, a new call sends a new request.
    stubFetch(() => problem(404, 'not-found', 'conversation not found'));
    expect(await deleteConversation(conv, onDeleted, t)).toContain('chat.deleteFailed');
  });

  it('an empty or unchanged title sends nothing', async () => {
    const calls = stubFetch(() => Response.json({}));
    const onChanged = vi.fn();
    expect(await renameConversation(conv, '   ', onChanged, t)).toBeNull();
    expect(await renameConversation(conv, ' Fractions ', onChanged, t)).toBeNull();
    expect(calls).toEqual([]);
    expect(onChanged).not.toHaveBeenCalled();
  });
});

describe('chatFetch and CSRF', () => {
  const url = '/api/v1/conversations/c-1/messages';
  const init = (): RequestInit => ({
    method: 'POST',
    headers: { 'x-csrf-token': 'stale', accept: 'text/event-stream' },
    body: JSON.stringify({ text: 'hi' }),
  });

  it('renews the token and retries once when the server refuses the CSRF token', async () => {
    let refusals = 0;
    const calls = stubFetch((c) =>
      c.url === url && refusals++ === 0
        ? problem(403, 'csrf', 'Missing or invalid CSRF token')
        : new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } }),
    );
    const r = await chatFetch(url, init());
    expect(r.status).toBe(200);
    expect(calls.map((c) => [c.url, c.csrf])).toEqual([
      [url, 'stale'],
      ['/api/v1/auth/csrf', null],
      [url, 'csrf-1'],
    ]);
  });

  it('refreshes an expired session once and sends again; a refresh that rotates the CSRF secret is met too', async () => {
    const calls = stubFetch(
      expiredThenRotated(
        () => new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } }),
      ),
    );
    const r = await chatFetch(url, init());
    expect(r.status).toBe(200);
    expect(calls.map((c) => [c.url, c.csrf])).toEqual([
      [url, 'stale'],
      ['/api/v1/auth/csrf', null],
      ['/api/v1/auth/refresh', 'csrf-1'],
      [url, 'stale'],
      ['/api/v1/auth/csrf', null],
      [url, 'csrf-2'],
    ]);
  });

  it('hands a 401 on when the refresh fails too, without a second send', async () => {
    const calls = stubFetch(() => problem(401, 'unauthenticated', 'Sign in again.'));
    const r = await chatFetch(url, init());
    expect(r.status).toBe(401);
    expect(calls.filter((c) => c.url === url)).toHaveLength(1);
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('passes any other 403 through untouched: no new token, no second send', async () => {
    const calls = stubFetch(() => problem(403, 'forbidden', 'This conversation is not yours.'));
    const r = await chatFetch(url, init());
    expect(r.status).toBe(403);
    expect(calls.map((c) => c.url)).toEqual([url]);
    // The body is still there for the AI SDK to report.
    expect(((await r.json()) as { detail: string }).detail).toBe('This conversation is not yours.');
  });

  it('api() follows the same rule', async () => {
    let refusals = 0;
    const calls = stubFetch((c) =>
      c.url.endsWith('/csrf-check') && refusals++ === 0
        ? problem(403, 'csrf', 'Missing or invalid CSRF token')
        : Response.json({ ok: true }),
    );
    expect(await post('/csrf-check')).toEqual({ ok: true });
    expect(calls.map((c) => c.csrf).filter(Boolean)).toEqual(['csrf-1', 'csrf-2']);

    const forbidden = stubFetch(() => problem(403, 'forbidden', 'no'));
    await expect(post('/other')).rejects.toMatchObject({ status: 403 });
    expect(forbidden.filter((c) => c.url === '/api/v1/other')).toHaveLength(1);
    await expect(get('/other')).rejects.toMatchObject({ status: 403 });
  });

  it('api() refreshes an expired session once, except on /auth/ paths', async () => {
    let expired = true;
    const calls = stubFetch((c) => {
      if (c.url.endsWith('/auth/refresh')) {
        expired = false;
        return new Response(null, { status: 204 });
      }
      return expired ? problem(401, 'unauthenticated', 'Sign in again.') : Response.json({ ok: true });
    });
    expect(await get('/me')).toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/me',
      '/api/v1/auth/csrf',
      '/api/v1/auth/refresh',
      '/api/v1/me',
    ]);

    // A refresh that rotates the CSRF secret: the resend is refused for its token, renewed and sent once more.
    resetCsrf();
    const rotated = stubFetch(expiredThenRotated(() => Response.json({ saved: true })));
    expect(await post('/notes', { title: 'x' })).toEqual({ saved: true });
    expect(rotated.filter((c) => c.url === '/api/v1/notes').map((c) => c.csrf)).toEqual([
      'csrf-1',
      'csrf-1',
      'csrf-2',
    ]);

    expired = true;
    const signIn = stubFetch(() => problem(401, 'unauthenticated', 'Wrong username or password.'));
    await expect(post('/auth/signin', { username: 'ana', password: 'x' })).rejects.toMatchObject({
      status: 401,
    });
    expect(signIn.map((c) => c.url)).toEqual(['/api/v1/auth/signin']);
  });
});

describe('a busy server: 503 overloaded or draining is sent again after Retry-After', () => {
  const url = '/api/v1/conversations/c-1/messages';
  const init = (signal?: AbortSignal): RequestInit => ({
    method: 'POST',
    headers: { 'x-csrf-token': 'csrf-0', 'Idempotency-Key': 'key-1', accept: 'text/event-stream' },
    body: JSON.stringify({ text: 'hi' }),
    ...(signal ? { signal } : {}),
  });
  const overloaded = () => problem(503, 'overloaded', 'busy', { 'retry-after': '2' });
  const stream = () => new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the Retry-After (stretched by at most half) and sends the same request again', async () => {
    let refusals = 2;
    const calls = stubFetch(() => (refusals-- > 0 ? overloaded() : stream()));
    const states: BusyState[] = [];
    const pending = chatFetch(url, init(), (s) => states.push(s));
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1001 + 4000);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => `${c.url} ${c.key} ${c.body}`))).toEqual(
      new Set([`${url} key-1 {"text":"hi"}`]),
    );
    expect(states).toHaveLength(3);
    for (const s of states.slice(0, 2)) expect(s).toEqual({ retryIn: expect.closeTo(2.5, 0) });
    expect(states[2]).toBeNull();
  });

  it(`gives up after ${BUSY_RESENDS} resends and hands the refusal on, body unread`, async () => {
    const calls = stubFetch(overloaded);
    const states: BusyState[] = [];
    const pending = chatFetch(url, init(), (s) => states.push(s));
    await vi.advanceTimersByTimeAsync(60_000);
    const r = await pending;
    expect(r.status).toBe(503);
    expect(calls).toHaveLength(BUSY_RESENDS + 1);
    expect(states.at(-1)).toBe('gave-up');
    expect(((await r.json()) as { detail: string }).detail).toBe('busy');
  });

  it('never resends other failures: a 503 that may have stored something, a 500, a 429', async () => {
    for (const answer of [
      () => problem(503, 'database-unavailable', 'db', { 'retry-after': '5' }),
      () => problem(500, 'internal', 'boom'),
      () => problem(429, 'rate-limited', 'slow down', { 'retry-after': '5' }),
    ]) {
      const calls = stubFetch(answer);
      const states: BusyState[] = [];
      const r = await chatFetch(url, init(), (s) => states.push(s));
      expect(r.ok).toBe(false);
      expect(calls).toHaveLength(1);
      expect(states).toEqual([null]);
    }
  });

  it('stops waiting and sends nothing more when the send is aborted (the student pressed stop)', async () => {
    const calls = stubFetch(overloaded);
    const abort = new AbortController();
    const pending = chatFetch(url, init(abort.signal));
    const settled = expect(pending).rejects.toThrow('stopped');
    await vi.advanceTimersByTimeAsync(500);
    abort.abort(new Error('stopped'));
    await settled;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
  });

  it('api() does the same: a draining instance is asked again, then the answer is read', async () => {
    let refusals = 1;
    const calls = stubFetch(() =>
      refusals-- > 0
        ? problem(503, 'draining', 'shutting down', { 'retry-after': '1' })
        : Response.json({ ok: 1 }),
    );
    const pending = post(
      '/conversations/c-1/messages',
      { text: 'hi' },
      { headers: { 'Idempotency-Key': 'k' } },
    );
    await vi.advanceTimersByTimeAsync(1500);
    expect(await pending).toEqual({ ok: 1 });
    expect(calls.filter((c) => c.url.endsWith('/messages')).map((c) => c.key)).toEqual(['k', 'k']);
  });
});

describe('teacher pages: what a load shows', () => {
  type D = { n: number };
  const at = (path: string, data: D | null, error: string | null): Loaded<D> => ({ path, data, error });

  it('a successful load clears the earlier error', () => {
    const failed = settle<D>(nothingLoaded, '/flags?status=open', { error: 'offline' });
    expect(shown(failed, '/flags?status=open')).toEqual({ data: null, error: 'offline' });
    const ok = settle(failed, '/flags?status=open', { data: { n: 1 } });
    expect(shown(ok, '/flags?status=open')).toEqual({ data: { n: 1 }, error: null });
  });

  it('shows nothing of the previous path, neither its data nor its error, while the new one loads', () => {
    expect(shown(at('/flags?status=open', { n: 1 }, null), '/flags?status=resolved')).toEqual({
      data: null,
      error: null,
    });
    expect(shown(at('/classes/a', null, 'not found'), '/classes/b')).toEqual({ data: null, error: null });
    expect(shown(at('/classes/a', { n: 1 }, null), null)).toEqual({ data: null, error: null });
  });

  it('a failed reload keeps the data of the same path; a failure on a new path shows none', () => {
    const loaded = at('/classes', { n: 2 }, null);
    expect(shown(settle(loaded, '/classes', { error: 'offline' }), '/classes')).toEqual({
      data: { n: 2 },
      error: 'offline',
    });
    expect(shown(settle(loaded, '/flags', { error: 'offline' }), '/flags')).toEqual({
      data: null,
      error: 'offline',
    });
  });
});

describe('a flashcard deck from the server', () => {
  const shown = [
    { id: null, question: 'Chlorophyll?', answer: 'green pigment' },
    { id: null, question: 'Stomata?', answer: 'pores' },
    { id: null, question: 'Glucose?', answer: 'sugar' },
  ];
  const stored = (question: string, id: string, reviewed_at: string | null = null) => ({
    id,
    question,
    answer: '',
    example: '',
    reviewed_at,
  });

  it("takes each card's stored id by its question, and the reviews done before the reload", () => {
    const { cards, reviewed } = mergeDeck(shown, [
      stored('Glucose?', 'c3'),
      stored('Chlorophyll?', 'c1', '2026-12-01T00:00:00Z'),
      stored('Stomata?', 'c2', '2026-12-01T00:01:00Z'),
    ]);
    expect(cards.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect([...reviewed].sort()).toEqual([0, 1]);
  });

  it('falls back to the position for a card whose question changed, never using a stored card twice', () => {
    const { cards, reviewed } = mergeDeck(shown, [
      stored('Chlorophyll?', 'c1'),
      stored('Stomata (pores)?', 'c2'),
    ]);
    expect(cards.map((c) => c.id)).toEqual(['c1', 'c2', null]);
    expect(reviewed.size).toBe(0);
  });
});
