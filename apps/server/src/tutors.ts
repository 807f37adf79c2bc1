import type { ContentLibrary } from '@aralin/content';
import {
  type CircuitState,
  createGenerator,
  createLanguageModel,
  createLlmPlanner,
  createProviderBreaker,
  createTutor,
  DEFAULT_BUDGET,
  type GenerationObserver,
  LlmConfig,
  type TokenLedger,
  type Tutor,
} from '@aralin/tutor';
import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db/client.ts';
import { settings } from './db/schema.ts';
import { publicOnlyFetch } from './egress.ts';
import type { Metrics } from './metrics.ts';

const CIRCUIT: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };
/** How long a replica trusts its copy of a school's provider settings. */
export const SETTINGS_TTL_MS = 5000;

type ProviderValue = {
  provider?: string;
  model?: string;
  base_url?: string;
  api_key?: string;
  allow_private_network?: boolean;
  tokens_per_turn?: number;
  tokens_per_student_per_day?: number;
};

export const DEFAULT_MODEL: Record<string, string | undefined> = { gemini: 'gemini-2.5-flash' };

/**
 * The tutor each school uses: the embedded engine, or an LLM planner and generator built from the school's
 * provider settings (PUT /admin/provider), one circuit breaker for both, with the embedded engine as their
 * fallback. LLM calls, generated results, failed checks and tokens feed the metrics.
 */
export class TutorPool {
  readonly #base: Tutor;
  readonly #content: ContentLibrary;
  readonly #db: Db;
  readonly #metrics: Metrics;
  readonly #fixed: boolean;
  readonly #publicOnly: boolean;
  readonly #cache = new Map<string, { key: string; tutor: Tutor }>();
  readonly #settings = new Map<string, { value: ProviderValue | undefined; readAt: number }>();
  readonly #settingsTtlMs: number;
  readonly #ledger: TokenLedger | undefined;
  log: FastifyBaseLogger | undefined;

  constructor(
    base: Tutor,
    options: {
      content: ContentLibrary;
      db: Db;
      metrics: Metrics;
      fixed: boolean;
      /**
       * Provider URLs may reach only public addresses, checked at each connection (production), unless the
       * school's admin allowed the private network.
       */
      publicOnly?: boolean;
      settingsTtlMs?: number;
      /** Students' daily generation tokens (memory, or Redis with several instances). */
      ledger?: TokenLedger;
    },
  ) {
    this.#base = base;
    this.#content = options.content;
    this.#db = options.db;
    this.#metrics = options.metrics;
    this.#fixed = options.fixed;
    this.#publicOnly = options.publicOnly ?? false;
    this.#settingsTtlMs = options.settingsTtlMs ?? SETTINGS_TTL_MS;
    this.#ledger = options.ledger;
  }

  /** Forgets a school's cached provider settings (after this instance changed them). */
  invalidate(schoolId: string): void {
    this.#settings.delete(schoolId);
  }

  /**
   * The school's provider settings, read at most once per TTL: a chat turn must not pay a query for a row that
   * changes a few times a year. Another replica's change is seen within the TTL; this replica's at once.
   */
  async #providerOf(schoolId: string): Promise<ProviderValue | undefined> {
    const cached = this.#settings.get(schoolId);
    const now = performance.now();
    if (cached && now - cached.readAt < this.#settingsTtlMs) return cached.value;
    const [row] = await this.#db
      .select({ value: settings.value })
      .from(settings)
      .where(and(eq(settings.schoolId, schoolId), eq(settings.key, 'provider')))
      .limit(1);
    const value = row?.value as ProviderValue | undefined;
    this.#settings.set(schoolId, { value, readAt: now });
    return value;
  }

  async forSchool(schoolId: string | null | undefined): Promise<Tutor> {
    if (this.#fixed || !schoolId) return this.#base;
    const value = await this.#providerOf(schoolId);
    if (!value?.provider || value.provider === 'embedded') return this.#base;
    const key = JSON.stringify(value);
    const cached = this.#cache.get(schoolId);
    if (cached?.key === key) return cached.tutor;
    const parsed = LlmConfig.safeParse({
      provider: value.provider,
      model: value.model ?? DEFAULT_MODEL[value.provider],
      ...(value.api_key ? { apiKey: value.api_key } : {}),
      ...(value.base_url ? { baseURL: value.base_url } : {}),
    });
    let tutor = this.#base;
    if (parsed.success) {
      try {
        const provider = parsed.data.provider;
        const observer = this.#observer();
        this.#metrics.llmCircuit.set({ provider }, 0);
        const guarded = this.#publicOnly && !value.allow_private_network;
        const egress = guarded ? { fetch: publicOnlyFetch } : {};
        const model = createLanguageModel(parsed.data, egress);
        const circuit = createProviderBreaker(
          parsed.data,
          (state) => observer.circuit?.(provider, state),
          egress,
        );
        const llm = createLlmPlanner({ model, provider, observer, breaker: circuit });
        const generator = createGenerator({
          model,
          provider,
          circuit,
          observer,
          ...(this.#ledger ? { ledger: this.#ledger } : {}),
          budget: {
            ...(value.tokens_per_turn ? { perTurn: value.tokens_per_turn } : {}),
            ...(value.tokens_per_student_per_day
              ? { perStudentPerDay: value.tokens_per_student_per_day }
              : {}),
          },
        });
        const perStudentPerDay = value.tokens_per_student_per_day ?? DEFAULT_BUDGET.perStudentPerDay;
        tutor = createTutor({
          content: this.#content,
          tools: this.#base.registry,
          llm,
          generator,
          ...(this.#ledger ? { budget: { ledger: this.#ledger, perStudentPerDay } } : {}),
        });
      } catch (error) {
        this.log?.warn(
          { err: error },
          'LLM provider settings could not be used; the embedded engine answers',
        );
      }
    } else {
      this.log?.warn(
        { school_id: schoolId },
        'incomplete LLM provider settings; the embedded engine answers',
      );
    }
    this.#cache.set(schoolId, { key, tutor });
    return tutor;
  }

  /** LLM calls, generations, failed checks and tokens as metrics. */
  #observer(): GenerationObserver {
    const m = this.#metrics;
    return {
      call: (e) => {
        m.llmDuration.observe({ provider: e.provider, outcome: e.outcome }, e.durationMs / 1000);
        if (e.inputTokens) m.llmTokens.inc({ provider: e.provider, kind: 'input' }, e.inputTokens);
        if (e.outputTokens) m.llmTokens.inc({ provider: e.provider, kind: 'output' }, e.outputTokens);
        if (e.outcome !== 'ok') m.llmErrors.inc({ provider: e.provider, reason: e.outcome });
      },
      circuit: (p, state) => m.llmCircuit.set({ provider: p }, CIRCUIT[state]),
      generation: (e) => {
        m.generations.inc({ provider: e.provider, tool: e.tool, outcome: e.outcome });
        if (e.tokens) m.generationTokens.observe({ provider: e.provider, tool: e.tool }, e.tokens);
      },
      check: (e) => m.generationChecks.inc({ provider: e.provider, tool: e.tool, check: e.check }),
    };
  }
}
