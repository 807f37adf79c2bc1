// The real Dockerfile, built and started with buildah (`apt-get install buildah busybox-static`). Base images
// cannot be pulled here, so deploy/docker/standin-base.sh first builds a stand-in for the Dockerfile's base
// (its Node from the `node` dev dependency, this machine's libraries) under the base's own name, and the image
// is built with pulls disabled. Then the image's own command runs with the image's user and environment
// (`buildah run`: this machine's container runtime cannot start containers on its cgroup layout, and chroot
// isolation needs none) until /health/ready answers 200, and its size is printed.
// buildah keeps its own storage in node_modules/.cache/aralin-image, never touching the machine's images, and
// keeps the layers there: a second run rebuilds only what changed (a cold build took 4 minutes here).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY, freePort, ROOT, requireTool, waitFor } from './helpers.ts';

const buildah = requireTool('buildah', 'building and starting the real image', 'apt-get install buildah');
const BUILDAH = buildah ?? 'buildah';
const busybox = requireTool('busybox', 'the stand-in base image', 'apt-get install busybox-static');
const isRoot = process.getuid?.() === 0;
if (buildah && !isRoot)
  console.warn(
    '\n[deploy tests] SKIPPING building the real image: buildah needs root (or `buildah unshare`).\n',
  );

/**
 * Whether buildah can make a working container here: an unprivileged container (a CI job's, say) has root
 * but may not mount, and then the image cannot be built, which is this machine's limit, not the Dockerfile's.
 */
