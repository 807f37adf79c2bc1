/**
 * Load benchmark, scenario "class in session": N signed-up students each act every 2–4 s through the real API
 * (embedded planner) — chat turns streamed (SSE) and read to the end, as the web app sends them, quiz answers
 * and flashcard ratings — against the server on PostgreSQL as a child process. Then closed-loop saturation
 * runs: streamed turns, the same turns in the API's JSON mode, and a bare Fastify route doing the same two
 * inserts (the overhead baseline).
 *
 * Run alone: `npm exec -- node bench/load.ts [--full]`. Writes bench/results/load.json.
 * `--saturation-only` runs only the closed-loop runs (bench/results/load-saturation.json).
 */
import {
  analyzeIfNoAutovacuum,
  argv,
  type BenchDatabase,
  checkRedis,
  createBenchDatabase,
  FULL,
  freePort,
  machineCpuSeconds,
  metricsText,
  type ProcStats,
  processCpuSeconds,
  ROOT,
  request,
  type ServerProcess,
  type Session,
  signUpStudents,
  sleep,
  spawnAndWait,
  startServer,
  streamTurn,
  summarise,
  table,
  writeResult,
} from './lib/common.ts';

const MESSAGES = [
  'Explain photosynthesis',
  'Quiz me on photosynthesis',
  'Make 5 flashcards about the water cycle',
  'Solve 2x + 3 = 11',
  'Can you make notes on ecosystems?',
  'Ano ang fractions?',
];

/** `--saturation-only`: skip the paced levels (for quick before/after comparisons of the turn's cost). */
const SATURATION_ONLY = argv.includes('--saturation-only');

interface Student {
  session: Session;
  conversation: string;
  quiz: { id: string; questions: string[] } | null;
  pendingQuizId: string | null;
  turn: number;
}

interface LevelResult {
  students: number;
  seconds: number;
  turns: number;
  turns_per_s: number;
  turn_p50_ms: number;
  turn_p95_ms: number;
  turn_p99_ms: number;
  other_actions: number;
  other_p95_ms: number;
  errors: number;
  error_samples: string[];
  server_cpu_pct: number;
  server_rss_peak_mib: number;
}

function cpuWatcher(server: { stats(): ProcStats }) {
  const start = server.stats();
  const t0 = performance.now();
  let peak = start.rssMiB;
  const timer = setInterval(() => {
    peak = Math.max(peak, server.stats().rssMiB);
  }, 250);
  return () => {
    clearInterval(timer);
    const end = server.stats();
    peak = Math.max(peak, end.rssMiB);
    const wall = (performance.now() - t0) / 1000;
    return {
      cpuPct: Math.round(((end.cpuSeconds - start.cpuSeconds) / wall) * 100),
      cpuSeconds: end.cpuSeconds - start.cpuSeconds,
      rssPeak: Math.round(peak),
    };
  };
}

/** A chat turn as the web app sends it: streamed (SSE) and read to the end. */
async function streamedTurn(s: Student, text: string) {
  const out = await streamTurn(s.session, s.conversation, text);
  if (out.status !== 200 || !out.finished || !out.text)
    throw new Error(`sse ${out.status} ${out.body.slice(0, 200)}`);
  if (out.quizId) s.pendingQuizId = out.quizId;
}

async function jsonTurn(s: Student, text: string) {
  const res = await s.session.call('POST', `/api/v1/conversations/${s.conversation}/messages`, { text });
  if (res.status !== 200) throw new Error(`turn ${res.status} ${res.body.slice(0, 200)}`);
  const body = JSON.parse(res.body) as { assistant_message: { quiz_id?: string; content: string } };
  if (!body.assistant_message.content) throw new Error('empty assistant reply');
  if (body.assistant_message.quiz_id) s.pendingQuizId = body.assistant_message.quiz_id;
}

