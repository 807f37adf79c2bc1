import http from 'node:http';
import { ConfigError, loadConfig } from './config.ts';
import { startTelemetry } from './otel.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const stopTelemetry = await startTelemetry(config);
// Imported after telemetry starts so the HTTP and pg instrumentations can patch their modules.
const [
  { buildApp },
  { portInUse, shutdown },
  { renderMetrics },
  { DEMO },
  { Redis },
  { RATE_LIMIT_REDIS_OPTIONS },
  { DataDirectoryLockedError },
] = await Promise.all([
  import('./app.ts'),
  import('./lifecycle.ts'),
  import('./routes/ops.ts'),
  import('./db/seed.ts'),
  import('ioredis'),
  import('./ratelimit.ts'),
  import('./db/client.ts'),
]);

const redis = config.redisUrl ? new Redis(config.redisUrl, RATE_LIMIT_REDIS_OPTIONS) : undefined;
redis?.on('error', () => {
  // The client reconnects on its own; meanwhile the limits count locally (logged once by the app).
});

// A second start on a busy port exits here, before it opens (or waits for) the database.
const portProblem = await portInUse(config.port, config.host);
if (portProblem) {
  console.error(portProblem);
  process.exit(1);
}

let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp(config, redis ? { redis } : {});
} catch (error) {
  if (error instanceof DataDirectoryLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
await app.listen({ port: config.port, host: config.host, backlog: config.listenBacklog });

let metricsServer: http.Server | undefined;
if (config.metricsPort !== undefined) {
  metricsServer = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    renderMetrics(app.ctx).then(
      (body) => res.writeHead(200, { 'content-type': app.ctx.metrics.registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  metricsServer.listen(config.metricsPort, config.host);
}

const { schools, users } = await import('./db/schema.ts');
const { eq } = await import('drizzle-orm');
const [demoAdmin] = await app.ctx.db
  .select({ id: users.id })
  .from(users)
  .where(eq(users.username, DEMO.admin.username));
const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
if (demoAdmin && config.env !== 'production') {
  console.log(
    [
      '',
      `  Aralin is running at ${address}  (API docs: ${address}/docs)`,
      `  Demo school: ${DEMO.school}`,
      `    admin    ${DEMO.admin.username} / ${DEMO.admin.password}`,
      `    teacher  ${DEMO.teacher.username} / ${DEMO.teacher.password}`,
      `    students ${DEMO.students.map((s) => s.username).join(', ')} / ${DEMO.students[0].password}`,
      `    class join code ${DEMO.class.join_code}; /orchestrate demo key ${DEMO.apiKey}`,
      '',
    ].join('\n'),
  );
} else if (demoAdmin) {
  app.log.warn('the demo school accounts exist in production: change their passwords or delete them');
} else if (config.env === 'production') {
  const [school] = await app.ctx.db.select({ id: schools.id }).from(schools).limit(1);
  if (!school)
    app.log.warn(
      'no school yet: set BOOTSTRAP_SCHOOL_NAME, BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD and restart to create the school and its first admin',
    );
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: draining requests and streams');
  const { forced } = await shutdown(app, config.drainTimeoutMs, config.drainPauseMs);
  metricsServer?.close();
  await redis?.quit().catch(() => {});
  await stopTelemetry?.();
  app.log.info({ forced }, 'stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
