/**
 * A small loopback reverse proxy, the rolling-restart scenario's fallback when nginx is not installed: round-robin over
 * upstreams; a request whose upstream refuses or drops the connection before answering, or answers 503 (an
 * instance draining for shutdown), is retried on the next upstream — only when a retry is safe (GET/HEAD, or an Idempotency-Key).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from './common.ts';

export async function startProxy(upstreams: string[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  let next = 0;
  let retries = 0;
  const forward = (target: string, req: http.IncomingMessage, body: Buffer) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const up = http.request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: { ...req.headers, host: new URL(target).host }, agent },
        resolve,
      );
      up.setTimeout(60_000, () => up.destroy(new Error('upstream timeout')));
      up.on('error', reject);
      up.end(body);
    });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const retryable =
        req.method === 'GET' || req.method === 'HEAD' || Boolean(req.headers['idempotency-key']);
      for (let attempt = 0; attempt < 9; attempt++) {
        const target = upstreams[next++ % upstreams.length] as string;
        try {
          const up = await forward(target, req, body);
          if (up.statusCode === 503 && retryable && attempt < 8) {
            up.resume();
            retries++;
            continue;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        } catch (error) {
          // A refused connection never reached an instance: safe to resend anything. Otherwise only what may repeat.
          if (!retryable && (error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') break;
          retries++;
          if (attempt % upstreams.length === upstreams.length - 1) await sleep(200);
        }
      }
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Bad Gateway', status: 502, detail: 'no upstream answered' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    retries: () => retries,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      agent.destroy();
    },
  };
}
