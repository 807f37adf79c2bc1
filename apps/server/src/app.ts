import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ContentLibrary, loadContentLibrary } from '@aralin/content';
import { createTutor, type Tutor } from '@aralin/tutor';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import { failAbandonedTurns, InFlightTurns, sweepAbandonedTurns } from './abandoned.ts';
import { admitTurns, TurnAdmission } from './admission.ts';
import type { Actor } from './auth/session.ts';
import { SessionService } from './auth/session.ts';
import { createFailureStore, FAILURE_WINDOW_SECONDS, SignInThrottle } from './auth/throttle.ts';
import { bodyFault, MAX_BODY_DEPTH } from './body.ts';
import type { Config, TrustProxy } from './config.ts';
import type { AppContext } from './context.ts';
import { type Database, migrateDatabase, openDatabase } from './db/client.ts';
import { users } from './db/schema.ts';
import { bootstrapSchool, seedDemo } from './db/seed.ts';
import { keepStatistics } from './db/statistics.ts';
import { refuseWhileDraining } from './lifecycle.ts';
import { loggerOptions } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import {
  HttpProblem,
  type ProblemBody,
  type ProblemCode,
  problemType,
  titleFor,
  tooManyRequests,
} from './problem.ts';
import { fallbackStore, reportRateLimitBackend } from './ratelimit.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { chatRoutes } from './routes/chat.ts';
import { learningRoutes } from './routes/learning.ts';
import { meRoutes } from './routes/me.ts';
import { OPS_PATHS, opsRoutes } from './routes/ops.ts';
import { teacherRoutes } from './routes/teacher.ts';
import { tutorRoutes } from './routes/tutor.ts';
import { tokenLedger } from './tokens.ts';
import { TutorPool } from './tutors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export interface AppDeps {
  /** An open database (tests); otherwise one is opened from the config. Migrations run either way. */
  database?: Database;
  tutor?: Tutor;
  content?: ContentLibrary;
  /** A Redis client for rate limits and login throttling; otherwise in-memory stores. */
  redis?: Redis;
  clock?: () => Date;
  /** pino options or false to silence; defaults from the config. */
  logger?: boolean | Record<string, unknown>;
  metrics?: Metrics;
  /** Seed the demo school when the database is empty (default true). */
  seed?: boolean;
  /** Rate-limit key namespace (tests isolate instances sharing one Redis). */
  rateLimitNamespace?: string;
}

const CSRF_EXEMPT = new Set([
  '/api/v1/auth/signin',
  '/api/v1/auth/signup',
  '/api/v1/auth/refresh',
  '/api/v1/auth/password-reset',
  '/api/v1/orchestrate',
]);

