import { APICallError } from '@ai-sdk/provider';
import type { LanguageModelMiddleware } from 'ai';
import { Agent } from 'undici';

/**
 * How long a provider may take to accept a connection (TCP, and TLS for https). A blackholed address (a
 * firewall that drops packets, a server that is down behind a load balancer) leaves a connection attempt
 * hanging; without this bound it would hang until the call's own deadline (8 s for a plan). Three seconds
 * cover several round trips of a slow school link.
 */
export const CONNECT_TIMEOUT_MS = 3000;

/** How long the probe after a timed-out call waits for the provider's server to answer anything. */
export const PROBE_TIMEOUT_MS = 2000;

/** The providers' connections: undici's pool with the connect bound (the one `fetch` is built on). */
export const providerDispatcher = new Agent({ connect: { timeout: CONNECT_TIMEOUT_MS } });

/**
 * Socket errors that say nothing answers at the provider's address (refused, no such host, no route, no
 * answer to the connection within CONNECT_TIMEOUT_MS), at any depth of an error's causes.
 */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  // The host name resolved to a private or metadata address (the server's egress guard): asking again will
  // not change that.
  'ENONPUBLIC',
]);

export function unreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNREACHABLE.has(e.code)) return true;
  const nested = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => unreachable(n, depth + 1));
}

/**
 * Whether the provider's server answers an HTTP request at all (any status: a 404 or a 401 is an answer)
 * within PROBE_TIMEOUT_MS. A slow model is alive by this test, since servers answer other requests while one
 * generates; a server that accepts connections and never answers is not.
 */
export async function serverAnswers(url: string, base: typeof fetch = fetch): Promise<boolean> {
  try {
    const res = await base(url, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      redirect: 'manual',
      dispatcher: providerDispatcher,
    } as RequestInit);
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * The same error, not retryable, when it says the provider cannot be reached: retrying after 2 s and 4 s, as
 * the AI SDK does for any failed fetch, only made a dead provider cost every turn about 6 s; a 429 or a 5xx
 * is still retried.
 */
function failFast(error: unknown): unknown {
  if (!APICallError.isInstance(error) || !error.isRetryable || !unreachable(error.cause)) return error;
  return new APICallError({
    message: error.message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    cause: error.cause,
    isRetryable: false,
  });
}

/** The providers' models fail at once, unretried, when nothing answers at the provider's address. */
export const failFastWhenUnreachable: LanguageModelMiddleware = {
  specificationVersion: 'v3',
  wrapGenerate: async ({ doGenerate }) => {
    try {
      return await doGenerate();
    } catch (error) {
      throw failFast(error);
    }
  },
  wrapStream: async ({ doStream }) => {
    try {
      return await doStream();
    } catch (error) {
      throw failFast(error);
    }
  },
};
