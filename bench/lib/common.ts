/**
 * Shared pieces of the load and fault benchmarks: a throwaway PostgreSQL database, the server as a child
 * process (so its CPU and memory can be read from /proc), a small keep-alive HTTP client with a cookie jar,
 * percentiles and markdown tables. Everything talks to 127.0.0.1 only.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SESSION_SECRET = 'aralin-bench-session-secret-0123456789abcdef';
export const METRICS_TOKEN = 'bench-metrics-token-0123456789';
/** The Redis the servers share rate limits through, as a deployment with several replicas does. */
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

export function summarise(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    count: s.length,
    p50: r(percentile(s, 0.5)),
    p95: r(percentile(s, 0.95)),
    p99: r(percentile(s, 0.99)),
  };
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

export function writeResult(name: string, data: unknown): string {
  const dir = `${ROOT}bench/results`;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${name}.json`;
  writeFileSync(
    file,
    `${JSON.stringify({ measured_at: new Date().toISOString(), ...(data as object) }, null, 2)}\n`,
  );
  return file;
}

/** A result that `writeResult` wrote, or null when there is none. */
export function readResult<T>(name: string): T | null {
  try {
    return JSON.parse(readFileSync(`${ROOT}bench/results/${name}.json`, 'utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * Makes the calling benchmark run on one CPU, as the micro-benchmarks are specified (V8's helper threads
 * included): unless the process already has a single CPU, runs the script again under `taskset -c 0` and
 * exits with its status. Without taskset it says so loudly and measures on every core.
 */
export function runOnOneCore(scriptUrl: string): void {
  const cores = availableParallelism();
  if (cores === 1) return;
  const pinned = spawnSync(
    'taskset',
    ['-c', '0', process.execPath, ...process.execArgv, fileURLToPath(scriptUrl), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (pinned.error) {
    console.error(
      `!! taskset could not run (${pinned.error.message}): measuring on all ${cores} cores instead of one`,
    );
    return;
  }
  process.exit(pinned.status ?? 1);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------ database

export interface BenchDatabase {
  name: string;
  url: string;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<T[]>;
  count(table: string, where?: string): Promise<number>;
  drop(): Promise<void>;
}

let dbSeq = 0;
/** Creates `aralin_bench_<pid>_<n>` on the local PostgreSQL; `drop()` removes it (terminating its sessions). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `aralin_bench_${process.pid}_${dbSeq++}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  const query = async <T extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    (await pool.query<T>(text, values)).rows;
  return {
    name,
    url,
    query,
    async count(t, where) {
      const rows = await query<{ n: string }>(
        `select count(*)::text as n from ${t}${where ? ` where ${where}` : ''}`,
      );
      return Number(rows[0]?.n ?? 0);
    },
    async drop() {
      await pool.end().catch(() => {});
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`alter database ${name} allow_connections true`).catch(() => {});
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The local PostgreSQL's `autovacuum` setting, asked once per process. */
let autovacuum: 'on' | 'off' | undefined;
/**
 * Whether the local PostgreSQL runs autovacuum; when it does not (this workplace's CI configuration turns it
 * off), analyzes the bench database as autovacuum would have, and says so loudly the first time. Without
 * statistics the planner guesses that a conversation holds one message and reads all of a long conversation's
 * messages to find its last 12: on a full load run 404 buffer accesses per turn instead of 145 and PostgreSQL
 * CPU per turn 3.1–3.3 ms instead of 1.7–1.8 (docs/benchmarks.md). Call it before each measured phase.
 */
export async function analyzeIfNoAutovacuum(db: BenchDatabase): Promise<'on' | 'off'> {
  if (!autovacuum) {
    const [row] = await db.query<{ autovacuum: string }>('show autovacuum');
    autovacuum = row?.autovacuum === 'on' ? 'on' : 'off';
    if (autovacuum === 'off')
      console.warn(
        '⚠ autovacuum is OFF on the local PostgreSQL: the bench ANALYZEs its database before each measured phase, as autovacuum would',
      );
  }
  if (autovacuum === 'off') await db.query('analyze');
  return autovacuum;
}

/** Runs one statement on the admin connection (pg_terminate_backend, ALTER DATABASE …). */
export async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

// ------------------------------------------------------------------ server child process

export interface ServerProcess {
  pid: number;
  port: number;
  url: string;
  child: ChildProcess;
  /** SIGTERM, wait for exit (bounded), then SIGKILL. */
  stop(): Promise<number | null>;
  stats(): ProcStats;
  log(): string;
}

export interface ProcStats {
  cpuSeconds: number;
  rssMiB: number;
}

const CLK_TCK = 100;

/**
 * User + system clock ticks from the text of a `/proc/<pid>/stat` file; with `children`, also those of its
 * children that have exited and been waited for.
 */
function cpuTicks(stat: string, children = false): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return children ? own + Number(fields[13]) + Number(fields[14]) : own;
}

export function procStats(pid: number): ProcStats {
  try {
    const ticks = cpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: ticks / CLK_TCK, rssMiB: rssKb / 1024 };
  } catch {
    return { cpuSeconds: 0, rssMiB: 0 };
  }
}

