import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CODE_PROBLEMS,
  checkNewPassword,
  checkResetCode,
  confirmsUsername,
  deleteAccount,
  type ForgettableStore,
  forgetCachedConversations,
  forgetLocalData,
  formatExpiry,
  issueResetCode,
  isWrongPassword,
  normaliseResetCode,
  PASSWORD_PROBLEMS,
  resetPassword,
} from '../src/lib/account.ts';
import { ApiError, resetCsrf } from '../src/lib/api.ts';
import { Outbox } from '../src/lib/queue.ts';

const locale = (name: string) =>
  JSON.parse(readFileSync(new URL(`../src/locales/${name}.json`, import.meta.url), 'utf8')) as {
    reset: { problems: Record<string, string> };
  };

describe('client-side checks mirror the server rules', () => {
  it('a new password is 8–200 characters and must match its confirmation', () => {
    expect(checkNewPassword('', '')).toBe('passwordTooShort');
    expect(checkNewPassword('1234567', '1234567')).toBe('passwordTooShort');
    expect(checkNewPassword('12345678', '12345678')).toBeNull();
    expect(checkNewPassword('x'.repeat(200), 'x'.repeat(200))).toBeNull();
    expect(checkNewPassword('x'.repeat(201), 'x'.repeat(201))).toBe('passwordTooLong');
    expect(checkNewPassword('12345678', '12345679')).toBe('passwordMismatch');
    // Length is reported before the mismatch: the first thing to fix is the password itself.
    expect(checkNewPassword('short', 'other')).toBe('passwordTooShort');
  });

  it('a reset code is 10–200 characters once whitespace is dropped', () => {
    expect(checkResetCode('')).toBe('codeMissing');
    expect(checkResetCode('   \n')).toBe('codeMissing');
    expect(checkResetCode('abcdefghi')).toBe('codeTooShort');
    expect(checkResetCode('abcd efghi')).toBe('codeTooShort');
    expect(checkResetCode('abcdefghij')).toBeNull();
    expect(checkResetCode('y'.repeat(200))).toBeNull();
    expect(checkResetCode('y'.repeat(201))).toBe('codeTooLong');
    expect(normaliseResetCode(' Ab-_c1 23\n')).toBe('Ab-_c123');
  });

  it('the username confirmation ignores case and surrounding spaces, nothing else', () => {
    expect(confirmsUsername('ana', 'ana')).toBe(true);
    expect(confirmsUsername('  ANA ', 'ana')).toBe(true);
    expect(confirmsUsername('an', 'ana')).toBe(false);
    expect(confirmsUsername('ana2', 'ana')).toBe(false);
    expect(confirmsUsername('', 'ana')).toBe(false);
  });

  it('every problem has a message in English and Filipino', () => {
    for (const name of ['en', 'fil']) {
      const problems = locale(name).reset.problems;
      for (const p of [...PASSWORD_PROBLEMS, ...CODE_PROBLEMS])
        expect(problems[p], `${name}: ${p}`).toBeTruthy();
    }
  });
});

describe('forgetting the deleted account on this device', () => {
  function store(entries: Record<string, string>): ForgettableStore & { keys(): string[] } {
    const m = new Map(Object.entries(entries));
    return {
      get length() {
        return m.size;
      },
      key: (i) => [...m.keys()][i] ?? null,
      removeItem: (k) => void m.delete(k),
      keys: () => [...m.keys()].sort(),
    };
  }

  it("removes cached conversations and the outbox, keeps the device's language and other apps' keys", () => {
    const s = store({
      'aralin.locale': 'fil',
      'aralin.conv.list': '[]',
      'aralin.conv.7f1c': '[]',
      'aralin.outbox': '[]',
      'other-app.token': 'x',
    });
    expect(forgetLocalData(s).sort()).toEqual(['aralin.conv.7f1c', 'aralin.conv.list', 'aralin.outbox']);
    expect(s.keys()).toEqual(['aralin.locale', 'other-app.token']);
    expect(forgetLocalData(s)).toEqual([]);
  });

  it('at sign-out forgets the cached conversations only: the outbox waits for its author', () => {
    const s = store({
      'aralin.locale': 'fil',
      'aralin.conv.list': '[{"title":"Photosynthesis"}]',
      'aralin.conv.7f1c': '[]',
      'aralin.outbox': '[]',
      'other-app.conv.x': 'x',
    });
    expect(forgetCachedConversations(s).sort()).toEqual(['aralin.conv.7f1c', 'aralin.conv.list']);
    expect(s.keys()).toEqual(['aralin.locale', 'aralin.outbox', 'other-app.conv.x']);
  });

  it('the outbox can be emptied, and tells its subscribers', () => {
    const kv = new Map<string, string>();
    const box = new Outbox({ getItem: (k) => kv.get(k) ?? null, setItem: (k, v) => void kv.set(k, v) });
    let n = 0;
    box.add('c1', 'hello', () => `id-${n++}`);
    const heard = vi.fn();
    box.subscribe(heard);
    box.clear();
    expect(box.all()).toEqual([]);
    expect(new Outbox({ getItem: (k) => kv.get(k) ?? null, setItem: () => undefined }).all()).toEqual([]);
    expect(heard).toHaveBeenCalledOnce();
  });
});

