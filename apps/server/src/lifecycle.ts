import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown: readiness goes false, the server stops accepting connections, in-flight requests and
 * SSE streams get `drainMs` to finish, then remaining connections are cut and the database is closed.
 */
export async function shutdown(app: FastifyInstance, drainMs: number): Promise<{ forced: boolean }> {
  const ctx = app.ctx;
  ctx.state.draining = true;
  ctx.state.ready = false;
  ctx.metrics.ready.set(0);
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
