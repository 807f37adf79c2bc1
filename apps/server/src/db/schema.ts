import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const schools = pgTable('schools', {
  id: id(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['student', 'teacher', 'admin'] }).notNull(),
    displayName: text('display_name').notNull(),
    gradeLevel: text('grade_level'),
    locale: text('locale', { enum: ['en', 'fil'] })
      .notNull()
      .default('en'),
    learningStyle: text('learning_style', {
      enum: ['visual', 'auditory', 'reading_writing', 'kinesthetic'],
    }),
    lastActiveAt: ts('last_active_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_idx').on(t.username), index('users_school_idx').on(t.schoolId, t.role)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    role: text('role', { enum: ['teacher'] }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    usedBy: uuid('used_by').references(() => users.id, { onDelete: 'set null' }),
    usedAt: ts('used_at'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invitations_code_idx').on(t.code), index('invitations_school_idx').on(t.schoolId)],
);

/** A sign-in: the family of rotating refresh tokens. Revoking it ends every token of the family. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    revokedAt: ts('revoked_at'),
    revokedReason: text('revoked_reason'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    usedAt: ts('used_at'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_idx').on(t.tokenHash),
    index('refresh_tokens_session_idx').on(t.sessionId),
  ],
);

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('password_reset_tokens_hash_idx').on(t.tokenHash),
    index('password_reset_tokens_user_idx').on(t.userId),
  ],
);

export const classes = pgTable(
  'classes',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    teacherId: uuid('teacher_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    gradeLevel: text('grade_level').notNull(),
    joinCode: text('join_code').notNull(),
    /** An assessment is under way: the tutor gives the class's students hints, never worked solutions. */
    hintsOnly: boolean('hints_only').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('classes_join_code_idx').on(t.joinCode),
    index('classes_teacher_idx').on(t.teacherId),
    index('classes_school_idx').on(t.schoolId),
  ],
);

export const enrolments = pgTable(
  'enrolments',
  {
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.studentId] }), index('enrolments_student_idx').on(t.studentId)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null until the first message names it (or the student does). */
    title: text('title'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('conversations_user_updated_idx').on(t.userId, t.updatedAt)],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['user', 'assistant'] }).notNull(),
    content: text('content').notNull(),
    status: text('status', { enum: ['pending', 'completed', 'failed'] }).notNull(),
    /** For an assistant message: the student message it answers. */
    replyTo: uuid('reply_to'),
    tool: text('tool'),
    parameters: jsonb('parameters').$type<Record<string, unknown>>(),
    trace: jsonb('trace').$type<{ step: string; detail: string }[]>(),
    planner: text('planner'),
    outcome: text('outcome'),
    degraded: boolean('degraded').notNull().default(false),
    confidence: doublePrecision('confidence'),
    idempotencyKey: text('idempotency_key'),
    error: text('error'),
    createdAt: createdAt(),
    /**
     * For a student message: when the current attempt to answer it began (its creation, or its last retry).
     * A message still pending TURN_TIMEOUT_MS after it was abandoned (a crash, a drain timeout) and becomes
     * failed and retryable. Null for messages stored before the column existed (created_at stands in).
     */
    attemptedAt: ts('attempted_at'),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.createdAt),
    index('messages_user_created_idx').on(t.userId, t.createdAt),
    index('messages_reply_to_idx').on(t.replyTo),
    // The few pending messages, for the sweep that fails abandoned turns.
    index('messages_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    uniqueIndex('messages_user_idempotency_idx')
      .on(t.userId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

export const toolResults = pgTable(
  'tool_results',
  {
    id: id(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tool: text('tool').notNull(),
    parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
    /** The full output, answers included; only ever sent to clients through the tool registry's `visible`. */
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    topicId: text('topic_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tool_results_message_idx').on(t.messageId),
    index('tool_results_user_idx').on(t.userId),
  ],
);

export interface StoredQuestion {
  id: string;
  type: 'multiple_choice' | 'true_false' | 'short_answer' | 'numeric';
  question: string;
  choices: string[];
  answer: string;
  accepted: string[];
  tolerance?: number;
  explanation: string;
}

export const quizzes = pgTable(
  'quizzes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id'),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    difficulty: text('difficulty').notNull(),
    questions: jsonb('questions').$type<StoredQuestion[]>().notNull(),
    score: integer('score'),
    finishedAt: ts('finished_at'),
    createdAt: createdAt(),
  },
  (t) => [index('quizzes_user_idx').on(t.userId, t.createdAt)],
);

export const quizAnswers = pgTable(
  'quiz_answers',
  {
    id: id(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    answer: text('answer').notNull(),
    correct: boolean('correct').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('quiz_answers_question_idx').on(t.quizId, t.questionId),
    index('quiz_answers_user_idx').on(t.userId, t.createdAt),
  ],
);

export const flashcardDecks = pgTable(
  'flashcard_decks',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id'),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('flashcard_decks_user_idx').on(t.userId)],
);

export const flashcards = pgTable(
  'flashcards',
  {
    id: id(),
    deckId: uuid('deck_id')
      .notNull()
      .references(() => flashcardDecks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id'),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    example: text('example').notNull().default(''),
    // FSRS card state
    due: ts('due').notNull(),
    stability: doublePrecision('stability').notNull().default(0),
    difficulty: doublePrecision('difficulty').notNull().default(0),
    elapsedDays: integer('elapsed_days').notNull().default(0),
    scheduledDays: integer('scheduled_days').notNull().default(0),
    learningSteps: integer('learning_steps').notNull().default(0),
    reps: integer('reps').notNull().default(0),
    lapses: integer('lapses').notNull().default(0),
    state: text('state').notNull().default('new'),
    lastReview: ts('last_review'),
    createdAt: createdAt(),
  },
  (t) => [index('flashcards_user_due_idx').on(t.userId, t.due), index('flashcards_deck_idx').on(t.deckId)],
);

export const flashcardReviews = pgTable(
  'flashcard_reviews',
  {
    id: id(),
    cardId: uuid('card_id')
      .notNull()
      .references(() => flashcards.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rating: text('rating').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('flashcard_reviews_user_idx').on(t.userId, t.createdAt)],
);

export const mastery = pgTable(
  'mastery',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: text('topic_id').notNull(),
    pKnown: doublePrecision('p_known').notNull(),
    attempts: integer('attempts').notNull().default(0),
    correct: integer('correct').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] }), index('mastery_topic_idx').on(t.topicId)],
);

export const safetyFlags = pgTable(
  'safety_flags',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high'] }).notNull(),
    excerpt: text('excerpt').notNull(),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedNote: text('resolved_note'),
    resolvedAt: ts('resolved_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('safety_flags_school_status_idx').on(t.schoolId, t.status, t.createdAt),
    index('safety_flags_student_idx').on(t.studentId),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    schoolId: uuid('school_id').references(() => schools.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_school_idx').on(t.schoolId, t.createdAt)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    schoolId: uuid('school_id').references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.keyHash)],
);

export const settings = pgTable(
  'settings',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: jsonb('value').$type<Record<string, unknown>>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.key] })],
);
