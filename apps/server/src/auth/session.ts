import { and, eq, isNull, ne, sql } from 'drizzle-orm';
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

/** How many verified access tokens are remembered (each at most until it expires). */
const VERIFIED_TOKENS_MAX = 10_000;

interface Claims {
  userId: string;
  sessionId: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

function actorQuery(db: Db) {
  return db
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), eq(users.id, sql.placeholder('userId'))))
    .limit(1)
    .prepare('session_actor');
}

export class SessionService {
  readonly #key: Uint8Array;
  readonly #db: Db;
  readonly #secure: boolean;
  readonly #now: () => Date;
  /** Run on every request, so prepared once: no SQL building per request, and PostgreSQL parses it once. */
  readonly #actorQuery: ReturnType<typeof actorQuery>;
  /**
   * Access tokens whose signature was already verified. The same string always verifies the same way, so only
   * its expiry is checked again; revocation is still checked in the database on every request.
   */
  readonly #verified = new Map<string, Claims>();

  constructor(config: Config, db: Db, now: () => Date) {
    this.#key = new TextEncoder().encode(config.sessionSecret);
    this.#db = db;
    this.#secure = config.env === 'production';
    this.#now = now;
    this.#actorQuery = actorQuery(db);
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
  async #verifyAccess(token: string): Promise<Claims | null> {
    // The wall clock, as jose uses when it signs and verifies.
    const now = Date.now();
    const known = this.#verified.get(token);
    if (known) {
      if (known.expiresAt > now) return known;
      this.#verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: 'aralin', algorithms: ['HS256'] });
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        typeof payload.exp !== 'number'
      )
        return null;
      const claims = { userId: payload.sub, sessionId: payload.sid, expiresAt: payload.exp * 1000 };
      // Oldest first out: a Map iterates in insertion order.
      if (this.#verified.size >= VERIFIED_TOKENS_MAX)
        this.#verified.delete(this.#verified.keys().next().value as string);
      this.#verified.set(token, claims);
      return claims;
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
    if (!token) throw unauthorized('session_ended', 'No refresh token.');
    const now = this.#now();
    const [row] = await this.#db
      .select({ token: refreshTokens, session: sessions, user: users })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(refreshTokens.tokenHash, sha256(token)))
      .limit(1);
    if (!row) throw unauthorized('session_ended', 'Unknown refresh token.');
    if (row.session.revokedAt || row.session.expiresAt <= now || row.token.expiresAt <= now)
      throw unauthorized('session_ended', 'The session has ended; sign in again.');
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
      throw unauthorized(
        'session_ended',
        'This refresh token was already used; the session was ended for safety.',
      );
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

  /** Ends every live session of the user, except `keep` when given (the one that asked). */
  async revokeAllFor(userId: string, reason: string, keep?: string): Promise<void> {
    await this.#db
      .update(sessions)
      .set({ revokedAt: this.#now(), revokedReason: reason })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          keep === undefined ? undefined : ne(sessions.id, keep),
        ),
      );
  }

  /** The signed-in actor of a request, or null. Checks that the user exists and the session is live. */
  async actor(request: FastifyRequest): Promise<Actor | null> {
    const token = request.cookies[ACCESS_COOKIE];
    if (!token) return null;
    const claims = await this.#verifyAccess(token);
    if (!claims) return null;
    const [row] = await this.#actorQuery.execute({ sessionId: claims.sessionId, userId: claims.userId });
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