async function answerQuiz(s: Student): Promise<boolean> {
  if (!s.quiz && s.pendingQuizId) {
    const res = await s.session.call('GET', `/api/v1/quizzes/${s.pendingQuizId}`);
    if (res.status !== 200) throw new Error(`quiz ${res.status}`);
    const q = JSON.parse(res.body) as { quiz: { questions: { id: string }[] } };
    s.quiz = { id: s.pendingQuizId, questions: q.quiz.questions.map((x) => x.id) };
    s.pendingQuizId = null;
  }
  const question = s.quiz?.questions.shift();
  if (!s.quiz || !question) {
    s.quiz = null;
    return false;
  }
  const res = await s.session.call('POST', `/api/v1/quizzes/${s.quiz.id}/answers`, {
    question_id: question,
    answer: '6',
  });
  if (res.status !== 200) throw new Error(`answer ${res.status} ${res.body.slice(0, 200)}`);
  return true;
}

async function rateCard(s: Student): Promise<boolean> {
  const due = await s.session.call('GET', '/api/v1/flashcards/due?limit=1');
  if (due.status !== 200) throw new Error(`due ${due.status}`);
  const card = (JSON.parse(due.body) as { cards: { id: string }[] }).cards[0];
  if (!card) return false;
  const res = await s.session.call('POST', `/api/v1/flashcards/${card.id}/review`, { rating: 'good' });
  if (res.status !== 200) throw new Error(`review ${res.status} ${res.body.slice(0, 200)}`);
  return true;
}

/** One paced level: every student acts every 2–4 s for `seconds`. */
async function runLevel(server: ServerProcess, students: Student[], seconds: number): Promise<LevelResult> {
  const turnLat: number[] = [];
  const otherLat: number[] = [];
  const errors: string[] = [];
  const stop = cpuWatcher(server);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const actor = async (s: Student) => {
    await sleep(Math.random() * 3000);
    while (performance.now() < deadline) {
      const r = Math.random();
      const started = performance.now();
      try {
        if (r < 0.1 && (await answerQuiz(s))) otherLat.push(performance.now() - started);
        else if (r >= 0.1 && r < 0.2 && (await rateCard(s))) otherLat.push(performance.now() - started);
        else {
          const t = performance.now();
          await streamedTurn(s, MESSAGES[s.turn++ % MESSAGES.length] as string);
          turnLat.push(performance.now() - t);
        }
      } catch (error) {
        errors.push((error as Error).message);
      }
      await sleep(2000 + Math.random() * 2000);
    }
  };
  await Promise.all(students.map(actor));
  const wall = (performance.now() - t0) / 1000;
  const { cpuPct, rssPeak } = stop();
  const t = summarise(turnLat);
  return {
    students: students.length,
    seconds: Math.round(wall),
    turns: t.count,
    turns_per_s: Math.round((t.count / wall) * 10) / 10,
    turn_p50_ms: t.p50,
    turn_p95_ms: t.p95,
    turn_p99_ms: t.p99,
    other_actions: otherLat.length,
    other_p95_ms: summarise(otherLat).p95,
    errors: errors.length,
    error_samples: [...new Set(errors)].slice(0, 5),
    server_cpu_pct: cpuPct,
    server_rss_peak_mib: rssPeak,
  };
}

/**
 * Closed loop: `concurrency` workers send back-to-back requests for `warmSeconds` unmeasured, then for
 * `seconds` measured. The first seconds of a loop run slower (a one-off run of this bench with six 8 s rounds of
 * streamed turns on one server: 395/s, then 434–492/s; whichever kind of turn came first was the slower), so
 * each server is measured warm and the order of the phases does not decide their figures.
 */
