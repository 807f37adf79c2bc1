import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { Password, Username } from './auth/rules.ts';

export const DEV_SESSION_SECRET = 'aralin-dev-session-secret-change-me-0123456789';

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(8080),
  /** Outside production the default is loopback: the demo school's passwords are public. */
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  METRICS_PORT: port.optional(),
  CORS_ORIGINS: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url('OTEL_EXPORTER_OTLP_ENDPOINT must be a URL').optional(),
  /** The built web app; relative paths are taken from the working directory (@fastify/static needs absolute). */
  WEB_DIST: z
    .string()
    .min(1)
    .transform((dir) => path.resolve(dir))
    .optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * Connections the kernel may hold for the server before it accepts them (the kernel caps it at
   * net.core.somaxconn). Node's default, 511, overflows when hundreds of students open streams within a
   * second while the event loop is busy; an overflowed connection is reset after the client has sent its request.
   */
  LISTEN_BACKLOG: z.coerce.number().int().min(1).max(65_535).default(4096),
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * On SIGTERM, how long readiness answers 503 while the listener still serves, so that the load balancer
   * (a Kubernetes endpoint update, an nginx health check) stops sending new requests before it closes.
   */
  DRAIN_PAUSE_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /** A student message still pending this long after its attempt began is abandoned: failed and retryable. */
  TURN_TIMEOUT_MS: z.coerce.number().int().min(5000).default(120_000),
  /**
   * Which proxies' X-Forwarded-For to believe: off (the default; the client is the TCP peer), a hop count
   * (1: one proxy in front, e.g. nginx setting the header from $remote_addr), or a comma list of proxy
   * addresses and CIDRs. See docs/operations.md#proxies.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((value, context) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        context.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    })
    .default(false),
  /**
   * Admission control: tutor turns running at once on this instance beyond which new ones are refused with
   * 503 overloaded and Retry-After (0: no limit). See docs/api.md#admission-control.
   */
  MAX_ACTIVE_TURNS: z.coerce.number().int().min(0).default(250),
  /**
   * The school and its first admin, created on the first start in production (when the database has no
   * school). Outside production the demo school is seeded instead, whose passwords are public.
   */
  BOOTSTRAP_SCHOOL_NAME: z.string().trim().min(1).max(120).optional(),
  BOOTSTRAP_ADMIN_USERNAME: Username.optional(),
  BOOTSTRAP_ADMIN_PASSWORD: Password.min(12, 'at least 12 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** Fastify's trustProxy: false, a hop count, or the trusted proxy addresses and CIDRs. */
  trustProxy: TrustProxy;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  sessionSecret: string;
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  corsOrigins: string[];
  logLevel: string;
  otlpEndpoint: string | undefined;
  webDist: string | undefined;
  bodyLimit: number;
  requestTimeoutMs: number;
  listenBacklog: number;
  drainTimeoutMs: number;
  drainPauseMs: number;
  turnTimeoutMs: number;
  maxActiveTurns: number;
  rateLimitPerMinute: number;
  chatRateLimitPerMinute: number;
  /** Production's first school and admin (all three variables, or none). */
  bootstrap: Bootstrap | undefined;
}

export interface Bootstrap {
  schoolName: string;
  adminUsername: string;
  adminPassword: string;
}

export type TrustProxy = false | number | string[];

/** Names proxy-addr (Fastify's trustProxy) knows for whole address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as Fastify takes it, or the message that says what is wrong with it. */
export function parseTrustProxy(value: string): TrustProxy | string {
  if (['', 'false', 'off', '0'].includes(value.toLowerCase())) return false;
  if (value.toLowerCase() === 'true')
    return 'TRUST_PROXY=true would believe a forged X-Forwarded-For from anyone: give a hop count or the proxy CIDRs';
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !PROXY_RANGE_NAMES.has(entry) && !validCidr(entry));
  if (bad.length > 0)
    return `TRUST_PROXY: not a hop count, an IP address or a CIDR: ${bad.map((b) => JSON.stringify(b)).join(', ')}`;
  return entries;
}

function validCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment. Throws `ConfigError` listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    if (!e.SESSION_SECRET || e.SESSION_SECRET === DEV_SESSION_SECRET)
      throw new ConfigError(
        'invalid configuration:\n  SESSION_SECRET: required in production (at least 32 random characters, e.g. `openssl rand -base64 48`); the development default is refused',
      );
  }
  const bootstrapVars = [e.BOOTSTRAP_SCHOOL_NAME, e.BOOTSTRAP_ADMIN_USERNAME, e.BOOTSTRAP_ADMIN_PASSWORD];
  if (bootstrapVars.some(Boolean) && !bootstrapVars.every(Boolean))
    throw new ConfigError(
      'invalid configuration:\n  BOOTSTRAP_SCHOOL_NAME, BOOTSTRAP_ADMIN_USERNAME, BOOTSTRAP_ADMIN_PASSWORD: set all three or none',
    );
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    dataDir: e.DATA_DIR,
    trustProxy: e.TRUST_PROXY,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    webDist: e.WEB_DIST,
    bodyLimit: e.BODY_LIMIT_BYTES,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    listenBacklog: e.LISTEN_BACKLOG,
    drainTimeoutMs: e.DRAIN_TIMEOUT_MS,
    drainPauseMs: e.DRAIN_PAUSE_MS,
    turnTimeoutMs: e.TURN_TIMEOUT_MS,
    maxActiveTurns: e.MAX_ACTIVE_TURNS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    chatRateLimitPerMinute: e.CHAT_RATE_LIMIT_PER_MINUTE,
    bootstrap:
      e.BOOTSTRAP_SCHOOL_NAME && e.BOOTSTRAP_ADMIN_USERNAME && e.BOOTSTRAP_ADMIN_PASSWORD
        ? {
            schoolName: e.BOOTSTRAP_SCHOOL_NAME,
            adminUsername: e.BOOTSTRAP_ADMIN_USERNAME,
            adminPassword: e.BOOTSTRAP_ADMIN_PASSWORD,
          }
        : undefined,
  };
}
