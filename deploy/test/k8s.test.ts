// Kubernetes manifests: every overlay rendered with `kubectl kustomize` (kustomize is built into kubectl)
// and each rendered object validated against the Kubernetes OpenAPI schemas bundled by the npm package
// kubernetes-models (and @kubernetes-models/prometheus-operator for the ServiceMonitor and PrometheusRule).
// A pure-Node structural test of the base YAML runs even where kubectl is absent.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { prometheusRuleYaml, ruleGroups } from '../k8s/scripts/build-prometheusrule.ts';
import {
  DEPLOY,
  listFiles,
  loadYaml,
  loadYamlAll,
  ROOT,
  type RuleFile,
  read,
  requireTool,
  ruleFiles,
  run,
  tempDir,
} from './helpers.ts';

/** Every key of aralin-secrets the Deployment reads, sorted (the BOOTSTRAP_* ones are optional). */
const SECRET_KEYS = [
  'BOOTSTRAP_ADMIN_PASSWORD',
  'BOOTSTRAP_ADMIN_USERNAME',
  'BOOTSTRAP_SCHOOL_NAME',
  'DATABASE_URL',
  'METRICS_TOKEN',
  'REDIS_URL',
  'SESSION_SECRET',
];

const K8S = path.join(DEPLOY, 'k8s');
const OVERLAYS = ['staging', 'production'];
const kubectl = requireTool(
  'kubectl',
  'rendering the kustomize overlays',
  'the kubectl package; kustomize is built in',
);

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered Kubernetes objects are checked field by field
  spec?: any;
  automountServiceAccountToken?: boolean;
};

/** The kubernetes-models class for an object, validated against its OpenAPI schema (throws if invalid). */
async function validate(obj: Obj): Promise<void> {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const modulePath =
    group === 'monitoring.coreos.com'
      ? `@kubernetes-models/prometheus-operator/${group}/${version}/${obj.kind}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}/${obj.kind}`;
  const mod = (await import(modulePath)) as Record<string, new (o: unknown) => { validate(): void }>;
  const Model = mod[obj.kind];
  if (!Model) throw new Error(`no model for ${obj.apiVersion} ${obj.kind}`);
  new Model(obj).validate();
}

