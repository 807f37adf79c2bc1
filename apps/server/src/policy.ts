/**
 * Role-based access control, in one place. Every route asks this module before it reads or writes:
 * - a student reaches only their own data;
 * - a teacher reaches the students enrolled in the classes they teach (read, and reset-password tokens);
 * - an admin reaches everything in their own school, and may issue reset-password tokens to any other user of it.
 * A resource that exists but is out of reach answers 404 (it is not revealed); a role that may never do an
 * action answers 403.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from './auth/session.ts';
import type { Db } from './db/client.ts';
import { classes, enrolments, safetyFlags, users } from './db/schema.ts';
import { forbidden, notFound } from './problem.ts';

export type Role = Actor['role'];

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role))
    throw forbidden('role_required', `This needs the ${roles.join(' or ')} role.`, { roles });
}

/** Rows owned by one user (conversations, quizzes, flashcards): only the owner, never another role. */
export function assertOwner(actor: Actor, ownerId: string | null | undefined, what: string): void {
  if (!ownerId || ownerId !== actor.id) throw notFound(what);
}

/** The ids of the students a teacher or admin may see (null for an admin: the whole school). */
export async function visibleStudentIds(db: Db, actor: Actor): Promise<string[] | null> {
  if (actor.role === 'admin') return null;
  if (actor.role === 'student') return [actor.id];
  const rows = await db
    .selectDistinct({ id: enrolments.studentId })
    .from(enrolments)
    .innerJoin(classes, eq(classes.id, enrolments.classId))
    .where(eq(classes.teacherId, actor.id));
  return rows.map((r) => r.id);
}

/** Asserts the actor may read a student's data; returns the student row. */
export async function assertStudentAccess(db: Db, actor: Actor, studentId: string) {
  const [student] = await db.select().from(users).where(eq(users.id, studentId)).limit(1);
  if (student?.role !== 'student' || student.schoolId !== actor.schoolId) throw notFound('student');
  if (actor.role === 'student') {
    if (student.id !== actor.id) throw notFound('student');
    return student;
  }
  if (actor.role === 'teacher') {
    const [link] = await db
      .select({ id: enrolments.studentId })
      .from(enrolments)
      .innerJoin(classes, eq(classes.id, enrolments.classId))
      .where(and(eq(enrolments.studentId, studentId), eq(classes.teacherId, actor.id)))
      .limit(1);
    if (!link) throw notFound('student');
  }
  return student;
}

export async function assertClassAccess(db: Db, actor: Actor, classId: string) {
  requireRole(actor, 'teacher', 'admin');
  const [row] = await db.select().from(classes).where(eq(classes.id, classId)).limit(1);
  if (!row || row.schoolId !== actor.schoolId) throw notFound('class');
  if (actor.role === 'teacher' && row.teacherId !== actor.id) throw notFound('class');
  return row;
}

/** Classes the actor may list. */
export function classScope(actor: Actor) {
  requireRole(actor, 'teacher', 'admin');
  return actor.role === 'admin' ? eq(classes.schoolId, actor.schoolId) : eq(classes.teacherId, actor.id);
}

export async function assertFlagAccess(db: Db, actor: Actor, flagId: string) {
  requireRole(actor, 'teacher', 'admin');
  const [flag] = await db.select().from(safetyFlags).where(eq(safetyFlags.id, flagId)).limit(1);
  if (!flag || flag.schoolId !== actor.schoolId) throw notFound('flag');
  const ids = await visibleStudentIds(db, actor);
  if (ids && !ids.includes(flag.studentId)) throw notFound('flag');
  return flag;
}

/** Condition selecting the flags the actor may see. */
export async function flagScope(db: Db, actor: Actor) {
  requireRole(actor, 'teacher', 'admin');
  const ids = await visibleStudentIds(db, actor);
  if (ids === null) return eq(safetyFlags.schoolId, actor.schoolId);
  return and(
    eq(safetyFlags.schoolId, actor.schoolId),
    inArray(safetyFlags.studentId, ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000']),
  );
}

/**
 * Who may issue a one-time password-reset code for a user: a teacher for their own students; an admin for any
 * other user of the school (a teacher or another admin who forgot theirs). Your own password is changed in
 * your profile, with the current one.
 */
export async function assertPasswordResetAccess(db: Db, actor: Actor, userId: string) {
  requireRole(actor, 'teacher', 'admin');
  if (actor.role === 'teacher') return assertStudentAccess(db, actor, userId);
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.schoolId !== actor.schoolId) throw notFound('user');
  if (user.id === actor.id)
    throw forbidden('own_password_in_profile', 'Change your own password in your profile.');
  return user;
}
