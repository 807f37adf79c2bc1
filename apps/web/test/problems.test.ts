import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, errorMessage, type Problem, type Translate } from '../src/lib/api.ts';
import en from '../src/locales/en.json';
import fil from '../src/locales/fil.json';

const i18n = i18next.createInstance();
let inEnglish: Translate;
let inFilipino: Translate;

beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, fil: { translation: fil } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  inEnglish = i18n.getFixedT('en');
  inFilipino = i18n.getFixedT('fil');
});

const refusal = (status: number, problem: Problem) =>
  new ApiError(status, { status, detail: 'The server says this in English.', ...problem });

/** The codes the app words, each once (plural forms `code_one`, `code_other` word one code). */
const CODES = [...new Set(Object.keys(en.problems).map((key) => key.replace(/_(one|other)$/, '')))];

describe('errorMessage words a problem by its code, in the user language', () => {
  it.each(CODES)('%s: in Filipino and in English, never the server detail', (code) => {
    const error = refusal(400, { code, retry_after: 90, resource: 'quiz', roles: ['teacher'] });
    const filipino = errorMessage(error, inFilipino);
    const english = errorMessage(error, inEnglish);
    expect(filipino).not.toBe(error.message);
    expect(english).not.toBe(error.message);
    expect(filipino).not.toBe(english);
    expect(filipino).not.toMatch(/problems\.|\{\{/);
  });

  it('words a wrong password and a wrong sign-in in Filipino', () => {
    expect(errorMessage(refusal(403, { code: 'wrong_password' }), inFilipino)).toBe('Mali ang password.');
    expect(errorMessage(refusal(401, { code: 'wrong_credentials' }), inFilipino)).toBe(
      'Mali ang username o password.',
    );
  });

  it('says the wait of a throttled sign-in in whole minutes, rounded up', () => {
    const wait = (seconds: number) => refusal(429, { code: 'sign_in_throttled', retry_after: seconds });
    expect(errorMessage(wait(125), inEnglish)).toBe('Too many failed sign-ins. Try again in 3 minutes.');
    expect(errorMessage(wait(20), inEnglish)).toBe('Too many failed sign-ins. Try again in 1 minute.');
    expect(errorMessage(wait(125), inFilipino)).toBe(
      'Masyadong maraming maling pag-sign in. Subukang muli pagkalipas ng 3 minuto.',
    );
  });

  it('falls back to the detail for a code it does not know, and for a problem without a code', () => {
    expect(errorMessage(refusal(409, { code: 'from_a_newer_server' }), inFilipino)).toBe(
      'The server says this in English.',
    );
    expect(errorMessage(refusal(409, {}), inFilipino)).toBe('The server says this in English.');
  });

  it('uses its own words for rate limits and server errors it has no code for, and for a lost connection', () => {
    expect(errorMessage(refusal(429, { code: 'from_a_newer_server' }), inFilipino)).toBe(fil.errors.tooMany);
    expect(errorMessage(refusal(502, {}), inFilipino)).toBe(fil.errors.server);
    expect(errorMessage(new TypeError('Failed to fetch'), inFilipino)).toBe(fil.errors.network);
  });
});
