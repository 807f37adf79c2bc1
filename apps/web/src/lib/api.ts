/** A thin client for the Aralin HTTP API (`/api/v1`): cookies, CSRF, refresh and RFC 9457 problems. */

export const API = '/api/v1';

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: unknown;
  request_id?: string;
  /** The stable machine code the app words (`problems.<code>`), with its parameters as extension members. */
  code?: string;
  retry_after?: number;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

let csrf: string | null = null;
let csrfPending: Promise<string> | null = null;

export function resetCsrf(): void {
  csrf = null;
}

export async function csrfToken(): Promise<string> {
  if (csrf) return csrf;
  csrfPending ??= fetch(`${API}/auth/csrf`, { credentials: 'same-origin' })
    .then(async (r) => {
      if (!r.ok) throw new ApiError(r.status, await readProblem(r));
      const body = (await r.json()) as { token: string };
      csrf = body.token;
      return body.token;
    })
    .finally(() => {
      csrfPending = null;
    });
  return csrfPending;
}

/** The last segment of a problem's `type` URI (`…/problems/overloaded` → `overloaded`). */
export function problemSlug(problem: Problem): string | undefined {
  return problem.type?.split('/').pop();
}

async function readProblem(r: Response): Promise<Problem> {
  try {
    return (await r.json()) as Problem;
  } catch {
    return { status: r.status, title: r.statusText };
  }
}

/**
 * Whether the server refused a request for its CSRF token (a 403 whose problem names CSRF), as opposed to any
 * other 403 (a wrong password, a forbidden resource). The CSRF secret may rotate with the session, so such a
 * refusal is worth one retry with a fresh token. Reads a clone: the response body stays unread.
 */
async function isCsrfRefusal(r: Response): Promise<boolean> {
  if (r.status !== 403) return false;
  const problem = await readProblem(r.clone());
  return /csrf/i.test(`${problem.type ?? ''} ${problem.title ?? ''} ${problem.detail ?? ''}`);
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the session using the refresh cookie. Concurrent callers share one request. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const r = await fetch(`${API}/auth/refresh`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': await csrfToken() },
      });
      return r.ok;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * Sends with `send` and recovers, once each and in whichever order they come, from a refused CSRF token (the
 * token is renewed and `send` is told to carry `csrfToken()`) and, when `refresh` is set, from an expired
 * session (401: the session is rotated with the refresh cookie). A refresh may rotate the CSRF secret too, so
 * one send can meet both. Returns the last answer.
 */
export async function sendWithSession(
  send: (tokenRenewed: boolean) => Promise<Response>,
  refresh: boolean,
): Promise<Response> {
  let renewed = false;
  let refreshed = false;
  for (;;) {
    const r = await send(renewed);
    if (!renewed && (await isCsrfRefusal(r))) {
      renewed = true;
      resetCsrf();
    } else if (refresh && !refreshed && r.status === 401) {
      refreshed = true;
      if (!(await refreshSession())) return r;
    } else {
      return r;
    }
  }
}

/** Refusals that the server answers before it does anything with the request, so resending is always safe. */
const NOTHING_DONE = new Set(['overloaded', 'draining']);
/** How many times a refused request is sent again before the refusal is shown. */
export const BUSY_RESENDS = 3;
const MAX_WAIT_SECONDS = 30;

/**
 * Seconds to wait before sending again when `r` is a 503 `overloaded` (the instance runs as many tutor turns as
 * it can take) or `draining` (it is shutting down): its `Retry-After`, at most 30 s; null for any other answer.
 * Reads a clone: the body stays unread.
 */
async function busyRefusal(r: Response): Promise<number | null> {
  if (r.status !== 503) return null;
  const slug = problemSlug(await readProblem(r.clone()));
  if (!slug || !NOTHING_DONE.has(slug)) return null;
  const seconds = Number(r.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_WAIT_SECONDS) : 5;
}

/**
 * What a sender tells its caller about a busy server: the seconds until it sends again, then `null` (got
 * through) or `'gave-up'` (the last resend was refused too).
 */
export type BusyState = { retryIn: number } | 'gave-up' | null;

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Sends with `attempt` and, while the server refuses with 503 `overloaded` or `draining` (refusals that stored
 * nothing), waits its `Retry-After` — stretched by up to half at random, so that a refused class does not come
 * back in one burst — and sends again, at most `BUSY_RESENDS` times. Returns the last answer. `onBusy` hears
 * each wait, then `null` when a send got through or `'gave-up'` when the last one was refused too. An abort
 * during a wait rejects with the signal's reason and sends nothing more.
 */
export async function sendUntilAdmitted(
  attempt: () => Promise<Response>,
  signal?: AbortSignal | null,
  onBusy?: (state: BusyState) => void,
): Promise<Response> {
  let r = await attempt();
  for (let resends = 0; ; resends++) {
    const seconds = await busyRefusal(r);
    if (seconds === null) {
      onBusy?.(null);
      return r;
    }
    if (resends === BUSY_RESENDS) {
      onBusy?.('gave-up');
      return r;
    }
    const ms = seconds * 1000 * (1 + Math.random() / 2);
    onBusy?.({ retryIn: ms / 1000 });
    await wait(ms, signal);
    r = await attempt();
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the API and returns parsed JSON (undefined for 204). Throws `ApiError` with the server's problem. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = await csrfToken();
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (opts.signal) init.signal = opts.signal;
    return fetch(`${API}${path}`, init);
  };
  const r = await sendUntilAdmitted(() => sendWithSession(send, !path.startsWith('/auth/')), opts.signal);
  if (!r.ok) throw new ApiError(r.status, await readProblem(r));
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) =>
  api<T>('POST', path, body ?? {}, opts);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string, body?: unknown) => api<T>('DELETE', path, body);

/** i18next's `t` as errorMessage uses it: a key and its interpolation values (with a `defaultValue`). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The interpolation values of a problem's wording: its extension members, and `retry_after` in minutes. */
function problemValues(problem: Problem): Record<string, unknown> {
  const seconds = problem.retry_after;
  return typeof seconds === 'number' ? { ...problem, count: Math.max(1, Math.ceil(seconds / 60)) } : problem;
}

/**
 * What to tell the user about a failed request, in the user's language: the app's wording of the problem's
 * `code` (`problems.<code>`); for a code it does not know, its own words for rate limits and server errors, else
 * the server's `detail`; and its words for a lost connection.
 */
export function errorMessage(e: unknown, t: Translate): string {
  if (!(e instanceof ApiError)) return t('errors.network');
  const fallback = e.status === 429 ? t('errors.tooMany') : e.status >= 500 ? t('errors.server') : e.message;
  const { code } = e.problem;
  if (!code) return fallback;
  return t(`problems.${code}`, { ...problemValues(e.problem), defaultValue: fallback });
}
