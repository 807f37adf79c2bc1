// The real Aralin server, started once in this process on PGlite in a temporary DATA_DIR, checked against the
// metrics contract through its live /metrics; then the real Prometheus (Debian's /usr/bin/prometheus) on
// loopback with the repository's rule files, scraping
// (1) a stub exporter that serves a sample of every contract metric, so every recording rule has data, and
// (2) that server, with its bearer token file. Prometheus's HTTP API tells whether the targets are up,
// every rule group evaluates cleanly and an alert fires end to end.
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  contractSeriesLabels,
  freePort,
  metricsContract,
  read,
  recordingRules,
  requireTool,
  ruleFiles,
  SERVER_METRICS,
  seriesOf,
  waitFor,
} from './helpers.ts';
import type { RunningServer } from './server.ts';

const prometheusBin = requireTool(
  '/usr/bin/prometheus',
  'the live Prometheus scrape-and-evaluate test',
  'apt-get install prometheus',
);
const token = 'live-server-metrics-token-0123456789';
const serverDir = mkdtempSync(path.join(tmpdir(), 'aralin-live-server-'));
let server: RunningServer | undefined;
let serverError: unknown;

beforeAll(async () => {
  try {
    const { startServer } = await import('./server.ts');
    server = await startServer({ dataDir: serverDir, metricsToken: token });
    // Some real traffic, so the HTTP RED metrics and rules have samples.
    for (const p of ['/health/live', '/health/ready', '/api/v1/tools', '/api/v1/no-such-route'])
      await (await fetch(`${server.url}${p}`)).arrayBuffer();
  } catch (err) {
    // Reported by the tests that need the server; the stub half still runs.
    serverError = err;
  }
});

afterAll(async () => {
  await server?.close();
  rmSync(serverDir, { recursive: true, force: true });
});

function runningServer(): RunningServer {
  if (serverError) throw serverError;
  if (!server) throw new Error('the server did not start');
  return server;
}

