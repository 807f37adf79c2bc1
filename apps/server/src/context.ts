import type { ContentLibrary } from '@aralin/content';
import type { Tutor } from '@aralin/tutor';
import type { Redis } from 'ioredis';
import type { InFlightTurns } from './abandoned.ts';
import type { TurnAdmission } from './admission.ts';
import type { SessionService } from './auth/session.ts';
import type { SignInThrottle } from './auth/throttle.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { Metrics } from './metrics.ts';
import type { TutorPool } from './tutors.ts';

/** What every route and service receives: no globals. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  /** The embedded tutor (or the one injected by tests). */
  tutor: Tutor;
  /** Per-school tutor: the LLM planner when the school configured a provider. */
  tutors: TutorPool;
  content: ContentLibrary;
  metrics: Metrics;
  sessions: SessionService;
  loginThrottle: SignInThrottle;
  redis: Redis | undefined;
  clock: () => Date;
  /**
   * `ready` false: readiness answers 503 (a drain has begun, or the start has not finished); `draining`: the
   * listener is closing and new requests are refused; `drainDeadline`: when a drain gives up on what still runs.
   */
  state: { ready: boolean; draining: boolean; drainDeadline: number | null };
  /** The tutor turns running on this instance, so a drain can wait for them or mark them failed. */
  inflight: InFlightTurns;
  /** How many tutor turns run at once on this instance, and the limit. */
  turns: TurnAdmission;
}
