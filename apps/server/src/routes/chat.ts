import { isCrisis, type ToolRegistry } from '@aralin/tutor';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { attemptStart } from '../abandoned.ts';
import type { Actor } from '../auth/session.ts';
import {
  attachmentsOf,
  type MessageRow,
  messagesWithResults,
  publicMessage,
  runTurn,
  storeStudentMessage,
  type TurnContext,
} from '../chat.ts';
import type { AppContext } from '../context.ts';
import { type Db, preparedStatements } from '../db/client.ts';
import { conversations, messages } from '../db/schema.ts';
import { assertOwner } from '../policy.ts';
import { conflict, HttpProblem, notFound } from '../problem.ts';
import { type Emit, sendUiMessageStream } from '../sse.ts';
import { plainText } from '../text.ts';
import { IdParams, requireActor, typed } from './util.ts';

const Title = z.string().trim().min(1).max(120);
const TURN_FAILED = 'The tutor could not answer just now. Your message is saved; retry it.';

export function publicConversation(c: typeof conversations.$inferSelect, preview: string | null = null) {
  return {
    id: c.id,
    title: c.title,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    last_message_preview: preview,
  };
}

export async function listConversations(ctx: AppContext, userId: string) {
  const rows = await ctx.db
    .select()
    .from(conversations)
    .where(eq(conversations.userId, userId))
    .orderBy(desc(conversations.updatedAt))
    .limit(200);
  const ids = rows.map((r) => r.id);
  const previews = ids.length
    ? await ctx.db
        .selectDistinctOn([messages.conversationId], {
          conversationId: messages.conversationId,
          content: messages.content,
        })
        .from(messages)
        .where(inArray(messages.conversationId, ids))
        .orderBy(messages.conversationId, desc(messages.createdAt))
    : [];
  const byId = new Map(previews.map((p) => [p.conversationId, plainText(p.content, 120) || null]));
  return rows.map((c) => publicConversation(c, byId.get(c.id) ?? null));
}

/** The statements of every chat turn. */
function chatQueries(db: Db) {
  return {
    conversation: db
      .select()
      .from(conversations)
      .where(eq(conversations.id, sql.placeholder('id')))
      .limit(1)
      .prepare('chat_conversation'),
  };
}

const queriesOf = preparedStatements(chatQueries);

async function ownConversation(ctx: AppContext, actor: Actor, id: string) {
  const [row] = await queriesOf(ctx.db).conversation.execute({ id });
  assertOwner(actor, row?.userId, 'conversation');
  return row as typeof conversations.$inferSelect;
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/event-stream');
}

async function storedTurn(ctx: AppContext, userMessage: MessageRow) {
  const [assistant] = await ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.replyTo, userMessage.id), eq(messages.role, 'assistant')))
    .limit(1);
  if (!assistant) return null;
  const attached = await attachmentsOf(ctx, [assistant.id]);
  return { assistant, ...attached(assistant.id) };
}

/** Sends the SSE stream of a turn (AI SDK v6 UI message stream protocol). */
function streamTurn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  produce: (emit: Emit) => Promise<unknown>,
) {
  ctx.metrics.sseActive.inc();
  return sendUiMessageStream(reply, produce, {
    onError: (error) => {
      request.log.error({ err: error }, 'chat turn failed');
      return TURN_FAILED;
    },
    onClose: () => ctx.metrics.sseActive.dec(),
  });
}

function replayTurn(
  tools: ToolRegistry,
  stored: NonNullable<Awaited<ReturnType<typeof storedTurn>>>,
): (emit: Emit) => Promise<void> {
  return async (emit) => {
    const a = stored.assistant;
    emit({ type: 'start', messageId: a.id });
    emit({
      type: 'data-plan',
      data: { tool: a.tool, parameters: a.parameters ?? {}, status: a.outcome, planner: a.planner },
    });
    if (a.tool && stored.result)
      emit({
        type: 'data-tool-result',
        data: {
          tool: a.tool,
          result: tools.visible(a.tool, stored.result),
          message_id: a.id,
          ...(stored.quizId ? { quiz_id: stored.quizId } : {}),
          ...(stored.deckId ? { deck_id: stored.deckId } : {}),
        },
      });
    const id = `text-${a.id}`;
    emit({ type: 'text-start', id });
    emit({ type: 'text-delta', id, delta: a.content });
    emit({ type: 'text-end', id });
    emit({ type: 'finish' });
  };
}

