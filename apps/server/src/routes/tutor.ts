import { OrchestrateRequest } from '@aralin/tutor';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sha256 } from '../auth/crypto.ts';
import type { AppContext } from '../context.ts';
import { apiKeys } from '../db/schema.ts';
import { DEMO } from '../db/seed.ts';
import { HttpProblem } from '../problem.ts';
import { typed } from './util.ts';

export function tutorRoutes(ctx: AppContext) {
  return async (base: FastifyInstance) => {
    const app = typed(base);
    const tags = ['tutor'];

    app.get('/tools', { schema: { tags } }, async () => ({ tools: ctx.tutor.registry.describe() }));

    app.post(
      '/orchestrate',
      {
        schema: {
          tags,
          headers: z.object({ 'x-api-key': z.string().max(200).optional() }),
          body: OrchestrateRequest,
          security: [{ apiKey: [] }],
        },
      },
      async (request) => {
        const key = request.headers['x-api-key'];
        if (!key)
          throw new HttpProblem(
            401,
            'unauthorized',
            'api_key_missing',
            'Send an API key in the x-api-key header.',
          );
        const demo = ctx.config.env !== 'production' && key === DEMO.apiKey;
        let schoolId: string | null = null;
        if (!demo) {
          const [row] = await ctx.db
            .update(apiKeys)
            .set({ lastUsedAt: ctx.clock() })
            .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)))
            .returning({ id: apiKeys.id, schoolId: apiKeys.schoolId });
          if (!row)
            throw new HttpProblem(401, 'unauthorized', 'api_key_invalid', 'Unknown or revoked API key.');
          schoolId = row.schoolId;
        }
        const tutor = await ctx.tutors.forSchool(schoolId);
        const response = await tutor.orchestrate(request.body);
        ctx.metrics.decisions.inc({
          tool: response.tool ?? 'none',
          planner: response.planner,
          status: response.status,
        });
        ctx.metrics.confidence.observe({ planner: response.planner }, response.confidence);
        return response;
      },
    );
  };
}