/**
 * CPU seconds (user + system) used so far by every process on the machine with this command name, e.g.
 * `postgres` (its backends and helpers) or `redis-server`, counting the exited children each has waited
 * for: a PostgreSQL backend that closes during a measurement leaves its time in the postmaster's account
 * instead of dropping out of the sum.
 */
export function processCpuSeconds(command: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes(`(${command})`)) ticks += cpuTicks(stat, true);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks / CLK_TCK;
}

/** The machine's CPU time so far, busy and in all, in seconds summed over its cores (from /proc/stat). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] as string;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[];
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return { busy: busy / CLK_TCK, total: (busy + (idle ?? 0) + (iowait ?? 0)) / CLK_TCK };
}

export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await request('GET', `${url}/health/ready`).catch(() => null);
    if (res?.status === 200) return;
    await sleep(200);
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

/** A server's Prometheus metrics, as text. */
export async function metricsText(serverUrl: string): Promise<string> {
  const res = await request('GET', `${serverUrl}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  return res.body;
}

/**
 * Where a server keeps its rate limits (its `aralin_rate_limit_backend` gauge): `redis`, or `memory` when Redis
 * was not reachable within 3 s — then it says loudly that the figures leave Redis out.
 */
export async function checkRedis(serverUrl: string): Promise<'redis' | 'memory'> {
  const deadline = Date.now() + 3_000;
  while (!(await metricsText(serverUrl)).includes('aralin_rate_limit_backend{backend="redis"} 1')) {
    if (Date.now() > deadline) {
      console.warn(
        `!! Redis at ${BENCH_REDIS_URL} is not reachable: the server keeps rate limits in memory, so these figures leave out the Redis round trips of a deployment (set BENCH_REDIS_URL)`,
      );
      return 'memory';
    }
    await sleep(100);
  }
  return 'redis';
}

/** Starts `node apps/server/src/main.ts` with the given env on 127.0.0.1 and waits for readiness. */
export async function startServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  return spawnAndWait(`${ROOT}apps/server/src/main.ts`, p, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    SESSION_SECRET,
    METRICS_TOKEN,
    DRAIN_TIMEOUT_MS: '10000',
    REDIS_URL: BENCH_REDIS_URL,
    RATE_LIMIT_PER_MINUTE: '1000000',
    CHAT_RATE_LIMIT_PER_MINUTE: '1000000',
    // e.g. BENCH_SERVER_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every server a benchmark starts.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    ...env,
    PORT: String(p),
  });
}

export async function spawnAndWait(
  script: string,
  port: number,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The start of the output (Node's banners: the inspector's address) and its last 20,000 characters.
  let head = '';
  let output = '';
  let written = 0;
  const keep = (b: Buffer) => {
    const text = b.toString();
    written += text.length;
    if (head.length < 4000) head = (head + text).slice(0, 4000);
    output = (output + text).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const died = exited.then((code) => {
    throw new Error(`server exited (${code}) before ready:\n${output}`);
  });
  await Promise.race([waitReady(url), died]);
  died.catch(() => {});
  const pid = child.pid as number;
  return {
    pid,
    port,
    url,
    child,
    stats: () => procStats(pid),
    log: () => {
      // What the tail no longer holds of the head.
      const lost = head.slice(0, Math.max(0, written - output.length));
      return lost ? `${lost}\n…\n${output}` : output;
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(20_000).then(() => undefined)]);
      if (code !== undefined) return code;
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Runs `fn` against a server on a fresh bench database; stops the server and drops the database after. */
export async function withServer<T>(
  env: Record<string, string>,
  fn: (server: ServerProcess, db: BenchDatabase) => Promise<T>,
): Promise<T> {
  const db = await createBenchDatabase();
  let server: ServerProcess | undefined;
  try {
    server = await startServer({ DATABASE_URL: db.url, ...env });
    return await fn(server, db);
  } finally {
    await server?.stop();
    await db.drop();
  }
}

// ------------------------------------------------------------------ HTTP client

export const agent = new http.Agent({ keepAlive: true, maxSockets: 4096, maxFreeSockets: 4096 });

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** A signed-in user: cookie jar plus CSRF token. */
export class Session {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  csrf = '';
  userId = '';
  constructor(base: string) {
    this.base = base;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return {
      ...(cookie ? { cookie } : {}),
      ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...extra,
    };
  }

  absorb(res: { headers: http.IncomingHttpHeaders }): void {
    for (const c of res.headers['set-cookie'] ?? []) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const res = await request(method, this.base + path, {
      headers: this.headers({
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        accept: 'application/json',
        ...extra,
      }),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    this.absorb(res);
    return res;
  }

  async fetchCsrf(): Promise<void> {
    const res = await this.call('GET', '/api/v1/auth/csrf');
    this.csrf = (JSON.parse(res.body) as { token: string }).token;
  }

  async signIn(username: string, password: string): Promise<void> {
    const res = await this.call('POST', '/api/v1/auth/signin', { username, password });
    if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${res.body}`);
    this.userId = (JSON.parse(res.body) as { user: { id: string } }).user.id;
    await this.fetchCsrf();
  }

  /** Signs up a student with the demo class code (a session starts on sign-up). */
  async signUp(username: string, classCode = 'SAMPA7'): Promise<void> {
    const res = await this.call('POST', '/api/v1/auth/signup', {
      class_code: classCode,
      username,
      password: 'bench-password-123',
      display_name: `Bench ${username}`,
    });
    if (res.status !== 201) throw new Error(`sign-up ${username}: ${res.status} ${res.body}`);
    this.userId = (JSON.parse(res.body) as { user: { id: string } }).user.id;
    await this.fetchCsrf();
  }

  async newConversation(): Promise<string> {
    const res = await this.call('POST', '/api/v1/conversations', {});
    if (res.status !== 201) throw new Error(`conversation: ${res.status} ${res.body}`);
    return (JSON.parse(res.body) as { conversation: { id: string } }).conversation.id;
  }
}

