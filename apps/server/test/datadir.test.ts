import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real server (node 24, src/main.ts) on an embedded database in a directory of its own: killed with
// SIGKILL in the middle of writes, started twice on one DATA_DIR, and checked for every write it acknowledged.
const NODE = path.resolve('node_modules/.bin/node');
const MAIN = path.resolve('apps/server/src/main.ts');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aralin-datadir-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function start(port: number): Server {
  const child = spawn(NODE, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, port, output: () => output, exited };
}

async function ready(server: Server, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready in ${withinMs} ms: ${server.output()}`);
}

/** Signs students up, four at a time, until stopped; returns the usernames whose sign-up was answered 201. */
function writeUntilStopped(port: number, prefix: string) {
  const acknowledged: string[] = [];
  let stopped = false;
  let n = 0;
  const worker = async () => {
    while (!stopped) {
      const username = `${prefix}${n++}`;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            class_code: 'SAMPA7',
            username,
            password: `${username}-pass-word`,
            display_name: username,
          }),
        });
        if (res.status === 201) acknowledged.push(username);
      } catch {
        // the server was killed mid-request: not acknowledged
      }
    }
  };
  const workers = Promise.all([worker(), worker(), worker(), worker()]);
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await workers;
    },
  };
}

async function usernames(port: number): Promise<Set<string>> {
  const signin = await fetch(`http://127.0.0.1:${port}/api/v1/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'aralin-admin' }),
  });
  expect(signin.status).toBe(200);
  const cookie = signin.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/admin/users`, { headers: { cookie } });
  return new Set(((await res.json()) as { users: { username: string }[] }).users.map((u) => u.username));
}

describe('the data directory', () => {
  it('survives kill -9 under writes and a double start, keeping every acknowledged write', async () => {
    const acknowledged: string[] = [];
    for (let cycle = 0; cycle < 2; cycle++) {
      const server = start(await freePort());
      await ready(server);
      const writes = writeUntilStopped(server.port, `w${cycle}x`);
      if (cycle === 0) {
        // A second server on the same DATA_DIR exits with a clear message and leaves the database alone.
        // One on the same port exits before it opens the database at all.
        const [second, samePort] = [start(await freePort()), start(server.port)];
        expect(await Promise.all([second.exited, samePort.exited])).toEqual([1, 1]);
        expect(second.output()).toMatch(/DATA_DIR .* is in use by another Aralin server/);
        expect(samePort.output()).toMatch(/already in use/);
      } else await new Promise((r) => setTimeout(r, 1500));
      server.child.kill('SIGKILL');
      await server.exited;
      await writes.stop();
      expect(writes.acknowledged.length).toBeGreaterThan(0);
      acknowledged.push(...writes.acknowledged);
    }
    const last = start(await freePort());
    await ready(last);
    const stored = await usernames(last.port);
    expect(acknowledged.filter((u) => !stored.has(u))).toEqual([]);
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);
  }, 240_000);
});
