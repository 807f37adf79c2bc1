// The container image and the Compose stack. This machine has the docker CLI but no engine, so the
// Compose file is checked at the YAML level (services, healthchecks, dependencies, secrets, mounts) and by
// Debian's docker-compose 1.29 (`config`, which validates against the Compose schema without an engine), and
// the Dockerfile by the dockerfile-utils validator (the linter of VS Code's Dockerfile language server) and
// its instructions; `docker build` and `docker compose config` (v2) run in CI (.github/workflows/ci.yml).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationSeverity, type ValidatorSettings, validate as validateDockerfile } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { DEPLOY, loadYaml, loadYamlAll, ROOT, read, requireTool, run, tempDir } from './helpers.ts';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  deploy?: { replicas?: number; resources?: { limits?: { memory?: string } } };
  read_only?: boolean;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  secrets?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  command?: string[] | string;
}
interface Compose {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
}

const dockerDir = path.join(DEPLOY, 'docker');
const compose = loadYaml<Compose>(path.join(dockerDir, 'compose.yaml'));

describe('compose.yaml', () => {
  const s = compose.services;

  it('runs two servers behind nginx with PostgreSQL, its backup, Redis, the exporters and the monitoring', () => {
    expect(Object.keys(s).sort()).toEqual(
      [
        'alertmanager',
        'backup',
        'cadvisor',
        'grafana',
        'migrate',
        'nginx',
        'node-exporter',
        'postgres',
        'postgres-exporter',
        'prometheus',
        'redis',
        'redis-exporter',
        'server',
      ].sort(),
    );
    expect(s.server?.deploy?.replicas).toBe(2);
    expect(s.server?.ports).toBeUndefined(); // only nginx is published
    expect(s.nginx?.ports).toEqual(['8080:8080']);
  });

  it('publishes Prometheus and Alertmanager (no authentication) on the loopback only', () => {
    expect(s.prometheus?.ports).toEqual(['127.0.0.1:9090:9090']);
    expect(s.alertmanager?.ports).toEqual(['127.0.0.1:9093:9093']);
    expect(JSON.stringify(s.prometheus?.command)).not.toContain('--web.enable-lifecycle');
    // Only nginx (the app) and Grafana (its own sign-in) are reachable from other hosts.
    const open = Object.entries(s)
      .filter(([, svc]) => (svc.ports ?? []).some((p) => !p.startsWith('127.0.0.1:')))
      .map(([name]) => name);
    expect(open.sort()).toEqual(['grafana', 'nginx']);
  });

  it('scrapes every exporter at a service of the stack, each job labelled with its environment', () => {
    const prom = loadYaml<{
      scrape_configs: Array<{
        job_name: string;
        static_configs?: Array<{ targets: string[] }>;
        relabel_configs?: Array<{ target_label: string; replacement: string }>;
      }>;
    }>(path.join(DEPLOY, 'monitoring', 'prometheus', 'prometheus.yml'));
    const jobs = new Map(prom.scrape_configs.map((c) => [c.job_name, c]));
    for (const [job, service] of [
      ['node', 'node-exporter'],
      ['cadvisor', 'cadvisor'],
      ['postgres', 'postgres-exporter'],
      ['redis', 'redis-exporter'],
    ]) {
      const host = jobs.get(job ?? '')?.static_configs?.[0]?.targets[0]?.split(':')[0];
      expect(host, job).toBe(service);
      expect(s[service ?? '']?.healthcheck, service).toBeDefined();
    }
    for (const c of prom.scrape_configs)
      expect(c.relabel_configs, c.job_name).toContainEqual({
        target_label: 'environment',
        replacement: 'production',
      });
  });

  it('backs PostgreSQL up with the repository script into a volume of its own', () => {
    expect(s.backup?.volumes).toEqual([
      '../backup/pg-backup.sh:/usr/local/bin/pg-backup.sh:ro',
      'backups:/backups',
    ]);
    expect(s.backup?.environment?.BACKUP_KEEP_DAYS).toMatch(/^\d+$/);
    expect(s.backup?.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('tells the server it listens for the network behind exactly one proxy', () => {
    // The server's environment is the shared x-server-env block (a YAML merge key).
    const env = (s.server?.environment as { '<<'?: Record<string, string> } | undefined)?.['<<'];
    expect(env).toMatchObject({ HOST: '0.0.0.0', TRUST_PROXY: '1' });
  });

  it('gives every long-running service a healthcheck', () => {
    for (const [name, svc] of Object.entries(s)) {
      if (name === 'migrate') continue;
      expect(svc.healthcheck?.test, name).toBeDefined();
    }
    expect(JSON.stringify(s.server?.healthcheck?.test)).toContain('/health/ready');
  });

  it('starts services in dependency order on healthy dependencies', () => {
    expect(s.server?.depends_on).toEqual({
      migrate: { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(s.migrate?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(s.nginx?.depends_on?.server?.condition).toBe('service_healthy');
    expect(s.grafana?.depends_on?.prometheus?.condition).toBe('service_healthy');
    for (const [name, svc] of Object.entries(s))
      for (const dep of Object.keys(svc.depends_on ?? {}))
        expect(Object.keys(s), `${name} → ${dep}`).toContain(dep);
  });

  it('runs the server read-only with secrets from files, never inline', () => {
    expect(s.server?.read_only).toBe(true);
    expect(s.server?.secrets?.sort()).toEqual(['metrics_token', 'postgres_password', 'session_secret']);
    for (const [name, def] of Object.entries(compose.secrets)) {
      expect(def.file, name).toMatch(/^\.\/secrets\//);
    }
    const text = read(path.join(dockerDir, 'compose.yaml'));
    expect(text).not.toMatch(/SESSION_SECRET:\s*\S/);
    expect(read(path.join(dockerDir, 'secrets', '.gitignore'))).toMatch(/^\*$/m);
  });

  it('mounts files that exist in the repository', () => {
    for (const [name, svc] of Object.entries(s))
      for (const v of svc.volumes ?? []) {
        const source = v.split(':')[0] ?? '';
        if (source.startsWith('/')) {
          // The host itself, read-only, for the exporters that report on it.
          expect(['node-exporter', 'cadvisor'], `${name}: host path ${source}`).toContain(name);
          expect(v, name).toMatch(/:ro(,rslave)?$/);
          continue;
        }
        if (!source.startsWith('.')) {
          expect(Object.keys(compose.volumes), `${name}: named volume ${source}`).toContain(source);
          continue;
        }
        expect(existsSync(path.join(dockerDir, source)), `${name}: ${source}`).toBe(true);
      }
    expect(s.server?.build ?? s.migrate?.build).toEqual({
      context: '../..',
      dockerfile: 'deploy/docker/Dockerfile',
    });
  });

  it('feeds Prometheus the token file its scrape config names', () => {
    expect(s.prometheus?.secrets).toContain('metrics_token');
    expect(read(path.join(DEPLOY, 'monitoring', 'prometheus', 'prometheus.yml'))).toContain(
      'credentials_file: /run/secrets/metrics_token',
    );
  });

  it('nginx proxies to the server service, streams server-sent events unbuffered, resends only keyed turns', () => {
    const conf = read(path.join(dockerDir, 'nginx.conf'));
    expect(conf).toMatch(/upstream aralin \{[^}]*server server:8080/);
    const block = (name: string) =>
      new RegExp(`location ${name} \\{([\\s\\S]*?)\\n {4}\\}`).exec(conf)?.[1] ?? '';
    const turn = block('/api/v1/conversations');
    const keyed = block('@keyed_turn');
    for (const b of [turn, keyed]) expect(b).toContain('proxy_buffering off;');
    // Only turns with an Idempotency-Key may be resent to another instance after one has seen them.
    expect(turn).toContain('error_page 418 = @keyed_turn;');
    expect(turn).toMatch(/proxy_next_upstream error timeout http_503;/);
    expect(keyed).toMatch(/proxy_next_upstream error timeout http_503 non_idempotent;/);
    expect(conf).toMatch(/location = \/metrics \{\s*return 404;/);
  });
});

const dockerCompose = requireTool(
  'docker-compose',
  'validating compose.yaml with docker-compose config',
  'apt-get install docker-compose',
);

describe.skipIf(!dockerCompose)('compose.yaml under docker-compose config', () => {
  // A temp copy laid out like the repository, with throwaway secret files (the real ones are never in git).
  const root = tempDir('aralin-compose-');
  const dir = path.join(root, 'deploy', 'docker');
  mkdirSync(path.join(dir, 'secrets'), { recursive: true });
  for (const def of Object.values(compose.secrets)) writeFileSync(path.join(dir, def.file), 'not-a-secret\n');
  // docker-compose 1.29 predates the top-level `name`; it gets the same project name from -p instead.
  const source = read(path.join(dockerDir, 'compose.yaml'));
  if (source.match(/^name: aralin\n/gm)?.length !== 1)
    throw new Error('compose.yaml: expected `name: aralin`');
  writeFileSync(path.join(dir, 'compose.yaml'), source.replace(/^name: aralin\n/m, ''));

  const config = (file: string, env: Record<string, string>, ...flags: string[]) =>
    run('env', [
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      dockerCompose ?? 'docker-compose',
      ...['-p', 'aralin', '-f', path.join(dir, file), 'config', ...flags],
    ]);

  it('is valid and resolves every secret to its file', () => {
    const quiet = config('compose.yaml', { GRAFANA_ADMIN_PASSWORD: 'ci' }, '-q');
    expect(quiet.status, quiet.stderr).toBe(0);
    const r = config('compose.yaml', { GRAFANA_ADMIN_PASSWORD: 'ci' });
    expect(r.status, r.stderr).toBe(0);
    const [resolved] = loadYamlAll(r.stdout) as Compose[];
    expect(Object.keys(resolved?.services ?? {}).sort()).toEqual(Object.keys(compose.services).sort());
    for (const [name, def] of Object.entries(resolved?.secrets ?? {}))
      expect(def.file, name).toBe(path.join(dir, 'secrets', name));
    expect(resolved?.services.grafana?.environment?.GF_SECURITY_ADMIN_PASSWORD).toBe('ci');
    expect(resolved?.services.server?.image).toBe('aralin:local');
  });

  it('refuses to start without GRAFANA_ADMIN_PASSWORD', () => {
    const r = config('compose.yaml', {});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('set GRAFANA_ADMIN_PASSWORD');
  });

  it('rejects an invalid file (the check is not vacuous)', () => {
    writeFileSync(
      path.join(dir, 'broken.yaml'),
      read(path.join(dir, 'compose.yaml')).replace(
        'condition: service_completed_successfully',
        'condition: service_finished',
      ),
    );
    const r = config('broken.yaml', { GRAFANA_ADMIN_PASSWORD: 'ci' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('service_finished');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read(path.join(dockerDir, 'Dockerfile'));
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'));
  const stages = instructions.filter((l) => l.startsWith('FROM '));

  // Every check dockerfile-utils can raise, as an error.
  const strict: ValidatorSettings = {
    deprecatedMaintainer: ValidationSeverity.ERROR,
    directiveCasing: ValidationSeverity.ERROR,
    emptyContinuationLine: ValidationSeverity.ERROR,
    instructionCasing: ValidationSeverity.ERROR,
    instructionCmdMultiple: ValidationSeverity.ERROR,
    instructionEntrypointMultiple: ValidationSeverity.ERROR,
    instructionHealthcheckMultiple: ValidationSeverity.ERROR,
    instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
    instructionWorkdirRelative: ValidationSeverity.ERROR,
  };

  it('has no findings from the dockerfile-utils validator', () => {
    const findings = validateDockerfile(dockerfile, strict).map(
      (d) => `${d.range.start.line + 1}: ${d.message}`,
    );
    expect(findings).toEqual([]);
  });

  it('the validator reports a broken Dockerfile (not vacuous)', () => {
    const broken = dockerfile
      .replace('WORKDIR /app', 'WORKDIR app')
      .replace('EXPOSE 8080', 'EXPOSE http')
      .replace('HEALTHCHECK --interval', 'HEALTHCHECK --intervals');
    const messages = validateDockerfile(broken, strict).map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/WORKDIR/i),
        expect.stringContaining('Invalid containerPort: http'),
        expect.stringContaining('Unknown flag: intervals'),
      ]),
    );
  });

  it('is multi-stage on a pinned node 24 slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-slim(@sha256:[a-f0-9]{64})?$/m);
  });

  it('installs only production dependencies in the final stage, and runs as a non-root user', () => {
    const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1) ?? ''));
    expect(finalStage.some((l) => /RUN .*npm ci --omit=dev/.test(l))).toBe(true);
    // From the build stage it takes the static bundle only, never its node_modules (dev dependencies).
    expect(finalStage.filter((l) => l.includes('--from='))).toEqual([
      'COPY --from=build /src/apps/web/dist apps/web/dist',
    ]);
    expect(finalStage.filter((l) => l.startsWith('COPY ') && l.includes('node_modules'))).toEqual([]);
    expect(finalStage.filter((l) => l.startsWith('USER ')).at(-1)).toMatch(/^USER node(:node)?$/);
    expect(finalStage.some((l) => l.startsWith('HEALTHCHECK') && l.includes('/health/live'))).toBe(true);
    expect(finalStage.some((l) => l.startsWith('VOLUME') && l.includes('/data'))).toBe(true);
    expect(finalStage.at(-1)).toBe('CMD ["node", "apps/server/src/main.ts"]');
  });

  it('copies only paths that exist', () => {
    for (const l of instructions.filter((i) => i.startsWith('COPY ') && !i.includes('--from='))) {
      const parts = l.split(/\s+/).slice(1, -1);
      for (const p of parts) expect(existsSync(path.join(ROOT, p)), l).toBe(true);
    }
  });

  it('gives the web build the TypeScript configuration its own extends', () => {
    const buildStage = instructions.slice(0, instructions.indexOf(stages[1] ?? ''));
    const web = JSON.parse(read(path.join(ROOT, 'apps', 'web', 'tsconfig.json'))) as { extends: string };
    const base = path.relative(ROOT, path.join(ROOT, 'apps', 'web', web.extends));
    expect(buildStage).toContain(`COPY ${base} ./`);
  });

  it('never removes a cache mount’s target (a mount point: the step fails)', () => {
    for (const l of instructions.filter((i) => i.startsWith('RUN --mount=type=cache'))) {
      const target = /target=(\S+)/.exec(l)?.[1] ?? '';
      expect(l, l).not.toMatch(new RegExp(`rm -rf[^&]* ${target}(\\s|$)`));
    }
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignore = read(path.join(ROOT, '.dockerignore'));
    for (const p of ['**/node_modules', '.git', '**/.env']) expect(ignore).toContain(p);
  });
});
