// nginx itself checks both nginx configurations (Debian's nginx; `apt-get install nginx-light`):
// - deploy/docker/nginx.conf: `nginx -t`, then nginx started for real in front of a small local upstream,
//   checking that it proxies, streams server-sent events unbuffered and keeps /metrics private;
// - the Ansible site template, rendered by Ansible with the role's defaults and certificates made by
//   openssl: `nginx -t` (which loads the certificate and key).
// The compose file names its upstream `server:8080` (a Docker DNS name), binds :8080 and writes under /tmp,
// so nginx runs on a temp copy where exactly those lines are replaced (each replacement must match).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import http, { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY, freePort, read, requireTool, run, waitFor } from './helpers.ts';
import type { RunningServer } from './server.ts';

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

function certificate(dir: string, name: string): { cert: string; key: string } {
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

/**
 * The role's template rendered by Ansible with the role's defaults (and `vars`), the TLS paths pointed at
 * `tls`; returns a main configuration that includes it, as Debian's nginx.conf includes sites-enabled.
 */
function renderSite(
  dir: string,
  tls: { cert: string; key: string },
  name: string,
  vars: Record<string, unknown> = {},
  edit: (site: string) => string = (site) => site,
): string {
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
      JSON.stringify({ aralin_tls_certificate: tls.cert, aralin_tls_certificate_key: tls.key, ...vars }),
    ],
    { cwd: dir },
  );
  if (r.status !== 0) throw new Error(`ansible template failed:\n${r.stdout}${r.stderr}`);
  writeFileSync(dest, edit(read(dest)));
  // The role installs the site into Debian's /etc/nginx/sites-enabled, included inside `http {}`.
  const main = path.join(dir, `${name}.main.conf`);
  writeFileSync(
    main,
    [
      `pid ${dir}/${name}.pid;`,
      'events {}',
      'http {',
      '  include /etc/nginx/mime.types;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (t) => `  ${t}_temp_path ${dir}/${t}_temp;`,
      ),
      `  include ${dest};`,
      '}',
      '',
    ].join('\n'),
  );
  return main;
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
    // A forged X-Forwarded-For is replaced at the edge, not appended to: the server's per-IP limits key on
    // the address nginx saw.
    const res = await fetch(`${base}/api/v1/health?x=1`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
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

  it('renders with the role defaults and passes nginx -t with a real certificate', () => {
    const main = renderSite(dir, certificate(dir, 'good'), 'site');
    const site = read(path.join(dir, 'site.conf'));
    expect(site).toContain('server_name aralin.example.org;');
    expect(site).toContain('server 127.0.0.1:8080;');
    const r = nginxTest(main, dir);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('test is successful');
  });

  it('fails nginx -t when the key does not match the certificate (the check is not vacuous)', () => {
    const a = certificate(dir, 'a');
    const b = certificate(dir, 'b');
    const r = nginxTest(renderSite(dir, { cert: a.cert, key: b.key }, 'mismatch'), dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/key values mismatch/);
  });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP(S) request (a self-signed certificate accepted): what a browser's fetch sends, without redirects. */
function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers ?? {}, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Every operation of the server's OpenAPI document, path parameters filled with a random id. */
async function operations(server: string): Promise<Array<{ method: string; path: string }>> {
  const doc = (await (await fetch(`${server}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).map((method) => ({
      method: method.toUpperCase(),
      path: p.replace(/\{\w+\}/g, randomUUID()),
    })),
  );
}

/** A signed-in student (the demo class): a cookie jar and the CSRF token, talking to `base`. */
async function student(base: string) {
  const cookies = new Map<string, string>();
  let csrf = '';
  const send = async (method: string, p: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await call(`${base}${p}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  };
  const signup = await send('POST', '/api/v1/auth/signup', {
    class_code: 'SAMPA7',
    username: `proxy${randomUUID().slice(0, 8)}`,
    password: 'proxied-student-password-1',
    display_name: 'Proxied Student',
  });
  if (signup.status !== 201) throw new Error(`sign-up: ${signup.status} ${signup.body}`);
  csrf = (JSON.parse((await send('GET', '/api/v1/auth/csrf')).body) as { token: string }).token;
  return send;
}

// Each shipped proxy configuration in front of the real server (PGlite, the embedded tutor) on loopback:
// every operation of the API answers through the proxy as it answers directly, a student starts and lists
// conversations and gets a streamed turn, and /metrics stays closed.
describe.skipIf(!nginx || !ansible || !openssl)(
  'the shipped nginx configurations in front of the real server',
  () => {
    const dir = tempDir('aralin-nginx-app-');
    const token = 'nginx-app-metrics-token-0123456789';
    let server: RunningServer | undefined;
    const proxies: Array<{
      name: string;
      base: string;
      child: ChildProcess;
      log: ReturnType<typeof logFile>;
    }> = [];
    let ops: Array<{ method: string; path: string }> = [];

    async function startNginx(name: string, conf: string, base: string) {
      const check = nginxTest(conf, dir);
      if (check.status !== 0) throw new Error(`nginx -t (${name}) failed:\n${check.output}`);
      const log = logFile(dir, `${name}.log`);
      const child = spawn(
        nginx ?? 'nginx',
        ['-c', conf, '-p', `${dir}/`, '-e', 'stderr', '-g', 'daemon off;'],
        {
          stdio: ['ignore', log.fd, log.fd],
        },
      );
      proxies.push({ name, base, child, log });
      await waitFor(`nginx (${name}) to listen`, async () =>
        (await call(`${base}/health/live`)).status === 200 ? true : undefined,
      );
    }

    beforeAll(async () => {
      const { startServer } = await import('./server.ts');
      server = await startServer({ dataDir: path.join(dir, 'data'), metricsToken: token });
      ops = await operations(server.url);

      const composePort = await freePort();
      let compose = read(path.join(DEPLOY, 'docker', 'nginx.conf'));
      compose = substitute(compose, 'server server:8080 ', `server 127.0.0.1:${server.port} `);
      compose = substitute(compose, 'listen 8080;', `listen 127.0.0.1:${composePort};`);
      compose = substitute(compose, ' /tmp/', ` ${dir}/compose-`, 6);
      const composeConf = path.join(dir, 'compose.conf');
      writeFileSync(composeConf, compose);
      await startNginx('compose', composeConf, `http://127.0.0.1:${composePort}`);

      const [httpsPort, httpPort] = [await freePort(), await freePort()];
      const site = renderSite(dir, certificate(dir, 'site'), 'site', { aralin_port: server.port }, (text) =>
        substitute(
          substitute(
            substitute(
              substitute(text, 'listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`),
              'listen [::]:443 ssl http2;',
              '',
            ),
            'listen 80;',
            `listen 127.0.0.1:${httpPort};`,
          ),
          'listen [::]:80;',
          '',
        ),
      );
      await startNginx('ansible', site, `https://127.0.0.1:${httpsPort}`);
    }, 120_000);

    afterAll(async () => {
      for (const p of proxies) {
        if (p.child.exitCode === null) {
          const exited = new Promise((r) => p.child.once('exit', r));
          p.child.kill('SIGTERM');
          await exited;
        }
        closeSync(p.log.fd);
      }
      await server?.close();
    });

    it('the server publishes the operations the proxies are checked with', () => {
      const paths = new Set(ops.map((o) => o.path.split('/').slice(0, 4).join('/')));
      expect(ops.length).toBeGreaterThan(30);
      for (const prefix of ['/api/v1/conversations', '/api/v1/auth', '/api/v1/quizzes', '/health/ready'])
        expect(paths).toContain(prefix);
      expect(ops).toContainEqual({ method: 'POST', path: '/api/v1/conversations' });
    });

    it.each(['compose', 'ansible'])(
      '%s: every operation answers through nginx as it does directly',
      async (name) => {
        const proxy = proxies.find((p) => p.name === name);
        const differ: string[] = [];
        for (const op of ops) {
          const init = {
            method: op.method,
            headers: { accept: 'application/json', 'content-type': 'application/json' },
            ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { body: '{}' } : {}),
          };
          const direct = await call(`${server?.url}${op.path}`, init);
          const proxied = await call(`${proxy?.base}${op.path}`, init);
          if (proxied.status !== direct.status)
            differ.push(`${op.method} ${op.path}: ${direct.status} direct, ${proxied.status} through nginx`);
        }
        expect(differ).toEqual([]);
      },
    );

    it.each(['compose', 'ansible'])(
      '%s: a student starts, lists and streams a conversation',
      async (name) => {
        const base = proxies.find((p) => p.name === name)?.base ?? '';
        const send = await student(base);
        const created = await send('POST', '/api/v1/conversations', {});
        expect(created.status, created.body).toBe(201);
        const id = (JSON.parse(created.body) as { conversation: { id: string } }).conversation.id;
        const list = await send('GET', '/api/v1/conversations');
        expect(list.status).toBe(200);
        expect(list.body).toContain(id);
        for (const extra of [{}, { 'idempotency-key': `key-${randomUUID()}` }] as Array<
          Record<string, string>
        >) {
          const turn = await send(
            'POST',
            `/api/v1/conversations/${id}/messages`,
            { text: 'Explain photosynthesis' },
            { accept: 'text/event-stream', ...extra },
          );
          expect(turn.status, turn.body).toBe(200);
          expect(turn.headers['content-type']).toMatch(/^text\/event-stream/);
          expect(turn.body).toContain('"type":"text-delta"');
          expect(turn.body).toContain('"type":"finish"');
        }
        const messages = await send('GET', `/api/v1/conversations/${id}/messages`);
        expect(messages.status).toBe(200);
        expect((JSON.parse(messages.body) as { messages: unknown[] }).messages).toHaveLength(4);
      },
    );

    it.each(['compose', 'ansible'])(
      '%s: /metrics is closed at the edge, open to the scraper directly',
      async (name) => {
        const base = proxies.find((p) => p.name === name)?.base ?? '';
        const auth = { authorization: `Bearer ${token}` };
        expect((await call(`${server?.url}/metrics`, { headers: auth })).status).toBe(200);
        expect((await call(`${base}/metrics`, { headers: auth })).status).toBe(404);
        expect((await call(`${base}/metrics?x=1`, { headers: auth })).status).toBe(404);
      },
    );

    it('the proxies logged no errors', () => {
      for (const p of proxies) expect(p.log.text()).not.toMatch(/\[(emerg|alert|crit|error)\]/);
    });
  },
);
