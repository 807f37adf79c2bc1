import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { countOpenSafetyFlags } from '../metrics.ts';
import { HttpProblem } from '../problem.ts';

/** The probe and scrape paths: never rate-limited, never authenticated, still answered while draining. */
export const OPS_PATHS = ['/health/live', '/health/ready', '/metrics'];

/**
 * Renders the registry; the pool, readiness and open-flag gauges are read from their sources at each scrape
 * (the open flags keep their last count while the database does not answer: the scrape still succeeds).
 */
export async function renderMetrics(ctx: AppContext): Promise<string> {
  await countOpenSafetyFlags(ctx.metrics, ctx.db).catch(() => {});
  const pool = ctx.database.poolStats();
  ctx.metrics.dbPool.set({ state: 'total' }, pool.total);
  ctx.metrics.dbPool.set({ state: 'idle' }, pool.idle);
  ctx.metrics.dbPool.set({ state: 'waiting' }, pool.waiting);
  ctx.metrics.ready.set(ctx.state.ready && !ctx.state.draining ? 1 : 0);
  return ctx.metrics.registry.metrics();
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function opsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.get('/health/live', { schema: { tags: ['health'] } }, async () => ({ status: 'ok' }));
    app.get('/health/ready', { schema: { tags: ['health'] } }, async (_request, reply) => {
      if (!ctx.state.ready || ctx.state.draining)
        throw new HttpProblem(
          503,
          'not-ready',
          'not_ready',
          ctx.state.draining ? 'Draining for shutdown.' : 'Not ready: starting, or about to shut down.',
        );
      try {
        await ctx.database.ping();
      } catch {
        throw new HttpProblem(503, 'not-ready', 'not_ready', 'The database does not answer.');
      }
      return reply.send({ status: 'ready' });
    });
    if (ctx.config.metricsPort === undefined) {
      app.get(
        '/metrics',
        { schema: { hide: true } },
        async (request: FastifyRequest, reply: FastifyReply) => {
          const token = ctx.config.metricsToken;
          if (token ? !tokenMatches(request.headers.authorization, token) : ctx.config.env === 'production')
            throw new HttpProblem(
              401,
              'unauthorized',
              'metrics_token',
              'Send Authorization: Bearer <METRICS_TOKEN>.',
            );
          return reply.type(ctx.metrics.registry.contentType).send(await renderMetrics(ctx));
        },
      );
    }
  };
}
