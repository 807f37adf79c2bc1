// Prometheus rules, their unit tests, Alertmanager routing and Grafana provisioning, checked with the real
// promtool and amtool (Debian packages prometheus and prometheus-alertmanager).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardFiles } from '../monitoring/grafana/build-dashboards.ts';
import {
  alertRules,
  DASHBOARDS_DIR,
  listFiles,
  loadYaml,
  MONITORING,
  ROOT,
  RULE_TESTS_DIR,
  RULES_DIR,
  read,
  recordingRules,
  requireTool,
  ruleFiles,
  run,
  tempDir,
} from './helpers.ts';

const promtool = requireTool(
  'promtool',
  'promtool check/test of the Prometheus rules and config',
  'apt-get install prometheus',
);
const amtool = requireTool(
  'amtool',
  'amtool check-config of alertmanager.yml',
  'apt-get install prometheus-alertmanager',
);

interface PromtoolTests {
  rule_files: string[];
  tests: Array<{
    name: string;
    alert_rule_test?: Array<{ eval_time: string; alertname: string; exp_alerts: unknown[] }>;
  }>;
}

const tmp = tempDir('aralin-monitoring-');

describe('alert rules', () => {
  const alerts = alertRules();
  const operations = read(path.join(ROOT, 'docs', 'operations.md'));
  // GitHub's heading anchors: lower-case, punctuation dropped, spaces to dashes.
  const anchors = new Set(
    [...operations.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
      (m[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    ),
  );

  it('cover every failure mode the runbook promises', () => {
    const names = alerts.map((a) => a.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const required of [
      'AralinHighErrorRatio',
      'AralinChatAvailabilityBudgetBurnFast',
      'AralinChatAvailabilityBudgetBurnSlow',
      'AralinChatLatencyBudgetBurnFast',
      'AralinChatLatencyBudgetBurnSlow',
      'AralinLLMProviderFailing',
      'AralinLLMCircuitOpen',
      'AralinInstanceNotReady',
      'AralinHighSeveritySafetyFlag',
      'AralinDatabaseDown',
      'AralinHighCPU',
      'AralinHighMemory',
      'AralinEventLoopLag',
      'AralinSSEStreamsSaturated',
      'AralinTargetsMissing',
      'Watchdog',
      'AralinExporterDown',
      'AralinHostDiskSpaceLow',
      'AralinHostMemoryLow',
      'AralinContainerMemoryNearLimit',
      'AralinPostgresDown',
      'AralinPostgresConnectionsHigh',
      'AralinPostgresReplicationLag',
      'AralinRedisDown',
      'AralinRedisMemoryHigh',
      'AralinRedisConnectionsHigh',
    ])
      expect(names).toContain(required);
  });

  it.each(alerts.map((a) => [a.alert, a] as const))(
    '%s has a severity, a summary, a description and a runbook section',
    (_name, rule) => {
      // "none": the Watchdog only, routed to the heartbeat receiver.
      expect(['critical', 'warning', 'info', 'none']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.length).toBeGreaterThan(10);
      expect(rule.annotations?.description?.length).toBeGreaterThan(20);
      const url = rule.annotations?.runbook_url ?? '';
      expect(url).toMatch(/^https:\/\/.+\/docs\/operations\.md#[a-z0-9-]+$/);
      const anchor = url.split('#')[1] ?? '';
      expect(anchor).toBe(rule.alert.toLowerCase());
      expect(anchors, `docs/operations.md has no heading for #${anchor}`).toContain(anchor);
    },
  );

  it('every alert is unit-tested both firing and not firing', () => {
    const cases = new Map<string, { firing: number; quiet: number }>();
    for (const file of listFiles(RULE_TESTS_DIR, '.test.yml')) {
      for (const t of loadYaml<PromtoolTests>(file).tests)
        for (const c of t.alert_rule_test ?? []) {
          const entry = cases.get(c.alertname) ?? { firing: 0, quiet: 0 };
          if (c.exp_alerts.length > 0) entry.firing++;
          else entry.quiet++;
          cases.set(c.alertname, entry);
        }
    }
    const missing = alerts
      .map((a) => ({ name: a.alert, ...(cases.get(a.alert) ?? { firing: 0, quiet: 0 }) }))
      // The Watchdog always fires: there is no quiet case to test.
      .filter((c) => c.firing === 0 || (c.quiet === 0 && c.name !== 'Watchdog'));
    expect(missing).toEqual([]);
    const unknown = [...cases.keys()].filter((n) => !alerts.some((a) => a.alert === n));
    expect(unknown).toEqual([]);
  });

  it('recording rules are named level:metric:operations and defined once', () => {
    const names = recordingRules().map((r) => r.record);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z_]+:[a-z_]+:[a-z0-9_]+$/);
  });
});

describe.skipIf(!promtool)('promtool', () => {
  it('check rules accepts every rule file', () => {
    const r = run(promtool ?? 'promtool', ['check', 'rules', ...ruleFiles()]);
    expect(r.stderr + r.stdout).not.toMatch(/FAILED/);
    expect(r.status).toBe(0);
  });

  it('test rules passes every unit test', () => {
    const files = listFiles(RULE_TESTS_DIR, '.test.yml');
    expect(files.length).toBeGreaterThan(0);
    const r = run(promtool ?? 'promtool', ['test', 'rules', ...files]);
    expect(r.stdout + r.stderr).toMatch(/SUCCESS/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('test rules notices a wrong expectation (the tests are not vacuous)', () => {
    const file = path.join(RULE_TESTS_DIR, 'aralin.alerts.test.yml');
    const broken = read(file)
      .replace(
        'severity: critical, team: aralin, environment: production, job: aralin, instance:',
        'severity: warning, team: aralin, environment: production, job: aralin, instance:',
      )
      .replaceAll('../rules/', `${RULES_DIR}/`);
    const copy = path.join(tmp, 'broken.test.yml');
    writeFileSync(copy, broken);
    const r = run(promtool ?? 'promtool', ['test', 'rules', copy]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/FAILED/);
  });

  it('check config accepts prometheus.yml (with its token file in place)', () => {
    const dir = path.join(tmp, 'prometheus');
    mkdirSync(path.join(dir, 'rules'), { recursive: true });
    for (const f of ruleFiles()) copyFileSync(f, path.join(dir, 'rules', path.basename(f)));
    writeFileSync(path.join(dir, 'metrics_token'), 'test-token-0123456789abcdef\n');
    const config = read(path.join(MONITORING, 'prometheus', 'prometheus.yml'));
    expect(config).toContain('credentials_file: /run/secrets/metrics_token');
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      config.replace('/run/secrets/metrics_token', path.join(dir, 'metrics_token')),
    );
    const r = run(promtool ?? 'promtool', ['check', 'config', path.join(dir, 'prometheus.yml')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });
});

describe.skipIf(!amtool)('alertmanager', () => {
  const config = path.join(MONITORING, 'alertmanager', 'alertmanager.yml');

  it('amtool check-config accepts alertmanager.yml', () => {
    const r = run(amtool ?? 'amtool', ['check-config', config]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS/);
  });

  it.each([
    [['severity=critical', 'team=aralin', 'alertname=AralinDatabaseDown'], 'aralin-pager'],
    [['severity=warning', 'team=aralin', 'alertname=AralinHighCPU'], 'aralin-tickets'],
    [
      ['severity=critical', 'team=safeguarding', 'alertname=AralinHighSeveritySafetyFlag'],
      'aralin-safeguarding',
    ],
    [['severity=info', 'team=aralin'], 'aralin-null'],
    [['severity=none', 'team=aralin', 'alertname=Watchdog'], 'aralin-heartbeat'],
    [
      ['severity=critical', 'team=aralin', 'environment=staging', 'alertname=AralinHighErrorRatio'],
      'aralin-tickets',
    ],
    [
      ['severity=critical', 'team=aralin', 'environment=production', 'alertname=AralinHighErrorRatio'],
      'aralin-pager',
    ],
    [
      [
        'severity=critical',
        'team=safeguarding',
        'environment=production',
        'alertname=AralinHighSeveritySafetyFlag',
      ],
      'aralin-safeguarding',
    ],
    [['alertname=Unlabelled'], 'aralin-tickets'],
  ])('routes %j to %s', (labels, receiver) => {
    const r = run(amtool ?? 'amtool', ['config', 'routes', 'test', `--config.file=${config}`, ...labels]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(receiver);
  });

  it('every alert severity in the rules has a route', () => {
    const routed = read(config);
    for (const a of alertRules()) expect(routed).toContain(`severity = "${a.labels?.severity}"`);
  });
});

describe('grafana', () => {
  it('the committed dashboards are what build-dashboards.ts produces', () => {
    const expected = dashboardFiles();
    const committed = listFiles(DASHBOARDS_DIR, '.json').map((f) => path.basename(f));
    expect(committed.sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected)
      expect(read(path.join(DASHBOARDS_DIR, name)), `${name} is stale: run build-dashboards.ts`).toBe(text);
  });

  it('has the overview, tutor, learning and safety dashboards, each well-formed', () => {
    const uids: string[] = [];
    for (const file of listFiles(DASHBOARDS_DIR, '.json')) {
      const d = JSON.parse(read(file)) as {
        uid: string;
        title: string;
        panels: Array<{ id: number; type: string; datasource?: { uid: string }; targets?: unknown[] }>;
      };
      uids.push(d.uid);
      const ids = d.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      const graphs = d.panels.filter((p) => p.type !== 'row');
      expect(graphs.length).toBeGreaterThan(3);
      for (const p of graphs) {
        expect(p.datasource?.uid).toBe('prometheus');
        expect(p.targets?.length).toBeGreaterThan(0);
      }
    }
    expect(uids.sort()).toEqual(['aralin-learning', 'aralin-overview', 'aralin-safety', 'aralin-tutor']);
  });

  it('provisions the datasource the dashboards name and loads dashboards from files', () => {
    const ds = loadYaml<{ datasources: Array<{ uid: string; type: string; url: string }> }>(
      path.join(MONITORING, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'),
    );
    expect(ds.datasources).toContainEqual(expect.objectContaining({ uid: 'prometheus', type: 'prometheus' }));
    const prov = loadYaml<{ providers: Array<{ type: string; options: { path: string } }> }>(
      path.join(MONITORING, 'grafana', 'provisioning', 'dashboards', 'aralin.yml'),
    );
    expect(prov.providers[0]?.type).toBe('file');
    expect(prov.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards/aralin');
  });
});
