import { randomUUID } from 'node:crypto';
import {
  detectLocale,
  exerciseEvidence,
  type OrchestrateResponse,
  type Practice,
  type ToolRegistry,
  type TutorEvent,
} from '@aralin/tutor';
import {
  and,
  desc,
  eq,
  getTableColumns,
  inArray,
  lt,
  ne,
  type SQL,
  sql,
  type WithSubquery,
} from 'drizzle-orm';
import type { Actor } from './auth/session.ts';
import type { AppContext } from './context.ts';
import { type Db, preparedStatements } from './db/client.ts';
import {
  classes,
  conversations,
  enrolments,
  flashcardDecks,
  flashcards,
  mastery,
  messages,
  quizAnswers,
  quizzes,
  type StoredQuestion,
  safetyFlags,
  toolResults,
  users,
} from './db/schema.ts';
import { moderate, newCardState } from './learning.ts';
import { recordEvidence } from './mastery.ts';
import type { Emit } from './sse.ts';
import { orchestrateRequest } from './turn-request.ts';

export const HISTORY_LIMIT = 12;

export type MessageRow = typeof messages.$inferSelect;

interface QuizQuestionOut {
  id: string;
  type: StoredQuestion['type'];
  question: string;
  choices: string[];
  answer: string;
  explanation: string;
  checker?: { accepted?: string[]; tolerance?: number };
}

export function storedQuestions(result: Record<string, unknown>): StoredQuestion[] {
  const list = Array.isArray(result.questions) ? (result.questions as QuizQuestionOut[]) : [];
  return list.map((q, i) => ({
    id: q.id || `q${i + 1}`,
    type: q.type,
    question: q.question,
    choices: q.choices ?? [],
    answer: q.answer,
    accepted: q.checker?.accepted ?? [],
    ...(q.checker?.tolerance !== undefined ? { tolerance: q.checker.tolerance } : {}),
    explanation: q.explanation,
  }));
}

function topicIdOf(result: Record<string, unknown> | null): string | null {
  const grounding = result?.grounding as { topic_id?: unknown } | undefined;
  return typeof grounding?.topic_id === 'string' ? grounding.topic_id : null;
}

/**
 * What the planner reads besides the message: the conversation's last completed messages before it (oldest
 * first, as [role, content, tool, parameters, outcome]: an assistant turn's tool and outcome as stored) and the
 * student's most recently updated mastery (as [topic id, P(known)]).
 */
export interface TurnContext {
  history: [MessageRow['role'], string, string | null, Record<string, unknown> | null, string | null][];
  mastery: [string, number][];
  /** One of the student's classes is in an assessment: hints only. */
  hintsOnly: boolean;
  /** What the student practised: quizzes and decks made, questions answered right, cards due. */
  practice: StoredPractice;
}

export interface StoredPractice {
  attempt: number;
  right: string[];
  due: string[];
}

/** The seeded draw of a student's next quiz or deck (see the tutor's `Practice`). */
export function practiceOf(userId: string, stored: StoredPractice): Practice {
  return { seed: `${userId}:${stored.attempt}`, right: new Set(stored.right), due: new Set(stored.due) };
}

/** A student's practice, outside a chat turn (a quiz made from the progress page). */
export async function loadPractice(db: Db, userId: string, now: Date): Promise<Practice> {
  const [row] = await db
    .select({ practice: practiceColumn(sql`${userId}::uuid`, sql`${now.toISOString()}::timestamptz`) })
    .from(users)
    .where(eq(users.id, userId));
  return practiceOf(userId, row?.practice ?? { attempt: 0, right: [], due: [] });
}

/** How many answered-right questions and due cards a turn reads at most. */
const PRACTICE_LIMIT = 500;

