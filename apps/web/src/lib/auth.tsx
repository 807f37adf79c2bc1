import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import i18n, { applyLocale } from '../i18n.ts';
import { forgetCachedConversations, forgetLocalData, deleteAccount as requestDeletion } from './account.ts';
import { ApiError, get, patch, post, resetCsrf } from './api.ts';
import { outbox } from './queue.ts';
import type { User } from './types.ts';

export interface SignupInput {
  class_code?: string;
  invite_code?: string;
  username: string;
  password: string;
  display_name: string;
  grade_level?: string;
  locale?: 'en' | 'fil';
}

interface AuthState {
  user: User | null;
  loading: boolean;
  signIn(username: string, password: string): Promise<User>;
  signUp(input: SignupInput): Promise<User>;
  /**
   * Ends the session and forgets what this browser kept of it: the cached conversations and the user's unsent
   * messages (the caller flushes them first and asks before dropping any: `Layout`).
   */
  signOut(): Promise<void>;
  /**
   * Deletes the account (the server checks the password), forgets what this browser kept of it and ends the
   * local session. `landing` runs just before the session ends, in the same tick, so the signed-out screen
   * renders where it sends the user rather than through a sign-in guard.
   */
  deleteAccount(password: string, landing: () => void): Promise<void>;
  update(
    fields: Partial<Pick<User, 'display_name' | 'locale' | 'grade_level' | 'learning_style'>>,
  ): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const adopt = useCallback((u: User | null) => {
    setUser(u);
    if (u?.locale) applyLocale(u.locale);
  }, []);

  useEffect(() => {
    let cancelled = false;
    get<{ user: User }>('/me')
      .then((r) => !cancelled && adopt(r.user))
      .catch((e: unknown) => {
        if (!cancelled && !(e instanceof ApiError && e.status !== 401)) adopt(null);
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [adopt]);

  const value = useMemo<AuthState>(
    () => ({
      user,
      loading,
      async signIn(username, password) {
        // A first sign-in keeps the language the page is in (the server saves it for someone never active).
        const locale = i18n.language === 'fil' ? 'fil' : 'en';
        const r = await post<{ user: User }>('/auth/signin', { username, password, locale });
        resetCsrf();
        adopt(r.user);
        return r.user;
      },
      async signUp(input) {
        const r = await post<{ user: User }>('/auth/signup', input);
        resetCsrf();
        adopt(r.user);
        return r.user;
      },
      async signOut() {
        try {
          await post('/auth/signout');
        } finally {
          if (typeof localStorage !== 'undefined') forgetCachedConversations(localStorage);
          if (user) outbox.removeFor(user.id);
          resetCsrf();
          setUser(null);
        }
      },
      async deleteAccount(password, landing) {
        await requestDeletion(password);
        outbox.clear();
        if (typeof localStorage !== 'undefined') forgetLocalData(localStorage);
        resetCsrf();
        landing();
        setUser(null);
      },
      async update(fields) {
        const r = await patch<{ user: User }>('/me', fields);
        adopt(r.user);
      },
    }),
    [user, loading, adopt],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  const ctx = use(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
