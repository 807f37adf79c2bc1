/**
 * Varied practice, measured: the quiz tool's draws over every topic of the pack, for two attempts of one
 * student, two students, and an easy and a hard quiz, as the share of one quiz's questions the other repeats.
 */
import { type ContentLibrary, loadContentLibrary, type Topic } from '@aralin/content';
import { builtinTools, type Practice, type ToolContext } from '@aralin/tutor';

const quizTool = builtinTools.find((t) => t.name === 'quiz_generator');

function quiz(
  content: ContentLibrary,
  topic: Topic,
  difficulty: string,
  practice?: Practice,
): { id: string; difficulty: string }[] {
  if (!quizTool) throw new Error('no quiz_generator tool');
  const ctx: ToolContext = {
    locale: 'en',
    user: { user_id: 'bench', name: 'Bench' },
    history: [],
    content,
    now: () => new Date(0),
    practice,
  };
  const input = quizTool.input.parse({
    topic: topic.title.en,
    subject: topic.subject,
    num_questions: 5,
    difficulty,
  });
  const result = quizTool.output.parse(quizTool.run(input, ctx)) as {
    questions: { id: string; difficulty: string }[];
  };
  return result.questions;
}

const quizIds = (...args: Parameters<typeof quiz>) => quiz(...args).map((q) => q.id);

/** The share of a quiz's questions at the difficulty it was asked for. */
const onDifficulty = (...args: Parameters<typeof quiz>) =>
  quiz(...args).filter((q) => q.difficulty === args[2]).length / 5;

function shared(a: string[], b: string[]): number {
  const other = new Set(b);
  return a.filter((id) => other.has(id)).length / Math.max(1, a.length);
}

export interface Repetition {
  topics: number;
  /** Mean share of a second attempt's questions already in the first (the student got the first all right). */
  second_attempt_after_all_right: number;
  /** The same, when the second attempt knows nothing of the first (only its seed differs). */
  second_attempt_seed_only: number;
  /** Mean share two students' quizzes on the same topic share. */
  two_students: number;
  /** Mean share an easy and a hard quiz of one student share. */
  easy_vs_hard: number;
  /** Mean share of a quiz's questions at the difficulty asked for. */
  at_difficulty: number;
  /** The same before varied practice (every student got the same draw). */
  unvaried: { two_students: number; easy_vs_hard: number; at_difficulty: number };
}

export function measureRepetition(content: ContentLibrary = loadContentLibrary()): Repetition {
  const sums = {
    after: 0,
    seed: 0,
    students: 0,
    easyHard: 0,
    at: 0,
    plainStudents: 0,
    plainEasyHard: 0,
    plainAt: 0,
  };
  for (const topic of content.topics) {
    const t = topic;
    const first = quizIds(content, t, 'medium', { seed: 'ana:0' });
    const right = new Set(first);
    sums.after += shared(first, quizIds(content, t, 'medium', { seed: 'ana:1', right }));
    sums.seed += shared(first, quizIds(content, t, 'medium', { seed: 'ana:1' }));
    sums.students += shared(first, quizIds(content, t, 'medium', { seed: 'ben:0' }));
    sums.easyHard += shared(
      quizIds(content, t, 'easy', { seed: 'ana:2' }),
      quizIds(content, t, 'hard', { seed: 'ana:3' }),
    );
    for (const d of ['easy', 'medium', 'hard']) {
      sums.at += onDifficulty(content, t, d, { seed: `ana:${d}` }) / 3;
      sums.plainAt += onDifficulty(content, t, d) / 3;
    }
    sums.plainStudents += 1;
    sums.plainEasyHard += shared(quizIds(content, t, 'easy'), quizIds(content, t, 'hard'));
  }
  const n = content.topics.length;
  const r = (x: number) => Math.round((x / n) * 1000) / 1000;
  return {
    topics: n,
    second_attempt_after_all_right: r(sums.after),
    second_attempt_seed_only: r(sums.seed),
    two_students: r(sums.students),
    easy_vs_hard: r(sums.easyHard),
    at_difficulty: r(sums.at),
    unvaried: {
      two_students: r(sums.plainStudents),
      easy_vs_hard: r(sums.plainEasyHard),
      at_difficulty: r(sums.plainAt),
    },
  };
}
