/**
 * Lighthouse (mobile form factor, default simulated throttling) against the built web app served by the real
 * server on the embedded database, in Debian's Chromium: the sign-in page, and the student chat page signed
 * in, with a conversation whose tutor reply (flashcards + markdown) is rendered.
 *
 *   npm run build -w @aralin/web && node bench/lighthouse.ts      (or: npm run bench -- --only lighthouse)
 *
 * Each page is measured twice: straight from the Node server (`npm start`: it sends the build's precompressed
 * .br/.gz assets), and through a loopback proxy that gzips text like the `gzip on` of deploy/docker/nginx.conf.
 * Prints a table and writes bench/results/lighthouse.json. Target: performance score ≥ 90 on every page, both ways.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { ROOT, Session, startServer, table, writeResult } from './lib/common.ts';

const CHROMIUM = '/usr/bin/chromium';
const TARGET = 90;
const AUDITS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

export interface LighthousePage {
  page: string;
  via: 'server' | 'gzip proxy';
  url: string;
  score: number;
  metrics: Record<(typeof AUDITS)[number], string>;
  opportunities: string[];
}

export interface LighthouseResult {
  chromium: string;
  target_score: number;
  pages: LighthousePage[];
  met: boolean;
}

export async function runLighthouse(): Promise<LighthouseResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed: apt-get install chromium`);
  const dist = path.join(ROOT, 'apps', 'web', 'dist');
  if (!existsSync(path.join(dist, 'index.html')))
    throw new Error('build the web app first: npm run build -w @aralin/web');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aralin-lighthouse-'));
  const server = await startServer({ DATA_DIR: dataDir, WEB_DIST: dist, NODE_ENV: 'production' });
  const proxy = await gzipProxy(server.url);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const student = new Session(server.url);
    await student.signIn('ana', 'aralin-student');
    const conversation = await student.newConversation();
    const turn = await student.call('POST', `/api/v1/conversations/${conversation}/messages`, {
      text: 'Make me 5 flashcards about photosynthesis',
    });
    if (turn.status >= 300) throw new Error(`chat turn: ${turn.status} ${turn.body}`);
    const cookie = student.headers().cookie ?? '';

    const pages: LighthousePage[] = [];
    for (const [via, base] of [
      ['server', server.url],
      ['gzip proxy', proxy.url],
    ] as const)
      for (const [name, url, headers] of [
        ['sign-in', `${base}/signin`, {}],
        ['student chat (signed in)', `${base}/chat/${conversation}`, { cookie }],
      ] as const) {
        // Lighthouse occasionally fails to record a trace on a loaded 2-core machine (NO_NAVSTART): one retry.
        let lhr: Result | undefined;
        for (let attempt = 0; attempt < 2 && !(lhr && !lhr.runtimeError); attempt++) {
          const run = await lighthouse(url, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            extraHeaders: headers,
          });
          lhr = run?.lhr;
        }
        if (!lhr) throw new Error(`lighthouse returned nothing for ${url}`);
        if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.message}`);
        const metrics = Object.fromEntries(
          AUDITS.map((id) => [id, lhr.audits[id]?.displayValue ?? 'n/a']),
        ) as LighthousePage['metrics'];
        const opportunities = Object.values(lhr.audits)
          .filter((a) => a.details?.type === 'opportunity' && a.score !== null && a.score < 0.9)
          .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
        pages.push({
          page: name,
          via,
          url: new URL(url).pathname,
          score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          metrics,
          opportunities,
        });
      }
    return {
      chromium: await chromiumVersion(chrome.port),
      target_score: TARGET,
      pages,
      // As deployed (behind gzip); the uncompressed numbers are reported alongside.
      met: pages.every((p) => p.score >= TARGET),
    };
  } finally {
    chrome.kill();
    proxy.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Loopback reverse proxy that gzips text responses for clients that accept it (nginx's `gzip on`). */
async function gzipProxy(upstream: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const up = http.request(
      new URL(req.url ?? '/', upstream),
      { method: req.method, headers: { ...req.headers, host: new URL(upstream).host } },
      (r) => {
        const type = String(r.headers['content-type'] ?? '');
        const gzip =
          /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) &&
          /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg)/.test(type) &&
          !r.headers['content-encoding'];
        const headers = { ...r.headers };
        if (gzip) {
          delete headers['content-length'];
          headers['content-encoding'] = 'gzip';
          headers.vary = 'accept-encoding';
        }
        res.writeHead(r.statusCode ?? 502, headers);
        if (gzip) pipeline(r, zlib.createGzip({ level: 6 }), res, () => undefined);
        else pipeline(r, res, () => undefined);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    pipeline(req, up, () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

async function chromiumVersion(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/json/version`).catch(() => null);
  return res ? ((await res.json()) as { Browser: string }).Browser : 'unknown';
}

export function printLighthouse(r: LighthouseResult): void {
  console.log(`\n## Lighthouse, mobile (${r.chromium})\n`);
  console.log(
    table(
      ['page', 'served by', 'score', 'FCP', 'LCP', 'TBT', 'CLS', 'SI', 'opportunities'],
      r.pages.map((p) => [
        p.page,
        p.via,
        p.score,
        p.metrics['first-contentful-paint'],
        p.metrics['largest-contentful-paint'],
        p.metrics['total-blocking-time'],
        p.metrics['cumulative-layout-shift'],
        p.metrics['speed-index'],
        p.opportunities.join(', ') || '—',
      ]),
    ),
  );
}

if (import.meta.main) {
  const r = await runLighthouse();
  printLighthouse(r);
  console.log(`\nwrote ${writeResult('lighthouse', r)}`);
  if (!r.met) process.exitCode = 1;
}
