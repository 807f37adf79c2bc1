import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { randomToken, sha256 } from '../auth/crypto.ts';
import type { AppContext } from '../context.ts';
import { apiKeys, auditLog, invitations, settings, users } from '../db/schema.ts';
import { nonPublicReason, publicOnlyFetch } from '../egress.ts';
import { requireRole } from '../policy.ts';
import { badRequest, HttpProblem, notFound } from '../problem.ts';
import { probeProvider } from '../providerProbe.ts';
import { DEFAULT_MODEL } from '../tutors.ts';
import { classesWithCounts } from './teacher.ts';
import { IdParams, requireActor, typed } from './util.ts';

export const ProviderSettings = z.object({
  provider: z.enum(['embedded', 'gemini', 'openai-compatible']),
  model: z.string().trim().min(1).max(200).optional(),
  base_url: z
    .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
    .max(500)
    .optional(),
  api_key: z.string().min(1).max(500).optional(),
  /**
   * In production a base_url on a private, loopback or link-local address is refused unless this is true
   * (a model served inside the school's own network).
   */
  allow_private_network: z.boolean().optional(),
  /** Most tokens a model may use writing one turn's tool result (default 12,000). */
  tokens_per_turn: z.number().int().min(500).max(200_000).optional(),
  /** Most generation tokens per student per UTC day; beyond it the embedded engine answers (default 200,000). */
  tokens_per_student_per_day: z.number().int().min(1000).max(10_000_000).optional(),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export async function readProvider(ctx: AppContext, schoolId: string): Promise<ProviderSettings> {
  const [row] = await ctx.db
    .select({ value: settings.value })
    .from(settings)
    .where(and(eq(settings.schoolId, schoolId), eq(settings.key, 'provider')))
    .limit(1);
  const parsed = ProviderSettings.safeParse(row?.value);
  return parsed.success ? parsed.data : { provider: 'embedded' };
}

/**
 * The settings an admin asks for, as they would be saved: refused when an OpenAI-compatible provider lacks
 * its URL or model, or (in production) its URL is not public; an omitted api_key keeps the stored one (it is
 * never sent back to be re-submitted).
 */
async function checkedProvider(
  ctx: AppContext,
  schoolId: string,
  body: ProviderSettings,
): Promise<ProviderSettings> {
  const { base_url, allow_private_network } = body;
  if (body.provider === 'openai-compatible' && (!body.model || !base_url))
    throw badRequest('provider_incomplete', 'An openai-compatible provider needs a base_url and a model.');
  if (base_url && ctx.config.env === 'production' && !allow_private_network) {
    const reason = await nonPublicReason(new URL(base_url));
    if (reason)
      throw badRequest(
        'provider_url_private',
        `base_url: ${reason}. Set allow_private_network to true for a model served inside your own network.`,
      );
  }
  const previous = await readProvider(ctx, schoolId);
  const keep = body.api_key === undefined && previous.api_key && previous.provider === body.provider;
  return { ...body, ...(keep ? { api_key: previous.api_key } : {}) };
}

export function adminRoutes(ctx: AppContext) {
  return async (base: FastifyInstance) => {
    const app = typed(base);
    const tags = ['admin'];

    app.get('/admin/users', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      const rows = await ctx.db
        .select()
        .from(users)
        .where(eq(users.schoolId, actor.schoolId))
        .orderBy(users.role, users.displayName);
      return {
        users: rows.map((u) => ({
          id: u.id,
          username: u.username,
          display_name: u.displayName,
          role: u.role,
          grade_level: u.gradeLevel,
          locale: u.locale,
          created_at: u.createdAt.toISOString(),
          last_active_at: u.lastActiveAt?.toISOString() ?? null,
        })),
      };
    });

    app.post(
      '/admin/invitations',
      { schema: { tags, body: z.object({ role: z.literal('teacher') }) } },
      async (request, reply) => {
        const actor = requireActor(request);
        requireRole(actor, 'admin');
        const code = randomToken(9);
        const expires = new Date(ctx.clock().getTime() + 14 * 86_400_000);
        await ctx.db.insert(invitations).values({
          schoolId: actor.schoolId,
          code,
          role: request.body.role,
          createdBy: actor.id,
          expiresAt: expires,
        });
        await ctx.db.insert(auditLog).values({
          schoolId: actor.schoolId,
          actorId: actor.id,
          action: 'invitation.create',
          details: { role: request.body.role },
        });
        return reply.code(201).send({ invite_code: code, expires_at: expires.toISOString() });
      },
    );

    app.get('/admin/classes', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      return { classes: await classesWithCounts(ctx, actor) };
    });

    app.get('/admin/provider', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      const { api_key, ...rest } = await readProvider(ctx, actor.schoolId);
      return { ...rest, api_key_set: Boolean(api_key) };
    });

    app.post('/admin/provider/test', { schema: { tags, body: ProviderSettings } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      const next = await checkedProvider(ctx, actor.schoolId, request.body);
      if (next.provider === 'embedded') return { ok: true, latency_ms: 0 };
      const publicOnly = ctx.config.env === 'production' && !next.allow_private_network;
      const result = await probeProvider(
        {
          provider: next.provider,
          model: next.model ?? DEFAULT_MODEL[next.provider] ?? '',
          ...(next.api_key ? { apiKey: next.api_key } : {}),
          ...(next.base_url ? { baseURL: next.base_url } : {}),
        },
        undefined,
        publicOnly ? publicOnlyFetch : undefined,
      );
      if (result.ok) return result;
      const { detail, ok: _, ...extensions } = result;
      throw new HttpProblem(502, 'provider-test-failed', 'provider_test_failed', detail, extensions);
    });

    app.put('/admin/provider', { schema: { tags, body: ProviderSettings } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      const next = await checkedProvider(ctx, actor.schoolId, request.body);
      await ctx.db
        .insert(settings)
        .values({ schoolId: actor.schoolId, key: 'provider', value: next, updatedAt: ctx.clock() })
        .onConflictDoUpdate({
          target: [settings.schoolId, settings.key],
          set: { value: next, updatedAt: ctx.clock() },
        });
      ctx.tutors.invalidate(actor.schoolId);
      await ctx.db.insert(auditLog).values({
        schoolId: actor.schoolId,
        actorId: actor.id,
        action: 'provider.update',
        details: { provider: next.provider, model: next.model ?? null, api_key_set: Boolean(next.api_key) },
      });
      const { api_key, ...rest } = next;
      return { ...rest, api_key_set: Boolean(api_key) };
    });

    app.post(
      '/admin/api-keys',
      { schema: { tags, body: z.object({ name: z.string().trim().min(1).max(100) }) } },
      async (request, reply) => {
        const actor = requireActor(request);
        requireRole(actor, 'admin');
        const key = `aralin_${randomToken(24)}`;
        const [row] = await ctx.db
          .insert(apiKeys)
          .values({ schoolId: actor.schoolId, name: request.body.name, keyHash: sha256(key) })
          .returning();
        await ctx.db.insert(auditLog).values({
          schoolId: actor.schoolId,
          actorId: actor.id,
          action: 'api_key.create',
          target: row?.id ?? null,
        });
        return reply.code(201).send({ id: row?.id, name: request.body.name, api_key: key });
      },
    );

    app.get('/admin/api-keys', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      const rows = await ctx.db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.schoolId, actor.schoolId))
        .orderBy(desc(apiKeys.createdAt));
      return {
        api_keys: rows.map((k) => ({
          id: k.id,
          name: k.name,
          created_at: k.createdAt.toISOString(),
          last_used_at: k.lastUsedAt?.toISOString() ?? null,
          revoked_at: k.revokedAt?.toISOString() ?? null,
        })),
      };
    });

    app.delete('/admin/api-keys/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      const [key] = await ctx.db
        .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .where(and(eq(apiKeys.id, request.params.id), eq(apiKeys.schoolId, actor.schoolId)))
        .limit(1);
      if (!key) throw notFound('API key');
      // Revoking twice is the same as once: the first time stays the time it stopped working.
      if (!key.revokedAt) {
        await ctx.db
          .update(apiKeys)
          .set({ revokedAt: ctx.clock() })
          .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)));
        await ctx.db.insert(auditLog).values({
          schoolId: actor.schoolId,
          actorId: actor.id,
          action: 'api_key.revoke',
          target: key.id,
        });
      }
      return reply.code(204).send();
    });

    app.get('/admin/audit', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'admin');
      const rows = await ctx.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.schoolId, actor.schoolId))
        .orderBy(desc(auditLog.createdAt))
        .limit(200);
      return {
        entries: rows.map((r) => ({
          id: r.id,
          actor_id: r.actorId,
          action: r.action,
          target: r.target,
          details: r.details,
          created_at: r.createdAt.toISOString(),
        })),
      };
    });
  };
}