async function saturate(
  concurrency: number,
  warmSeconds: number,
  seconds: number,
  server: { stats(): ProcStats },
  db: BenchDatabase,
  send: (worker: number, i: number) => Promise<void>,
) {
  const closedLoop = (until: number, done: (ms: number) => void, failed: () => void) =>
    Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = 0; performance.now() < until; i++) {
          const t = performance.now();
          try {
            await send(w, i);
            done(performance.now() - t);
          } catch {
            failed();
          }
        }
      }),
    );
  let warmErrors = 0;
  let warmCompleted = 0;
  await closedLoop(
    performance.now() + warmSeconds * 1000,
    () => warmCompleted++,
    () => warmErrors++,
  );
  const lat: number[] = [];
  let errors = warmErrors;
  const pgBefore = await pgCounters(db);
  const stop = cpuWatcher(server);
  const pg0 = processCpuSeconds('postgres');
  const redis0 = processCpuSeconds('redis-server');
  const own0 = process.cpuUsage();
  const machine0 = machineCpuSeconds();
  const t0 = performance.now();
  await closedLoop(
    t0 + seconds * 1000,
    (ms) => lat.push(ms),
    () => errors++,
  );
  const wall = (performance.now() - t0) / 1000;
  const s = summarise(lat);
  const { cpuPct, cpuSeconds, rssPeak } = stop();
  const pgSeconds = processCpuSeconds('postgres') - pg0;
  const redisSeconds = processCpuSeconds('redis-server') - redis0;
  const own = process.cpuUsage(own0);
  const machine1 = machineCpuSeconds();
  const postgres = pgActivity(pgBefore, await pgCounters(db), s.count);
  const perRequest = (seconds: number) => Math.round((seconds / Math.max(1, s.count)) * 10_000) / 10;
  return {
    concurrency,
    warm_up_seconds: warmSeconds,
    warm_up_completed: warmCompleted,
    seconds: Math.round(wall),
    completed: s.count,
    per_s: Math.round(s.count / wall),
    p50_ms: s.p50,
    p95_ms: s.p95,
    errors,
    server_cpu_pct: cpuPct,
    server_cpu_ms_per_request: perRequest(cpuSeconds),
    postgres_cpu_ms_per_request: perRequest(pgSeconds),
    redis_cpu_ms_per_request: perRequest(redisSeconds),
    loadgen_cpu_ms_per_request: perRequest((own.user + own.system) / 1e6),
    machine_busy_pct: Math.round(
      ((machine1.busy - machine0.busy) / Math.max(0.01, machine1.total - machine0.total)) * 100,
    ),
    server_rss_peak_mib: rssPeak,
    postgres,
  };
}

/** Database statements the server has run (its query histogram's count, all operations). */
async function queriesRun(server: ServerProcess): Promise<number> {
  return [
    ...(await metricsText(server.url)).matchAll(/^aralin_db_query_duration_seconds_count\{[^}]*\} (\d+)$/gm),
  ].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** Cluster-wide PostgreSQL counters (PostgreSQL 14–16 views) and the bench database's size. */
interface PgCounters {
  walBytes: number;
  walFpi: number;
  pagesWritten: number;
  pagesWrittenByBackends: number;
  checkpoints: number;
  autovacuums: number;
  /** Tables analyzed by an ANALYZE statement: the server's statistics keeper (or the bench) when autovacuum is off. */
  analyzes: number;
  databaseBytes: number;
  blocksRead: number;
  blocksHit: number;
}

async function pgCounters(db: BenchDatabase): Promise<PgCounters | null> {
  try {
    const [row] = await db.query<Record<string, number>>(
      `select (select wal_bytes from pg_stat_wal)::float8 as "walBytes",
              (select wal_fpi from pg_stat_wal)::float8 as "walFpi",
              (select buffers_checkpoint + buffers_clean + buffers_backend from pg_stat_bgwriter)::float8 as "pagesWritten",
              (select buffers_backend from pg_stat_bgwriter)::float8 as "pagesWrittenByBackends",
              (select checkpoints_timed + checkpoints_req from pg_stat_bgwriter)::float8 as "checkpoints",
              (select coalesce(sum(autovacuum_count + autoanalyze_count), 0) from pg_stat_user_tables)::float8 as "autovacuums",
              (select coalesce(sum(analyze_count), 0) from pg_stat_user_tables)::float8 as "analyzes",
              pg_database_size(current_database())::float8 as "databaseBytes",
              blks_read::float8 as "blocksRead", blks_hit::float8 as "blocksHit"
         from pg_stat_database where datname = current_database()`,
    );
    return (row as unknown as PgCounters | undefined) ?? null;
  } catch (error) {
    console.warn(
      `PostgreSQL counters not read (${(error as Error).message}); the run reports no database activity`,
    );
    return null;
  }
}