function buildahWorks(): boolean {
  const scratch = mkdtempSync(path.join(tmpdir(), 'aralin-buildah-'));
  const store = [
    '--root',
    path.join(scratch, 'root'),
    '--runroot',
    path.join(scratch, 'run'),
    '--storage-driver',
    'vfs',
  ];
  try {
    const made = spawnSync(BUILDAH, [...store, 'from', 'scratch'], { encoding: 'utf8', timeout: 30_000 });
    if (made.status !== 0) {
      console.warn(
        `\n[deploy tests] SKIPPING building the real image: buildah cannot work here (${made.stderr.trim().split('\n').pop()}).\n`,
      );
      return false;
    }
    const mounted = spawnSync(BUILDAH, [...store, 'mount', made.stdout.trim()], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (mounted.status !== 0)
      console.warn(
        `\n[deploy tests] SKIPPING building the real image: buildah cannot mount here (${mounted.stderr.trim().split('\n').pop()}).\n`,
      );
    spawnSync(BUILDAH, [...store, 'rm', '--all'], { timeout: 30_000 });
    return mounted.status === 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
const usable = Boolean(buildah && busybox && isRoot) && buildahWorks();

const CACHE = path.join(ROOT, 'node_modules', '.cache', 'aralin-image');
const STORAGE_CONF = path.join(CACHE, 'storage.conf');
const IMAGE = 'localhost/aralin:test';
const BUILD_TIMEOUT_MS = 12 * 60_000;

/** A command on the test's own storage; its stdout, or a rejection with its output's tail. */
function sh(cmd: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, CONTAINERS_STORAGE_CONF: STORAGE_CONF },
      timeout: timeoutMs,
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      output += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${cmd} ${args.join(' ')}: ${signal ?? `exit ${code}`}\n${output.slice(-4000)}`)),
    );
  });
}

/**
 * The user ids of the processes whose environment holds `entry`, from /proc. buildah's chroot isolation runs
 * the command in a process of its own, not below the one the test started, so it is found by its environment.
 */
function uidsWithEnv(entry: string): number[] {
  const uids: number[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry)) continue;
      uids.push(Number(/^Uid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]));
    } catch {}
  }
  return uids;
}

interface ImageConfig {
  User?: string;
  Env?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  Healthcheck?: { Test?: string[] };
}

describe.skipIf(!usable)('the image built from deploy/docker/Dockerfile', () => {
  let config: ImageConfig = {};
  let container = '';
  let port = 0;
  let server: ReturnType<typeof spawn> | undefined;
  let serverLog = '';
  let buildSeconds = 0;

  beforeAll(async () => {
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(
      STORAGE_CONF,
      `[storage]\ndriver = "overlay"\ngraphroot = "${path.join(CACHE, 'storage')}"\nrunroot = "${path.join(CACHE, 'run')}"\n`,
    );
    const started = performance.now();
    await sh(path.join(DEPLOY, 'docker', 'standin-base.sh'), []);
    await sh(
      BUILDAH,
      [
        'bud',
        '--pull=never',
        '--isolation=chroot',
        '--layers',
        '--format=docker',
        '--force-rm',
        '--file=deploy/docker/Dockerfile',
        `--tag=${IMAGE}`,
        '.',
      ],
      BUILD_TIMEOUT_MS,
    );
    buildSeconds = Math.round((performance.now() - started) / 1000);
    const inspected = JSON.parse(await sh(BUILDAH, ['inspect', '--type=image', IMAGE])) as {
      Docker: { config: ImageConfig };
    };
    config = inspected.Docker.config;

    container = (await sh(BUILDAH, ['from', '--pull=never', IMAGE])).trim().split('\n').at(-1) ?? '';
    port = await freePort();
    // The image's command, user, working directory and environment; only where it listens is changed.
    server = spawn(
      BUILDAH,
      [
        'run',
        '--isolation=chroot',
        `--env=PORT=${port}`,
        '--env=HOST=127.0.0.1',
        `--env=SESSION_SECRET=${'s'.repeat(48)}`,
        container,
        '--',
        ...(config.Cmd ?? []),
      ],
      { cwd: ROOT, env: { ...process.env, CONTAINERS_STORAGE_CONF: STORAGE_CONF }, detached: true },
    );
    server.stdout?.on('data', (d: Buffer) => {
      serverLog = (serverLog + d).slice(-8000);
    });
    server.stderr?.on('data', (d: Buffer) => {
      serverLog = (serverLog + d).slice(-8000);
    });
  }, BUILD_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      process.kill(-server.pid, 'SIGTERM');
      await exited;
    }
    if (container) await sh(BUILDAH, ['rm', container]);
  });

  it('is configured to run the server as the non-root user, in production', () => {
    expect(config.User).toBe('node:node');
    expect(config.Env).toContain('NODE_ENV=production');
    expect(config.Cmd).toEqual(['node', 'apps/server/src/main.ts']);
    expect(config.Healthcheck?.Test?.join(' ')).toContain('/health/live');
  });

  it('starts and answers /health/ready with 200', async () => {
    const status = await waitFor(
      'the image’s /health/ready',
      async () => {
        if (server?.exitCode !== null) throw new Error(`the server exited:\n${serverLog}`);
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
        return res.status === 200 ? res.status : undefined;
      },
      240,
    );
    expect(status).toBe(200);
    // Production's first start: no demo school, the bootstrap settings asked for.
    expect(serverLog).toContain('no school yet');
  }, 150_000);

  it('runs its server process as a user other than root', () => {
    // buildah itself runs as root with the same --env; the server's processes are the image's user's.
    const uids = uidsWithEnv(`PORT=${port}`);
    expect(uids).toContain(1000);
    expect(uids.filter((u) => u !== 0).every((u) => u === 1000)).toBe(true);
  });

  it('reports its size', async () => {
    const [image] = JSON.parse(await sh(BUILDAH, ['images', '--json', IMAGE])) as Array<{ size: string }>;
    // The bytes of its files (du counts whole blocks, about a third more for node_modules' small files).
    const bytes = await sh(BUILDAH, [
      'run',
      '--isolation=chroot',
      container,
      '--',
      'node',
      '-e',
      `let n = 0;
       for (const f of fs.readdirSync('/app/node_modules', { recursive: true, withFileTypes: true }))
         if (f.isFile()) n += fs.statSync(path.join(f.parentPath, f.name)).size;
       console.log(n);`,
    ]);
    const mb = Math.round(Number(bytes.trim()) / 1e6);
    console.info(
      `\n[deploy tests] ${IMAGE}: ${image?.size}, /app/node_modules ${mb} MB (built in ${buildSeconds} s)\n`,
    );
    expect(mb).toBeGreaterThan(0);
  });
});