function render(dir: string): Obj[] {
  const r = run(kubectl ?? 'kubectl', ['kustomize', dir]);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${r.stderr}`);
  return loadYamlAll(r.stdout) as Obj[];
}

function byKind(objs: Obj[], kind: string): Obj {
  const found = objs.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as Obj;
}

/** The container images of every pod template, in order. */
function imagesOf(objs: Obj[]): string[] {
  return objs.flatMap((o) =>
    (o.spec?.template?.spec?.containers ?? []).map((c: { image: string }) => c.image),
  );
}

/**
 * What a stock ingress-nginx (>= 1.9) refuses to load: snippet annotations (allow-snippet-annotations is false),
 * and annotation values with a word of the annotation-value-word-blocklist its documentation gives.
 */
const INGRESS_NGINX_BLOCKED_WORDS = [
  'load_module',
  'lua_package',
  '_by_lua',
  'location',
  'root',
  'proxy_pass',
  'serviceaccount',
  '{',
  '}',
  "'",
  '\\',
];

function ingressNginxRefusals(objs: Obj[]): string[] {
  return objs
    .filter((o) => o.kind === 'Ingress')
    .flatMap((o) =>
      Object.entries((o.metadata as { annotations?: Record<string, string> }).annotations ?? {}).flatMap(
        ([key, value]) => [
          ...(key.startsWith('nginx.ingress.kubernetes.io/') && key.endsWith('-snippet')
            ? [`${key}: snippet annotations are disabled`]
            : []),
          ...INGRESS_NGINX_BLOCKED_WORDS.filter(
            (w) => key.startsWith('nginx.ingress.kubernetes.io/') && value.includes(w),
          ).map((w) => `${key}: value contains the blocked word ${JSON.stringify(w)}`),
        ],
      ),
    );
}

function assertIngressNginxDefaults(objs: Obj[]) {
  expect(ingressNginxRefusals(objs)).toEqual([]);
}

/** The checks every rendering (and the raw base) must pass. */
function assertProductionReady(objs: Obj[]) {
  const kinds = objs.map((o) => o.kind).sort();
  for (const k of [
    'ConfigMap',
    'Deployment',
    'HorizontalPodAutoscaler',
    'Ingress',
    'Job',
    'NetworkPolicy',
    'PodDisruptionBudget',
    'Service',
    'ServiceAccount',
    'ServiceMonitor',
    'PrometheusRule',
  ])
    expect(kinds).toContain(k);
  expect(kinds).not.toContain('Secret'); // secrets never live in git

  const deploy = byKind(objs, 'Deployment');
  expect(deploy.spec.strategy).toEqual({
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
  });
  const pod = deploy.spec.template.spec;
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(pod.securityContext).toMatchObject({
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  const c = pod.containers[0];
  expect(c.startupProbe.httpGet.path).toBe('/health/live');
  expect(c.readinessProbe.httpGet.path).toBe('/health/ready');
  expect(c.livenessProbe.httpGet.path).toBe('/health/live');
  expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
  expect(c.resources.requests.cpu).toBeDefined();
  expect(c.resources.requests.memory).toBeDefined();
  expect(c.resources.limits.memory).toBe('1Gi'); // AralinHighMemory fires at 80% of 1 GiB
  expect(c.securityContext).toMatchObject({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  const secretKeys = c.env
    .filter((e: { valueFrom?: { secretKeyRef?: unknown } }) => e.valueFrom?.secretKeyRef)
    .map((e: { name: string }) => e.name)
    .sort();
  expect(secretKeys).toEqual(SECRET_KEYS);
  // Only the first start's school and admin may be missing from the Secret.
  const optional = c.env
    .filter(
      (e: { valueFrom?: { secretKeyRef?: { optional?: boolean } } }) => e.valueFrom?.secretKeyRef?.optional,
    )
    .map((e: { name: string }) => e.name)
    .sort();
  expect(optional).toEqual(['BOOTSTRAP_ADMIN_PASSWORD', 'BOOTSTRAP_ADMIN_USERNAME', 'BOOTSTRAP_SCHOOL_NAME']);
  expect(c.env.every((e: { value?: string }) => e.value === undefined)).toBe(true);
  const mounts = c.volumeMounts.map((m: { mountPath: string }) => m.mountPath).sort();
  expect(mounts).toEqual(['/data', '/tmp']);

  // The grace period covers preStop + the server's drain.
  const config = byKind(objs, 'ConfigMap');
  const drainMs = Number((config as unknown as { data: Record<string, string> }).data.DRAIN_TIMEOUT_MS);
  expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(5 + drainMs / 1000);

  const sa = byKind(objs, 'ServiceAccount');
  expect(sa.automountServiceAccountToken).toBe(false);
  expect(pod.serviceAccountName).toBe(sa.metadata.name);

  const hpa = byKind(objs, 'HorizontalPodAutoscaler');
  expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(10);
  expect(hpa.spec.metrics.map((m: { type: string }) => m.type).sort()).toEqual(['Pods', 'Resource']);
  expect(hpa.spec.metrics.find((m: { type: string }) => m.type === 'Pods').pods.metric.name).toBe(
    'aralin_sse_streams_active',
  );

  const np = byKind(objs, 'NetworkPolicy');
  expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  const egressPorts = np.spec.egress.flatMap((e: { ports: Array<{ port: number }> }) =>
    e.ports.map((p) => p.port),
  );
  expect(egressPorts.sort((a: number, b: number) => a - b)).toEqual([53, 53, 443, 5432, 6379]);
  expect(np.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe(
    'ingress-nginx',
  );

  const job = byKind(objs, 'Job');
  expect(job.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  expect(job.spec.template.spec.containers[0].command.join(' ')).toContain('migrateDatabase');

  // /metrics is served on its own port (METRICS_PORT), scraped there, open to Prometheus only and never
  // behind the Ingress, which reaches the Service's http port.
  const sm = byKind(objs, 'ServiceMonitor');
  const metricsPort = Number((config as unknown as { data: Record<string, string> }).data.METRICS_PORT);
  expect(sm.spec.endpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics' });
  expect(c.ports).toContainEqual({ name: 'metrics', containerPort: metricsPort, protocol: 'TCP' });
  const promIngress = np.spec.ingress.find(
    (r: { from: Array<{ podSelector?: { matchLabels: Record<string, string> } }> }) =>
      r.from[0]?.podSelector?.matchLabels['app.kubernetes.io/name'] === 'prometheus',
  );
  expect(promIngress.ports).toEqual([{ port: metricsPort, protocol: 'TCP' }]);
  const ingress = byKind(objs, 'Ingress');
  const backendPort = ingress.spec.rules[0].http.paths[0].backend.service.port.name;
  const servicePort = byKind(objs, 'Service').spec.ports.find(
    (p: { name: string }) => p.name === backendPort,
  );
  expect(servicePort.targetPort).toBe('http');
  // The environment label comes from the Service's label, through the ServiceMonitor's relabelling.
  expect(sm.spec.endpoints[0].relabelings[0]).toEqual({
    action: 'replace',
    sourceLabels: ['__meta_kubernetes_service_label_environment'],
    targetLabel: 'environment',
  });
  assertIngressNginxDefaults(objs);
  // The operator's Prometheus selects rules by the same release label as service monitors, and loads
  // exactly the groups of deploy/monitoring/prometheus/rules (what promtool checks and unit-tests).
  const rule = byKind(objs, 'PrometheusRule');
  expect(rule.metadata.labels?.release).toBe(sm.metadata.labels?.release);
  expect(rule.spec.groups).toEqual(ruleFiles().flatMap((f) => loadYaml<RuleFile>(f).groups));
  const svc = byKind(objs, 'Service');
  expect(svc.spec.selector).toEqual(deploy.spec.selector.matchLabels);
  expect(byKind(objs, 'PodDisruptionBudget').spec.selector.matchLabels).toEqual(
    deploy.spec.selector.matchLabels,
  );
}

describe('kustomize base, read as YAML (no kubectl needed)', () => {
  const base = listFiles(path.join(K8S, 'base'), '.yaml')
    .filter((f) => !f.endsWith('kustomization.yaml'))
    .flatMap((f) => loadYamlAll(read(f)) as Obj[]);
  const kustomization = loadYaml<{
    resources: string[];
    configMapGenerator: Array<{ name: string; literals: string[] }>;
  }>(path.join(K8S, 'base', 'kustomization.yaml'));

  it('lists every manifest file as a resource', () => {
    const files = listFiles(path.join(K8S, 'base'), '.yaml')
      .map((f) => path.basename(f))
      .filter((f) => f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('has every required object, hardened', () => {
    const generated = kustomization.configMapGenerator.map((g) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: g.name },
      data: Object.fromEntries(g.literals.map((l) => l.split('=', 2) as [string, string])),
    }));
    assertProductionReady([...base, ...(generated as unknown as Obj[])]);
  });

  it('validates against the Kubernetes schemas', async () => {
    for (const o of base) await validate(o);
  });

  it('an Ingress with the old server-snippet is refused by the ingress-nginx defaults check (not vacuous)', () => {
    const ingress = structuredClone(base.find((o) => o.kind === 'Ingress')) as Obj & {
      metadata: { annotations: Record<string, string> };
    };
    ingress.metadata.annotations['nginx.ingress.kubernetes.io/server-snippet'] =
      'location = /metrics { return 404; }\n';
    expect(ingressNginxRefusals([ingress])).toEqual([
      'nginx.ingress.kubernetes.io/server-snippet: snippet annotations are disabled',
      'nginx.ingress.kubernetes.io/server-snippet: value contains the blocked word "location"',
      'nginx.ingress.kubernetes.io/server-snippet: value contains the blocked word "{"',
      'nginx.ingress.kubernetes.io/server-snippet: value contains the blocked word "}"',
    ]);
  });

  it('the schema validation rejects a broken object (not vacuous)', async () => {
    const deploy = structuredClone(base.find((o) => o.kind === 'Deployment')) as Obj;
    deploy.spec.replicas = 'two';
    await expect(validate(deploy)).rejects.toThrow(/replicas/);
  });
});

describe.skipIf(!kubectl).each(OVERLAYS)('overlay %s rendered by kubectl kustomize', (overlay) => {
  const objs = kubectl ? render(path.join(K8S, 'overlays', overlay)) : [];

  it('renders a complete, hardened deployment', () => {
    assertProductionReady(objs);
  });

  it('puts everything in its namespace and pins the image by registry and tag', () => {
    const ns = overlay === 'production' ? 'aralin' : 'aralin-staging';
    for (const o of objs) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(ns);
    const images = imagesOf(objs);
    expect(images.length).toBe(2);
    for (const i of images) expect(i).toMatch(/^ghcr\.io\/aralin-ph\/aralin:[\w.-]+$/);
  });

  it('labels its Service with the environment the ServiceMonitor relabels from', () => {
    expect(byKind(objs, 'Service').metadata.labels?.environment).toBe(overlay);
  });

  it('refers to the generated ConfigMap by its hashed name', () => {
    const cm = byKind(objs, 'ConfigMap');
    expect(cm.metadata.name).toMatch(/^aralin-config-[a-z0-9]+$/);
    expect(byKind(objs, 'Deployment').spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(
      cm.metadata.name,
    );
  });

  it('validates every object against the Kubernetes schemas', async () => {
    for (const o of objs) await validate(o);
  });
});

describe('the PrometheusRule generated from deploy/monitoring/prometheus/rules', () => {
  const dir = tempDir('aralin-rules-');
  /** A fresh folder of rule files, name → text. */
  const rulesDir = (files: Record<string, string>) => {
    const d = mkdtempSync(path.join(dir, 'case-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
    return d;
  };
  const group = (name: string) =>
    `groups:\n  - name: ${name}\n    rules:\n      - record: a:b:c\n        expr: up\n`;

  it('is committed exactly as build-prometheusrule.ts produces it', () => {
    expect(
      read(path.join(K8S, 'base', 'prometheusrule.yaml')),
      'deploy/k8s/base/prometheusrule.yaml is stale: run deploy/k8s/scripts/build-prometheusrule.ts',
    ).toBe(prometheusRuleYaml());
  });

  it('carries every group and rule of the rule files, unchanged', () => {
    const [rule] = loadYamlAll(read(path.join(K8S, 'base', 'prometheusrule.yaml'))) as Obj[];
    const fromFiles = ruleFiles().flatMap((f) => loadYaml<RuleFile>(f).groups);
    expect(rule?.spec.groups).toEqual(fromFiles);
    expect(rule?.spec.groups).toEqual(ruleGroups());
    const count = (gs: RuleFile['groups']) => gs.reduce((n, g) => n + g.rules.length, 0);
    expect(count(rule?.spec.groups)).toBe(count(fromFiles));
    expect(count(fromFiles)).toBeGreaterThan(20);
  });

  it('the schema validation rejects a rule without an expression (not vacuous)', async () => {
    const [rule] = loadYamlAll(read(path.join(K8S, 'base', 'prometheusrule.yaml'))) as Obj[];
    const broken = structuredClone(rule) as Obj;
    delete broken.spec.groups[0].rules[0].expr;
    await expect(validate(broken)).rejects.toThrow(/expr/);
  });

  it('refuses a rule group name used twice (one operator rule file needs unique names)', () => {
    const twice = rulesDir({ 'a.rules.yml': group('g'), 'b.rules.yml': group('g') });
    expect(() => prometheusRuleYaml(twice)).toThrow('rule group g is defined twice');
    expect(prometheusRuleYaml(rulesDir({ 'a.rules.yml': group('g'), 'b.rules.yml': group('h') }))).toContain(
      'name: h',
    );
  });

  it('refuses a rule file without groups, and a folder without rule files', () => {
    const noGroups = rulesDir({ 'a.rules.yml': group('g'), 'b.rules.yml': '# nothing here\n' });
    expect(() => prometheusRuleYaml(noGroups)).toThrow('b.rules.yml has no rule groups');
    expect(() => prometheusRuleYaml(rulesDir({ 'notes.yml': group('g') }))).toThrow(/no \*\.rules\.yml/);
  });
});

describe.skipIf(!kubectl)('the example secret generator', () => {
  const dir = tempDir('aralin-secret-');

  it('renders aralin-secrets with every key the Deployment reads', async () => {
    const example = path.join(K8S, 'examples', 'secret');
    copyFileSync(path.join(example, 'kustomization.yaml'), path.join(dir, 'kustomization.yaml'));
    copyFileSync(path.join(example, 'secrets.env.example'), path.join(dir, 'secrets.env'));
    const [secret] = render(dir) as Array<Obj & { data: Record<string, string> }>;
    expect(secret?.kind).toBe('Secret');
    expect(secret?.metadata.name).toBe('aralin-secrets');
    expect(Object.keys(secret?.data ?? {}).sort()).toEqual(SECRET_KEYS);
    // kustomize wraps long base64 values; the API server's decoder skips the newlines, the validator does not.
    if (secret)
      await validate({
        ...secret,
        data: Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, v.replace(/\s/g, '')])),
      } as Obj);
    expect(read(path.join(example, '.gitignore'))).toContain('secrets.env');
  });
});

describe.skipIf(!kubectl)('deploy/k8s/scripts/deploy.sh', () => {
  /** deploy.sh with RENDER_ONLY=1: prints the rendered overlay instead of applying it. */
  const deployScript = (overlay: string, tag: string) =>
    spawnSync('bash', [path.join(K8S, 'scripts', 'deploy.sh'), overlay, tag], {
      env: { ...process.env, RENDER_ONLY: '1' },
      encoding: 'utf8',
    });

  it('renders an overlay pinned to an immutable image tag', () => {
    const r = deployScript('production', 'sha-0123456789abcdef');
    expect(r.status, r.stderr).toBe(0);
    const objs = loadYamlAll(r.stdout) as Obj[];
    const images = imagesOf(objs);
    expect(images).toEqual([
      'ghcr.io/aralin-ph/aralin:sha-0123456789abcdef',
      'ghcr.io/aralin-ph/aralin:sha-0123456789abcdef',
    ]);
    expect(new Set(objs.map((o) => o.metadata.namespace))).toEqual(new Set(['aralin']));
  });

  it("pins the tag on any owner's image (IMAGE), never leaving the overlay's :latest", () => {
    const r = spawnSync('bash', [path.join(K8S, 'scripts', 'deploy.sh'), 'staging', 'sha-0123abc'], {
      env: { ...process.env, RENDER_ONLY: '1', IMAGE: 'ghcr.io/some-fork/aralin' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(imagesOf(loadYamlAll(r.stdout) as Obj[])).toEqual([
      'ghcr.io/some-fork/aralin:sha-0123abc',
      'ghcr.io/some-fork/aralin:sha-0123abc',
    ]);
  });

  it.each([['latest'], ['bad tag'], ['']])('refuses the tag %j', (tag) => {
    const r = deployScript('staging', tag);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown overlay', () => {
    const r = deployScript('qa', 'sha-1');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no overlay qa');
  });
});

// The migration Job's own command, run against the machine's PostgreSQL in a throwaway database.
const PG_ADMIN_URL = process.env.ARALIN_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgReachable = await (async () => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    console.warn(
      `\n[deploy tests] SKIPPING the migration Job command test: no PostgreSQL at ${PG_ADMIN_URL}.\n`,
    );
    return false;
  } finally {
    await client.end().catch(() => {});
  }
})();

describe.skipIf(!pgReachable)('the migration Job command', () => {
  it('migrates an empty PostgreSQL database', async () => {
    const job = loadYaml<Obj>(path.join(K8S, 'base', 'migration-job.yaml'));
    const command: string[] = job.spec.template.spec.containers[0].command;
    expect(command.slice(0, 3)).toEqual(['node', '--input-type=module', '-e']);
    const script = (command[3] ?? '').replaceAll('/app/', ROOT);
    const db = `aralin_migrate_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${db}`);
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${db}`;
      const r = spawnSync(process.execPath, [command[1] ?? '', command[2] ?? '', script], {
        env: { ...process.env, DATABASE_URL: url.toString() },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('migrations applied');
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const tables = await check.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
      );
      await check.end();
      expect(tables.rows[0].n).toBeGreaterThan(5);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    }
  });
});
