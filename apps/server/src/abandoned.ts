import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from './context.ts';
import type { Db } from './db/client.ts';
import { messages } from './db/schema.ts';

/**
 * Turns never stick. A student message is `pending` while a turn answers it; a crash, a `kill -9` or a drain
 * that ran out of time leaves it pending with nobody answering, and a retry (or the same Idempotency-Key)
 * would be told "still being answered" forever. Such a message becomes `failed` — retryable — when its
 * attempt is older than TURN_TIMEOUT_MS and no turn on this instance holds it, when an instance that owns
 * its embedded database starts (every pending message was left by an earlier process), and when a draining
 * instance gives up on the turns it still runs.
 */

export const ABANDONED_ERROR = 'the server stopped before the reply was finished';

/** When the current attempt began: the column, or the creation time for messages stored before it existed. */
export const attemptStart = sql`coalesce(${messages.attemptedAt}, ${messages.createdAt})`;

/** The turns this instance is running now (student message ids), until each settles. */
export class InFlightTurns {
  readonly #turns = new Map<string, Promise<unknown>>();

  track<T>(messageId: string, work: Promise<T>): Promise<T> {
    this.#turns.set(messageId, work);
    const done = () => {
      if (this.#turns.get(messageId) === work) this.#turns.delete(messageId);
    };
    work.then(done, done);
    return work;
  }

  has(messageId: string): boolean {
    return this.#turns.has(messageId);
  }

  get ids(): string[] {
    return [...this.#turns.keys()];
  }

  /** Waits until every turn has settled or `ms` has passed; returns the ids still running. */
  async settle(ms: number): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, ms));
    });
    await Promise.race([Promise.allSettled([...this.#turns.values()]), timeout]);
    clearTimeout(timer);
    return this.ids;
  }
}

/**
 * Marks pending student messages failed: those whose attempt began before `cutoff` (except the ones in
 * `running`), or exactly the messages `only`. Returns how many.
 */
export async function failAbandonedTurns(
  db: Db,
  selection: { cutoff: Date; running: string[] } | { only: string[] },
): Promise<number> {
  if ('only' in selection && selection.only.length === 0) return 0;
  const which =
    'only' in selection
      ? inArray(messages.id, selection.only)
      : and(
          lt(attemptStart, selection.cutoff),
          selection.running.length > 0 ? notInArray(messages.id, selection.running) : undefined,
        );
  const failed = await db
    .update(messages)
    .set({ status: 'failed', error: ABANDONED_ERROR })
    .where(and(eq(messages.status, 'pending'), eq(messages.role, 'user'), which))
    .returning({ id: messages.id });
  return failed.length;
}

/** Fails the abandoned turns now and then every quarter of the turn timeout. Returns the stop function. */
export function sweepAbandonedTurns(ctx: AppContext, log: FastifyBaseLogger): () => void {
  const sweep = () =>
    failAbandonedTurns(ctx.db, {
      cutoff: new Date(ctx.clock().getTime() - ctx.config.turnTimeoutMs),
      running: ctx.inflight.ids,
    }).then(
      (count) => {
        if (count > 0) log.warn({ count }, 'abandoned turns marked failed (retryable)');
      },
      (error: unknown) => log.warn({ err: error }, 'could not sweep abandoned turns'),
    );
  const timer = setInterval(sweep, ctx.config.turnTimeoutMs / 4);
  timer.unref();
  return () => clearInterval(timer);
}