/** What PostgreSQL did per completed request between two readings. */
function pgActivity(before: PgCounters | null, after: PgCounters | null, completed: number) {
  if (!before || !after) return null;
  const per = (key: keyof PgCounters, unit = 1) =>
    Math.round(((after[key] - before[key]) / unit / Math.max(1, completed)) * 100) / 100;
  return {
    wal_kib_per_request: per('walBytes', 1024),
    full_page_images_per_request: per('walFpi'),
    pages_written_per_request: per('pagesWritten'),
    pages_written_by_backends_per_request: per('pagesWrittenByBackends'),
    database_growth_kib_per_request: per('databaseBytes', 1024),
    pages_read_per_request: per('blocksRead'),
    pages_hit_per_request: per('blocksHit'),
    checkpoints: after.checkpoints - before.checkpoints,
    autovacuum_runs: after.autovacuums - before.autovacuums,
    tables_analyzed: after.analyzes - before.analyzes,
    database_mib_after: Math.round(after.databaseBytes / 2 ** 20),
  };
}

export async function runLoad(full = FULL, saturationOnly = SATURATION_ONLY) {
  const levels = saturationOnly ? [] : full ? [50, 200, 500, 1000] : [50, 200];
  const levelSeconds = full ? 45 : 12;
  const satSeconds = full ? 30 : 8;
  const warmSeconds = full ? 10 : 8;
  const concurrency = 64;
  const db = await createBenchDatabase();
  let server: ServerProcess | undefined;
  let baseline: ServerProcess | undefined;
  try {
    server = await startServer({ DATABASE_URL: db.url });
    const rateLimits = await checkRedis(server.url);
    const setup0 = performance.now();
    const sessions = await signUpStudents(server.url, Math.max(concurrency, ...levels), 'loadkid');
    const students: Student[] = [];
    for (const session of sessions)
      students.push({
        session,
        conversation: await session.newConversation(),
        quiz: null,
        pendingQuizId: null,
        turn: 0,
      });
    const setupSeconds = Math.round((performance.now() - setup0) / 1000);
    // Warm up: every student makes one flashcard deck (so ratings have cards) and one quiz.
    for (let i = 0; i < students.length; i += 50)
      await Promise.all(
        students.slice(i, i + 50).map(async (s) => {
          await jsonTurn(s, 'Make 5 flashcards about photosynthesis');
          await jsonTurn(s, 'Quiz me on photosynthesis');
        }),
      );

    const levelResults: LevelResult[] = [];
    for (const n of levels) {
      await analyzeIfNoAutovacuum(db);
      levelResults.push(await runLevel(server, students.slice(0, n), levelSeconds));
    }
    const autovacuum = await analyzeIfNoAutovacuum(db);

    /** The closed loop of this run's size against `target`, measured after its warm-up. */
    const saturateOn = (target: { stats(): ProcStats }, send: (worker: number, i: number) => Promise<void>) =>
      saturate(concurrency, warmSeconds, satSeconds, target, db, send);
    const srv = server;
    const queriesBefore = await queriesRun(srv);
    const saturated = await saturateOn(srv, async (w, i) => {
      await streamedTurn(students[w % students.length] as Student, MESSAGES[i % MESSAGES.length] as string);
    });
    const aralin = {
      ...saturated,
      queries_per_turn:
        Math.round(
          (((await queriesRun(srv)) - queriesBefore) /
            Math.max(1, saturated.completed + saturated.warm_up_completed)) *
            10,
        ) / 10,
    };
    // The same turns in the API's JSON mode (one response, no stream), for API clients other than the web app.
    const aralinJson = await saturateOn(srv, async (w, i) => {
      await jsonTurn(students[w % students.length] as Student, MESSAGES[i % MESSAGES.length] as string);
    });
    const port = await freePort();
    baseline = await spawnAndWait(`${ROOT}bench/lib/baseline-server.ts`, port, { DATABASE_URL: db.url });
    const base = baseline;
    const bare = await saturateOn(base, async (w, i) => {
      const s = students[w % students.length] as Student;
      const res = await request('POST', `${base.url}/turn`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          conversation_id: s.conversation,
          user_id: s.session.userId,
          text: MESSAGES[i % MESSAGES.length],
        }),
      });
      if (res.status !== 200) throw new Error(String(res.status));
    });
    const ratio = Math.round((aralin.per_s / Math.max(1, bare.per_s)) * 100) / 100;
    const at200 = levelResults.find((l) => l.students === 200);
    const totalErrors = levelResults.reduce((a, l) => a + l.errors, 0) + aralin.errors + aralinJson.errors;
    const targets = {
      p95_under_50ms_at_200: at200 ? at200.turn_p95_ms < 50 : null,
      saturation_at_least_1000_turns_per_s: aralin.per_s >= 1000,
      zero_errors: totalErrors === 0,
      overhead_ratio_at_least_0_5: ratio >= 0.5,
    };
    const result = {
      full,
      rate_limits: rateLimits,
      autovacuum,
      setup: { students: students.length, signup_and_conversation_seconds: setupSeconds },
      levels: levelResults,
      saturation: { aralin, aralin_json: aralinJson, baseline: bare, ratio },
      targets,
    };
    writeResult(saturationOnly ? 'load-saturation' : 'load', result);
    return result;
  } finally {
    await baseline?.stop();
    await server?.stop();
    await db.drop();
  }
}

