import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route runs a tutor turn: it counts against MAX_ACTIVE_TURNS (see `admitTurns`). */
    tutorTurn?: boolean;
    /**
     * Whether the turn carries a crisis message: it is admitted over MAX_ACTIVE_TURNS (as over the rate
     * limit), so a student in crisis always gets the hotline reply and the teacher flag.
     */
    crisis?: (request: FastifyRequest) => boolean | Promise<boolean>;
  }
  interface FastifyRequest {
    /**
     * Keeps this request's admission place until `work` (the tutor turn) settles, even when the client goes
     * away first; returns `work`. Outside a tutor-turn route it only returns `work`.
     */
    holdTurn<T>(work: Promise<T>): Promise<T>;
  }
}

/** Seconds a refused client should wait: about one streamed reply. */
export const ADMISSION_RETRY_AFTER_SECONDS = 5;

/** How many tutor turns run at once on this instance, against a limit (0: no limit). */
export class TurnAdmission {
  #active = 0;
  readonly #max: number;
  readonly #onRefuse: () => void;

  constructor(max: number, onRefuse: () => void) {
    this.#max = max;
    this.#onRefuse = onRefuse;
  }

  get active(): number {
    return this.#active;
  }

  get full(): boolean {
    return this.#max > 0 && this.#active >= this.#max;
  }

  /** Takes a place, or throws 503 `overloaded` when `max` turns are running (unless `always`: a crisis). */
  enter(always = false): void {
    if (this.full && !always) {
      this.#onRefuse();
      throw new HttpProblem(
        503,
        'overloaded',
        'overloaded',
        'The tutor is answering as many students as this server can take; send the message again in a moment.',
        { retry_after: ADMISSION_RETRY_AFTER_SECONDS },
        { 'retry-after': String(ADMISSION_RETRY_AFTER_SECONDS) },
      );
    }
    this.#active++;
  }

  leave(): void {
    this.#active--;
  }
}

/**
 * Admission control for tutor turns: a request to a route marked `config: { tutorTurn: true }` takes a place
 * when it arrives, before authentication or any database work, and gives it back when its response is
 * finished or aborted (for a streamed turn, when the stream ends) and the turn it holds with
 * `request.holdTurn` has settled: a turn whose student went away (closed the tab, reloaded) still runs to its
 * end and is stored, so it keeps its place until then, and a reload does not let a second turn in while the
 * first still costs the instance CPU. Over the limit it is answered at once with 503 problem+json
 * `overloaded` and `Retry-After`, and nothing is stored. A route's `crisis` check lets a crisis message in over
the limit: such a request, arriving over the limit, is decided once it is authenticated and its body read. Each streamed LLM reply costs
 * CPU for every token it takes in, and past about one core's worth every turn on the instance slows down
 * until database-pool waits and request timeouts fail them (docs/benchmarks.md); refusing early keeps the
 * admitted turns at pace and lets the client or the load balancer go elsewhere. Register it right after
 * `refuseWhileDraining`.
 */
export function admitTurns(app: FastifyInstance, turns: TurnAdmission): void {
  app.decorateRequest('holdTurn', <T>(work: Promise<T>) => work);
  /** Requests that arrived over the limit on a route that admits a crisis: decided once the body is read. */
  const waiting = new WeakSet<FastifyRequest>();
  const admit = (request: FastifyRequest, reply: FastifyReply, always: boolean) => {
    turns.enter(always);
    // What keeps the place: the response until it closes, and each turn held until it settles.
    let holding = 1;
    const release = () => {
      if (--holding === 0) turns.leave();
    };
    reply.raw.once('close', release);
    request.holdTurn = <T>(work: Promise<T>) => {
      holding++;
      work.then(release, release);
      return work;
    };
  };
  app.addHook('onRequest', async (request, reply) => {
    const { tutorTurn, crisis } = request.routeOptions.config;
    if (!tutorTurn) return;
    if (turns.full && crisis) waiting.add(request);
    else admit(request, reply, false);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!waiting.has(request)) return;
    waiting.delete(request);
    admit(request, reply, (await request.routeOptions.config.crisis?.(request)) === true);
  });
}