/** The student's practice as one JSON column (see `StoredPractice`). */
function practiceColumn(userId: SQL, now: SQL) {
  return sql<StoredPractice>`json_build_object(
    'attempt', (select count(*) from ${quizzes} where ${quizzes.userId} = ${userId})
      + (select count(*) from ${flashcardDecks} where ${flashcardDecks.userId} = ${userId}),
    'right', (select coalesce(json_agg(r.id), '[]'::json) from (select distinct ${quizAnswers.questionId} as id
      from ${quizAnswers} where ${quizAnswers.userId} = ${userId} and ${quizAnswers.correct}
      limit ${PRACTICE_LIMIT}) r),
    'due', (select coalesce(json_agg(d.q), '[]'::json) from (select ${flashcards.question} as q
      from ${flashcards} where ${flashcards.userId} = ${userId} and ${flashcards.due} <= ${now}
      limit ${PRACTICE_LIMIT}) d))`;
}

const p = sql.placeholder;

/** The turn context as two JSON columns, so the statement that needs it reads it in the same round trip. */
function contextColumns(db: Db) {
  const recent = db
    .select({
      role: messages.role,
      content: messages.content,
      tool: messages.tool,
      parameters: messages.parameters,
      outcome: messages.outcome,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, p('conversationId')),
        lt(messages.createdAt, p('before')),
        eq(messages.status, 'completed'),
        ne(messages.id, p('messageId')),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(HISTORY_LIMIT)
    .as('recent');
  const known = db
    .select({ topicId: mastery.topicId, pKnown: mastery.pKnown })
    .from(mastery)
    .where(eq(mastery.userId, p('userId')))
    .orderBy(desc(mastery.updatedAt))
    .limit(50)
    .as('known');
  return {
    history: sql<
      TurnContext['history']
    >`(select coalesce(json_agg(json_build_array(${recent.role}, ${recent.content}, ${recent.tool}, ${recent.parameters}, ${recent.outcome}) order by ${recent.createdAt}), '[]'::json) from ${recent})`,
    mastery: sql<
      TurnContext['mastery']
    >`(select coalesce(json_agg(json_build_array(${known.topicId}, ${known.pKnown})), '[]'::json) from ${known})`,
    practice: practiceColumn(sql`${p('userId')}`, sql`${p('before')}`),
    hintsOnly: sql<boolean>`exists (select 1 from ${enrolments} join ${classes} on ${classes.id} = ${enrolments.classId} where ${enrolments.studentId} = ${p('userId')} and ${classes.hintsOnly})`,
  };
}

/**
 * The context of a stored message (a retried turn): the same history and mastery reads as the turn's first
 * statement. Exported unprepared so that a test can read its plan.
 */
export function turnContextQuery(db: Db) {
  return db
    .select(contextColumns(db))
    .from(users)
    .where(eq(users.id, p('userId')));
}

/** The statements of every chat turn. */
function turnQueries(db: Db) {
  const context = contextColumns(db);
  // The student message, pending, only into a conversation of theirs: INSERT … SELECT from that conversation.
  // A used Idempotency-Key makes it a no-op. Every column in the table's order, as INSERT … SELECT needs.
  const owned = db
    .select({
      id: sql<string>`${p('messageId')}::uuid`.as('id'),
      conversationId: conversations.id,
      userId: conversations.userId,
      role: sql<'user'>`'user'`.as('role'),
      content: sql<string>`${p('content')}::text`.as('content'),
      status: sql<'pending'>`'pending'`.as('status'),
      replyTo: sql<null>`null::uuid`.as('reply_to'),
      tool: sql<null>`null::text`.as('tool'),
      parameters: sql<null>`null::jsonb`.as('parameters'),
      trace: sql<null>`null::jsonb`.as('trace'),
      planner: sql<null>`null::text`.as('planner'),
      outcome: sql<null>`null::text`.as('outcome'),
      degraded: sql<boolean>`false`.as('degraded'),
      confidence: sql<null>`null::float8`.as('confidence'),
      idempotencyKey: sql<string | null>`${p('idempotencyKey')}::text`.as('idempotency_key'),
      error: sql<null>`null::text`.as('error'),
      createdAt: sql<Date>`${p('before')}::timestamptz`.as('created_at'),
      attemptedAt: sql<Date>`${p('before')}::timestamptz`.as('attempted_at'),
    })
    .from(conversations)
    .where(and(eq(conversations.id, p('conversationId')), eq(conversations.userId, p('userId'))));
  const stored = db.$with('stored').as(db.insert(messages).select(owned).onConflictDoNothing().returning());
  const storedColumns = Object.fromEntries(
    Object.keys(getTableColumns(messages)).map((key) => [key, stored[key as keyof typeof stored]]),
  ) as unknown as typeof stored._.selectedFields;
  return {
    /** Stores the student message and reads the turn context: one round trip before the tutor runs. */
    store: db
      .with(stored)
      .select({ ...storedColumns, ...context })
      .from(stored)
      .prepare('turn_store'),
    context: turnContextQuery(db).prepare('turn_context'),
  };
}

const queriesOf = preparedStatements(turnQueries);

/** SQLSTATE of a foreign-key violation. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Stores a student's message (status pending) in their conversation, committed before anything reads it, and
 * returns it with the turn's context. Null when nothing was stored: the conversation is not theirs (or does
 * not exist), or the Idempotency-Key was used before.
 */
export async function storeStudentMessage(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
  text: string,
  idempotencyKey: string | null,
): Promise<{ message: MessageRow; context: TurnContext } | null> {
  const store = () =>
    queriesOf(ctx.db).store.execute({
      messageId: randomUUID(),
      conversationId,
      userId: actor.id,
      content: text,
      idempotencyKey,
      before: ctx.clock(),
    });
  let rows: Awaited<ReturnType<typeof store>>;
  try {
    rows = await store();
  } catch (error) {
    // The conversation was deleted between the statement's read of it and its insert (a foreign-key
    // violation): nothing was stored, as for a conversation that does not exist.
    if ((error as { cause?: { code?: unknown } }).cause?.code === FOREIGN_KEY_VIOLATION) return null;
    throw error;
  }
  const [row] = rows;
  if (!row) return null;
  const { history, mastery: known, hintsOnly, practice, ...message } = row;
  return { message, context: { history, mastery: known, hintsOnly, practice } };
}

async function loadContext(ctx: AppContext, actor: Actor, message: MessageRow): Promise<TurnContext> {
  const [row] = await queriesOf(ctx.db).context.execute({
    conversationId: message.conversationId,
    before: message.createdAt,
    messageId: message.id,
    userId: actor.id,
  });
  return row ?? { history: [], mastery: [], hintsOnly: false, practice: { attempt: 0, right: [], due: [] } };
}

export interface TurnOutcome {
  assistant: MessageRow;
  user: MessageRow;
  /** The tool's stored result (with answers: pass it through the registry's `visible` before a client sees it). */
  result: Record<string, unknown> | null;
  quizId: string | null;
  deckId: string | null;
}

export type ChatOutcome = 'completed' | 'needs_clarification' | 'no_tool' | 'error' | 'moderated';

/**
 * Runs one tutor turn for a student message that is already stored (status pending), with the context read
 * when it was stored (read here when not given). Streams UI message chunks through `emit`; stores the
 * assistant message, tool result, quiz or deck; marks the student message completed. On an exception the
 * student message is marked failed and the error is rethrown.
 */
export async function runTurn(
  ctx: AppContext,
  actor: Actor,
  userMessage: MessageRow,
  emit: Emit,
  context?: TurnContext,
): Promise<TurnOutcome> {
  const started = performance.now();
  const assistantId = randomUUID();
  let textPart = 0;
  let textId = `text-${assistantId}`;
  let textOpen = false;
  let firstText = true;
  const writeText = (delta: string) => {
    if (firstText) {
      ctx.metrics.timeToFirstToken.observe((performance.now() - started) / 1000);
      firstText = false;
    }
    if (!textOpen) {
      emit({ type: 'text-start', id: textId });
      textOpen = true;
    }
    emit({ type: 'text-delta', id: textId, delta });
  };
  /** Withdraws the text streamed so far (clients show only text after the last reset); later text is a new part. */
  const resetText = () => {
    if (textOpen) emit({ type: 'text-end', id: textId });
    emit({ type: 'data-text-reset', data: { reason: 'reply-interrupted' } });
    textOpen = false;
    textId = `text-${assistantId}-${++textPart}`;
  };
  emit({ type: 'start', messageId: assistantId });
  const record = (outcome: ChatOutcome, degraded: boolean) => {
    ctx.metrics.chatTurnDuration.observe({ outcome }, (performance.now() - started) / 1000);
    ctx.metrics.chatTurns.inc({ outcome, degraded: String(degraded) });
  };
  try {
    // Reply in the language the student writes in; the profile's language decides only when the message
    // itself does not tell ("2x + 3 = 7").
    const written = detectLocale(userMessage.content);
    const locale = written.basis === 'message' ? written.locale : actor.user.locale;
    const verdict = moderate(userMessage.content, locale);
    if (verdict.flagged && verdict.category) {
      const severity = verdict.severity ?? 'medium';
      await ctx.db.insert(safetyFlags).values({
        schoolId: actor.schoolId,
        studentId: actor.id,
        conversationId: userMessage.conversationId,
        messageId: userMessage.id,
        category: verdict.category,
        severity,
        excerpt: userMessage.content.slice(0, 280),
      });
      ctx.metrics.safetyFlags.inc({ category: verdict.category, severity });
    }
    if (verdict.flagged && verdict.reply && verdict.severity !== 'low') {
      emit({
        type: 'data-plan',
        data: { tool: null, parameters: {}, status: 'moderated', planner: 'safety' },
      });
      writeText(verdict.reply);
      const assistant = await finish(ctx, actor, userMessage, {
        id: assistantId,
        content: verdict.reply,
        tool: null,
        parameters: {},
        trace: [{ step: 'moderation', detail: `flagged ${verdict.category} (${verdict.severity})` }],
        planner: 'safety',
        outcome: 'moderated',
        degraded: false,
        confidence: 1,
        result: null,
        quizId: null,
        deckId: null,
      });
      if (textOpen) emit({ type: 'text-end', id: textId });
      emit({ type: 'finish' });
      record('moderated', false);
      return {
        assistant,
        user: { ...userMessage, status: 'completed' },
        result: null,
        quizId: null,
        deckId: null,
      };
    }

    const turnContext = context ?? (await loadContext(ctx, actor, userMessage));
    const { hintsOnly, practice } = turnContext;
    const request = orchestrateRequest(ctx, actor, userMessage, turnContext, locale);
    let quizId: string | null = null;
    let deckId: string | null = null;
    /** Set once a draft was streamed: the result then replaces it (same data part id). */
    let draftId: string | undefined;
    const onEvent = (event: TutorEvent) => {
      if (event.type === 'plan') {
        emit({
          type: 'data-plan',
          data: {
            tool: event.tool,
            parameters: event.parameters,
            status: event.status,
            planner: event.planner,
          },
        });
      } else if (event.type === 'tool-result') {
        if (event.tool === 'quiz_generator') quizId = randomUUID();
        if (event.tool === 'flashcard_generator') deckId = randomUUID();
        emit({
          type: 'data-tool-result',
          ...(draftId ? { id: draftId } : {}),
          data: {
            tool: event.tool,
            result: event.visible,
            message_id: assistantId,
            ...(quizId ? { quiz_id: quizId } : {}),
            ...(deckId ? { deck_id: deckId } : {}),
          },
        });
      } else if (event.type === 'tool-partial') {
        draftId = `draft-${assistantId}`;
        emit({
          type: 'data-tool-result',
          id: draftId,
          data: { tool: event.tool, result: event.partial, message_id: assistantId },
        });
      } else if (event.type === 'text-delta') {
        writeText(event.delta);
      } else if (event.type === 'text-reset') {
        resetText();
      }
    };
    const tutor = await ctx.tutors.forSchool(actor.schoolId);
    // Students are tutored Socratically: an exercise gets hints and their attempts are checked.
    const response: OrchestrateResponse = await tutor.orchestrate(request, {
      onEvent,
      socratic: actor.role === 'student',
      hintsOnly,
      practice: practiceOf(actor.id, practice),
    });
    if (!textOpen && response.reply) writeText(response.reply);
    const outcome: ChatOutcome = response.status;
    if (response.status !== 'completed' || !response.result) {
      quizId = null;
      deckId = null;
    }
    const result = response.status === 'completed' ? response.result : null;
    const assistant = await finish(ctx, actor, userMessage, {
      id: assistantId,
      content: response.reply,
      tool: response.tool,
      parameters: response.parameters,
      trace: response.trace,
      planner: response.planner,
      outcome,
      degraded: response.degraded,
      confidence: response.confidence,
      result,
      quizId,
      deckId,
    });
    // A checked exercise attempt, or a hint the student asked for, is evidence of what they know.
    const learned = response.socratic ? exerciseEvidence(response.socratic, response.result?.kind) : null;
    if (learned)
      await ctx.db.transaction((tx) =>
        recordEvidence(ctx, tx as unknown as Db, actor, learned.topic_id, learned.evidence),
      );
    if (textOpen) emit({ type: 'text-end', id: textId });
    emit({ type: 'finish' });
    ctx.metrics.decisions.inc({
      tool: response.tool ?? 'none',
      planner: response.planner,
      status: response.status,
    });
    ctx.metrics.confidence.observe({ planner: response.planner }, response.confidence);
    record(outcome, response.degraded);
    return { assistant, user: { ...userMessage, status: 'completed' }, result, quizId, deckId };
  } catch (error) {
    record('error', false);
    await ctx.db
      .update(messages)
      .set({ status: 'failed', error: (error as Error).message.slice(0, 500) })
      .where(eq(messages.id, userMessage.id))
      .catch(() => {});
    throw error;
  }
}

interface Finished {
  id: string;
  content: string;
  tool: string | null;
  parameters: Record<string, unknown>;
  trace: { step: string; detail: string }[];
  planner: string;
  outcome: ChatOutcome;
  degraded: boolean;
  confidence: number;
  result: Record<string, unknown> | null;
  quizId: string | null;
  deckId: string | null;
}

/** What varies between turns' writes: which rows there are, and how many cards. */
interface FinishShape {
  toolResult: boolean;
  quiz: boolean;
  /** Cards of a new deck; null when there is no deck. */
  cards: number | null;
}

/**
 * The turn's writes as ONE statement: the assistant message, the tool result, a quiz or a deck with its
 * cards, the student message marked completed and the conversation touched (its title set from the first
 * message). Data-modifying CTEs make it atomic like a transaction, in one round trip instead of 6–8; it is
 * prepared once per shape, so no SQL is built per turn.
 */
function finishStatement(db: Db, shape: FinishShape, name: string) {
  const writes: WithSubquery[] = [
    db.$with('assistant').as(
      db
        .insert(messages)
        .values({
          id: p('id'),
          conversationId: p('conversationId'),
          userId: p('userId'),
          role: 'assistant',
          content: p('content'),
          status: 'completed',
          replyTo: p('replyTo'),
          tool: p('tool'),
          parameters: p('parameters'),
          trace: p('trace'),
          planner: p('planner'),
          outcome: p('outcome'),
          degraded: p('degraded'),
          confidence: p('confidence'),
          createdAt: p('createdAt'),
        })
        .returning({ id: messages.id }),
    ),
    db.$with('answered').as(
      db
        .update(messages)
        .set({ status: 'completed', error: null })
        .where(eq(messages.id, p('replyTo')))
        .returning({ id: messages.id }),
    ),
  ];
  if (shape.toolResult)
    writes.push(
      db.$with('tool_result').as(
        db
          .insert(toolResults)
          .values({
            messageId: p('id'),
            userId: p('userId'),
            tool: p('tool'),
            parameters: p('parameters'),
            result: p('result'),
            topicId: p('topicId'),
          })
          .returning({ id: toolResults.id }),
      ),
    );
  if (shape.quiz)
    writes.push(
      db.$with('quiz').as(
        db
          .insert(quizzes)
          .values({
            id: p('quizId'),
            userId: p('userId'),
            topicId: p('topicId'),
            messageId: p('id'),
            difficulty: p('difficulty'),
            questions: p('questions'),
          })
          .returning({ id: quizzes.id }),
      ),
    );
  if (shape.cards !== null) {
    writes.push(
      db.$with('deck').as(
        db
          .insert(flashcardDecks)
          .values({
            id: p('deckId'),
            userId: p('userId'),
            topicId: p('topicId'),
            messageId: p('id'),
            title: p('deckTitle'),
          })
          .returning({ id: flashcardDecks.id }),
      ),
    );
    if (shape.cards > 0)
      writes.push(
        db.$with('cards').as(
          db
            .insert(flashcards)
            .values(
              Array.from({ length: shape.cards }, (_, i) => ({
                deckId: p('deckId'),
                userId: p('userId'),
                topicId: p('topicId'),
                question: p(`question${i}`),
                answer: p(`answer${i}`),
                example: p(`example${i}`),
                due: p('due'),
                stability: p('stability'),
                difficulty: p('cardDifficulty'),
                scheduledDays: p('scheduledDays'),
                learningSteps: p('learningSteps'),
                reps: p('reps'),
                lapses: p('lapses'),
                state: p('cardState'),
                lastReview: null,
              })),
            )
            .returning({ id: flashcards.id }),
        ),
      );
  }
  return db
    .with(...writes)
    .update(conversations)
    .set({
      updatedAt: sql`${p('now')}`,
      title: sql`coalesce(${conversations.title}, ${p('title')})`,
    })
    .where(eq(conversations.id, p('conversationId')))
    .prepare(name);
}

const finishStatements = preparedStatements(() => new Map<string, ReturnType<typeof finishStatement>>());

async function finish(
  ctx: AppContext,
  actor: Actor,
  userMessage: MessageRow,
  f: Finished,
): Promise<MessageRow> {
  const now = ctx.clock();
  const assistant: MessageRow = {
    id: f.id,
    conversationId: userMessage.conversationId,
    userId: actor.id,
    role: 'assistant',
    content: f.content,
    status: 'completed',
    replyTo: userMessage.id,
    tool: f.tool,
    parameters: f.parameters,
    trace: f.trace,
    planner: f.planner,
    outcome: f.outcome,
    degraded: f.degraded,
    confidence: f.confidence,
    idempotencyKey: null,
    error: null,
    createdAt: new Date(Math.max(now.getTime(), userMessage.createdAt.getTime() + 1)),
    attemptedAt: null,
  };
  const result = f.result;
  const cards =
    f.deckId && result && Array.isArray(result.flashcards)
      ? (result.flashcards as { question: string; answer: string; example?: string }[])
      : null;
  const shape: FinishShape = {
    toolResult: Boolean(f.tool && result),
    quiz: Boolean(f.quizId && result),
    cards: cards ? cards.length : null,
  };
  const name = `turn_finish_${Number(shape.toolResult)}${Number(shape.quiz)}_${shape.cards ?? 'none'}`;
  const statements = finishStatements(ctx.db);
  let statement = statements.get(name);
  if (!statement) {
    statement = finishStatement(ctx.db, shape, name);
    statements.set(name, statement);
  }
  const values: Record<string, unknown> = {
    id: assistant.id,
    conversationId: assistant.conversationId,
    userId: actor.id,
    content: assistant.content,
    replyTo: userMessage.id,
    tool: assistant.tool,
    parameters: assistant.parameters,
    trace: assistant.trace,
    planner: assistant.planner,
    outcome: assistant.outcome,
    degraded: assistant.degraded,
    confidence: assistant.confidence,
    createdAt: assistant.createdAt,
    now,
    title: titleFrom(userMessage.content),
  };
  if (result) {
    values.result = result;
    values.topicId = topicIdOf(result);
  }
  if (shape.quiz && result) {
    values.quizId = f.quizId;
    values.difficulty = String(result.difficulty ?? 'medium');
    values.questions = storedQuestions(result);
  }
  if (cards && result) {
    const state = newCardState(now);
    Object.assign(values, {
      deckId: f.deckId,
      deckTitle: String(result.topic ?? 'Flashcards'),
      due: state.due,
      stability: state.stability,
      cardDifficulty: state.difficulty,
      scheduledDays: state.scheduledDays,
      learningSteps: state.learningSteps,
      reps: state.reps,
      lapses: state.lapses,
      cardState: state.state,
    });
    cards.forEach((c, i) => {
      values[`question${i}`] = c.question;
      values[`answer${i}`] = c.answer;
      values[`example${i}`] = c.example ?? '';
    });
  }
  await statement.execute(values);
  return assistant;
}

/** A conversation's title from its first message: one line, at most 60 characters (null for blank text). */
function titleFrom(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || null;
}

/** What is stored alongside assistant messages: the tool result (with answers), the quiz id, the deck id. */
export async function attachmentsOf(ctx: AppContext, messageIds: string[]) {
  const [results, quizRows, deckRows] = messageIds.length
    ? await Promise.all([
        ctx.db
          .select({ messageId: toolResults.messageId, result: toolResults.result })
          .from(toolResults)
          .where(inArray(toolResults.messageId, messageIds)),
        ctx.db
          .select({ id: quizzes.id, messageId: quizzes.messageId })
          .from(quizzes)
          .where(inArray(quizzes.messageId, messageIds)),
        ctx.db
          .select({ id: flashcardDecks.id, messageId: flashcardDecks.messageId })
          .from(flashcardDecks)
          .where(inArray(flashcardDecks.messageId, messageIds)),
      ])
    : [[], [], []];
  const resultBy = new Map(results.map((r) => [r.messageId, r.result]));
  const quizBy = new Map(quizRows.map((r) => [r.messageId, r.id]));
  const deckBy = new Map(deckRows.map((r) => [r.messageId, r.id]));
  return (messageId: string) => ({
    result: resultBy.get(messageId) ?? null,
    quizId: quizBy.get(messageId) ?? null,
    deckId: deckBy.get(messageId) ?? null,
  });
}

export async function messagesWithResults(ctx: AppContext, conversationId: string) {
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(messages.createdAt);
  const attached = await attachmentsOf(
    ctx,
    rows.filter((m) => m.role === 'assistant').map((m) => m.id),
  );
  return rows.map((m) => {
    const a = attached(m.id);
    return publicMessage(ctx.tutor.registry, m, a.result, a.quizId, a.deckId);
  });
}

/** A message as a client may see it: with what the student may see of its tool result. */
export function publicMessage(
  tools: ToolRegistry,
  m: MessageRow,
  result: Record<string, unknown> | null,
  quizId?: string | null,
  deckId?: string | null,
) {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    status: m.status,
    tool: m.tool,
    parameters: m.parameters ?? null,
    result: tools.visible(m.tool, result),
    planner: m.planner,
    created_at: m.createdAt.toISOString(),
    ...(quizId ? { quiz_id: quizId } : {}),
    ...(deckId ? { deck_id: deckId } : {}),
  };
}
