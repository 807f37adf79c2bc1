/** A thin client for the Aralin HTTP API (`/api/v1`): cookies, CSRF, refresh and RFC 9457 problems. */

export const API = '/api/v1';

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: unknown;
  request_id?: string;
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
export async function isCsrfRefusal(r: Response): Promise<boolean> {
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
  let r = await send();
  if (method !== 'GET' && (await isCsrfRefusal(r))) {
    resetCsrf();
    r = await send();
  }
  if (r.status === 401 && !path.startsWith('/auth/')) {
    if (await refreshSession()) r = await send();
  }
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

/**
 * What to tell the user about a failed request: the server's detail, or the app's own words for rate limits,
 * server errors and a lost connection.
 */
export function errorMessage(e: unknown, t: (k: string) => string): string {
  if (e instanceof ApiError) {
    if (e.status === 429) return t('errors.tooMany');
    if (e.status >= 500) return t('errors.server');
    return e.message;
  }
  return t('errors.network');
}
