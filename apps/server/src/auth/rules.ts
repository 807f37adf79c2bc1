import { z } from 'zod';

/** Usernames are stored trimmed and lower-cased; the same rule for sign-up, sign-in and the first admin. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, '3–32 letters, digits, dot, dash or underscore');
export const Password = z.string().min(8, 'at least 8 characters').max(200);