/** Signs in as the demo admin and points the demo school at an OpenAI-compatible server (e.g. the LLM stub). */
export async function useOpenAiCompatibleProvider(serverUrl: string, baseUrl: string): Promise<void> {
  const admin = new Session(serverUrl);
  await admin.signIn('admin', 'aralin-admin');
  const put = await admin.call('PUT', '/api/v1/admin/provider', {
    provider: 'openai-compatible',
    model: 'stub',
    base_url: baseUrl,
  });
  if (put.status !== 200) throw new Error(`provider: ${put.status} ${put.body}`);
}

/** Signs up `n` students with bounded concurrency (argon2 makes this the slow part of setup). */
export async function signUpStudents(
  base: string,
  n: number,
  prefix: string,
  concurrency = 6,
): Promise<Session[]> {
  const out: Session[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const s = new Session(base);
      await s.signUp(`${prefix}${i}`);
      out[i] = s;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return out;
}

/** Sends a chat turn and reads the SSE stream to its end; `onDelta` sees each text delta as it arrives. */
export function streamTurn(
  session: Session,
  conversationId: string,
  text: string,
  onDelta?: (delta: string) => void,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; finished: boolean; text: string; body: string; quizId: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${session.base}/api/v1/conversations/${conversationId}/messages`,
      {
        method: 'POST',
        agent,
        headers: session.headers({
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...extraHeaders,
        }),
      },
      (res) => {
        let buffer = '';
        let raw = '';
        let textOut = '';
        let finished = false;
        let quizId: string | null = null;
        const ok = res.statusCode === 200;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (!ok) {
            raw += chunk;
            return;
          }
          buffer += chunk;
          let idx = buffer.indexOf('\n\n');
          while (idx >= 0) {
            const block = buffer.slice(0, idx).trim();
            buffer = buffer.slice(idx + 2);
            idx = buffer.indexOf('\n\n');
            if (!block.startsWith('data:')) continue;
            const data = block.replace(/^data:\s?/, '');
            if (data === '[DONE]') continue;
            try {
              const part = JSON.parse(data) as { type: string; delta?: string; data?: { quiz_id?: string } };
              if (part.type === 'text-delta' && part.delta) {
                textOut += part.delta;
                onDelta?.(part.delta);
              } else if (part.type === 'data-tool-result' && part.data?.quiz_id) quizId = part.data.quiz_id;
              else if (part.type === 'finish') finished = true;
            } catch {
              // not JSON: counted as an unfinished stream below
            }
          }
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            finished,
            text: textOut,
            body: raw,
            quizId,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(JSON.stringify({ text }));
  });
}

export function isProblemJson(res: Response): boolean {
  return String(res.headers['content-type'] ?? '').startsWith('application/problem+json');
}

export const argv = process.argv.slice(2);
export const FULL = argv.includes('--full');
