import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hashPassword, sha256, verifyPassword } from '../auth/crypto.ts';
import { Password, Username } from '../auth/rules.ts';
import { publicUser, REFRESH_COOKIE } from '../auth/session.ts';
import type { AppContext } from '../context.ts';
import { auditLog, classes, enrolments, invitations, passwordResetTokens, users } from '../db/schema.ts';
import { badRequest, conflict, HttpProblem, unauthorized } from '../problem.ts';
import { requireActor, typed } from './util.ts';

export const GradeLevel = z.enum(['4', '5', '6', '7', '8', '9', '10', '11', '12']);
export const LocaleSchema = z.enum(['en', 'fil']);
export const DisplayName = z.string().trim().min(1).max(80);

// A real argon2id hash of a random string: verifying against it costs the same as a real account.
let dummyHash: Promise<string> | undefined;

export function authRoutes(ctx: AppContext) {
  return async (base: FastifyInstance) => {
    const app = typed(base);
    const tags = ['auth'];

    app.get('/auth/csrf', { schema: { tags } }, async (_request, reply) => {
      return { token: reply.generateCsrf() };
    });

    app.post(
      '/auth/signup',
      {
        schema: {
          tags,
          body: z
            .object({
              class_code: z.string().trim().toUpperCase().min(4).max(16).optional(),
              invite_code: z.string().trim().min(4).max(64).optional(),
              username: Username,
              password: Password,
              display_name: DisplayName,
              grade_level: GradeLevel.optional(),
              locale: LocaleSchema.optional(),
            })
            .refine((b) => Boolean(b.class_code) !== Boolean(b.invite_code), {
              message: 'send exactly one of class_code (students) or invite_code (teachers)',
            }),
        },
      },
      async (request, reply) => {
        const body = request.body;
        const now = ctx.clock();
        const passwordHash = await hashPassword(body.password);
        // The code is checked before the username: without a valid code nobody learns which usernames exist.
        const user = await ctx.db.transaction(async (tx) => {
          const assertFree = async () => {
            const [taken] = await tx
              .select({ id: users.id })
              .from(users)
              .where(eq(users.username, body.username));
            if (taken) throw conflict('username_taken', 'That username is taken.');
          };
          if (body.class_code) {
            const [klass] = await tx.select().from(classes).where(eq(classes.joinCode, body.class_code));
            if (!klass)
              throw badRequest(
                'class_code_unknown',
                'No class has that code. Ask your teacher for the class code.',
              );
            await assertFree();
            const [created] = await tx
              .insert(users)
              .values({
                schoolId: klass.schoolId,
                username: body.username,
                passwordHash,
                role: 'student',
                displayName: body.display_name,
                gradeLevel: body.grade_level ?? klass.gradeLevel,
                locale: body.locale ?? 'en',
              })
              .onConflictDoNothing()
              .returning();
            if (!created) throw conflict('username_taken', 'That username is taken.');
            await tx.insert(enrolments).values({ classId: klass.id, studentId: created.id });
            return created;
          }
          const [invite] = await tx
            .update(invitations)
            .set({ usedAt: now })
            .where(
              and(
                eq(invitations.code, body.invite_code ?? ''),
                isNull(invitations.usedAt),
                gt(invitations.expiresAt, now),
              ),
            )
            .returning();
          if (!invite)
            throw badRequest('invite_invalid', 'That invitation code is not valid (or was already used).');
          await assertFree();
          const [created] = await tx
            .insert(users)
            .values({
              schoolId: invite.schoolId,
              username: body.username,
              passwordHash,
              role: invite.role,
              displayName: body.display_name,
              locale: body.locale ?? 'fil',
            })
            .onConflictDoNothing()
            .returning();
          if (!created) throw conflict('username_taken', 'That username is taken.');
          await tx.update(invitations).set({ usedBy: created.id }).where(eq(invitations.id, invite.id));
          await tx.insert(auditLog).values({
            schoolId: invite.schoolId,
            actorId: created.id,
            action: 'invitation.accept',
            target: invite.id,
          });
          return created;
        });
        await ctx.sessions.start(reply, user.id);
        return reply.code(201).send({ user: publicUser(user) });
      },
    );

    app.post(
      '/auth/signin',
      {
        schema: {
          tags,
          body: z.object({
            username: z.string().trim().toLowerCase().min(1).max(64),
            password: z.string().max(200),
            /** The sign-in page's language: saved as the user's own at their first sign-in. */
            locale: LocaleSchema.optional(),
          }),
        },
      },
      async (request, reply) => {
        const { username, password, locale } = request.body;
        await ctx.loginThrottle.check(username, request.ip);
        const [user] = await ctx.db.select().from(users).where(eq(users.username, username)).limit(1);
        dummyHash ??= hashPassword('aralin-no-such-user-password');
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
        if (!user || !ok) {
          await ctx.loginThrottle.failed(username, request.ip);
          throw unauthorized('wrong_credentials', 'Wrong username or password.');
        }
        await ctx.loginThrottle.succeeded(username);
        await ctx.sessions.start(reply, user.id);
        // Someone never active has not chosen a language yet (a seeded or invited account's is a guess).
        if (locale && locale !== user.locale && !user.lastActiveAt) {
          await ctx.db.update(users).set({ locale }).where(eq(users.id, user.id));
          return { user: publicUser({ ...user, locale }) };
        }
        return { user: publicUser(user) };
      },
    );

    app.post('/auth/signout', { schema: { tags } }, async (request, reply) => {
      if (request.actor) await ctx.sessions.revoke(request.actor.sessionId, 'signout');
      ctx.sessions.clear(reply);
      return reply.code(204).send();
    });

    app.post('/auth/refresh', { schema: { tags } }, async (request, reply) => {
      const user = await ctx.sessions.rotate(reply, request.cookies[REFRESH_COOKIE]);
      return { user: publicUser(user) };
    });

    app.post(
      '/auth/password',
      { schema: { tags, body: z.object({ current_password: z.string().max(200), new_password: Password }) } },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!(await verifyPassword(actor.user.passwordHash, request.body.current_password)))
          throw new HttpProblem(403, 'wrong-password', 'wrong_password', 'The current password is wrong.');
        await ctx.db
          .update(users)
          .set({ passwordHash: await hashPassword(request.body.new_password) })
          .where(eq(users.id, actor.id));
        // Whoever else knew the old password is signed out everywhere; this session stays.
        await ctx.sessions.revokeAllFor(actor.id, 'password change', actor.sessionId);
        return reply.code(204).send();
      },
    );

    app.post(
      '/auth/password-reset',
      { schema: { tags, body: z.object({ token: z.string().min(10).max(200), new_password: Password }) } },
      async (request, reply) => {
        const now = ctx.clock();
        const passwordHash = await hashPassword(request.body.new_password);
        const [used] = await ctx.db
          .update(passwordResetTokens)
          .set({ usedAt: now })
          .where(
            and(
              eq(passwordResetTokens.tokenHash, sha256(request.body.token)),
              isNull(passwordResetTokens.usedAt),
              gt(passwordResetTokens.expiresAt, now),
            ),
          )
          .returning();
        if (!used)
          throw badRequest(
            'reset_code_invalid',
            'That reset code is not valid, expired, or was already used.',
          );
        await ctx.db.update(users).set({ passwordHash }).where(eq(users.id, used.userId));
        await ctx.sessions.revokeAllFor(used.userId, 'password reset');
        return reply.code(204).send();
      },
    );
  };
}
