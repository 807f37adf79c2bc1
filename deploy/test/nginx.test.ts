// nginx itself checks both nginx configurations (Debian's nginx; `apt-get install nginx-light`):
// - deploy/docker/nginx.conf: `nginx -t`, then nginx started for real in front of a small local upstream,
//   checking that it proxies, streams server-sent events unbuffered and keeps /metrics private;
// - the Ansible site template, rendered by Ansible with the role's defaults and certificates made by
//   openssl: `nginx -t` (which loads the certificate and key).
// The compose file names its upstream `server:8080` (a Docker DNS name), binds :8080 and writes under /tmp,
// so nginx runs on a temp copy where exactly those lines are replaced (each replacement must match).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY, freePort, read, requireTool, run, waitFor } from './helpers.ts';

const nginx = requireTool('nginx', 'the nginx configuration checks', 'apt-get install nginx-light');
const ansible = requireTool(
  'ansible',
  'rendering the Ansible nginx site for `nginx -t`',
  'apt-get install ansible-core',
);
const openssl = requireTool(
  'openssl',
  'the TLS certificates of the Ansible nginx site',
  'apt-get install openssl',
);

const ROLE = path.join(DEPLOY, 'ansible', 'roles', 'aralin');

/** `text` with every `from` replaced by `to`, failing unless it occurred exactly `times` times. */
function substitute(text: string, from: string, to: string, times = 1): string {
  const found = text.split(from).length - 1;
  if (found !== times) throw new Error(`expected ${times} × ${JSON.stringify(from)}, found ${found}`);
  return text.replaceAll(from, to);
}

/**
 * nginx's stdout and stderr as a file: the compose config logs to /dev/stdout and /dev/stderr, which nginx
 * cannot open on the socket pairs Node gives a child process (ENXIO), but can on a file (or a container's pipe).
 */
function logFile(prefix: string, name: string): { fd: number; text: () => string } {
  const file = path.join(prefix, name);
  const fd = openSync(file, 'a');
  return { fd, text: () => read(file) };
}

function nginxTest(conf: string, prefix: string): { status: number | null; output: string } {
  const log = logFile(prefix, `nginx-t-${path.basename(conf)}.log`);
  try {
    const r = spawnSync(nginx ?? 'nginx', ['-t', '-c', conf, '-p', `${prefix}/`, '-e', 'stderr'], {
      stdio: ['ignore', log.fd, log.fd],
      timeout: 30_000,
    });
    if (r.error) throw r.error;
    return { status: r.status, output: log.text() };
  } finally {
    closeSync(log.fd);
  }
}

/** A temp folder nginx's workers (which drop root to nobody) can enter. */
function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), name));
  chmodSync(dir, 0o755);
  return dir;
}

