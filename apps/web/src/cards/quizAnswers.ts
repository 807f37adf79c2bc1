export interface Score {
  score: number;
  total: number;
}

/**
 * The expected answer as the student saw the choices: a true/false answer ("True", "false") as the label of
 * the matching choice ("Tama", "Mali" in Filipino); any other answer as it is.
 */
export function shownAnswer(
  type: string,
  expected: string,
  choices: readonly { value: string; label: string }[],
): string {
  if (type !== 'true_false') return expected;
  const key = expected.trim().toLowerCase();
  return choices.find((c) => c.value.toLowerCase() === key)?.label ?? expected;
}

/** A sentence ends like one or runs to several words; a word, a number or a name does neither. */
function isSentence(answer: string): boolean {
  return /[.!?]$/.test(answer) || answer.split(/\s+/).length >= 5;
}

/**
 * The line that gives the right answer, worded by its form: a word or a number inside a sentence ("The answer
 * is 7."), a sentence after a colon, whole and ending once ("The right answer: The whole is divided ….").
 */
export function expectedLine(
  answer: string,
  t: (key: string, options: { answer: string }) => string,
): string {
  const a = answer.trim();
  if (!isSentence(a)) return t('cards.quiz.expected', { answer: a });
  return t('cards.quiz.expectedSentence', { answer: /[.!?]$/.test(a) ? a : `${a}.` });
}

export interface QuizAnswersView<F> {
  /** Every answer checked so far, by question id. */
  answers: (all: Record<string, F>) => void;
  score: (s: Score) => void;
}

/**
 * The checked answers of one quiz. Several answers can be in flight at once, so they are accumulated here
 * rather than in one render's copy of the state, and the quiz is finished exactly once: when the last of its
 * questions has an answer. Should the finish request fail, the score is counted from the answers.
 */
export class QuizAnswers<F extends { correct: boolean }> {
  readonly #answers = new Map<string, F>();
  readonly #total: number;
  readonly #finish: (() => Promise<Score>) | null;
  readonly #view: QuizAnswersView<F>;
  #finished = false;

  /** `finish` is null for a quiz the server did not save: there is nothing to finish. */
  constructor(total: number, finish: (() => Promise<Score>) | null, view: QuizAnswersView<F>) {
    this.#total = total;
    this.#finish = finish;
    this.#view = view;
  }

  async add(questionId: string, feedback: F): Promise<void> {
    this.#answers.set(questionId, feedback);
    this.#view.answers(Object.fromEntries(this.#answers));
    await this.#finishWhenComplete();
  }

  /**
   * What the server already has (after a reload, or from another device): its answers join those given here,
   * and its score, when the quiz was finished, is shown without finishing again. A quiz whose every question
   * was answered but whose finish never reached the server is finished now.
   */
  async restore(answers: Record<string, F>, score: Score | null): Promise<void> {
    for (const [id, f] of Object.entries(answers)) if (!this.#answers.has(id)) this.#answers.set(id, f);
    this.#view.answers(Object.fromEntries(this.#answers));
    if (score) {
      this.#finished = true;
      this.#view.score(score);
      return;
    }
    await this.#finishWhenComplete();
  }

  async #finishWhenComplete(): Promise<void> {
    if (!this.#finish || this.#finished || this.#answers.size < this.#total) return;
    this.#finished = true;
    let score: Score;
    try {
      score = await this.#finish();
    } catch {
      score = { score: [...this.#answers.values()].filter((f) => f.correct).length, total: this.#total };
    }
    this.#view.score(score);
  }
}