describe('contract vs the real server /metrics', () => {
  const contract = metricsContract();
  const everyMetric = [...contract.metrics, ...contract.default_metrics];
  const seriesLabels = contractSeriesLabels();
  let exposition = '';

  beforeAll(async () => {
    const { url } = runningServer();
    const unauthorised = await fetch(`${url}/metrics`);
    expect(unauthorised.status).toBe(401);
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    exposition = await res.text();
  });

  it('exposes every contract metric with its type', () => {
    const types = new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
    const missing = everyMetric
      .filter((m) => types.get(m.name) !== m.type)
      .map((m) => `${m.name} (${m.type})`);
    expect(missing).toEqual([]);
  });

  it('exposes no aralin_ or http_ metric the contract lacks', () => {
    const exposed = [...exposition.matchAll(/^# TYPE ((?:aralin|http)_\S+) /gm)].map((m) => m[1]);
    const names = new Set(contract.metrics.map((m) => m.name));
    expect(exposed.filter((n) => n && !names.has(n))).toEqual([]);
  });

  it('has the le="2" bucket the chat-turn latency SLO is computed from', () => {
    // A labelled histogram shows buckets only once observed; the bucket list is checked in the source.
    expect(read(SERVER_METRICS)).toMatch(
      /name: 'aralin_chat_turn_duration_seconds'[\s\S]*?buckets: \[[^\]]*\b2\b/,
    );
  });

  it('labels every sample only with contract labels, and counts the requests made', () => {
    const bad: string[] = [];
    for (const line of exposition.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line);
      const name = m?.[1] ?? '';
      const known = seriesLabels.get(name);
      if (!known) continue;
      for (const l of (m?.[2] ?? '').matchAll(/(\w+)="/g))
        if (!known.has(l[1] ?? '')) bad.push(`${name}{${l[1]}}`);
    }
    expect([...new Set(bad)]).toEqual([]);
    expect(exposition).toMatch(/^http_requests_total\{[^}]*route="\/health\/live"[^}]*\} [1-9]/m);
    expect(exposition).toMatch(/^aralin_ready 1$/m);
  });
});

/** Sample values for every contract series, growing with each scrape so rate() has something to see. */
function stubExposition(scrape: number): string {
  const { metrics } = metricsContract();
  const lines: string[] = [];
  for (const m of metrics) {
    lines.push(`# TYPE ${m.name} ${m.type}`);
    const labelSets: Array<Record<string, string>> =
      m.name === 'aralin_chat_turn_duration_seconds'
        ? [{ outcome: 'completed' }, { outcome: 'error' }]
        : [Object.fromEntries(m.labels.map((l) => [l, l === 'severity' ? 'high' : `stub_${l}`]))];
    for (const labels of labelSets) {
      const fmt = (extra: Record<string, string> = {}) => {
        const all = Object.entries({ ...labels, ...extra });
        return all.length ? `{${all.map(([k, v]) => `${k}="${v}"`).join(',')}}` : '';
      };
      const failed = labels.outcome === 'error';
      if (m.type === 'histogram') {
        const count = scrape * (failed ? 1 : 19);
        for (const le of ['0.5', '2', '+Inf'])
          lines.push(`${m.name}_bucket${fmt({ le })} ${le === '0.5' ? Math.floor(count / 2) : count}`);
        lines.push(`${m.name}_sum${fmt()} ${count * 0.7}`, `${m.name}_count${fmt()} ${count}`);
      } else if (m.type === 'counter') lines.push(`${m.name}${fmt()} ${scrape * 3}`);
      else lines.push(`${m.name}${fmt()} 1`);
    }
  }
  lines.push('# TYPE process_cpu_seconds_total counter', `process_cpu_seconds_total ${scrape * 0.1}`);
  return `${lines.join('\n')}\n`;
}

interface PromResponse<T> {
  status: string;
  data: T;
}
type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;

describe.skipIf(!prometheusBin)('Prometheus scraping Aralin, evaluating the rules', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aralin-prometheus-'));
  let prometheus: ChildProcess | undefined;
  let stub: Server | undefined;
  let promUrl = '';
  let promLog = '';

  async function api<T>(query: string): Promise<T> {
    const res = await fetch(`${promUrl}/api/v1/${query}`);
    const body = (await res.json()) as PromResponse<T>;
    if (body.status !== 'success') throw new Error(`prometheus ${query}: ${JSON.stringify(body)}`);
    return body.data;
  }
  const instant = (q: string) => api<{ result: Vector }>(`query?query=${encodeURIComponent(q)}`);

  beforeAll(async () => {
    let scrapes = 0;
    stub = createServer((req, res) => {
      if (req.url !== '/metrics' || req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401).end();
        return;
      }
      scrapes++;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(stubExposition(scrapes));
    });
    await new Promise<void>((resolve) => stub?.listen(0, '127.0.0.1', resolve));
    const stubAddress = stub.address();
    const stubPort = typeof stubAddress === 'object' && stubAddress ? stubAddress.port : 0;

    mkdirSync(path.join(dir, 'rules'));
    for (const f of ruleFiles()) copyFileSync(f, path.join(dir, 'rules', path.basename(f)));
    writeFileSync(path.join(dir, 'metrics_token'), token);
    const job = (name: string, port: number) => ({
      job_name: name,
      scrape_interval: '1s',
      authorization: { type: 'Bearer', credentials_file: path.join(dir, 'metrics_token') },
      static_configs: [{ targets: [`127.0.0.1:${port}`] }],
      // As the ServiceMonitor's relabelling and the Compose scrape config do.
      relabel_configs: [{ target_label: 'environment', replacement: 'test' }],
    });
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: ['rules/*.rules.yml'],
        scrape_configs: [job('aralin-stub', stubPort), ...(server ? [job('aralin', server.port)] : [])],
      }),
    );
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      prometheusBin ?? 'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=1h',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr?.on('data', (chunk: Buffer) => {
      promLog = (promLog + chunk.toString()).slice(-8000);
    });
    await waitFor(
      'Prometheus to become ready',
      async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined),
      120,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${promLog}`);
    });
  });

  afterAll(async () => {
    if (prometheus?.pid && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus?.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the stub exporter with the bearer token', async () => {
    const up = await waitFor('the stub target to be up', async () => {
      const r = await instant('up{job="aralin-stub"} == 1');
      return r.result.length === 1 ? r.result : undefined;
    });
    expect(up[0]?.metric.instance).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('loads every rule and evaluates every group without error', async () => {
    const expected = recordingRules().length;
    const groups = await waitFor('every rule group to have been evaluated', async () => {
      const data = await api<{
        groups: Array<{
          name: string;
          lastEvaluation: string;
          rules: Array<{ name: string; health: string; lastError?: string; type: string }>;
        }>;
      }>('rules');
      const evaluated = data.groups.every((g) => !g.lastEvaluation.startsWith('0001'));
      return evaluated && data.groups.length > 0 ? data.groups : undefined;
    });
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.filter((r) => r.type === 'recording')).toHaveLength(expected);
    const unhealthy = rules
      .filter((r) => r.health !== 'ok')
      .map((r) => `${r.name}: ${r.health} ${r.lastError}`);
    expect(unhealthy).toEqual([]);
  });

  it('computes the SLO recording rules from scraped data', async () => {
    // The stub serves 1 error in 20 chat turns: a 5% error ratio.
    const ratio = await waitFor('environment_job:aralin_chat_turns_errors:ratio_rate5m', async () => {
      const r = await instant('environment_job:aralin_chat_turns_errors:ratio_rate5m{job="aralin-stub"}');
      return r.result[0]?.value[1];
    });
    expect(Number(ratio)).toBeCloseTo(0.05, 5);
    const rate = await waitFor('environment_job:http_requests:rate5m', async () => {
      const r = await instant('environment_job:http_requests:rate5m{job="aralin-stub"} > 0');
      return r.result[0]?.value[1];
    });
    expect(Number(rate)).toBeGreaterThan(0);
  });

  it('fires an alert end to end: the stub reports an open high-severity safety flag', async () => {
    const alert = await waitFor('AralinHighSeveritySafetyFlag to fire', async () => {
      const r = await instant(
        'ALERTS{alertname="AralinHighSeveritySafetyFlag", environment="test", alertstate="firing"}',
      );
      return r.result[0]?.metric;
    });
    expect(alert).toMatchObject({ severity: 'critical', team: 'safeguarding', environment: 'test' });
    // Nothing in the stub is down: the availability alerts stay quiet.
    const down = await instant('ALERTS{alertname=~"AralinTargetDown|AralinDatabaseDown", job="aralin-stub"}');
    expect(down.result).toEqual([]);
  });

  it('names in rules and contract exist in what was scraped', async () => {
    const { metrics } = metricsContract();
    const names = new Set(
      (await api<string[]>(`label/__name__/values?match[]=${encodeURIComponent('{job="aralin-stub"}')}`)) ??
        [],
    );
    const missing = metrics.flatMap((m) => seriesOf(m).map((s) => s.name)).filter((n) => !names.has(n));
    expect(missing).toEqual([]);
  });

  it('scrapes the real server and sees it ready', async () => {
    runningServer();
    const ready = await waitFor('aralin_ready from the real server', async () => {
      const r = await instant('aralin_ready{job="aralin"}');
      return r.result[0]?.value[1];
    });
    expect(ready).toBe('1');
    const requests = await waitFor('http_requests_total from the real server', async () => {
      const r = await instant('sum by (route) (http_requests_total{job="aralin"})');
      return r.result.length > 0 ? r.result : undefined;
    });
    expect(requests.map((r) => r.metric.route)).toEqual(expect.arrayContaining(['/health/live']));
    const upRule = await waitFor('the HTTP recording rule over the real server', async () => {
      const r = await instant('environment_job:http_requests:rate5m{job="aralin"}');
      return r.result[0]?.value[1];
    });
    expect(Number(upRule)).toBeGreaterThanOrEqual(0);
  });
});
