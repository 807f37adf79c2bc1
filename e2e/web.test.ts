/**
 * Browser test of the Aralin web app against the real server (embedded PGlite, embedded tutor engine):
 * a student joins with a class code, asks in Filipino for flashcards and rates them, takes a quiz and sees
 * mastery change, works offline, and says something worrying; a teacher then sees the student's progress
 * and the flagged message. axe-core runs on every page and screenshots of each main screen are saved at
 * 360 px and desktop width under e2e/screenshots/.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'e2e', 'screenshots');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const MOBILE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };
/** Budget for all JavaScript a student's phone fetches up to a rendered chat with markdown (gzip -9). */
const CHAT_JS_BUDGET_KB = 150;

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`\n[e2e/web] SKIPPED: ${CHROMIUM} is not installed, so the browser tests cannot run.\n`);
}

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

async function waitForReady(base: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${base}/health/ready`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not become ready:\n${log()}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A/AA rules) and returns the serious and critical violations. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    const w = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const r = await w.axe.run(w.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The interface's English texts that differ from their Filipino ones, cut at their placeholders into pieces
 * long enough to tell (≥ 10 characters): none may show on a page rendered in Filipino.
 */
const ENGLISH_ONLY: string[] = (() => {
  const read = (lang: string) =>
    JSON.parse(readFileSync(path.join(ROOT, 'apps', 'web', 'src', 'locales', `${lang}.json`), 'utf8'));
  const flat = (o: unknown, prefix = ''): [string, string][] =>
    typeof o === 'string'
      ? [[prefix, o]]
      : Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => flat(v, `${prefix}.${k}`));
  const fil = new Map(flat(read('fil')));
  // A loanword the Filipino texts use themselves ("Reset code para kay …") is Filipino too.
  const filipino = [...fil.values()].join('\n');
  return [
    ...new Set(
      flat(read('en'))
        .filter(([key, text]) => fil.get(key) !== text)
        .flatMap(([, text]) => text.split(/\{\{[^}]*\}\}/))
        .map((piece) => piece.trim())
        .filter((piece) => piece.length >= 10 && /\s/.test(piece) && !filipino.includes(piece)),
    ),
  ];
})();

function documentLang(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement
        .lang,
  );
}

/** Flips the interface language with the header's switch and waits until the page is in the other one. */
async function switchLanguage(page: Page): Promise<string> {
  const before = await documentLang(page);
  await page.locator('.topbar-tools button:has(span[lang])').click();
  await expect.poll(() => documentLang(page)).not.toBe(before);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  return documentLang(page);
}

/** Screenshots the page at phone and desktop width; a phone never scrolls sideways. */
async function screenshots(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? MOBILE;
  await page.setViewportSize(MOBILE);
  // A phone never scrolls sideways: not the page, and not a table (they become labelled rows); only the
  // heat-map scrolls in its own box, its names column held in place.
  const overflow = await page.evaluate(() => {
    type El = { scrollWidth: number; clientWidth: number };
    const doc = (
      globalThis as unknown as { document: { documentElement: El; querySelectorAll(s: string): El[] } }
    ).document;
    const boxes = [...doc.querySelectorAll('.table-scroll:not(:has(.heatmap))')];
    return Math.max(...[doc.documentElement, ...boxes].map((e) => e.scrollWidth - e.clientWidth));
  });
  expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
  // One level of boxes: a card in the tutor's bubble draws no box of its own.
  const boxedCards = await page.evaluate(() => {
    type Styled = { borderLeftWidth: string };
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): object[] };
      getComputedStyle(e: object): Styled;
    };
    return [...g.document.querySelectorAll('.bubble .tool-card')].filter(
      (card) => g.getComputedStyle(card).borderLeftWidth !== '0px',
    ).length;
  });
  expect(boxedCards, `${name} nests a boxed card in a bubble`).toBe(0);
  await page.screenshot({ path: path.join(SHOTS, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(size);
}

/**
 * Checks accessibility, then screenshots the page in both languages at phone and desktop width (the
 * language it was in is restored; a screen with a modal dialog open only in its own); in Filipino, no English
 * text of the interface may show.
 */
async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expect(await axe(page), `axe on ${name}`).toEqual([]);
  // An open modal dialog makes the header inert: such a screen is seen in the language it is in.
  const rounds = (await page.locator('dialog[open]').count()) > 0 ? 1 : 2;
  for (let round = 0; round < rounds; round++) {
    const lang = await documentLang(page);
    if (lang === 'fil') {
      const text = await page.locator('body').innerText();
      expect(
        ENGLISH_ONLY.filter((piece) => text.includes(piece)),
        `English on ${name} in Filipino: ${text}`,
      ).toEqual([]);
    }
    await screenshots(page, `${name}-${lang}`);
    if (rounds === 2) await switchLanguage(page);
  }
}

interface ProgressBody {
  mastery: { topic_id: string; p_known: number }[];
}
function progress(page: Page): Promise<ProgressBody> {
  return page.evaluate(() => fetch('/api/v1/progress').then((r) => r.json() as Promise<ProgressBody>));
}

/** What the page sees, typed here because the root tsconfig has no DOM library. */
interface InPage {
  document: {
    activeElement: {
      tagName: string;
      textContent: string | null;
      getAttribute(n: string): string | null;
    } | null;
  };
  navigator: { clipboard: { readText(): Promise<string> } };
  localStorage: Record<string, string>;
}

/** The focused element: its tag, name attribute and text. */
function focused(page: Page): Promise<{ tag: string; name: string | null; text: string | null } | null> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as InPage).document.activeElement;
    return el ? { tag: el.tagName, name: el.getAttribute('name'), text: el.textContent } : null;
  });
}

function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === (globalThis as unknown as InPage).document.activeElement);
}

/** Whether the chat's message list is scrolled to its end (where a new reply shows). */
function listAtEnd(page: Page): Promise<boolean> {
  return page.locator('.messages').evaluate((el) => {
    const list = el as unknown as { scrollHeight: number; scrollTop: number; clientHeight: number };
    return (
      list.scrollHeight > list.clientHeight && list.scrollHeight - list.scrollTop - list.clientHeight < 2
    );
  });
}

async function signIn(page: Page, user: string, password: string, lands: RegExp): Promise<void> {
  if (!/\/signin/.test(page.url())) await page.goto('/signin');
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', password);
  await page.click('form button[type="submit"]');
  await page.waitForURL(lands);
}

async function send(page: Page, text: string): Promise<void> {
  await page.fill('#composer-input', text);
  await page.click('form.composer button[type="submit"]');
}

describe.skipIf(!hasChromium)(
  'web app in Chromium (student and teacher journeys)',
  { timeout: 150_000 },
  () => {
    let server: ChildProcess;
    let browser: Browser;
    let base = '';
    let dataDir = '';
    let output = '';
    let student: BrowserContext;
    let page: Page;
    const username = `maria${Date.now().toString(36)}`;
    const displayName = 'Maria Santos';
    const scripts = new Map<string, number>();

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'],
        {
          cwd: path.join(ROOT, 'apps', 'web'),
          // vitest sets NODE_ENV=test, which would make Vite bundle React's development build and skip the PWA.
          env: { ...process.env, NODE_ENV: 'production' },
          stdio: 'inherit',
        },
      );
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'aralin-e2e-'));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        WEB_DIST: path.join(ROOT, 'apps', 'web', 'dist'),
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
      await waitForReady(base, server, () => output);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      student = await browser.newContext({
        viewport: MOBILE,
        baseURL: base,
        locale: 'en-PH',
        serviceWorkers: 'block',
        bypassCSP: true,
      });
      page = await student.newPage();
      // Every script the student's browser fetches, gzipped as a server would send it.
      page.on('response', (res) => {
        if (res.request().resourceType() !== 'script' || !res.ok()) return;
        void res.body().then(
          (body) => scripts.set(new URL(res.url()).pathname, zlib.gzipSync(body, { level: 9 }).length),
          () => undefined,
        );
      });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      if (server && server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    /**
     * A page in a browser context of its own (cookies, storage), closed when the test ends; `locale` is the
     * browser's language, which the page takes and a user's first sign-in saves as theirs.
     */
    async function openPage(viewport: typeof MOBILE, locale?: string): Promise<Page> {
      const ctx = await browser.newContext({
        viewport,
        ...(locale ? { locale } : {}),
        baseURL: base,
        serviceWorkers: 'block',
        bypassCSP: true,
      });
      onTestFinished(() => ctx.close());
      return ctx.newPage();
    }

    it('a student signs up with class code SAMPA7 and switches to Filipino', async () => {
      await page.goto('/');
      await page.waitForURL(/\/signin/);
      await page.locator('h1').waitFor();
      await check(page, 'signin');
      await page.click('a[href="/signup"]');
      await page.locator('input[name="class_code"]').waitFor();
      await check(page, 'signup');
      await page.fill('input[name="class_code"]', 'sampa7');
      await page.fill('input[name="display_name"]', displayName);
      await page.fill('input[name="username"]', username);
      await page.fill('input[name="password"]', 'aralin-e2e-pass');
      await page.selectOption('select[name="grade_level"]', '7');
      await page.click('form button[type="submit"]');
      await page.waitForURL(/\/chat$/);
      await page.getByRole('button', { name: /Filipino/ }).click();
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
                .documentElement.lang,
          ),
        )
        .toBe('fil');
      // The switch is saved to the profile.
      await expect
        .poll(() => page.evaluate(() => fetch('/api/v1/me').then((r) => r.json())))
        .toMatchObject({ user: { username, role: 'student', locale: 'fil', grade_level: '7' } });
      await expect.poll(() => page.locator('h1').textContent()).toContain('Kumusta');
      await check(page, 'chat-empty');
    });

    it('asks in Filipino for flashcards and rates them', async () => {
      await page.locator('.conv-head button').click();
      await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      // A new conversation has no title yet: the list calls it a new chat, in the student's language ...
      const title = page.locator('.conv-row.active .conv-title');
      await expect.poll(() => title.textContent()).toBe('Bagong chat');
      await send(page, 'Gumawa ka ng flashcards tungkol sa photosynthesis');
      const deck = page.locator('.tool-card.flashcards').first();
      await deck.waitFor({ timeout: 60_000 });
      // ... until the first message names it.
      await expect.poll(() => title.textContent()).toBe('Gumawa ka ng flashcards tungkol sa photosynthesis');
      await expect
        .poll(() => page.locator('.msg.assistant .tool-badge').first().textContent())
        .toContain('Flashcards');
      // Flip the first card, rate it "Ayos" (Good), then the second "Madali" (Easy).
      await deck.locator('.flashcard').click();
      await expect.poll(() => deck.locator('.flashcard').getAttribute('aria-pressed')).toBe('true');
      await deck.getByRole('button', { name: 'Ayos' }).click();
      await expect.poll(() => deck.locator('.review-notice').textContent()).toContain('Susunod na review');
      await expect.poll(() => deck.locator('.deck-head .muted').textContent()).toContain('Card 2');
      await deck.locator('.flashcard').click();
      await deck.getByRole('button', { name: 'Madali' }).click();
      await expect.poll(() => deck.locator('.deck-head .muted').textContent()).toContain('2 na-review');
      // Suggested follow-ups are offered in Filipino.
      await expect.poll(() => page.locator('.followups .chip').count()).toBeGreaterThan(0);
      await check(page, 'chat-flashcards');
    });

    it(`a rendered chat with markdown costs ≤ ${CHAT_JS_BUDGET_KB} KB of gzipped JavaScript`, async () => {
      // The tutor's reply went through the markdown pipeline (not the plain-text fallback).
      await page.locator('.msg.assistant .md p:not(.md-plain)').first().waitFor();
      expect(await page.locator('.md-plain').count()).toBe(0);
      await page.waitForLoadState('networkidle');
      const files = [...scripts.keys()];
      expect(
        files.some((f) => /\/assets\/index-[\w-]+\.js$/.test(f)),
        files.join(', '),
      ).toBe(true);
      expect(
        files.some((f) => /\/assets\/sanitize-[\w-]+\.js$/.test(f)),
        files.join(', '),
      ).toBe(true);
      const kb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
      console.log(
        `[e2e/web] chat route JS: ${kb.toFixed(1)} KB gzipped in ${files.length} files:\n  ${[...scripts]
          .map(([f, n]) => `${(n / 1024).toFixed(1)} KB ${f}`)
          .join('\n  ')}`,
      );
      expect(kb).toBeGreaterThan(50);
      expect(kb).toBeLessThanOrEqual(CHAT_JS_BUDGET_KB);
    });

    it('renders hostile markdown safely and typesets math', async () => {
      const url = page.url();
      const hostile = [
        '**Bold** <img src=x onerror="globalThis.__xss=1"> [bad](javascript:globalThis.__xss=2) [DepEd](https://www.deped.gov.ph)',
        '',
        '<script>globalThis.__xss=3</script><iframe src="javascript:globalThis.__xss=4"></iframe>',
        '',
        'Area: $A = s^2$',
      ].join('\n');
      const stored = {
        messages: [
          {
            id: '00000000-0000-4000-8000-000000000001',
            role: 'assistant',
            content: hostile,
            status: 'completed',
            tool: null,
            parameters: null,
            result: null,
            planner: 'embedded',
            created_at: new Date().toISOString(),
          },
        ],
      };
      await page.route('**/api/v1/conversations/*/messages', (route) =>
        route.request().method() === 'GET' ? route.fulfill({ json: stored }) : route.fallback(),
      );
      onTestFinished(() => page.unroute('**/api/v1/conversations/*/messages'));
      await page.reload();
      const msg = page.locator('.msg.assistant .md').first();
      await msg.locator('.katex').first().waitFor({ timeout: 30_000 });
      expect(await msg.locator('strong').textContent()).toBe('Bold');
      expect(await msg.locator('img, script, iframe').count()).toBe(0);
      expect(await msg.innerHTML()).not.toMatch(/onerror|javascript:/);
      const link = msg.locator('a', { hasText: 'DepEd' });
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
      await page.unroute('**/api/v1/conversations/*/messages');
      await page.goto(url);
    });

    it('keeps what the student types while the conversation loads', async () => {
      // The cached conversation shows at once; the server's copy arrives later and must not wipe the draft.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const messages = '**/api/v1/conversations/*/messages';
      await page.route(messages, async (route) => {
        if (route.request().method() !== 'GET') return route.fallback();
        await held;
        return route.continue();
      });
      onTestFinished(() => page.unroute(messages));
      await page.reload();
      await page.fill('#composer-input', 'Isang tanong habang naglo-load');
      const fresh = page.waitForResponse(
        (r) => r.url().endsWith('/messages') && r.request().method() === 'GET',
      );
      release();
      await fresh;
      await page.waitForTimeout(500);
      expect(await page.inputValue('#composer-input')).toBe('Isang tanong habang naglo-load');
      await page.unroute(messages);
      await page.fill('#composer-input', '');
    });

    it('takes a quiz, is checked by the server, and sees mastery change', async () => {
      const before = await progress(page);
      const topic = before.mastery.find((m) => m.topic_id === 'sci-photosynthesis');
      expect(topic, 'rating flashcards records mastery evidence').toBeDefined();

      // A true-or-false quiz, answered 'Tama' throughout: its false statements are answered wrong.
      await send(page, 'Bigyan mo ako ng tama o mali na quiz tungkol sa photosynthesis');
      const quiz = page.locator('.tool-card.quiz').first();
      await quiz.waitFor({ timeout: 60_000 });
      const questions = quiz.locator('.quiz-q');
      const n = await questions.count();
      expect(n).toBeGreaterThan(1);
      const feedbacks: string[] = [];
      for (let i = 0; i < n; i++) {
        const q = questions.nth(i);
        const radios = q.locator('input[type="radio"]');
        if ((await radios.count()) > 0) await radios.first().check();
        else await q.locator('input.answer-input').fill('Calvin cycle');
        await q.getByRole('button', { name: 'Suriin' }).click();
        await q.locator('.feedback').waitFor();
        const feedback = (await q.locator('.feedback').textContent()) ?? '';
        expect(feedback).toMatch(/Tama!|Hindi pa tama/);
        feedbacks.push(feedback);
      }
      // A true/false answer is told in the words of the choices (Mali), not the answer key's False.
      expect(feedbacks.some((f) => f.includes('Hindi pa tama. Ang sagot ay Mali.'))).toBe(true);
      expect(feedbacks.join(' ')).not.toMatch(/Ang sagot ay (True|False)\b/i);
      await expect.poll(() => quiz.locator('.mastery-line').count()).toBe(n);
      await expect.poll(() => quiz.locator('.score').textContent()).toMatch(/Nakakuha ka ng \d+ sa \d+/);
      // The chat screen fits the phone: only the message list scrolls, never the page (visually hidden
      // labels inside the list once stretched it thousands of pixels below the composer).
      for (const size of [MOBILE, DESKTOP]) {
        await page.setViewportSize(size);
        const overflow = await page.evaluate(() => {
          const w = globalThis as unknown as {
            document: { documentElement: { scrollHeight: number } };
            innerHeight: number;
          };
          return w.document.documentElement.scrollHeight - w.innerHeight;
        });
        expect(overflow, `page overflow at ${size.width}px`).toBeLessThanOrEqual(0);
      }
      await page.setViewportSize(MOBILE);
      await check(page, 'chat-quiz');

      const after = await progress(page);
      const topicAfter = after.mastery.find((m) => m.topic_id === 'sci-photosynthesis');
      if (!topic || !topicAfter) throw new Error('photosynthesis mastery missing from /progress');
      expect(topicAfter.p_known).not.toBeCloseTo(topic.p_known, 5);

      await page.click('a[href="/progress"]');
      await page.locator('.topic-list').waitFor();
      const shown = await page.locator('.topic-list').textContent();
      expect(shown).toContain(`${Math.round(topicAfter.p_known * 100)}%`);
      await check(page, 'progress');
    });

    it('resumes the conversation after a reload', async () => {
      await page.goBack();
      await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      await page.reload();
      await page.locator('.tool-card.quiz').waitFor({ timeout: 30_000 });
      expect(await page.locator('.tool-card.flashcards').count()).toBe(1);
      expect(await page.locator('.msg.user').count()).toBe(2);
      // The server is the truth for the cards: the quiz comes back answered and scored, the deck reviewed.
      const quiz = page.locator('.tool-card.quiz');
      await expect.poll(() => quiz.locator('.score').textContent()).toMatch(/Nakakuha ka ng \d+ sa \d+/);
      expect(await quiz.locator('.feedback').count()).toBe(await quiz.locator('.quiz-q').count());
      expect(await page.locator('.tool-card.flashcards .deck-head').textContent()).not.toMatch(
        /\b0 (na )?na-review/,
      );
    });

    it('queues a message typed offline and sends it when back online', async () => {
      onTestFinished(() => student.setOffline(false));
      await student.setOffline(true);
      await expect.poll(() => page.locator('.conn').textContent()).toContain('Offline');
      await send(page, 'Ipaliwanag ang chlorophyll');
      await expect.poll(() => page.locator('.msg.queued').count()).toBe(1);
      await expect.poll(() => page.locator('.conn').textContent()).toContain('1 mensaheng naghihintay');
      await check(page, 'chat-offline');
      await student.setOffline(false);
      await expect.poll(() => page.locator('.msg.queued').count(), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => page.locator('.msg.user').count()).toBe(3);
      await page.locator('.tool-card').nth(2).waitFor({ timeout: 60_000 });
    });

    it('when the server is too busy for a turn, waits and sends again; after repeated refusals, says so', async () => {
      // The server's admission refusal (apps/server/src/admission.ts) for the next `refuse` chat sends.
      let refuse = 1;
      const turns = /\/api\/v1\/conversations\/[^/]+\/messages$/;
      await page.route(turns, async (route) => {
        if (route.request().method() !== 'POST' || refuse <= 0) return route.continue();
        refuse--;
        return route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '2' },
          body: JSON.stringify({
            type: 'https://aralin.dev/problems/overloaded',
            title: 'Service Unavailable',
            status: 503,
            detail: 'The tutor is answering as many students as this server can take.',
          }),
        });
      });
      onTestFinished(() => page.unroute(turns));
      const users = await page.locator('.msg.user').count();
      const replies = await page.locator('.msg.assistant').count();

      await send(page, 'Ipaliwanag ang stomata');
      await expect.poll(() => page.locator('.chat-status').textContent()).toContain('Maraming estudyante');
      await page.screenshot({ path: path.join(SHOTS, 'chat-busy-360.png') });
      await expect.poll(() => page.locator('.msg.assistant').count(), { timeout: 60_000 }).toBe(replies + 1);
      expect(await page.locator('.turn-error').count()).toBe(0);
      // The list, taller than the phone's screen by now, follows the new reply (and its card) to its end.
      await expect.poll(() => listAtEnd(page)).toBe(true);

      refuse = 4; // the first send and all three resends
      await send(page, 'Ano ang xylem?');
      await expect
        .poll(() => page.locator('.turn-error').textContent(), { timeout: 30_000 })
        .toContain('Abala pa rin ang tutor');
      expect(refuse).toBe(0);
      expect(await page.locator('.msg.assistant').count()).toBe(replies + 1);
      await page.locator('.turn-error button').click();
      await expect.poll(() => page.locator('.msg.assistant').count(), { timeout: 60_000 }).toBe(replies + 2);
      await expect.poll(() => listAtEnd(page)).toBe(true);

      // Each message is stored once: the refused sends stored nothing.
      await page.reload();
      await expect.poll(() => page.locator('.msg.assistant').count(), { timeout: 30_000 }).toBe(replies + 2);
      expect(await page.locator('.msg.user').count()).toBe(users + 2);
    });

    it('a worrying message gets a caring reply with the 1553 hotline', async () => {
      await send(page, 'Pagod na ako, gusto ko nang mamatay');
      await expect
        .poll(() => page.locator('.msg.assistant').last().textContent(), { timeout: 60_000 })
        .toContain('1553');
    });

    it('solves an exercise through the hint ladder, the answer never shown before the right attempt', async () => {
      // A new conversation, from the list (shown beside the chat on a wide screen).
      await page.setViewportSize(DESKTOP);
      const previous = page.url();
      await page.locator('.conv-head button').click();
      await page.waitForURL((url) => /\/chat\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== previous);
      await page.setViewportSize(MOBILE);
      const conversation = page.url().split('/').pop() as string;
      const cards = page.locator('.tool-card.math');
      const last = () => page.locator('.msg.assistant').last().textContent();
      await send(page, 'Lutasin ang 2x + 3 = 11');
      await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(1);
      await cards.first().locator('.hint-box').waitFor();
      // The student asks for another hint with the card's own chip, then tries a wrong answer, then the right one.
      await cards.first().getByRole('button', { name: 'Isa pang hint' }).click();
      await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(2);
      expect(await page.locator('.answer-box').count()).toBe(0);
      await send(page, 'x = 5 ba?');
      await expect.poll(last, { timeout: 60_000 }).toContain('Hindi pa');
      expect(await page.locator('.answer-box').count()).toBe(0);
      expect(await page.locator('.msg.assistant').allTextContents()).not.toContainEqual(
        expect.stringMatching(/Sagot:/),
      );
      await send(page, 'ang sagot ko ay 4');
      await expect.poll(last, { timeout: 60_000 }).toMatch(/Tama — 4 ang sagot/);
      await check(page, 'chat-hint-ladder');
      // The rungs the student climbed, as stored (a reload shows them again): nudge, method, next step, solution.
      const stored = await page.evaluate(
        (id) =>
          fetch(`/api/v1/conversations/${id}/messages`).then((r) => r.json()) as Promise<{
            messages: { role: string; parameters: { hint_level?: number } | null }[];
          }>,
        conversation,
      );
      const rungs = stored.messages
        .filter((m) => m.role === 'assistant')
        .map((m) => m.parameters?.hint_level);
      expect(rungs).toEqual([1, 3, 2, 0]);
      const mastery = (await progress(page)).mastery.find(
        (m) => m.topic_id === 'math-linear-equations-one-variable',
      );
      expect(mastery, 'the checked attempts are mastery evidence').toBeDefined();
    });

    it('a teacher sees the student progress and the flagged message, and resolves it', async () => {
      // The demo teacher's first sign-in is on a Filipino page: Filipino becomes the teacher's language.
      const t = await openPage(DESKTOP, 'fil-PH');
      await signIn(t, 'guro', 'aralin-guro', /\/teacher$/);
      await t.locator('.class-grid').waitFor();
      await check(t, 'teacher-classes');
      await t.locator('.class-grid a', { hasText: 'Sampaguita' }).click();
      await t.locator('table.heatmap').waitFor({ timeout: 30_000 });
      const row = t.locator('table.heatmap tbody tr', { hasText: displayName });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toMatch(/\d+%/);
      const flags = t.locator('.flag', { hasText: displayName });
      await expect.poll(() => flags.count()).toBeGreaterThan(0);
      expect(await flags.first().textContent()).toContain('mamatay');
      // Why the student needs attention, in the teacher's language (Filipino), not the server's English.
      const attention = t.locator('.attention li', { hasText: displayName });
      await expect.poll(() => attention.textContent()).toContain('mataas ang antas');
      expect(await t.locator('.attention').textContent()).not.toMatch(/safety flag|has not used/);
      await check(t, 'teacher-class');
      // An assessment: the class goes hints-only, and back.
      const hintsOnly = t.getByRole('checkbox', { name: /Pahiwatig lang|Hints only/ });
      // The box shows what the server stored, so it turns once the server has it.
      await hintsOnly.click();
      await expect.poll(() => hintsOnly.isChecked()).toBe(true);
      await hintsOnly.click();
      await expect.poll(() => hintsOnly.isChecked()).toBe(false);

      await flags.first().getByRole('link').click();
      await t.locator('.messages.readonly .msg').first().waitFor();
      expect(await t.locator('.messages.readonly').textContent()).toContain('1553');
      expect(await t.locator('#composer-input').count()).toBe(0);
      // The student's page names the student and shows their mastery and the quiz they took, in Filipino.
      await expect.poll(() => t.locator('h1').textContent()).toBe(displayName);
      await expect.poll(() => t.locator('.answers li').count()).toBeGreaterThan(0);
      expect(await t.locator('#student-mastery-h').textContent()).toBe('Kahusayan sa bawat paksa');
      await check(t, 'teacher-student');

      await t.click('.subnav a[href="/teacher/flags"]');
      const open = t.locator('.flag', { hasText: displayName });
      await open.first().waitFor();
      await check(t, 'teacher-flags');
      await open.first().locator('button.primary').click();
      await expect.poll(() => t.locator('.flag', { hasText: displayName }).count()).toBe(0);
    });

    it('an admin sees users, classes and the provider settings', async () => {
      const a = await openPage(DESKTOP, 'fil-PH');
      // The browser's own check of an empty field speaks the app's language, not the browser's.
      await a.goto('/signin');
      await a.click('form button[type="submit"]');
      const unfilled = await a
        .locator('input[name="username"]')
        .evaluate((el) => (el as unknown as { validationMessage: string }).validationMessage);
      expect(unfilled).toBe('Pakipunan ito.');
      await signIn(a, 'admin', 'aralin-admin', /\/admin$/);
      await a.locator('input[name="provider"][value="embedded"]').waitFor();
      await expect.poll(() => a.locator('table').first().textContent()).toContain(username);
      // A model provider is saved only after a passed connection test; one nothing answers at fails it.
      await a.locator('input[name="provider"][value="openai-compatible"]').check();
      await a.getByRole('textbox', { name: 'Modelo', exact: true }).fill('llama3.2:3b');
      await a.getByRole('textbox', { name: 'Base URL', exact: true }).fill('http://127.0.0.1:9/v1');
      await a.getByRole('button', { name: 'I-save' }).click();
      const refusal = a.locator('p.error[role="alert"]');
      await expect.poll(() => refusal.textContent()).toContain('Subukan muna ang koneksyon');
      await a.getByRole('button', { name: 'Subukan ang koneksyon' }).click();
      await expect.poll(() => a.locator('p.error[role="status"]').textContent()).toContain('Hindi maabot');
      await a.getByRole('button', { name: 'I-save' }).click();
      await expect.poll(() => refusal.textContent()).toContain('Subukan muna ang koneksyon');
      expect((await (await a.request.get(`${base}/api/v1/admin/provider`)).json()).provider).toBe('embedded');
      await a.locator('input[name="provider"][value="embedded"]').check();
      // An API key (in Filipino, the admin's first page): created and shown once, listed as never used, then revoked.
      const keys = a.locator('section[aria-labelledby="keys-h"]');
      await keys.getByLabel('Pangalan').fill('LMS e2e');
      await keys.getByRole('button', { name: 'Gumawa ng key' }).click();
      await expect.poll(() => keys.locator('output code').textContent()).toMatch(/^aralin_/);
      const row = keys.locator('tr', { hasText: 'LMS e2e' });
      await expect.poll(() => row.textContent()).toContain('Hindi pa');
      await check(a, 'admin');
      await row.getByRole('button', { name: 'Bawiin ang key na LMS e2e' }).click();
      await expect.poll(() => row.textContent()).toContain('Binawi');
    });

    it('is an installable PWA whose app shell works offline', async () => {
      const ctx = await browser.newContext({ viewport: MOBILE, baseURL: base, bypassCSP: true });
      onTestFinished(() => ctx.close());
      const p = await ctx.newPage();
      const manifest = (await (await fetch(`${base}/manifest.webmanifest`)).json()) as {
        name: string;
        display: string;
        icons: { sizes: string }[];
      };
      expect(manifest).toMatchObject({ name: expect.stringContaining('Aralin'), display: 'standalone' });
      expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
      await p.goto('/signin');
      await p.locator('h1').waitFor();
      await p.evaluate(
        () =>
          (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } }).navigator
            .serviceWorker.ready,
      );
      await p.reload(); // now controlled by the service worker
      await ctx.setOffline(true);
      await p.reload();
      await p.locator('h1').waitFor();
      expect(await p.locator('input[name="username"]').count()).toBe(1);
      await ctx.setOffline(false);
    });

    it('on a shared computer, signing out leaves none of the conversations behind', async () => {
      const p = await openPage(MOBILE);
      await signIn(p, 'ben', 'aralin-student', /\/chat/);
      const cached = () =>
        p.evaluate(() =>
          Object.keys((globalThis as unknown as { localStorage: Storage }).localStorage).filter((k) =>
            k.startsWith('aralin.conv.'),
          ),
        );
      await expect.poll(cached).toContain('aralin.conv.list');
      await p.getByRole('button', { name: /Sign out|Mag-sign out/ }).click();
      await p.waitForURL(/\/signin/);
      expect(await cached()).toEqual([]);
    });

    it('the student profile page is accessible and keeps the language', async () => {
      await page.goto('/profile');
      await page.locator('form.card').first().waitFor();
      expect(await page.locator('select').first().inputValue()).toBe('fil');
      await check(page, 'profile');
    });

    it("words the server's refusal of a wrong current password in Filipino", async () => {
      const form = page.locator('form.card', {
        has: page.getByRole('heading', { name: 'Palitan ang password' }),
      });
      await form.getByLabel('Kasalukuyang password').fill('hindi-ito-ang-password');
      await form.getByLabel('Bagong password').fill('bagong-password-2');
      await form.getByRole('button', { name: 'Palitan ang password' }).click();
      await expect.poll(() => form.locator('.error[role="alert"]').textContent()).toBe('Mali ang password.');
    });

    it('a teacher issues a one-time reset code; the student sets a new password with it and signs in', async () => {
      const t = await openPage(DESKTOP);
      await t.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      await signIn(t, 'guro', 'aralin-guro', /\/teacher$/);
      await t.locator('.class-grid a', { hasText: 'Sampaguita' }).click();
      const row = t.locator('table.table tbody tr', { hasText: displayName });
      await row.waitFor({ timeout: 30_000 });
      const issue = row.getByRole('button', { name: `I-reset ang password ni ${displayName}` });
      await issue.click();
      const dialog = t.locator('dialog.dialog[open]');
      const code = (await dialog.locator('.reset-code code').textContent({ timeout: 30_000 })) ?? '';
      expect(code).toMatch(/^[\w-]{24}$/);
      expect(await dialog.textContent()).toMatch(/Isang beses lang ito gagana, hanggang .+\d/);
      expect(await dialog.locator('.note').textContent()).toContain(`kay ${displayName}`);
      // Focus is inside the modal, on the copy button; copying puts exactly the code on the clipboard.
      await expect.poll(async () => (await focused(t))?.text).toBe('Kopyahin ang code');
      await t.keyboard.press('Enter');
      await expect.poll(() => dialog.locator('.copy-status').textContent()).toBe('Nakopya na.');
      expect(await t.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText())).toBe(
        code,
      );
      await check(t, 'teacher-reset-code');
      // Shown once: Escape closes the dialog, forgets the code and returns focus to the row's button.
      await t.keyboard.press('Escape');
      await expect.poll(() => t.locator('dialog.dialog[open]').count()).toBe(0);
      await expect.poll(() => t.locator('.reset-code').count()).toBe(0);
      await expect.poll(() => hasFocus(issue)).toBe(true);

      const p = await openPage(MOBILE);
      await p.goto('/signin');
      await p.getByRole('link', { name: 'I have a reset code' }).click();
      await p.waitForURL(/\/reset-password$/);
      await p.locator('input[name="reset_code"]').waitFor();
      await expect.poll(async () => (await focused(p))?.tag).toBe('H1');
      await check(p, 'reset-password');

      // Client-side checks: nothing is sent, each field says what is wrong, focus goes to the first one.
      const sent: string[] = [];
      p.on('request', (r) => {
        if (r.url().endsWith('/auth/password-reset')) sent.push(r.method());
      });
      await p.fill('input[name="reset_code"]', 'abc');
      await p.fill('input[name="new_password"]', 'short');
      await p.fill('input[name="confirm_password"]', 'different');
      await p.click('form button[type="submit"]');
      await expect.poll(() => p.locator('.field-error').count()).toBe(2);
      expect(await p.locator('.field-error').allTextContents()).toEqual([
        'That code is too short. Check it with your teacher.',
        'Use at least 8 characters.',
      ]);
      await expect.poll(async () => (await focused(p))?.name).toBe('reset_code');
      expect(await p.locator('input[name="reset_code"]').getAttribute('aria-invalid')).toBe('true');
      await p.fill('input[name="new_password"]', 'bagong-password-1');
      await p.click('form button[type="submit"]');
      await expect
        .poll(() => p.locator('.field-error').allTextContents())
        .toEqual([
          'That code is too short. Check it with your teacher.',
          'The two passwords are not the same.',
        ]);
      expect(sent).toEqual([]);

      // A well-formed but wrong code: the server's problem detail is shown in an alert that takes focus.
      await p.fill('input[name="reset_code"]', 'not-the-real-code-0000');
      await p.fill('input[name="confirm_password"]', 'bagong-password-1');
      await p.click('form button[type="submit"]');
      const alert = p.locator('.error[role="alert"]');
      await expect
        .poll(() => alert.textContent())
        .toBe('That reset code is not valid, expired, or was already used.');
      await expect.poll(() => hasFocus(alert)).toBe(true);
      expect(sent).toEqual(['POST']);
      await check(p, 'reset-password-error');

      // The real code, pasted with stray whitespace.
      await p.fill('input[name="reset_code"]', ` ${code}\n`);
      await p.click('form button[type="submit"]');
      await p.waitForURL(/\/signin\?notice=password-reset$/);
      const notice = p.locator('.notice[role="status"]');
      expect(await notice.textContent()).toBe('Your password was changed. Sign in with your new password.');
      await expect.poll(() => hasFocus(notice)).toBe(true);
      await check(p, 'signin-notice');
      // The old password is refused; the new one works; the code cannot be used twice.
      await p.fill('input[name="username"]', username);
      await p.fill('input[name="password"]', 'aralin-e2e-pass');
      await p.click('form button[type="submit"]');
      await expect
        .poll(() => p.locator('.error[role="alert"]').textContent())
        .toBe('Wrong username or password.');
      await signIn(p, username, 'bagong-password-1', /\/chat/);
      const again = await p.evaluate(
        (token) =>
          fetch('/api/v1/auth/password-reset', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ token, new_password: 'third-password-1' }),
          }).then((r) => r.status),
        code,
      );
      expect(again).toBe(400);
    });

    it('an admin issues a reset code for a student (and may for a teacher, not for themselves) and sees a refusal explained', async () => {
      const a = await openPage(MOBILE);
      await signIn(a, 'admin', 'aralin-admin', /\/admin$/);
      const ben = a.locator('table.table tbody tr', { hasText: 'Ben Cruz' });
      await ben.waitFor();
      const row = (username: string) =>
        a
          .locator('table.table tbody tr')
          .filter({ has: a.locator('td', { hasText: new RegExp(`^${username}$`) }) });
      expect(await row('guro').getByRole('button').count()).toBe(1);
      expect(await row('admin').getByRole('button').count()).toBe(0);
      await ben.getByRole('button', { name: 'I-reset ang password ni Ben Cruz' }).click();
      const dialog = a.locator('dialog.dialog[open]');
      expect(await dialog.locator('.reset-code code').textContent({ timeout: 30_000 })).toMatch(
        /^[\w-]{24}$/,
      );
      await check(a, 'admin-reset-code');
      await dialog.getByRole('button', { name: 'Tapos na' }).click();
      await expect.poll(() => a.locator('dialog.dialog[open]').count()).toBe(0);

      // The server refuses (here: the student left the school meanwhile): its detail is shown, with a retry.
      await a.route('**/api/v1/users/*/password-reset-token', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'https://aralin.dev/problems/not-found',
            status: 404,
            detail: 'student not found',
          }),
        }),
      );
      await ben.getByRole('button', { name: 'I-reset ang password ni Ben Cruz' }).click();
      await expect.poll(() => dialog.locator('.error[role="alert"]').textContent()).toBe('student not found');
      expect(await dialog.locator('.reset-code').count()).toBe(0);
      await expect.poll(async () => (await focused(a))?.text).toBe('Subukang muli');
      await a.unroute('**/api/v1/users/*/password-reset-token');
      await a.keyboard.press('Enter');
      expect(await dialog.locator('.reset-code code').textContent({ timeout: 30_000 })).toMatch(
        /^[\w-]{24}$/,
      );
    });

    it('a user deletes their account after confirming, and can no longer sign in', async () => {
      const p = await openPage(MOBILE);
      const leaver = `lisa${Date.now().toString(36)}`;
      await p.goto('/signup');
      await p.fill('input[name="class_code"]', 'SAMPA7');
      await p.fill('input[name="display_name"]', 'Lisa Reyes');
      await p.fill('input[name="username"]', leaver);
      await p.fill('input[name="password"]', 'lisa-password-1');
      await p.click('form button[type="submit"]');
      await p.waitForURL(/\/chat$/);
      await expect
        .poll(() =>
          p.evaluate(() =>
            Object.keys((globalThis as unknown as InPage).localStorage).filter((k) =>
              k.startsWith('aralin.conv.'),
            ),
          ),
        )
        .not.toEqual([]);

      await p.click('a[href="/profile"]');
      const zone = p.locator('.danger-zone');
      await zone.getByRole('button', { name: 'Delete my account' }).click();
      const form = zone.locator('form.confirm-delete');
      await expect.poll(async () => (await focused(p))?.tag).toBe('H3');
      expect(await form.textContent()).toContain('all your conversations with the tutor');
      expect(await form.textContent()).toContain('your progress and mastery in every topic');
      const confirm = form.getByRole('button', { name: 'Delete my account for good' });
      expect(await confirm.isDisabled()).toBe(true);
      await check(p, 'profile-delete');

      // The button stays disabled until the username matches (case and spaces aside) and a password is typed.
      await form.locator('input[name="confirm_username"]').fill(leaver.slice(0, -1));
      await form.locator('input[name="confirm_password"]').fill('wrong-password');
      expect(await confirm.isDisabled()).toBe(true);
      await form.locator('input[name="confirm_username"]').fill(` ${leaver.toUpperCase()} `);
      expect(await confirm.isDisabled()).toBe(false);

      // A wrong password: the server's detail in an alert, the password field emptied and focused.
      await confirm.click();
      await expect
        .poll(() => form.locator('.error[role="alert"]').textContent())
        .toBe('The password is wrong.');
      await expect.poll(async () => (await focused(p))?.name).toBe('confirm_password');
      expect(await form.locator('input[name="confirm_password"]').inputValue()).toBe('');

      // The network fails: the alert says so and takes focus; nothing was deleted.
      await p.route('**/api/v1/me', (route) =>
        route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.fallback(),
      );
      await form.locator('input[name="confirm_password"]').fill('lisa-password-1');
      await confirm.click();
      await expect
        .poll(() => form.locator('.error[role="alert"]').textContent())
        .toBe("Can't reach Aralin. Check your connection and try again.");
      await expect.poll(() => hasFocus(form.locator('.error'))).toBe(true);
      await p.unroute('**/api/v1/me');
      await check(p, 'profile-delete-error');

      // Cancel closes the confirmation and returns focus to the opener.
      await form.getByRole('button', { name: 'Cancel' }).click();
      const opener = zone.getByRole('button', { name: 'Delete my account' });
      await expect.poll(() => hasFocus(opener)).toBe(true);

      await opener.click();
      await form.locator('input[name="confirm_username"]').fill(leaver);
      await form.locator('input[name="confirm_password"]').fill('lisa-password-1');
      await form.getByRole('button', { name: 'Delete my account for good' }).click();
      await p.waitForURL(/\/signin\?notice=account-deleted$/);
      const notice = p.locator('.notice[role="status"]');
      expect(await notice.textContent()).toBe(
        'Your account was deleted. Thank you for learning with Aralin.',
      );
      await expect.poll(() => hasFocus(notice)).toBe(true);
      expect(await p.locator('.mainnav').count()).toBe(0);
      expect(
        await p.evaluate(() =>
          Object.keys((globalThis as unknown as InPage).localStorage).filter(
            (k) => k.startsWith('aralin.') && k !== 'aralin.locale',
          ),
        ),
      ).toEqual([]);
      expect(await p.evaluate(() => fetch('/api/v1/me').then((r) => r.status))).toBe(401);

      await p.fill('input[name="username"]', leaver);
      await p.fill('input[name="password"]', 'lisa-password-1');
      await p.click('form button[type="submit"]');
      await expect
        .poll(() => p.locator('.error[role="alert"]').textContent())
        .toBe('Wrong username or password.');
      expect(p.url()).toMatch(/\/signin/);
    });
  },
);
