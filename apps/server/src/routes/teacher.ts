import { and, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { randomCode, randomToken, sha256 } from '../auth/crypto.ts';
import type { Actor } from '../auth/session.ts';
import { messagesWithResults } from '../chat.ts';
import type { AppContext } from '../context.ts';
import {
  auditLog,
  classes,
  conversations,
  enrolments,
  mastery,
  passwordResetTokens,
  safetyFlags,
  toolResults,
  users,
} from '../db/schema.ts';
import {
  assertClassAccess,
  assertFlagAccess,
  assertPasswordResetAccess,
  assertStudentAccess,
  classScope,
  flagScope,
  requireRole,
} from '../policy.ts';
import { conflict, notFound } from '../problem.ts';
import { studentOverview } from '../studentOverview.ts';
import { GradeLevel } from './auth.ts';
import { listConversations } from './chat.ts';
import { IdParams, requireActor, typed } from './util.ts';

type FlagRow = typeof safetyFlags.$inferSelect;

async function publicFlags(ctx: AppContext, rows: FlagRow[]) {
  const ids = [...new Set(rows.map((r) => r.studentId))];
  const names = ids.length
    ? await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
    : [];
  const byId = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((f) => ({
    id: f.id,
    student_id: f.studentId,
    student_name: byId.get(f.studentId) ?? '',
    conversation_id: f.conversationId,
    message_id: f.messageId,
    category: f.category,
    severity: f.severity,
    excerpt: f.excerpt,
    created_at: f.createdAt.toISOString(),
    status: f.status,
    resolved_at: f.resolvedAt?.toISOString() ?? null,
    resolved_note: f.resolvedNote,
  }));
}

function publicClass(c: typeof classes.$inferSelect, studentCount: number) {
  return {
    id: c.id,
    name: c.name,
    grade_level: c.gradeLevel,
    join_code: c.joinCode,
    teacher_id: c.teacherId,
    student_count: studentCount,
    hints_only: c.hintsOnly,
  };
}

export async function classesWithCounts(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db.select().from(classes).where(classScope(actor)).orderBy(classes.name);
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await ctx.db
        .select({ classId: enrolments.classId, n: count() })
        .from(enrolments)
        .where(inArray(enrolments.classId, ids))
        .groupBy(enrolments.classId)
    : [];
  const byId = new Map(counts.map((c) => [c.classId, c.n]));
  return rows.map((c) => publicClass(c, byId.get(c.id) ?? 0));
}

/**
 * Why a student needs a teacher's attention, as a code the web app words in the teacher's language; topics
 * (for `struggling`) are titled in the teacher's locale.
 */
interface AttentionReason {
  code: 'high_severity_flag' | 'open_flag' | 'struggling' | 'never_active' | 'inactive_week';
  topics?: string[];
}

export function teacherRoutes(ctx: AppContext) {
  return async (base: FastifyInstance) => {
    const app = typed(base);
    const tags = ['teachers'];

    app.get('/classes', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      return { classes: await classesWithCounts(ctx, actor) };
    });

    app.post(
      '/classes',
      {
        schema: {
          tags,
          body: z.object({
            name: z.string().trim().min(1).max(120),
            grade_level: GradeLevel,
            teacher_id: z.uuid().optional(),
          }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        requireRole(actor, 'teacher', 'admin');
        let teacherId: string | null = actor.role === 'teacher' ? actor.id : null;
        if (request.body.teacher_id) {
          requireRole(actor, 'admin');
          const [t] = await ctx.db.select().from(users).where(eq(users.id, request.body.teacher_id));
          if (!t || t.schoolId !== actor.schoolId || t.role !== 'teacher') throw notFound('teacher');
          teacherId = t.id;
        }
        for (let attempt = 0; attempt < 5; attempt++) {
          const [row] = await ctx.db
            .insert(classes)
            .values({
              schoolId: actor.schoolId,
              teacherId,
              name: request.body.name,
              gradeLevel: request.body.grade_level,
              joinCode: randomCode(6),
            })
            .onConflictDoNothing()
            .returning();
          if (row) return reply.code(201).send({ class: publicClass(row, 0) });
        }
        throw conflict('join_code_unavailable', 'Could not make a unique join code; try again.');
      },
    );

    const classStudents = async (classId: string) =>
      ctx.db
        .select({
          id: users.id,
          display_name: users.displayName,
          username: users.username,
          grade_level: users.gradeLevel,
          last_active_at: users.lastActiveAt,
        })
        .from(enrolments)
        .innerJoin(users, eq(users.id, enrolments.studentId))
        .where(eq(enrolments.classId, classId))
        .orderBy(users.displayName);

    app.get('/classes/:id', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      const klass = await assertClassAccess(ctx.db, actor, request.params.id);
      const students = await classStudents(klass.id);
      return {
        class: publicClass(klass, students.length),
        students: students.map((s) => ({ ...s, last_active_at: s.last_active_at?.toISOString() ?? null })),
      };
    });

    app.patch(
      '/classes/:id',
      { schema: { tags, params: IdParams, body: z.object({ hints_only: z.boolean() }) } },
      async (request) => {
        const actor = requireActor(request);
        const klass = await assertClassAccess(ctx.db, actor, request.params.id);
        const [row] = await ctx.db
          .update(classes)
          .set({ hintsOnly: request.body.hints_only })
          .where(eq(classes.id, klass.id))
          .returning();
        const students = await classStudents(klass.id);
        return { class: publicClass(row ?? klass, students.length) };
      },
    );

    app.get('/classes/:id/analytics', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      const klass = await assertClassAccess(ctx.db, actor, request.params.id);
      const students = await classStudents(klass.id);
      const ids = students.map((s) => s.id);
      const [masteryRows, openFlags, topicCounts] = ids.length
        ? await Promise.all([
            ctx.db.select().from(mastery).where(inArray(mastery.userId, ids)),
            ctx.db
              .select()
              .from(safetyFlags)
              .where(and(inArray(safetyFlags.studentId, ids), eq(safetyFlags.status, 'open')))
              .orderBy(desc(safetyFlags.createdAt)),
            ctx.db
              .select({ topicId: toolResults.topicId, n: count() })
              .from(toolResults)
              .where(and(inArray(toolResults.userId, ids), isNotNull(toolResults.topicId)))
              .groupBy(toolResults.topicId)
              .orderBy(desc(count()))
              .limit(5),
          ])
        : [[], [], []];
      const title = (id: string) => ctx.content.get(id)?.title[actor.user.locale] ?? id;
      const topicIds = [...new Set(masteryRows.map((m) => m.topicId))].sort().slice(0, 60);
      const now = ctx.clock().getTime();
      const attention = students.flatMap((s) => {
        const reasons: AttentionReason[] = [];
        const mine = masteryRows.filter((m) => m.userId === s.id);
        const flags = openFlags.filter((f) => f.studentId === s.id);
        if (flags.some((f) => f.severity === 'high')) reasons.push({ code: 'high_severity_flag' });
        else if (flags.length > 0) reasons.push({ code: 'open_flag' });
        const weak = mine.filter((m) => m.attempts >= 3 && m.pKnown < 0.3);
        if (weak.length > 0) reasons.push({ code: 'struggling', topics: weak.map((w) => title(w.topicId)) });
        if (!s.last_active_at) reasons.push({ code: 'never_active' });
        else if (now - s.last_active_at.getTime() > 7 * 86_400_000) reasons.push({ code: 'inactive_week' });
        return reasons.length ? [{ student_id: s.id, display_name: s.display_name, reasons }] : [];
      });
      return {
        heatmap: {
          topics: topicIds.map((id) => ({ id, title: title(id) })),
          students: students.map((s) => ({
            id: s.id,
            display_name: s.display_name,
            mastery: Object.fromEntries(
              masteryRows.filter((m) => m.userId === s.id).map((m) => [m.topicId, m.pKnown]),
            ),
          })),
        },
        attention,
        top_topics: topicCounts.map((t) => ({
          topic_id: t.topicId as string,
          title: title(t.topicId as string),
          count: t.n,
        })),
        flags: await publicFlags(ctx, openFlags),
      };
    });

    app.get(
      '/flags',
      { schema: { tags, querystring: z.object({ status: z.enum(['open', 'resolved']).default('open') }) } },
      async (request) => {
        const actor = requireActor(request);
        const scope = await flagScope(ctx.db, actor);
        const rows = await ctx.db
          .select()
          .from(safetyFlags)
          .where(and(scope, eq(safetyFlags.status, request.query.status)))
          .orderBy(desc(safetyFlags.createdAt))
          .limit(500);
        return { flags: await publicFlags(ctx, rows) };
      },
    );

    app.post(
      '/flags/:id/resolve',
      {
        schema: {
          tags,
          params: IdParams,
          body: z.object({ note: z.string().trim().max(2000).optional() }).optional(),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const flag = await assertFlagAccess(ctx.db, actor, request.params.id);
        const [row] = await ctx.db
          .update(safetyFlags)
          .set({
            status: 'resolved',
            resolvedBy: actor.id,
            resolvedAt: ctx.clock(),
            resolvedNote: request.body?.note ?? null,
          })
          .where(eq(safetyFlags.id, flag.id))
          .returning();
        await ctx.db.insert(auditLog).values({
          schoolId: actor.schoolId,
          actorId: actor.id,
          action: 'flag.resolve',
          target: flag.id,
        });
        return { flag: (await publicFlags(ctx, row ? [row] : []))[0] };
      },
    );

    app.get('/students/:id/overview', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'teacher', 'admin');
      const student = await assertStudentAccess(ctx.db, actor, request.params.id);
      await ctx.db.insert(auditLog).values({
        schoolId: actor.schoolId,
        actorId: actor.id,
        action: 'student.overview.read',
        target: student.id,
      });
      return studentOverview(ctx, student, actor.user.locale);
    });

    app.get('/students/:id/conversations', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      requireRole(actor, 'teacher', 'admin');
      const student = await assertStudentAccess(ctx.db, actor, request.params.id);
      return { conversations: await listConversations(ctx, student.id) };
    });

    app.get(
      '/students/:id/conversations/:cid/messages',
      { schema: { tags, params: z.object({ id: z.uuid(), cid: z.uuid() }) } },
      async (request) => {
        const actor = requireActor(request);
        requireRole(actor, 'teacher', 'admin');
        const student = await assertStudentAccess(ctx.db, actor, request.params.id);
        const [conv] = await ctx.db
          .select()
          .from(conversations)
          .where(eq(conversations.id, request.params.cid))
          .limit(1);
        if (!conv || conv.userId !== student.id) throw notFound('conversation');
        await ctx.db.insert(auditLog).values({
          schoolId: actor.schoolId,
          actorId: actor.id,
          action: 'conversation.read',
          target: conv.id,
          details: { student_id: student.id },
        });
        return { messages: await messagesWithResults(ctx, conv.id) };
      },
    );

    app.post('/users/:id/password-reset-token', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      const target = await assertPasswordResetAccess(ctx.db, actor, request.params.id);
      const token = randomToken(18);
      const expires = new Date(ctx.clock().getTime() + 24 * 3_600_000);
      await ctx.db.insert(passwordResetTokens).values({
        userId: target.id,
        tokenHash: sha256(token),
        createdBy: actor.id,
        expiresAt: expires,
      });
      await ctx.db.insert(auditLog).values({
        schoolId: actor.schoolId,
        actorId: actor.id,
        action: 'password_reset.issue',
        target: target.id,
      });
      return { token, expires_at: expires.toISOString() };
    });
  };
}
