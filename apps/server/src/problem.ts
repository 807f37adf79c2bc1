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

export class HttpProblem extends Error {
  override name = 'HttpProblem';
  readonly statusCode: number;
  readonly slug: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(
    statusCode: number,
    slug: string,
    detail: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.statusCode = statusCode;
    this.slug = slug;
    this.extensions = extensions;
    this.headers = headers;
  }
}

export const badRequest = (detail: string, ext?: Record<string, unknown>) =>
  new HttpProblem(400, 'bad-request', detail, ext);
export const unauthorized = (detail = 'Sign in first.') => new HttpProblem(401, 'unauthorized', detail);
export const forbidden = (detail = 'You may not do that.') => new HttpProblem(403, 'forbidden', detail);
export const notFound = (what = 'resource') => new HttpProblem(404, 'not-found', `No such ${what}.`);
export const conflict = (detail: string, ext?: Record<string, unknown>) =>
  new HttpProblem(409, 'conflict', detail, ext);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(
    429,
    'rate-limited',
    detail,
    { retry_after: retryAfterSeconds },
    {
      'retry-after': String(retryAfterSeconds),
    },
  );
