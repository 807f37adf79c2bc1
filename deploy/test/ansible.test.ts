// The Ansible playbook: `ansible-playbook --syntax-check` (Debian package ansible-core) when installed, the
// role's templates rendered by Ansible itself, and a structural check of the role that needs no Ansible.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOY, listFiles, loadYaml, read, requireTool, run, tempDir } from './helpers.ts';

const ANSIBLE = path.join(DEPLOY, 'ansible');
const ROLE = path.join(ANSIBLE, 'roles', 'aralin');
const playbookBin = requireTool(
  'ansible-playbook',
  'the Ansible syntax check',
  'apt-get install ansible-core',
);

type Task = Record<string, unknown> & { name?: string; block?: Task[] };

function tasks(): Task[] {
  const flat = (ts: Task[]): Task[] => ts.flatMap((t) => [t, ...flat(t.block ?? [])]);
  return listFiles(path.join(ROLE, 'tasks'), '.yml').flatMap((f) => flat(loadYaml<Task[]>(f)));
}

describe('ansible role, read as YAML', () => {
  it('names every task and uses fully-qualified builtin modules', () => {
    for (const t of tasks()) {
      expect(t.name, JSON.stringify(t).slice(0, 80)).toBeTruthy();
      const modules = Object.keys(t).filter((k) => k.includes('.'));
      if (!t.block) expect(modules.length, t.name).toBe(1);
      for (const m of modules) expect(m, t.name).toMatch(/^ansible\.builtin\./);
    }
  });

  it('renders only templates that exist', () => {
    const used = tasks().flatMap((t) => {
      const src = (t['ansible.builtin.template'] as { src?: string } | undefined)?.src;
      if (!src) return [];
      const loop = (t.loop as string[] | undefined) ?? [];
      return src === '{{ item }}.j2' ? loop.map((i) => `${i}.j2`) : [src];
    });
    expect(used.sort()).toEqual([
      'aralin-backup.service.j2',
      'aralin-backup.timer.j2',
      'aralin.env.j2',
      'aralin.service.j2',
      'nginx-aralin.conf.j2',
    ]);
    for (const s of used) expect(read(path.join(ROLE, 'templates', s)).length).toBeGreaterThan(0);
  });

  it('builds each version in a release directory of its own and repairs a half-done run', () => {
    const all = tasks();
    const checkout = all.find((t) => t['ansible.builtin.git']) as Task;
    expect((checkout['ansible.builtin.git'] as { dest: string }).dest).toBe('{{ aralin_release_dir }}');
    const defaults = loadYaml<Record<string, string>>(path.join(ROLE, 'defaults', 'main.yml'));
    expect(defaults.aralin_release_dir).toBe('{{ aralin_home }}/releases/{{ aralin_version }}');
    // The build is guarded by a marker its last step writes, not by whether the checkout changed.
    const build = all.find((t) => t.block && t.name?.startsWith('Install dependencies')) as Task;
    expect(build.when).toBe('not aralin_release_built.stat.exists');
    const steps = build.block ?? [];
    expect((steps.at(-1)?.['ansible.builtin.copy'] as { dest: string } | undefined)?.dest).toMatch(
      /\.aralin-release-built$/,
    );
    expect(JSON.stringify(all)).not.toContain('checkout.changed');
    // The service runs the live link, switched only after the migrations.
    const names = all.map((t) => t.name);
    expect(names.indexOf('Make the release live')).toBeGreaterThan(
      names.indexOf('Apply database migrations'),
    );
    expect(read(path.join(ROLE, 'templates', 'aralin.service.j2'))).toContain(
      'WorkingDirectory={{ aralin_home }}/current',
    );
  });

  it('runs the repository backup script nightly from a systemd timer', () => {
    const copy = tasks().find((t) => t.name === 'Install the backup and restore scripts') as Task;
    expect((copy['ansible.builtin.copy'] as { src: string }).src).toBe(
      '{{ role_path }}/../../../backup/{{ item }}',
    );
    for (const f of copy.loop as string[]) expect(read(path.join(DEPLOY, 'backup', f))).toContain('set -eu');
    const timer = read(path.join(ROLE, 'templates', 'aralin-backup.timer.j2'));
    expect(timer).toContain('OnCalendar={{ aralin_backup_on_calendar }}');
    expect(timer).toContain('Persistent=true');
  });

  it('hardens the systemd unit', () => {
    const unit = read(path.join(ROLE, 'templates', 'aralin.service.j2'));
    for (const d of [
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'PrivateDevices=yes',
      'ProtectKernelTunables=yes',
      'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
      'CapabilityBoundingSet=',
      'SystemCallFilter=@system-service',
      'KillSignal=SIGTERM',
    ])
      expect(unit).toContain(d);
    expect(unit).toMatch(/^User=\{\{ aralin_user \}\}$/m);
    expect(unit).toContain('EnvironmentFile={{ aralin_config_dir }}/aralin.env');
  });

  it('keeps secrets out of logs and out of git', () => {
    const envTask = tasks().find(
      (t) => (t['ansible.builtin.template'] as { src?: string })?.src === 'aralin.env.j2',
    );
    expect(envTask?.no_log).toBe(true);
    expect((envTask?.['ansible.builtin.template'] as { mode?: string } | undefined)?.mode).toBe('0640');
    const vars = read(path.join(ANSIBLE, 'group_vars', 'aralin', 'vars.yml'));
    expect(vars).toContain('{{ vault_aralin_session_secret }}');
    expect(listFiles(path.join(ANSIBLE, 'group_vars'), 'vault.yml')).toEqual([]);
  });

  it('terminates TLS in nginx and streams chat replies unbuffered', () => {
    const site = read(path.join(ROLE, 'templates', 'nginx-aralin.conf.j2'));
    expect(site).toMatch(/listen 443 ssl http2;/);
    expect(site).toContain('ssl_certificate {{ aralin_tls_certificate }};');
    expect(site).toMatch(/location \/api\/v1\/conversations \{[^}]*proxy_buffering off;/);
  });
});

