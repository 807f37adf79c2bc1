import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type ProblemCode } from '../src/problem.ts';
import { Client, expectProblem, makeApp } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CODES = Object.keys(PROBLEM_CODES) as ProblemCode[];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

function locale(lang: 'en' | 'fil'): Record<string, string> {
  const json = JSON.parse(readFileSync(path.join(ROOT, `apps/web/src/locales/${lang}.json`), 'utf8'));
  return json.problems as Record<string, string>;
}

/** The code a wording key words: the key itself, or the key without its plural suffix (`code_one`). */
const codeOf = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('problem codes', () => {
  it('every code of the table is answered somewhere in the server (none is dead)', () => {
    const server = path.join(ROOT, 'apps/server/src');
    // The table itself does not count: a code counts where a problem is made with it.
    const text = sources(server)
      .join('\n')
      .replace(/export const PROBLEM_CODES = \{[^}]*\}/, '');
    expect(CODES.filter((code) => !text.includes(`'${code}'`))).toEqual([]);
  });

  it('docs/api.md lists every code', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
    expect(CODES.filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });

  it.each(['en', 'fil'] as const)('the web app words every code in %s, with only its parameters', (lang) => {
    const problems = locale(lang);
    for (const code of CODES) {
      const texts = Object.entries(problems)
        .filter(([key]) => codeOf(key) === code)
        .map(([, text]) => text);
      expect(texts, `problems.${code} in ${lang}`).not.toEqual([]);
      const params: readonly string[] = PROBLEM_CODES[code];
      const allowed = params.includes('retry_after') ? [...params, 'count'] : params;
      for (const text of texts)
        for (const [, name] of text.matchAll(/\{\{\s*(\w+)/g))
          expect(allowed, `${code}: ${text}`).toContain(name);
    }
    expect(Object.keys(problems).filter((key) => !Object.hasOwn(PROBLEM_CODES, codeOf(key)))).toEqual([]);
  });
});

describe('problem responses carry their code', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('answers refusals, validation and framework errors with codes from the table', async () => {
    const client = new Client(app);
    const signUp = (classCode: string, username: string) =>
      client.post('/api/v1/auth/signup', {
        class_code: classCode,
        username,
        password: 'long-enough-password',
        display_name: username,
      });
    const cases: [() => ReturnType<Client['get']>, number, ProblemCode][] = [
      [
        () => client.post('/api/v1/auth/signin', { username: 'ana', password: 'not-her-password' }),
        401,
        'wrong_credentials',
      ],
      [() => signUp('SAMPA7', 'ana'), 409, 'username_taken'],
      [() => signUp('NO-SUCH-CLASS', 'newcomer'), 400, 'class_code_unknown'],
      [() => client.post('/api/v1/auth/signin', { username: 'ana' }), 400, 'validation'],
      [() => client.get('/api/v1/me'), 401, 'sign_in_required'],
      [() => client.get('/api/v1/no-such-route'), 404, 'no_route'],
    ];
    for (const [send, status, code] of cases) expect(expectProblem(await send(), status).code).toBe(code);
  });

  it('refuses a body that is not JSON with invalid_json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(expectProblem(res, 400).code).toBe('invalid_json');
  });
});
