import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, sleep, startServer } from '../../../bench/lib/common.ts';

/** What an OTLP/HTTP collector received: the JSON bodies posted to /v1/traces. */
const received: Array<{ path: string; contentType: string; body: string }> = [];

describe('OpenTelemetry over OTLP/HTTP', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'aralin-otel-'));
  let collector: Server;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    server = await startServer({
      DATA_DIR: dataDir,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => collector.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports the spans of API requests, named for the service, and none of probes', async () => {
    await (await fetch(`${server?.url}/health/live`)).text();
    await (await fetch(`${server?.url}/api/v1/tools`)).text();
    for (let i = 0; i < 100 && !received.some((r) => r.body.includes('/api/v1/tools')); i++) await sleep(100);
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces[0]?.contentType).toContain('application/json');
    const all = traces.map((t) => t.body).join('\n');
    expect(all).toContain('"aralin-server"');
    expect(all).toContain('/api/v1/tools');
    expect(all).not.toContain('/health/live');
  });
});