describe.skipIf(!playbookBin)('ansible-playbook', () => {
  const dir = tempDir('aralin-ansible-');

  it('--syntax-check accepts site.yml', () => {
    const r = run(
      playbookBin ?? 'ansible-playbook',
      ['--syntax-check', '-i', 'inventory.example.ini', 'site.yml'],
      {
        cwd: ANSIBLE,
      },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('playbook: site.yml');
  });

  it('renders the systemd unit and env file with Ansible', () => {
    // A throwaway local play that renders the role's templates into a temp dir (no root, no apt).
    const play = path.join(dir, 'render.yml');
    writeFileSync(
      play,
      JSON.stringify([
        {
          hosts: 'localhost',
          connection: 'local',
          gather_facts: false,
          vars_files: [path.join(ROLE, 'defaults', 'main.yml')],
          vars: {
            aralin_database_url: 'postgres://aralin:pw@db:5432/aralin',
            aralin_session_secret: 's'.repeat(40),
            aralin_metrics_token: 't'.repeat(20),
          },
          tasks: [
            'aralin.service.j2',
            'aralin.env.j2',
            'nginx-aralin.conf.j2',
            'aralin-backup.service.j2',
            'aralin-backup.timer.j2',
          ].map((t) => ({
            name: `render ${t}`,
            'ansible.builtin.template': { src: path.join(ROLE, 'templates', t), dest: path.join(dir, t) },
          })),
        },
      ]),
    );
    const r = run(playbookBin ?? 'ansible-playbook', ['-i', 'localhost,', play], { cwd: dir });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const unit = read(path.join(dir, 'aralin.service.j2'));
    expect(unit).toContain('TimeoutStopSec=30s');
    expect(unit).toContain('ReadWritePaths=/var/lib/aralin');
    const env = read(path.join(dir, 'aralin.env.j2'));
    expect(env).toContain('DATABASE_URL=postgres://aralin:pw@db:5432/aralin');
    expect(env).not.toContain('REDIS_URL');
    expect(read(path.join(dir, 'nginx-aralin.conf.j2'))).toContain(
      'ssl_certificate /etc/letsencrypt/live/aralin.example.org/fullchain.pem;',
    );
    const backup = read(path.join(dir, 'aralin-backup.service.j2'));
    expect(backup).toContain('Environment=BACKUP_DIR=/var/backups/aralin');
    expect(backup).toContain('ReadWritePaths=/var/backups/aralin');
    expect(read(path.join(dir, 'aralin-backup.timer.j2'))).toContain('OnCalendar=*-*-* 02:30:00');
  });

  it.each([
    ['v0.1.0', true],
    ['v1.2.3-rc.1', true],
    ['0123456789abcdef0123456789abcdef01234567', true],
    ['main', false],
    ['', false],
    ['v1', false],
  ])('the version check takes %j: %s', (version, accepted) => {
    const versionCheck = tasks().find((t) => t.name?.startsWith('Refuse a moving version'));
    const play = path.join(dir, 'version.yml');
    writeFileSync(
      play,
      JSON.stringify([
        {
          hosts: 'localhost',
          connection: 'local',
          gather_facts: false,
          vars: { aralin_version: version },
          tasks: [versionCheck],
        },
      ]),
    );
    const r = run(playbookBin ?? 'ansible-playbook', ['-i', 'localhost,', play], { cwd: dir });
    expect(r.status === 0, r.stdout).toBe(accepted);
    if (!accepted) expect(r.stdout).toContain('a release tag (v0.1.0) or a full commit id');
  });
});