export function chatRoutes(ctx: AppContext) {
  return async (base: FastifyInstance) => {
    const app = typed(base);
    const tags = ['chat'];

    app.get('/conversations', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      return { conversations: await listConversations(ctx, actor.id) };
    });

    app.post(
      '/conversations',
      { schema: { tags, body: z.object({ title: Title.optional() }).optional() } },
      async (request, reply) => {
        const actor = requireActor(request);
        const [row] = await ctx.db
          .insert(conversations)
          .values({ userId: actor.id, title: request.body?.title ?? null })
          .returning();
        if (!row) throw new Error('conversation insert returned nothing');
        return reply.code(201).send({ conversation: publicConversation(row) });
      },
    );

    app.patch(
      '/conversations/:id',
      { schema: { tags, params: IdParams, body: z.object({ title: Title }) } },
      async (request) => {
        const actor = requireActor(request);
        await ownConversation(ctx, actor, request.params.id);
        const [row] = await ctx.db
          .update(conversations)
          .set({ title: request.body.title })
          .where(eq(conversations.id, request.params.id))
          .returning();
        return { conversation: publicConversation(row as typeof conversations.$inferSelect) };
      },
    );

    app.delete('/conversations/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
      const actor = requireActor(request);
      await ownConversation(ctx, actor, request.params.id);
      await ctx.db.delete(conversations).where(eq(conversations.id, request.params.id));
      return reply.code(204).send();
    });

    app.get('/conversations/:id/messages', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      await ownConversation(ctx, actor, request.params.id);
      return { messages: await messagesWithResults(ctx, request.params.id) };
    });

    const respond = async (
      request: FastifyRequest,
      reply: FastifyReply,
      actor: Actor,
      userMessage: MessageRow,
      context?: TurnContext,
    ) => {
      const run = (emit: Emit) =>
        request.holdTurn(ctx.inflight.track(userMessage.id, runTurn(ctx, actor, userMessage, emit, context)));
      if (wantsJson(request)) {
        try {
          const turn = await run(() => {});
          return {
            user_message: publicMessage(ctx.tutor.registry, turn.user, null),
            assistant_message: publicMessage(
              ctx.tutor.registry,
              turn.assistant,
              turn.result,
              turn.quizId,
              turn.deckId,
            ),
          };
        } catch (error) {
          request.log.error({ err: error }, 'chat turn failed');
          throw new HttpProblem(503, 'turn-failed', 'turn_failed', TURN_FAILED, {
            message_id: userMessage.id,
            retry: `/api/v1/messages/${userMessage.id}/retry`,
          });
        }
      }
      return streamTurn(ctx, request, reply, run);
    };

    const replay = async (request: FastifyRequest, reply: FastifyReply, userMessage: MessageRow) => {
      const stored = await storedTurn(ctx, userMessage);
      if (!stored)
        throw conflict('turn_in_progress', 'This turn is still being answered.', {
          message_id: userMessage.id,
        });
      if (wantsJson(request))
        return {
          user_message: publicMessage(ctx.tutor.registry, userMessage, null),
          assistant_message: publicMessage(
            ctx.tutor.registry,
            stored.assistant,
            stored.result,
            stored.quizId,
            stored.deckId,
          ),
        };
      return streamTurn(ctx, request, reply, replayTurn(ctx.tutor.registry, stored));
    };

    /**
     * Claims a failed message, or an abandoned pending one (its attempt older than the turn timeout and not
     * running here), for a new attempt; false when another request already claimed it.
     */
    const claim = async (id: string) => {
      if (ctx.inflight.has(id)) return false;
      const now = ctx.clock();
      const abandoned = new Date(now.getTime() - ctx.config.turnTimeoutMs);
      const claimed = await ctx.db
        .update(messages)
        .set({ status: 'pending', error: null, attemptedAt: now })
        .where(
          and(
            eq(messages.id, id),
            or(
              eq(messages.status, 'failed'),
              and(eq(messages.status, 'pending'), lt(attemptStart, abandoned)),
            ),
          ),
        )
        .returning({ id: messages.id });
      return claimed.length === 1;
    };

    const handleExisting = async (
      request: FastifyRequest,
      reply: FastifyReply,
      actor: Actor,
      existing: MessageRow,
    ) => {
      if (existing.status === 'completed') return replay(request, reply, existing);
      if (!(await claim(existing.id)))
        throw conflict(
          'turn_in_progress',
          existing.status === 'pending'
            ? 'This message is still being answered.'
            : 'This message is already being retried.',
          { message_id: existing.id },
        );
      return respond(request, reply, actor, { ...existing, status: 'pending' });
    };

    /** A crisis message goes through the rate limit and the turn admission limit (admission.ts). */
    const sendsCrisis = (request: FastifyRequest) => {
      const text = (request.body as { text?: unknown } | undefined)?.text;
      return typeof text === 'string' && isCrisis(text);
    };
    /** Retrying the student's own crisis message, read from the store. */
    const retriesCrisis = async (request: FastifyRequest) => {
      const id = (request.params as { id?: unknown }).id;
      if (!request.actor || typeof id !== 'string') return false;
      const [message] = await ctx.db
        .select({ text: messages.content })
        .from(messages)
        .where(and(eq(messages.id, id), eq(messages.userId, request.actor.id)))
        .limit(1);
      return !!message && isCrisis(message.text);
    };

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags,
          params: IdParams,
          headers: z.object({ 'idempotency-key': z.string().trim().min(8).max(200).optional() }),
          body: z.object({ text: z.string().trim().min(1).max(8000) }),
        },
        config: {
          tutorTurn: true,
          crisis: sendsCrisis,
          rateLimit: {
            max: ctx.config.chatRateLimitPerMinute,
            timeWindow: 60_000,
            // A student in crisis always gets the hotline reply and the teacher flag, however fast they write.
            allowList: sendsCrisis,
          },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const key = request.headers['idempotency-key'];
        // Committed (pending) before moderation and the tutor run.
        const stored = await storeStudentMessage(
          ctx,
          actor,
          request.params.id,
          request.body.text,
          key ?? null,
        );
        if (stored) return respond(request, reply, actor, stored.message, stored.context);
        // Nothing stored: not the student's conversation (404), or a key already used, whose message is then
        // replayed, retried or refused.
        const conversation = await ownConversation(ctx, actor, request.params.id);
        const [existing] = key
          ? await ctx.db
              .select()
              .from(messages)
              .where(and(eq(messages.userId, actor.id), eq(messages.idempotencyKey, key)))
              .limit(1)
          : [];
        if (!existing) throw conflict('message_not_stored', 'Could not store the message; try again.');
        if (existing.conversationId !== conversation.id || existing.role !== 'user')
          throw conflict(
            'idempotency_key_reused',
            'This Idempotency-Key was already used for another message.',
          );
        return handleExisting(request, reply, actor, existing);
      },
    );

    app.post(
      '/messages/:id/retry',
      {
        schema: { tags, params: IdParams },
        config: {
          tutorTurn: true,
          crisis: retriesCrisis,
          rateLimit: { max: ctx.config.chatRateLimitPerMinute, timeWindow: 60_000, allowList: retriesCrisis },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const [message] = await ctx.db
          .select()
          .from(messages)
          .where(eq(messages.id, request.params.id))
          .limit(1);
        assertOwner(actor, message?.userId, 'message');
        const m = message as MessageRow;
        if (m.role !== 'user') throw notFound('message');
        return handleExisting(request, reply, actor, m);
      },
    );
  };
}
