/**
 * Reads a benchmark server's live memory through the V8 inspector: a full garbage collection, then
 * `process.memoryUsage()`. RSS alone counts garbage not yet collected and memory V8 keeps after a collection,
 * so it says little about what an open stream holds. Start the server with `--inspect=127.0.0.1:0`; Node
 * prints the inspector's WebSocket address on stderr, which `ServerProcess.log()` keeps.
 */
import type { ServerProcess } from './common.ts';

export interface LiveMemory {
  /** JavaScript heap in use after a full collection. */
  heapMiB: number;
  /** Memory outside the heap that JavaScript objects hold (buffers, sockets' streams). */
  externalMiB: number;
  rssMiB: number;
}

export const INSPECT_OPTION = '--inspect=127.0.0.1:0';

export async function liveMemory(server: ServerProcess, timeoutMs = 30_000): Promise<LiveMemory> {
  const address = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(server.log())?.[0];
  if (!address) throw new Error(`the server was not started with ${INSPECT_OPTION}`);
  const socket = new WebSocket(address);
  const replies = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`no inspector at ${address}`)), { once: true });
  });
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(
        () => reject(new Error(`${method}: no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      replies.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const evaluated = (await call('Runtime.evaluate', {
      expression: 'process.memoryUsage()',
      returnByValue: true,
    })) as { result: { value: { heapUsed: number; external: number; rss: number } } };
    const usage = evaluated.result.value;
    const mib = (bytes: number) => bytes / 1024 / 1024;
    return { heapMiB: mib(usage.heapUsed), externalMiB: mib(usage.external), rssMiB: mib(usage.rss) };
  } finally {
    socket.close();
  }
}
