// Starts the real Aralin server in this process, on PGlite in a temporary DATA_DIR, listening on loopback.
// Imported lazily by the tests, only when apps/server/src/app.ts exists.
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { SERVER_APP } from './helpers.ts';

export interface RunningServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

interface FastifyLike {
  listen(options: { port: number; host: string }): Promise<string>;
  server: { address(): AddressInfo | string | null };
  close(): Promise<void>;
}

export async function startServer(options: {
  dataDir: string;
  metricsToken: string;
}): Promise<RunningServer> {
  const configModule = (await import(new URL('config.ts', pathToFileURL(SERVER_APP)).href)) as {
    loadConfig: (env: Record<string, string | undefined>) => unknown;
  };
  const appModule = (await import(pathToFileURL(SERVER_APP).href)) as {
    buildApp: (config: unknown, deps?: { logger?: boolean }) => Promise<FastifyLike>;
  };
  const config = configModule.loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: options.dataDir,
    METRICS_TOKEN: options.metricsToken,
    LOG_LEVEL: 'silent',
  });
  const app = await appModule.buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, port, close: () => app.close() };
}