describe.skipIf(!nginx)('deploy/docker/nginx.conf under nginx', () => {
  const dir = tempDir('aralin-nginx-');
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  let releaseStream: () => void = () => {};
  let upstream: Server;
  let child: ChildProcess | undefined;
  let nginxLog: ReturnType<typeof logFile> | undefined;
  let base = '';

  /** The compose config with its three environment-bound settings pointed at this machine. */
  function localCopy(upstreamPort: number, listenPort: number): string {
    let conf = read(path.join(DEPLOY, 'docker', 'nginx.conf'));
    conf = substitute(conf, 'server server:8080 ', `server 127.0.0.1:${upstreamPort} `);
    conf = substitute(conf, 'listen 8080;', `listen 127.0.0.1:${listenPort};`);
    conf = substitute(conf, ' /tmp/', ` ${dir}/`, 6); // the pid file and the five temp paths
    const file = path.join(dir, 'nginx.conf');
    writeFileSync(file, conf);
    return file;
  }

  beforeAll(async () => {
    // The upstream: JSON echoing the path, or a server-sent event stream at any path ending in `stream`.
    upstream = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      if (req.url?.endsWith('stream')) {
        // Headers, then two small events written separately, then the last one held back until the test
        // has seen the others (or 3 s pass): the shape of a chat reply streamed token by token.
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.flushHeaders();
        // At /batched-stream everything is sent at the end instead: what a buffering hop would deliver.
        const batched = req.url.endsWith('/batched-stream');
        const events: string[] = [];
        const send = (event: string) => (batched ? events.push(event) : res.write(event));
        const timers = [
          setTimeout(() => send('event: token\ndata: first\n\n'), 100),
          setTimeout(() => send('event: token\ndata: middle\n\n'), 200),
          setTimeout(() => finish(), 3000),
        ];
        const finish = () => {
          for (const t of timers) clearTimeout(t);
          if (res.writableEnded) return;
          res.end(`${events.join('')}event: done\ndata: last\n\n`);
        };
        releaseStream = finish;
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
    const upstreamPort = await freePort();
    await new Promise<void>((resolve) => upstream.listen(upstreamPort, '127.0.0.1', resolve));
    const listenPort = await freePort();
    const conf = localCopy(upstreamPort, listenPort);
    const check = nginxTest(conf, dir);
    if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.output}`);
    nginxLog = logFile(dir, 'nginx.log');
    child = spawn(nginx ?? 'nginx', ['-c', conf, '-p', `${dir}/`, '-e', 'stderr', '-g', 'daemon off;'], {
      stdio: ['ignore', nginxLog.fd, nginxLog.fd],
    });
    base = `http://127.0.0.1:${listenPort}`;
    await waitFor('nginx to listen', async () =>
      (await fetch(`${base}/nginx-health`)).ok ? true : undefined,
    );
  }, 30_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (nginxLog) closeSync(nginxLog.fd);
    await new Promise((r) => upstream?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes nginx -t; with the Docker-only upstream name kept it cannot (why the copy exists)', () => {
    expect(nginxTest(path.join(dir, 'nginx.conf'), dir).status).toBe(0);
    const pristine = path.join(dir, 'pristine.conf');
    writeFileSync(
      pristine,
      substitute(read(path.join(DEPLOY, 'docker', 'nginx.conf')), ' /tmp/', ` ${dir}/`, 6),
    );
    const r = nginxTest(pristine, dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('host not found in upstream "server:8080"');
  });

  it('answers its own health check without the upstream', async () => {
    const before = seen.length;
    const res = await fetch(`${base}/nginx-health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok\n');
    expect(seen.length).toBe(before);
  });

  it('proxies the API with the forwarding headers and a request id', async () => {
    const res = await fetch(`${base}/api/v1/health?x=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/api/v1/health?x=1' });
    expect(res.headers.get('server')).toBe('nginx'); // server_tokens off: no version
    const req = seen.at(-1);
    expect(req?.url).toBe('/api/v1/health?x=1');
    expect(req?.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(req?.headers['x-forwarded-proto']).toBe('http');
    expect(req?.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(req?.headers.host).toBe('127.0.0.1'); // $host: the name, without the port
  });

  it('keeps /metrics private: 404 at the edge, never reaching a server', async () => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer anything' } });
    expect(res.status).toBe(404);
    expect(seen.some((r) => r.url.startsWith('/metrics'))).toBe(false);
  });

  /** What arrives of `url` until `needle` (or the end); the upstream's held-back last event is then released. */
  async function readStream(
    url: string,
    needle: string,
  ): Promise<{ before: string; ms: number; all: string }> {
    const res = await fetch(`${base}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const started = Date.now();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      if (text.includes(needle)) break;
    }
    const before = text;
    const ms = Date.now() - started;
    releaseStream();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += decoder.decode(chunk.value, { stream: true });
    return { before, ms, all: text };
  }

  it('streams chat replies event by event (no proxy buffering)', async () => {
    const r = await readStream('/api/v1/conversations/c1/stream', 'data: middle');
    expect(r.before).toContain('data: first');
    expect(r.before).not.toContain('data: last'); // arrived while the upstream was still holding it back
    expect(r.ms).toBeLessThan(2000);
    expect(r.all).toContain('data: last');
  });

  it('the incremental check fails on a reply that arrives all at once (not vacuous)', async () => {
    const r = await readStream('/api/v1/conversations/c1/batched-stream', 'data: middle');
    expect(r.before).toContain('data: last');
    expect(r.ms).toBeGreaterThanOrEqual(2500); // only the upstream's 3 s hold-back ended it
  });

  it('logs each request to stdout with its request id, and no errors', () => {
    const log = nginxLog?.text() ?? '';
    expect(log).toMatch(/"GET \/api\/v1\/health\?x=1 HTTP\/1\.1" 200 .* [0-9a-f]{32}\n/);
    expect(log).not.toMatch(/\[(emerg|alert|crit|error)\]/);
  });
});

describe.skipIf(!nginx || !ansible || !openssl)('the Ansible nginx site under nginx -t', () => {
  const dir = tempDir('aralin-nginx-site-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function certificate(name: string): { cert: string; key: string } {
    const cert = path.join(dir, `${name}.crt`);
    const key = path.join(dir, `${name}.key`);
    const r = run(openssl ?? 'openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=aralin.example.org',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    if (r.status !== 0) throw new Error(`openssl failed:\n${r.stderr}`);
    return { cert, key };
  }

  /** The role's template rendered by Ansible with the role's defaults, the TLS paths pointed at `tls`. */
  function renderSite(tls: { cert: string; key: string }, name: string): string {
    const dest = path.join(dir, `${name}.conf`);
    const r = run(
      ansible ?? 'ansible',
      [
        'localhost',
        '-c',
        'local',
        '-i',
        'localhost,',
        '-m',
        'ansible.builtin.template',
        '-a',
        `src=${path.join(ROLE, 'templates', 'nginx-aralin.conf.j2')} dest=${dest}`,
        '-e',
        `@${path.join(ROLE, 'defaults', 'main.yml')}`,
        '-e',
        JSON.stringify({ aralin_tls_certificate: tls.cert, aralin_tls_certificate_key: tls.key }),
      ],
      { cwd: dir },
    );
    if (r.status !== 0) throw new Error(`ansible template failed:\n${r.stdout}${r.stderr}`);
    // The role installs the site into Debian's /etc/nginx/sites-enabled, included inside `http {}`.
    const main = path.join(dir, `${name}.main.conf`);
    writeFileSync(
      main,
      [
        `pid ${dir}/${name}.pid;`,
        'events {}',
        'http {',
        '  include /etc/nginx/mime.types;',
        `  include ${dest};`,
        '}',
        '',
      ].join('\n'),
    );
    return main;
  }

  it('renders with the role defaults and passes nginx -t with a real certificate', () => {
    const main = renderSite(certificate('good'), 'site');
    const site = read(path.join(dir, 'site.conf'));
    expect(site).toContain('server_name aralin.example.org;');
    expect(site).toContain('server 127.0.0.1:8080;');
    const r = nginxTest(main, dir);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('test is successful');
  });

  it('fails nginx -t when the key does not match the certificate (the check is not vacuous)', () => {
    const a = certificate('a');
    const b = certificate('b');
    const r = nginxTest(renderSite({ cert: a.cert, key: b.key }, 'mismatch'), dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/key values mismatch/);
  });
});
