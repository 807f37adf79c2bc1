import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { z } from 'zod';

/** Usernames are stored trimmed and lower-cased; the same rule for sign-up, sign-in and the first admin. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, '3–32 letters, digits, dot, dash or underscore');

/**
 * zxcvbn's estimate over its common-password list, dictionaries and patterns (sequences, repeats, keyboard
 * walks, l33t). NIST SP 800-63B: at least 8 characters, and no value from a list of common or compromised
 * passwords; there are no composition rules.
 */
const zxcvbn = new ZxcvbnFactory({
  dictionary: zxcvbnCommon.dictionary,
  graphs: zxcvbnCommon.adjacencyGraphs,
});
/** zxcvbn's score 2: a million guesses or more, out of reach of an online attack slowed by sign-in delays. */
const MIN_SCORE = 2;
/** zxcvbn's cost grows with length; the first 100 characters decide. */
const CHECKED_LENGTH = 100;

export function commonPassword(password: string): boolean {
  return zxcvbn.check(password.slice(0, CHECKED_LENGTH)).score < MIN_SCORE;
}

export const Password = z
  .string()
  .min(8, 'at least 8 characters')
  .max(200)
  .refine((password) => password.length < 8 || !commonPassword(password), {
    message: 'too common or too easy to guess (like "12345678" or "password1"); choose a longer phrase',
  });
