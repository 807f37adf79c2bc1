import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem.ts';
import { OPS_PATHS } from './routes/ops.ts';
/** Seconds a client (or a load balancer) should wait before sending the refused request again. */
export const DRAIN_RETRY_AFTER_SECONDS = 1;

/**
 * While the instance drains, requests that arrive on kept-alive connections are refused with RFC 9457
 * problem+json (503, `Retry-After`, `Connection: close`) before any work is done, so a proxy or client can
 * send them to another instance. Register it first, right after creating the app: it must run before the
 * hooks that touch the database. A plain `app.close()` (without `shutdown`) drains too.
 */
export function refuseWhileDraining(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // Probes and scrapes must see the instance until it is gone.
    if (!app.ctx.state.draining || OPS_PATHS.includes(request.url.split('?')[0] ?? '')) return;
    throw new HttpProblem(
      503,
      'draining',
      'draining',
      'This server instance is shutting down; send the request again (another instance will answer it).',
      { retry_after: DRAIN_RETRY_AFTER_SECONDS },
      { 'retry-after': String(DRAIN_RETRY_AFTER_SECONDS), connection: 'close' },
    );
  });
  app.addHook('preClose', async () => {
    app.ctx.state.draining = true;
    app.ctx.state.ready = false;
  });
}

/**
 * Graceful shutdown, in the order a load balancer needs: readiness answers 503 at once while the listener
 * still serves everything, for `pauseMs` (DRAIN_PAUSE_MS: long enough for the balancer to see it and stop
 * sending); then the listener closes, in-flight requests and SSE streams get `drainMs` to finish, remaining
 * connections are cut, turns still running are marked failed and retryable (see app.ts), and the database
 * closes.
 */
export async function shutdown(
  app: FastifyInstance,
  drainMs: number,
  pauseMs = 0,
): Promise<{ forced: boolean }> {
  const ctx = app.ctx;
  ctx.state.ready = false;
  if (pauseMs > 0) {
    app.log.info({ pause_ms: pauseMs }, 'readiness is 503: waiting for the load balancer before closing');
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  ctx.state.draining = true;
  ctx.state.drainDeadline = Date.now() + drainMs;
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    app.log.warn({ drain_ms: drainMs }, 'drain timeout: closing remaining connections');
    app.server.closeAllConnections();
  }, drainMs);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return { forced };
}

/**
 * Whether `port` on `host` is taken (by another server, or this one started twice): the message to print,
 * or null when it is free. Checked before the database opens; port 0 (any free port) is never taken.
 */
export function portInUse(port: number, host: string): Promise<string | null> {
  if (port === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use (is Aralin already running?): stop that server or set PORT`
          : `cannot listen on ${host}:${port}: ${error.message}`,
      ),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(null)));
  });
}
