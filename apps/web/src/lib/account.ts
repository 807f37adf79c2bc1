/**
 * Account actions and the client-side checks that mirror the server's rules (apps/server/src/routes/auth.ts):
 * a password is 8–200 characters; a reset code is 10–200 characters (the server issues 24 base64url
 * characters, valid for 24 hours and once).
 */
import { ApiError, del, post, problemSlug } from './api.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const RESET_CODE_MIN = 10;
export const RESET_CODE_MAX = 200;

/** Every problem the checks report; each has a message under `reset.problems.*` in both languages. */
export const PASSWORD_PROBLEMS = ['passwordTooShort', 'passwordTooLong', 'passwordMismatch'] as const;
export const CODE_PROBLEMS = ['codeMissing', 'codeTooShort', 'codeTooLong'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];
export type CodeProblem = (typeof CODE_PROBLEMS)[number];

/** The server's Password rule, plus the confirmation the form asks for. */
export function checkNewPassword(password: string, confirm: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return 'passwordTooShort';
  if (password.length > PASSWORD_MAX) return 'passwordTooLong';
  if (password !== confirm) return 'passwordMismatch';
  return null;
}

/**
 * A reset code as typed or pasted: codes are base64url, so whitespace (a pasted line break, spaces a student
 * added while copying it from paper) is never part of one.
 */
export function normaliseResetCode(code: string): string {
  return code.replace(/\s+/g, '');
}

export function checkResetCode(code: string): CodeProblem | null {
  const c = normaliseResetCode(code);
  if (c.length === 0) return 'codeMissing';
  if (c.length < RESET_CODE_MIN) return 'codeTooShort';
  if (c.length > RESET_CODE_MAX) return 'codeTooLong';
  return null;
}

/** Usernames are stored trimmed and lower-cased, so the confirmation compares them the same way. */
export function confirmsUsername(typed: string, username: string): boolean {
  return typed.trim().toLowerCase() === username.toLowerCase();
}

export interface ResetCode {
  token: string;
  expires_at: string;
}

/** A one-time reset code for a student (teacher of the student, or admin of the school). */
export function issueResetCode(userId: string): Promise<ResetCode> {
  return post<ResetCode>(`/users/${encodeURIComponent(userId)}/password-reset-token`);
}

/** Sets a new password with a reset code; the server ends every session of that user. */
export async function resetPassword(code: string, newPassword: string): Promise<void> {
  await post('/auth/password-reset', { token: normaliseResetCode(code), new_password: newPassword });
}

/** Deletes the signed-in user and everything that is theirs; the server clears the session cookies. */
export async function deleteAccount(password: string): Promise<void> {
  await del('/me', { password });
}

/** True when `e` is the server's problem of type `slug` (the last segment of its `type` URI). */
function isProblem(e: unknown, slug: string): boolean {
  return e instanceof ApiError && problemSlug(e.problem) === slug;
}

/** True when the server refused the password the user typed (the field to fix is the password). */
export function isWrongPassword(e: unknown): boolean {
  return isProblem(e, 'wrong-password');
}

/** Browser storage as far as forgetting goes (`localStorage` fits). */
export interface ForgettableStore {
  readonly length: number;
  key(index: number): string | null;
  removeItem(key: string): void;
}

/** Keys kept after an account is deleted: the interface language is the device's, not the account's. */
const DEVICE_KEYS = new Set(['aralin.locale']);

/** Where the chat page keeps conversations for reading offline (`list`, then one key per conversation). */
export const CONVERSATION_CACHE_PREFIX = 'aralin.conv.';

function forget(store: ForgettableStore, doomed: (key: string) => boolean): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k && doomed(k)) keys.push(k);
  }
  for (const k of keys) store.removeItem(k);
  return keys;
}

/**
 * Removes what this browser kept of the user's account (cached conversations for offline reading, the
 * offline outbox), so a shared phone or lab computer shows nothing of a deleted account. Returns the keys
 * removed.
 */
export function forgetLocalData(store: ForgettableStore): string[] {
  return forget(store, (k) => k.startsWith('aralin.') && !DEVICE_KEYS.has(k));
}

/**
 * Removes the conversations cached for offline reading, at sign-out: the next student on a shared computer
 * must not see them. (The outbox is handled apart: sign-out sends the user's waiting messages first and drops
 * only those the user chose to leave.) Returns the keys removed.
 */
export function forgetCachedConversations(store: ForgettableStore): string[] {
  return forget(store, (k) => k.startsWith(CONVERSATION_CACHE_PREFIX));
}

/** An expiry time as the reader says it, with the weekday so "tomorrow at this time" is unambiguous. */
export function formatExpiry(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'fil' ? 'fil-PH' : 'en-PH', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}
