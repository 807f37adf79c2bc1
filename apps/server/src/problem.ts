/** RFC 9457 problem details. Every error response of the API is one of these. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  request_id: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

export function problemType(slug: string): string {
  return `https://aralin.dev/problems/${slug}`;
}

/**
 * Every problem the API answers, by its stable machine `code` (an RFC 9457 extension member next to `type`,
 * `title` and `detail`), with the extension members that parameterise its wording. Clients word a problem by
 * its code (the web app's `problems.<code>` keys) and fall back to `detail` for a code they do not know.
 */
export const PROBLEM_CODES = {
  bad_request: [],
  validation: ['errors'],
  nul_character: [],
  body_too_deep: ['max_depth'],
  body_too_large: [],
  invalid_json: [],
  bad_url: [],
  uri_too_long: [],
  unsupported_media_type: [],
  csrf: [],
  no_route: [],
  internal: [],
  database_unavailable: [],
  not_ready: [],
  draining: ['retry_after'],
  overloaded: ['retry_after'],
  rate_limited: ['retry_after'],
  sign_in_throttled: ['retry_after'],
  sign_in_required: [],
  session_ended: [],
  wrong_credentials: [],
  wrong_password: [],
  api_key_missing: [],
  api_key_invalid: [],
  metrics_token: [],
  role_required: ['roles'],
  not_found: ['resource'],
  own_password_in_profile: [],
  last_admin: [],
  username_taken: [],
  class_code_unknown: [],
  invite_invalid: [],
  reset_code_invalid: [],
  join_code_unavailable: [],
  provider_url_private: [],
  provider_incomplete: [],
  provider_test_failed: ['reason'],
  quiz_finished: [],
  question_answered: [],
  turn_failed: ['message_id', 'retry'],
  turn_in_progress: ['message_id'],
  message_not_stored: [],
  idempotency_key_reused: [],
} as const satisfies Record<string, readonly string[]>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export class HttpProblem extends Error {
  override name = 'HttpProblem';
  readonly statusCode: number;
  readonly slug: string;
  readonly code: ProblemCode;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(
    statusCode: number,
    slug: string,
    code: ProblemCode,
    detail: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.statusCode = statusCode;
    this.slug = slug;
    this.code = code;
    this.extensions = extensions;
    this.headers = headers;
  }
}

export const badRequest = (code: ProblemCode, detail: string, ext?: Record<string, unknown>) =>
  new HttpProblem(400, 'bad-request', code, detail, ext);
export const unauthorized = (code: ProblemCode = 'sign_in_required', detail = 'Sign in first.') =>
  new HttpProblem(401, 'unauthorized', code, detail);
export const forbidden = (code: ProblemCode, detail: string, ext?: Record<string, unknown>) =>
  new HttpProblem(403, 'forbidden', code, detail, ext);
export const notFound = (what = 'resource') =>
  new HttpProblem(404, 'not-found', 'not_found', `No such ${what}.`, { resource: what });
export const conflict = (code: ProblemCode, detail: string, ext?: Record<string, unknown>) =>
  new HttpProblem(409, 'conflict', code, detail, ext);
export const tooManyRequests = (code: ProblemCode, detail: string, retryAfterSeconds: number) =>
  new HttpProblem(
    429,
    'rate-limited',
    code,
    detail,
    { retry_after: retryAfterSeconds },
    {
      'retry-after': String(retryAfterSeconds),
    },
  );