export function defaultWebDist(): string {
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const metrics = deps.metrics ?? createMetrics();
  const clock = deps.clock ?? (() => new Date());
  const dbOptions = {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    observe: (operation: string, seconds: number) => metrics.dbQuery.observe({ operation }, seconds),
  };
  const database = deps.database ?? (await openDatabase(dbOptions));
  await migrateDatabase(database, dbOptions);
  // The demo school's passwords are public: production starts with its own school and admin, or none.
  if (deps.seed !== false) {
    if (config.env !== 'production') await seedDemo(database.db);
    else if (config.bootstrap) await bootstrapSchool(database.db, config.bootstrap);
  }
  // Turns left pending by an earlier process: on an embedded database this process opened (and locked) there
  // is no other writer, so all of them; on a shared PostgreSQL only those older than the turn timeout.
  const ownsDatabase = !deps.database && database.driver === 'pglite';
  await failAbandonedTurns(database.db, {
    cutoff: new Date(clock().getTime() - (ownsDatabase ? 0 : config.turnTimeoutMs)),
    running: [],
  });
  const content = deps.content ?? deps.tutor?.content ?? loadContentLibrary();
  const tutor = deps.tutor ?? createTutor({ content });

  const app = Fastify({
    logger: deps.logger === undefined ? loggerOptions(config) : deps.logger,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,128}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    // Draining answers problem+json with Retry-After (refuseWhileDraining), not Fastify's plain 503.
    return503OnClosing: false,
    // Off unless TRUST_PROXY names the proxies in front: a forged X-Forwarded-For must not choose the
    // address that rate limits and sign-in delays key on.
    trustProxy: trustedProxies(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed URL (bad percent-encoding) or an over-long path parameter, refused by the router itself.
    frameworkErrors: (error, request, reply) =>
      sendProblem(
        request,
        reply,
        error.statusCode ?? 400,
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri-too-long' : 'bad-url',
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : 'bad_url',
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'A part of the URL is too long.'
          : 'The URL is not valid (check its percent-encoding).',
      ),
  });
  refuseWhileDraining(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    tutor,
    tutors: new TutorPool(tutor, {
      content,
      db: database.db,
      metrics,
      fixed: deps.tutor !== undefined,
      publicOnly: config.env === 'production',
      ledger: tokenLedger(deps.redis, deps.rateLimitNamespace),
    }),
    content,
    metrics,
    sessions: new SessionService(config, database.db, clock),
    loginThrottle: new SignInThrottle(
      createFailureStore(
        FAILURE_WINDOW_SECONDS,
        deps.redis,
        `${deps.rateLimitNamespace ?? 'aralin'}:login:`,
        () => clock().getTime(),
      ),
      () => clock().getTime(),
    ),
    redis: deps.redis,
    clock,
    state: { ready: false, draining: false, drainDeadline: null },
    inflight: new InFlightTurns(),
    turns: new TurnAdmission(config.maxActiveTurns, () => metrics.shed.inc({ reason: 'active_turns' })),
  };
  app.decorate('ctx', ctx);
  admitTurns(app, ctx.turns);
  ctx.tutors.log = app.log;
  const stopSweeping = sweepAbandonedTurns(ctx, app.log);
  app.addHook('preClose', () => stopSweeping());
  const statistics = await keepStatistics(database, app.log);
  // Before onClose, where the database closes: a pass under way ends first.
  app.addHook('preClose', () => statistics.stop());
  app.decorateRequest('actor', null);

  const webDist = config.webDist ?? defaultWebDist();
  const webRoot = existsSync(path.join(webDist, 'index.html')) ? webDist : null;

  // ------------------------------------------------------------------ errors as problem+json
  // Text with NUL characters cannot be stored in PostgreSQL, and a body nested without end would exhaust the
  // validators' call stacks: both are refused up front as invalid input.
  app.addHook('preValidation', async (request) => {
    const fault = request.body === undefined ? null : bodyFault(request.body);
    if (fault === 'nul')
      throw new HttpProblem(
        400,
        'validation',
        'nul_character',
        'Text may not contain NUL (U+0000) characters.',
      );
    if (fault === 'too-deep')
      throw new HttpProblem(
        400,
        'too-deep',
        'body_too_deep',
        `The JSON body nests deeper than ${MAX_BODY_DEPTH} levels.`,
        {
          max_depth: MAX_BODY_DEPTH,
        },
      );
  });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(request, reply, 400, 'validation', 'validation', 'The request is not valid.', {
        errors: error.validation.map((v) => ({
          path: `${error.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`,
          message: v.message ?? 'invalid',
        })),
      });
    }
    if (error instanceof HttpProblem) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return sendProblem(
        request,
        reply,
        error.statusCode,
        error.slug,
        error.code,
        error.message,
        error.extensions,
      );
    }
    const err = error as { statusCode?: number; code?: string; message?: string; cause?: { code?: string } };
    if (databaseUnavailable(err) || databaseUnavailable(err.cause ?? {})) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(
        request,
        reply,
        503,
        'database-unavailable',
        'database_unavailable',
        'The database is not reachable right now. Try again shortly.',
      );
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(
        request,
        reply,
        status,
        'internal',
        'internal',
        'Something went wrong on our side. Try again.',
      );
    }
    const slug =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body-too-large'
        : err.code?.startsWith('FST_CSRF')
          ? 'csrf'
          : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'unsupported-media-type'
            : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
              ? 'invalid-json'
              : 'bad-request';
    const detail =
      slug === 'csrf'
        ? 'Missing or invalid CSRF token: send the token from GET /api/v1/auth/csrf in the x-csrf-token header.'
        : (err.message ?? titleFor(status));
    return sendProblem(request, reply, status, slug, FASTIFY_CODES[slug], detail);
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (
      webRoot &&
      request.method === 'GET' &&
      !url.startsWith('/api/') &&
      !url.startsWith('/health') &&
      request.headers.accept?.includes('text/html')
    )
      return reply.type('text/html').sendFile('index.html');
    return sendProblem(request, reply, 404, 'not-found', 'no_route', `No route ${request.method} ${url}.`);
  });

  // ------------------------------------------------------------------ plugins
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.env === 'production',
  });
  await app.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'aralin_csrf',
    cookieOpts: {
      path: '/',
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: config.env === 'production',
    },
  });

  // Who is asking: resolved once per API request, before rate limiting (which keys on it).
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const actor = await ctx.sessions.actor(request);
    request.actor = actor;
    if (actor) {
      request.log = request.log.child({ user_id: actor.id });
      const last = actor.user.lastActiveAt?.getTime() ?? 0;
      if (clock().getTime() - last > 5 * 60_000) {
        await ctx.db.update(users).set({ lastActiveAt: clock() }).where(eq(users.id, actor.id));
      }
    }
  });

  // Redis when it answers, local in-memory counters while it does not (never fail open).
  const rateLimitNamespace = `${deps.rateLimitNamespace ?? 'aralin'}:rl:`;
  const stopReporting = reportRateLimitBackend(deps.redis, metrics.rateLimitBackend, app.log);
  app.addHook('onClose', async () => stopReporting());
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preHandler',
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    nameSpace: rateLimitNamespace,
    ...(deps.redis ? { store: fallbackStore(deps.redis, rateLimitNamespace) } : {}),
    keyGenerator: (request) => (request.actor ? `user:${request.actor.id}` : `ip:${request.ip}`),
    allowList: (request) => OPS_PATHS.includes(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.ceil(context.ttl / 1000);
      return tooManyRequests('rate_limited', `Too many requests; try again in ${seconds} s.`, seconds);
    },
  });

  // CSRF for cookie-authenticated state-changing requests.
  app.addHook('preHandler', (request, reply, done) => {
    const url = request.url.split('?')[0] ?? '';
    if (
      !request.actor ||
      ['GET', 'HEAD', 'OPTIONS'].includes(request.method) ||
      !url.startsWith('/api/') ||
      CSRF_EXEMPT.has(url)
    )
      return done();
    app.csrfProtection(request, reply, done);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Aralin API',
        description: 'The Aralin tutoring platform API. See docs/api.md for auth and the streaming protocol.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'aralin_session' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  // ------------------------------------------------------------------ metrics per request
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    metrics.httpTotal.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });

  // ------------------------------------------------------------------ routes
  await app.register(opsRoutes(ctx));
  await app.register(
    async (api) => {
      await api.register(authRoutes(ctx));
      await api.register(meRoutes(ctx));
      await api.register(chatRoutes(ctx));
      await api.register(learningRoutes(ctx));
      await api.register(teacherRoutes(ctx));
      await api.register(adminRoutes(ctx));
      await api.register(tutorRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (webRoot)
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz copies (apps/web/scripts/precompress.ts); no per-request compression.
      preCompressed: true,
    });

  // Readiness goes false in refuseWhileDraining's preClose hook; the gauge follows it at each scrape.
  // Turns still running when the drain ends (their clients may be gone) are given the rest of the drain time,
  // then marked failed and retryable before the database closes.
  app.addHook('onClose', async () => {
    const deadline = ctx.state.drainDeadline ?? Date.now() + config.drainTimeoutMs;
    const left = await ctx.inflight.settle(deadline - Date.now());
    const failed = await failAbandonedTurns(ctx.db, { only: left }).catch((error: unknown) => {
      app.log.error({ err: error, message_ids: left }, 'could not mark unfinished turns failed');
      return 0;
    });
    if (failed > 0)
      app.log.warn({ count: failed }, 'drain ended: unfinished turns marked failed (retryable)');
    if (!deps.database) await database.close();
  });
  await app.ready();
  ctx.state.ready = true;
  return app;
}

/** TRUST_PROXY for Fastify: a hop count as the function proxy-addr calls with each hop's index. */
function trustedProxies(setting: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** The code of each problem that answers one of Fastify's own client errors (by the problem's slug). */
const FASTIFY_CODES = {
  'body-too-large': 'body_too_large',
  csrf: 'csrf',
  'unsupported-media-type': 'unsupported_media_type',
  'invalid-json': 'invalid_json',
  'bad-request': 'bad_request',
} as const satisfies Record<string, ProblemCode>;

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  slug: string,
  code: ProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  const body: ProblemBody = {
    type: problemType(slug),
    title: titleFor(status),
    status,
    detail,
    code,
    instance: request.url.split('?')[0] ?? request.url,
    request_id: String(request.id),
    ...extra,
  };
  return reply.code(status).type('application/problem+json').send(body);
}

/** Connection-level PostgreSQL failures (refused, terminated, shutting down): the caller may retry later. */
function databaseUnavailable(err: { code?: string; message?: string }): boolean {
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006'].includes(
      err.code ?? '',
    ) ||
    /Connection terminated|terminating connection|Client has encountered a connection error/.test(
      err.message ?? '',
    )
  );
}
