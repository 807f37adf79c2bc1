import { count, eq } from 'drizzle-orm';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from './db/client.ts';
import { safetyFlags } from './db/schema.ts';

/** The severities of a safety flag; each has a series of open flags, 0 when there are none. */
const SEVERITIES = ['low', 'medium', 'high'] as const;

/** Every metric of the metrics contract, on a registry of its own (one per app instance). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const r = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route pattern',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: r,
    }),
    httpTotal: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route pattern',
      labelNames: ['method', 'route', 'status_code'] as const,
      registers: r,
    }),
    chatTurnDuration: new Histogram({
      name: 'aralin_chat_turn_duration_seconds',
      help: 'Time from a student message to the end of the tutor turn',
      labelNames: ['outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30],
      registers: r,
    }),
    timeToFirstToken: new Histogram({
      name: 'aralin_chat_time_to_first_token_seconds',
      help: 'Time from a student message to the first text of the tutor reply sent to the student',
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10],
      registers: r,
    }),
    chatTurns: new Counter({
      name: 'aralin_chat_turns_total',
      help: 'Chat turns by outcome and whether the embedded engine stood in for the LLM',
      labelNames: ['outcome', 'degraded'] as const,
      registers: r,
    }),
    decisions: new Counter({
      name: 'aralin_orchestrator_decisions_total',
      help: 'Orchestrator decisions',
      labelNames: ['tool', 'planner', 'status'] as const,
      registers: r,
    }),
    confidence: new Histogram({
      name: 'aralin_orchestrator_confidence',
      help: 'Planner confidence',
      labelNames: ['planner'] as const,
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      registers: r,
    }),
    llmDuration: new Histogram({
      name: 'aralin_llm_request_duration_seconds',
      help: 'LLM provider request duration',
      labelNames: ['provider', 'outcome'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: r,
    }),
    llmTokens: new Counter({
      name: 'aralin_llm_tokens_total',
      help: 'LLM tokens',
      labelNames: ['provider', 'kind'] as const,
      registers: r,
    }),
    llmErrors: new Counter({
      name: 'aralin_llm_errors_total',
      help: 'LLM provider errors',
      labelNames: ['provider', 'reason'] as const,
      registers: r,
    }),
    llmCircuit: new Gauge({
      name: 'aralin_llm_circuit_state',
      help: 'LLM circuit breaker state (0 closed, 1 half-open, 2 open)',
      labelNames: ['provider'] as const,
      registers: r,
    }),
    generations: new Counter({
      name: 'aralin_generation_total',
      help: 'Tool results a model could write, by how they ended (generated; embedded: no model needed; fallback; budget spent)',
      labelNames: ['provider', 'tool', 'outcome'] as const,
      registers: r,
    }),
    generationChecks: new Counter({
      name: 'aralin_generation_checks_failed_total',
      help: 'Checks a generated tool result failed (schema, count, duplicate, one_correct, arithmetic, leak, …)',
      labelNames: ['provider', 'tool', 'check'] as const,
      registers: r,
    }),
    generationTokens: new Histogram({
      name: 'aralin_generation_turn_tokens',
      help: 'Tokens one turn used generating a tool result',
      labelNames: ['provider', 'tool'] as const,
      buckets: [250, 500, 1000, 2000, 4000, 8000, 16000, 32000],
      registers: r,
    }),
    sseActive: new Gauge({
      name: 'aralin_sse_streams_active',
      help: 'Open server-sent event streams',
      registers: r,
    }),
    shed: new Counter({
      name: 'aralin_requests_shed_total',
      help: 'Requests refused with 503 overloaded before any work, by the limit they met (active_turns: MAX_ACTIVE_TURNS)',
      labelNames: ['reason'] as const,
      registers: r,
    }),
    safetyFlags: new Counter({
      name: 'aralin_safety_flags_total',
      help: 'Safety flags raised',
      labelNames: ['category', 'severity'] as const,
      registers: r,
    }),
    safetyFlagsOpen: new Gauge({
      name: 'aralin_safety_flags_open',
      help: 'Safety flags not yet resolved by a teacher, by severity (counted in the database at each scrape)',
      labelNames: ['severity'] as const,
      registers: r,
    }),
    dbPool: new Gauge({
      name: 'aralin_db_pool_connections',
      help: 'Database pool connections',
      labelNames: ['state'] as const,
      registers: r,
    }),
    dbQuery: new Histogram({
      name: 'aralin_db_query_duration_seconds',
      help: 'Database query duration',
      labelNames: ['operation'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: r,
    }),
    quizAnswers: new Counter({
      name: 'aralin_quiz_answers_total',
      help: 'Checked quiz answers',
      labelNames: ['subject', 'grade', 'correct'] as const,
      registers: r,
    }),
    masteryTransitions: new Counter({
      name: 'aralin_mastery_transitions_total',
      help: 'Mastery level changes',
      labelNames: ['subject', 'grade', 'direction'] as const,
      registers: r,
    }),
    flashcardReviews: new Counter({
      name: 'aralin_flashcard_reviews_total',
      help: 'Flashcard reviews',
      labelNames: ['subject', 'grade', 'rating'] as const,
      registers: r,
    }),
    ready: new Gauge({ name: 'aralin_ready', help: '1 ready, 0 not ready or draining', registers: r }),
    rateLimitBackend: new Gauge({
      name: 'aralin_rate_limit_backend',
      help: 'Rate-limit backend in use now (1): redis, or memory (per-instance) while Redis is unavailable or not configured',
      labelNames: ['backend'] as const,
      registers: r,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Sets aralin_safety_flags_open from the database: what the safeguarding alert reads, so it fires while a
 * high-severity flag is open and stops when a teacher resolves it, whatever Prometheus missed in between.
 */
export async function countOpenSafetyFlags(metrics: Metrics, db: Db): Promise<void> {
  const rows = await db
    .select({ severity: safetyFlags.severity, n: count() })
    .from(safetyFlags)
    .where(eq(safetyFlags.status, 'open'))
    .groupBy(safetyFlags.severity);
  for (const severity of SEVERITIES)
    metrics.safetyFlagsOpen.set({ severity }, rows.find((row) => row.severity === severity)?.n ?? 0);
}