describe('account requests', () => {
  type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };
  let calls: Call[];
  let answer: (call: Call) => Response | Promise<Response>;

  const problem = (status: number, type: string, detail: string) =>
    new Response(JSON.stringify({ type: `https://aralin.dev/problems/${type}`, status, detail }), {
      status,
      headers: { 'content-type': 'application/problem+json' },
    });

  beforeEach(() => {
    resetCsrf();
    calls = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
      const call: Call = {
        url,
        method: init.method ?? 'GET',
        headers: (init.headers ?? {}) as Record<string, string>,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(call);
      if (url.endsWith('/auth/csrf')) return Response.json({ token: 'csrf-1' });
      return answer(call);
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('deletes the account with DELETE /me, the password and the CSRF token', async () => {
    answer = () => new Response(null, { status: 204 });
    await deleteAccount('my secret pw');
    const call = calls.find((c) => c.url === '/api/v1/me');
    expect(call).toMatchObject({
      method: 'DELETE',
      headers: { 'x-csrf-token': 'csrf-1', 'content-type': 'application/json' },
      body: { password: 'my secret pw' },
    });
  });

  it('a wrong password is an ApiError carrying the server detail, recognised as such', async () => {
    answer = () => problem(403, 'wrong-password', 'The password is wrong.');
    const err = await deleteAccount('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('The password is wrong.');
    expect(isWrongPassword(err)).toBe(true);
    expect(isWrongPassword(new ApiError(403, { type: 'https://aralin.dev/problems/forbidden' }))).toBe(false);
    expect(isWrongPassword(new TypeError('Failed to fetch'))).toBe(false);
  });

  it('a network failure surfaces as a non-API error', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const err = await deleteAccount('pw').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(err).not.toBeInstanceOf(ApiError);
  });

  it('resets a password with the normalised code; a refused code keeps the server detail', async () => {
    answer = () => new Response(null, { status: 204 });
    await resetPassword('  abcDEF-123_xyz \n', 'new password 1');
    expect(calls.at(-1)).toMatchObject({
      url: '/api/v1/auth/password-reset',
      method: 'POST',
      body: { token: 'abcDEF-123_xyz', new_password: 'new password 1' },
    });
    const detail = 'That reset code is not valid, expired, or was already used.';
    answer = () => problem(400, 'bad-request', detail);
    await expect(resetPassword('abcdefghijkl', 'new password 1')).rejects.toThrow(detail);
  });

  it('issues a reset code for a user id, and reports a refusal', async () => {
    answer = () => Response.json({ token: 'tok', expires_at: '2026-11-24T08:00:00.000Z' });
    expect(await issueResetCode('0b7c/..')).toEqual({ token: 'tok', expires_at: '2026-11-24T08:00:00.000Z' });
    expect(calls.at(-1)).toMatchObject({
      // The id is one path segment, whatever it contains.
      url: '/api/v1/users/0b7c%2F../password-reset-token',
      method: 'POST',
    });
    answer = () => problem(404, 'not-found', 'student not found');
    await expect(issueResetCode('x')).rejects.toMatchObject({ status: 404, message: 'student not found' });
  });
});

describe('expiry time', () => {
  it('names the day and the time in the reader’s language (Philippine time formats)', () => {
    const iso = '2026-11-24T08:05:00.000Z';
    const en = formatExpiry(iso, 'en');
    const fil = formatExpiry(iso, 'fil');
    expect(en).toMatch(/Nov/);
    expect(en).toMatch(/:05/);
    expect(fil).toMatch(/:05/);
    expect(fil).not.toBe(en);
  });
});
