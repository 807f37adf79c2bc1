// Shared helpers for the deploy/ tests: paths, YAML loading, system tools, temp dirs, free ports, polling.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEPLOY = path.join(ROOT, 'deploy');
export const MONITORING = path.join(DEPLOY, 'monitoring');
export const RULES_DIR = path.join(MONITORING, 'prometheus', 'rules');
export const RULE_TESTS_DIR = path.join(MONITORING, 'prometheus', 'tests');
export const DASHBOARDS_DIR = path.join(MONITORING, 'grafana', 'dashboards');
export const SERVER_METRICS = path.join(ROOT, 'apps', 'server', 'src', 'metrics.ts');

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}

export function loadYaml<T = unknown>(file: string): T {
  return parseYaml(read(file), { prettyErrors: true }) as T;
}

export function loadYamlAll(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
    return doc.toJS();
  });
}

export function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The absolute path of an executable on PATH (or an absolute path that exists), else null. */
export function which(bin: string): string | null {
  const candidates = bin.includes('/')
    ? [bin]
    : (process.env.PATH ?? '').split(':').map((d) => path.join(d, bin));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {}
  }
  return null;
}

/** which(), and a loud warning naming the suites that will be skipped when the tool is absent. */
export function requireTool(bin: string, what: string, install: string): string | null {
  const found = which(bin);
  if (!found) console.warn(`\n[deploy tests] SKIPPING ${what}: \`${bin}\` is not installed (${install}).\n`);
  return found;
}

/** A fresh temporary directory, removed after the enclosing suite (or file) has run. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { cwd?: string; input?: string } = {}): RunResult {
  const r = spawnSync(cmd, args, {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value other than undefined, or throws after `attempts` tries. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  attempts = 120,
  delayMs = 500,
): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, delayMs));
  }
  throw new Error(`gave up waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Prometheus rule files

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}
export interface RuleFile {
  groups: Array<{ name: string; interval?: string; rules: Array<AlertRule | RecordingRule> }>;
}

export function ruleFiles(): string[] {
  return listFiles(RULES_DIR, '.rules.yml');
}

export function allRules(): Array<AlertRule | RecordingRule> {
  return ruleFiles().flatMap((f) => loadYaml<RuleFile>(f).groups.flatMap((g) => g.rules));
}

export function alertRules(): AlertRule[] {
  return allRules().filter((r): r is AlertRule => 'alert' in r);
}

export function recordingRules(): RecordingRule[] {
  return allRules().filter((r): r is RecordingRule => 'record' in r);
}

// ---------------------------------------------------------------------------------------------
// The metrics contract (deploy/monitoring/metrics.json)

export interface ContractMetric {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  labels: string[];
}
export interface MetricsContract {
  metrics: ContractMetric[];
  default_metrics: ContractMetric[];
  exporter_metrics: ContractMetric[];
  target_labels: string[];
  prometheus_synthetic: string[];
}

export function metricsContract(): MetricsContract {
  return JSON.parse(read(path.join(MONITORING, 'metrics.json'))) as MetricsContract;
}

/** Series names a contract metric produces, with the labels each carries (histograms add le). */
export function seriesOf(m: ContractMetric): Array<{ name: string; labels: string[] }> {
  if (m.type === 'histogram')
    return [
      { name: `${m.name}_bucket`, labels: [...m.labels, 'le'] },
      { name: `${m.name}_sum`, labels: m.labels },
      { name: `${m.name}_count`, labels: m.labels },
    ];
  return [{ name: m.name, labels: m.labels }];
}

/** Every series name the contract (and Prometheus itself) produces, with the labels it may carry. */
export function contractSeriesLabels(): Map<string, Set<string>> {
  const contract = metricsContract();
  const labels = new Map<string, Set<string>>();
  for (const m of [...contract.metrics, ...contract.default_metrics, ...contract.exporter_metrics])
    for (const s of seriesOf(m)) labels.set(s.name, new Set([...s.labels, ...contract.target_labels]));
  for (const s of contract.prometheus_synthetic) labels.set(s, new Set(contract.target_labels));
  labels.get('ALERTS')?.add('alertname').add('alertstate').add('severity');
  return labels;
}
