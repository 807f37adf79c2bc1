// A dead provider, over real loopback sockets: one whose address swallows connections (a blackhole), one that
// accepts them and never answers, and, as the control, a slow model whose server still answers other requests.
// The embedded engine answers every turn; a dead provider costs one turn its bound, then the circuit is open.
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createTutor } from '../src/index.ts';
import { CONNECT_TIMEOUT_MS, PROBE_TIMEOUT_MS } from '../src/planner/liveness.ts';
import {
  CircuitBreaker,
  createLanguageModel,
  createLlmPlanner,
  createProviderBreaker,
} from '../src/planner/llm.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/**
 * A loopback port where a connection attempt hangs, as at a blackholed host: the listener lives on a thread
 * that blocks at once and never accepts, and its backlog is filled, so the kernel drops further handshakes.
 */
async function blackhole(): Promise<number> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData: gate, parentPort } = require('node:worker_threads');
     const server = require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       setImmediate(() => Atomics.wait(gate, 0, 0));
     });`,
    { eval: true, workerData: gate },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const held: Socket[] = [];
  for (let connected = true; connected; ) {
    const socket = connect(port, '127.0.0.1');
    held.push(socket);
    connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 300);
    });
  }
  cleanups.push(async () => {
    for (const s of held) s.destroy();
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    await worker.terminate();
  });
  return port;
}

async function listening(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

function tutorAt(port: number, timeoutMs?: number) {
  const config = {
    provider: 'openai-compatible',
    model: 'm',
    baseURL: `http://127.0.0.1:${port}/v1`,
  } as const;
  const breaker = createProviderBreaker(config);
  const llm = createLlmPlanner({
    model: createLanguageModel(config),
    provider: 'test',
    breaker,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  const tutor = createTutor({ llm });
  const turn = async () => {
    const started = performance.now();
    const response = await tutor.orchestrate({ user_info: { user_id: 's1', name: 'Ana' }, message: 'hello' });
    return { ms: performance.now() - started, response };
  };
  return { breaker, turn };
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error(`not ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a provider that is dead', () => {
  it('behind a blackhole costs one turn the connect bound, not the plan deadline, and opens the circuit', async () => {
    const { breaker, turn } = tutorAt(await blackhole());
    // The embedded engine's first turn loads its models: not the provider's cost.
    await createTutor({}).orchestrate({ user_info: { user_id: 's0', name: 'Ben' }, message: 'hello' });
    const first = await turn();
    expect(first.response).toMatchObject({ planner: 'embedded', degraded: true });
    // Unbounded, the connection would hang until the plan's 8 s deadline (and be retried within it).
    expect(first.ms).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 100);
    expect(first.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 2000);
    expect(breaker.state).toBe('open');
    const second = await turn();
    expect(second.response).toMatchObject({ planner: 'embedded', degraded: true });
    expect(second.ms).toBeLessThan(1000);
  });

  it('that accepts connections and never answers costs one deadline, then the probe opens the circuit', async () => {
    let connections = 0;
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      connections++;
      sockets.push(socket);
    });
    cleanups.push(() => {
      for (const s of sockets) s.destroy();
    });
    const { breaker, turn } = tutorAt(await listening(server), 500);
    const first = await turn();
    expect(first.response).toMatchObject({ planner: 'embedded', degraded: true });
    await until('open', () => breaker.state === 'open', PROBE_TIMEOUT_MS + 1000);
    const seen = connections;
    const second = await turn();
    expect(second.ms).toBeLessThan(1000);
    expect(connections).toBe(seen);
  });
});

describe('a provider that is slow', () => {
  it('keeps the circuit closed after a timed-out plan while its server answers the probe', async () => {
    let probes = 0;
    const server = createHttpServer((req, res) => {
      // A generation that outlasts the plan's deadline; anything else answered at once, as a busy server does.
      if (req.method === 'POST') return;
      probes++;
      res.writeHead(404).end();
    });
    cleanups.push(() => {
      server.closeAllConnections();
    });
    const { breaker, turn } = tutorAt(await listening(server), 500);
    const first = await turn();
    expect(first.response).toMatchObject({ planner: 'embedded', degraded: true });
    await until('probed', () => probes > 0, PROBE_TIMEOUT_MS + 1000);
    await new Promise((r) => setTimeout(r, 50));
    expect(breaker.state).toBe('closed');
  });
});

describe('CircuitBreaker', () => {
  const failing = (name: string) => () => Promise.reject(Object.assign(new Error(name), { name }));

  it('opens at once on a fatal failure, and probes only after a timeout', async () => {
    let probed = 0;
    const breaker = new CircuitBreaker({
      threshold: 10,
      fatal: (e) => (e as Error).name === 'Fatal',
      probe: async () => {
        probed++;
        return true;
      },
    });
    await expect(breaker.run(failing('Error'))).rejects.toThrow();
    await expect(breaker.run(failing('TimeoutError'))).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect({ probed, state: breaker.state }).toEqual({ probed: 1, state: 'closed' });
    await expect(breaker.run(failing('Fatal'))).rejects.toThrow();
    expect(breaker.state).toBe('open');
  });

  it('half-opens with the probe first: a server still silent reopens it without a call', async () => {
    let now = 0;
    let answers = false;
    let calls = 0;
    const breaker = new CircuitBreaker({
      resetMs: 1000,
      now: () => now,
      fatal: () => true,
      probe: async () => answers,
    });
    const call = async () => {
      calls++;
      throw new Error('refused');
    };
    await expect(breaker.run(call)).rejects.toThrow('refused');
    now = 1500;
    await expect(breaker.run(call)).rejects.toMatchObject({ name: 'CircuitOpenError' });
    expect({ calls, state: breaker.state }).toEqual({ calls: 1, state: 'open' });
    now = 3000;
    answers = true;
    await expect(breaker.run(async () => 'ok')).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });
});