export function printLoad(r: Awaited<ReturnType<typeof runLoad>>): void {
  console.log(
    table(
      [
        'students',
        'turns',
        'turns/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'quiz/cards',
        'errors',
        'CPU %',
        'RSS MiB',
      ],
      r.levels.map((l) => [
        l.students,
        l.turns,
        l.turns_per_s,
        l.turn_p50_ms,
        l.turn_p95_ms,
        l.turn_p99_ms,
        l.other_actions,
        l.errors,
        l.server_cpu_pct,
        l.server_rss_peak_mib,
      ]),
    ),
  );
  const { aralin, aralin_json: json, baseline, ratio } = r.saturation;
  console.log(
    `\nsaturation (${aralin.concurrency} closed-loop clients, each run measured after ${aralin.warm_up_seconds} s of warm-up): Aralin ${aralin.per_s} streamed turns/s (p95 ${aralin.p95_ms} ms, ${aralin.errors} errors; ${aralin.queries_per_turn} queries and ${aralin.server_cpu_ms_per_request} ms server CPU per turn), bare Fastify ${baseline.per_s}/s (${baseline.server_cpu_ms_per_request} ms CPU per request) → ratio ${ratio}; JSON turns ${json.per_s}/s (p95 ${json.p95_ms} ms, ${json.errors} errors, ${json.server_cpu_ms_per_request} ms server CPU per turn)`,
  );
  console.log(
    `CPU per request at saturation (ms; server / PostgreSQL / Redis / load generator, machine busy): Aralin ${aralin.server_cpu_ms_per_request} / ${aralin.postgres_cpu_ms_per_request} / ${aralin.redis_cpu_ms_per_request} / ${aralin.loadgen_cpu_ms_per_request}, ${aralin.machine_busy_pct} %; bare Fastify ${baseline.server_cpu_ms_per_request} / ${baseline.postgres_cpu_ms_per_request} / ${baseline.redis_cpu_ms_per_request} / ${baseline.loadgen_cpu_ms_per_request}, ${baseline.machine_busy_pct} %; Aralin's rate limits in ${r.rate_limits}`,
  );
  const pgLine = (name: string, a: typeof aralin.postgres) =>
    a
      ? `${name} WAL ${a.wal_kib_per_request} KiB (${a.full_page_images_per_request} full-page images), ${a.pages_hit_per_request} pages found in shared buffers and ${a.pages_read_per_request} read into them, ${a.pages_written_per_request} pages written (${a.pages_written_by_backends_per_request} by backends evicting them), database +${a.database_growth_kib_per_request} KiB; ${a.checkpoints} checkpoints, ${a.autovacuum_runs} autovacuum/analyze runs and ${a.tables_analyzed} tables analyzed by an ANALYZE statement (Aralin's statistics keeper, when autovacuum is off) during the run, database ${a.database_mib_after} MiB after`
      : `${name} not read`;
  console.log(
    `PostgreSQL per request at saturation: ${pgLine('Aralin streamed turn:', aralin.postgres)}; ${pgLine('bare route:', baseline.postgres)}`,
  );
  for (const l of r.levels)
    if (l.error_samples.length) console.log(`errors at ${l.students}: ${l.error_samples.join(' | ')}`);
}

if (import.meta.main) printLoad(await runLoad());
