/**
 * Browser test of one chat turn whose quiz a model writes: the demo school's admin points the school at a
 * local provider stub (OpenAI-compatible wire), a student asks for a quiz in Chromium, and the quiz card shows
 * the generated questions, checked by the server, without their answers in the page until answered.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderStub, scripted, startProviderStub } from '../packages/tutor/test/stub/provider.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const QUESTIONS = [
  {
    type: 'multiple_choice',
    question: 'Which gas do the leaves of a mango tree take in to make food?',
    choices: ['Oxygen', 'Carbon dioxide', 'Nitrogen'],
    answer: 'Carbon dioxide',
    accepted: [],
    tolerance: null,
    explanation: 'Stomata let carbon dioxide into the leaf.',
  },
  {
    type: 'multiple_choice',
    question: 'Where in a palay leaf does photosynthesis happen?',
    choices: ['Chloroplast', 'Root hair', 'Stem'],
    answer: 'Chloroplast',
    accepted: [],
    tolerance: null,
    explanation: 'Chloroplasts hold the green pigment chlorophyll.',
  },
];

async function signIn(page: Page, user: string, password: string, lands: RegExp): Promise<void> {
  await page.goto('/signin');
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', password);
  await page.click('form button[type="submit"]');
  await page.waitForURL(lands);
}

describe.skipIf(!hasChromium)(
  'a generated quiz in Chromium, through the provider stub',
  { timeout: 150_000 },
  () => {
    let server: ChildProcess;
    let browser: Browser;
    let stub: ProviderStub;
    let base = '';
    let output = '';
    const dirs: string[] = [];

    beforeAll(async () => {
      const dist = mkdtempSync(path.join(os.tmpdir(), 'aralin-gen-web-'));
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aralin-gen-data-'));
      dirs.push(dist, dataDir);
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
          'build',
          '--logLevel',
          'error',
          '--outDir',
          dist,
          '--emptyOutDir',
        ],
        {
          cwd: path.join(ROOT, 'apps', 'web'),
          env: { ...process.env, NODE_ENV: 'production' },
          stdio: 'inherit',
        },
      );
      stub = await startProviderStub(
        scripted(
          [
            {
              tool: 'quiz_generator',
              args: {
                topic: 'photosynthesis',
                subject: 'Science',
                num_questions: 2,
                question_types: ['multiple_choice'],
              },
            },
            {
              json: {
                topic: 'Photosynthesis',
                questions: QUESTIONS,
                adaptation_details: 'Two questions.',
                used_topic_ids: ['sci-photosynthesis'],
              },
            },
            { tool: 'flashcard_generator', args: { topic: 'K-pop history', subject: 'English', count: 1 } },
            {
              json: {
                topic: 'K-pop',
                flashcards: [
                  {
                    title: 'Origin',
                    question: 'Where did K-pop start?',
                    answer: 'South Korea.',
                    example: '',
                  },
                ],
                adaptation_details: 'One card.',
                used_topic_ids: [],
              },
            },
          ],
          'Here is your quiz on photosynthesis!',
        ),
      );
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        WEB_DIST: dist,
      };
      delete env.DATABASE_URL;
      delete env.REDIS_URL;
      delete env.METRICS_PORT;
      delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
      server = spawn(process.execPath, [path.join(ROOT, 'apps', 'server', 'src', 'main.ts')], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.on('data', (d) => {
        output += d;
      });
      server.stderr?.on('data', (d) => {
        output += d;
      });
      for (let i = 0; ; i++) {
        if (server.exitCode !== null || i > 600) throw new Error(`server did not become ready:\n${output}`);
        if (
          await fetch(`${base}/health/ready`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 300));
      }
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu'],
      });
    });

    afterAll(async () => {
      await browser?.close();
      server?.kill('SIGTERM');
      await stub?.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('the admin points the school at the model; a student gets its quiz, checked by the server, and an ungrounded deck marked', async () => {
      const admin = await (await browser.newContext({ baseURL: base })).newPage();
      await signIn(admin, 'admin', 'aralin-admin', /\/admin$/);
      const status = await admin.evaluate(async (url) => {
        const { token } = (await (await fetch('/api/v1/auth/csrf')).json()) as { token: string };
        const r = await fetch('/api/v1/admin/provider', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          body: JSON.stringify({ provider: 'openai-compatible', model: 'stub', base_url: url }),
        });
        return r.status;
      }, stub.openaiURL);
      expect(status).toBe(200);

      const page = await (
        await browser.newContext({ baseURL: base, locale: 'en-PH', serviceWorkers: 'block' })
      ).newPage();
      await signIn(page, 'ben', 'aralin-student', /\/chat/);
      await page.locator('.conv-head button').click();
      await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      await page.fill('#composer-input', 'quiz me on photosynthesis, 2 questions');
      await page.click('form.composer button[type="submit"]');
      const quiz = page.locator('.tool-card.quiz').first();
      await quiz.waitFor({ timeout: 60_000 });
      await expect.poll(() => quiz.textContent()).toContain('leaves of a mango tree');
      // The answers and explanations stay on the server until the student answers.
      expect(await page.content()).not.toContain('Stomata let carbon dioxide');
      const first = quiz.locator('.quiz-q').first();
      await first.getByLabel('Carbon dioxide').check();
      await first.getByRole('button', { name: /Check|Suriin/ }).click();
      await expect.poll(() => first.locator('.feedback').textContent()).toMatch(/Correct|Tama/);
      expect(stub.requests.map((r) => r.kind)).toEqual(['plan', 'generate', 'reply']);

      // A topic outside the pack: written from the model's own knowledge, and the card says so.
      await page.fill('#composer-input', 'one flashcard on the history of K-pop');
      await page.click('form.composer button[type="submit"]');
      await page.locator('.tool-card.flashcards').first().waitFor({ timeout: 60_000 });
      await expect
        .poll(() => page.locator('.ungrounded').first().textContent())
        .toContain("Not from Aralin's lessons");
    });
  },
);
