import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { refreshTokens, sessions, users } from '../db/schema.ts';
import { unauthorized } from '../problem.ts';
import { randomToken, sha256 } from './crypto.ts';

export const ACCESS_COOKIE = 'aralin_session';
export const REFRESH_COOKIE = 'aralin_refresh';
export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 30 * 24 * 60 * 60;

export type UserRow = typeof users.$inferSelect;
export interface Actor {
  id: string;
  role: 'student' | 'teacher' | 'admin';
  schoolId: string;
  sessionId: string;
  user: UserRow;
}

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    grade_level: u.gradeLevel,
    locale: u.locale,
    learning_style: u.learningStyle,
    school_id: u.schoolId,
  };
}

export class SessionService {
  readonly #key: Uint8Array;
  readonly #db: Db;
  readonly #secure: boolean;
  readonly #now: () => Date;

  constructor(config: Config, db: Db, now: () => Date) {
    this.#key = new TextEncoder().encode(config.sessionSecret);
    this.#db = db;
    this.#secure = config.env === 'production';
    this.#now = now;
  }

  async #access(userId: string, sessionId: string): Promise<string> {
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TTL_SECONDS}s`)
      .setIssuer('aralin')
      .sign(this.#key);
  }

  /** Verifies an access token; returns its claims or null (expired, forged, malformed). */
  async #verifyAccess(token: string): Promise<{ userId: string; sessionId: string } | null> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: 'aralin', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return null;
    }
  }

  /** Starts a session family: an access token and the first refresh token. */
  async start(reply: FastifyReply, userId: string): Promise<void> {
    const expiresAt = new Date(this.#now().getTime() + REFRESH_TTL_SECONDS * 1000);
    const [session] = await this.#db
      .insert(sessions)
      .values({ userId, expiresAt })
      .returning({ id: sessions.id });
    if (!session) throw new Error('session insert returned nothing');
    const refresh = randomToken();
    await this.#db
      .insert(refreshTokens)
      .values({ sessionId: session.id, tokenHash: sha256(refresh), expiresAt });
    this.#setCookies(reply, await this.#access(userId, session.id), refresh);
  }

  /**
   * Rotates a refresh token. A token used twice means it was stolen: the whole family is revoked and both
   * the thief and the owner must sign in again.
   */
  async rotate(reply: FastifyReply, token: string | undefined): Promise<UserRow> {
    if (!token) throw unauthorized('No refresh token.');
    const now = this.#now();
    const [row] = await this.#db
      .select({ token: refreshTokens, session: sessions, user: users })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(refreshTokens.tokenHash, sha256(token)))
      .limit(1);
    if (!row) throw unauthorized('Unknown refresh token.');
    if (row.session.revokedAt || row.session.expiresAt <= now || row.token.expiresAt <= now)
      throw unauthorized('The session has ended; sign in again.');
    // Claim the token atomically: only one concurrent rotation can mark it used.
    const claimed = await this.#db
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.id, row.token.id), isNull(refreshTokens.usedAt)))
      .returning({ id: refreshTokens.id });
    if (claimed.length === 0) {
      await this.#db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: 'refresh token reuse' })
        .where(eq(sessions.id, row.session.id));
      this.clear(reply);
      throw unauthorized('This refresh token was already used; the session was ended for safety.');
    }
    const refresh = randomToken();
    await this.#db.insert(refreshTokens).values({
      sessionId: row.session.id,
      tokenHash: sha256(refresh),
      expiresAt: row.session.expiresAt,
    });
    this.#setCookies(reply, await this.#access(row.user.id, row.session.id), refresh);
    return row.user;
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.#db
      .update(sessions)
      .set({ revokedAt: this.#now(), revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  }

  async revokeAllFor(userId: string, reason: string): Promise<void> {
    await this.#db
      .update(sessions)
      .set({ revokedAt: this.#now(), revokedReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  }

  /** The signed-in actor of a request, or null. Checks that the user exists and the session is live. */
  async actor(request: FastifyRequest): Promise<Actor | null> {
    const token = request.cookies[ACCESS_COOKIE];
    if (!token) return null;
    const claims = await this.#verifyAccess(token);
    if (!claims) return null;
    const [row] = await this.#db
      .select({ user: users, session: sessions })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, claims.sessionId), eq(users.id, claims.userId)))
      .limit(1);
    if (!row || row.session.revokedAt) return null;
    return {
      id: row.user.id,
      role: row.user.role,
      schoolId: row.user.schoolId,
      sessionId: row.session.id,
      user: row.user,
    };
  }

  #setCookies(reply: FastifyReply, access: string, refresh: string): void {
    const base = { httpOnly: true, secure: this.#secure, sameSite: 'lax' as const };
    reply.setCookie(ACCESS_COOKIE, access, { ...base, path: '/', maxAge: ACCESS_TTL_SECONDS });
    reply.setCookie(REFRESH_COOKIE, refresh, {
      ...base,
      path: '/api/v1/auth',
      maxAge: REFRESH_TTL_SECONDS,
    });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(ACCESS_COOKIE, { path: '/' });
    reply.clearCookie(REFRESH_COOKIE, { path: '/api/v1/auth' });
  }
}
