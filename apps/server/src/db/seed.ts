import { count, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/crypto.ts';
import type { Bootstrap } from '../config.ts';
import type { Db } from './client.ts';
import { classes, enrolments, schools, users } from './schema.ts';

export const DEMO = {
  school: 'Mababang Paaralan ng Aralin (Demo)',
  admin: { username: 'admin', password: 'aralin-admin', display_name: 'Punong-guro (Admin)' },
  teacher: { username: 'guro', password: 'aralin-guro', display_name: 'Gng. Santos' },
  students: [
    { username: 'ana', password: 'aralin-student', display_name: 'Ana Reyes' },
    { username: 'ben', password: 'aralin-student', display_name: 'Ben Cruz' },
  ],
  class: { name: 'Grade 7 – Sampaguita', grade_level: '7', join_code: 'SAMPA7' },
  apiKey: 'aralin-demo-key',
} as const;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Runs `create` once, when the database has no school yet. An advisory lock makes replicas that start together
 * run it once. Returns whether it ran.
 */
function whenNoSchool(db: Db, create: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4242170002)`);
    const [existing] = await tx.select({ n: count() }).from(schools);
    if ((existing?.n ?? 0) > 0) return false;
    await create(tx);
    return true;
  });
}

/** Creates a production school and its first admin on the first start (`BOOTSTRAP_*` settings). */
export function bootstrapSchool(db: Db, bootstrap: Bootstrap): Promise<boolean> {
  return whenNoSchool(db, async (tx) => {
    // Hashed only when the school is created, not on every start.
    const passwordHash = await hashPassword(bootstrap.adminPassword);
    const [school] = await tx.insert(schools).values({ name: bootstrap.schoolName }).returning();
    if (!school) throw new Error('school insert returned nothing');
    await tx.insert(users).values({
      schoolId: school.id,
      username: bootstrap.adminUsername,
      passwordHash,
      role: 'admin',
      displayName: 'Admin',
    });
  });
}

/** Seeds the demo school once, when the database has no school. Safe with replicas starting together. */
export async function seedDemo(db: Db): Promise<boolean> {
  return whenNoSchool(db, async (tx) => {
    const [school] = await tx.insert(schools).values({ name: DEMO.school }).returning();
    if (!school) throw new Error('school insert returned nothing');
    const [adminHash, teacherHash, studentHash] = await Promise.all([
      hashPassword(DEMO.admin.password),
      hashPassword(DEMO.teacher.password),
      hashPassword(DEMO.students[0].password),
    ]);
    await tx.insert(users).values({
      schoolId: school.id,
      username: DEMO.admin.username,
      passwordHash: adminHash,
      role: 'admin',
      displayName: DEMO.admin.display_name,
      locale: 'fil',
    });
    const [teacher] = await tx
      .insert(users)
      .values({
        schoolId: school.id,
        username: DEMO.teacher.username,
        passwordHash: teacherHash,
        role: 'teacher',
        displayName: DEMO.teacher.display_name,
        locale: 'fil',
      })
      .returning();
    const students = await tx
      .insert(users)
      .values(
        DEMO.students.map((s) => ({
          schoolId: school.id,
          username: s.username,
          passwordHash: studentHash,
          role: 'student' as const,
          displayName: s.display_name,
          gradeLevel: '7',
          locale: 'en' as const,
        })),
      )
      .returning();
    const [klass] = await tx
      .insert(classes)
      .values({
        schoolId: school.id,
        teacherId: teacher?.id ?? null,
        name: DEMO.class.name,
        gradeLevel: DEMO.class.grade_level,
        joinCode: DEMO.class.join_code,
      })
      .returning();
    if (klass)
      await tx.insert(enrolments).values(students.map((s) => ({ classId: klass.id, studentId: s.id })));
  });
}
