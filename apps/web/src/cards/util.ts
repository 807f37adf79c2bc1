export function asString(v: unknown): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

export function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

export function asObjects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

/** Function names that may stand in an expression. */
const FUNCTIONS = /\b(?:sqrt|sin|cos|tan|log|ln|exp|abs)\b/gi;

/**
 * Is this text a sentence rather than an expression? It has a word of three letters or more that is not a
 * function's or a TeX command's name.
 */
export function isProse(text: string): boolean {
  return /\p{L}{3,}/u.test(text.replace(/\\[a-zA-Z]+/g, '').replace(FUNCTIONS, ''));
}

/** A math result's answer as the student writes it ("x = 5", "₱54"), else its canonical answer; null when none. */
export function writtenAnswer(result: Record<string, unknown>): string | null {
  if (result.answer == null) return null;
  return asString(result.written) || asString(result.answer);
}

export function percent(p: number): string {
  return `${Math.round(Math.max(0, Math.min(1, p)) * 100)}%`;
}

/** A mastery level in the app's language: "Level 4 — developing", "Antas 4 — umuunlad". */
export function levelText(
  m: { level: number | string },
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  const level = Math.min(10, Math.max(1, Math.round(Number(m.level)) || 1));
  return `${t('levels.n', { level })} — ${t(`levels.label.${level}`)}`;
}

/** The pack's subjects (as the API names them) and their keys in the translations. */
const SUBJECTS: Record<string, string> = {
  Mathematics: 'mathematics',
  Science: 'science',
  English: 'english',
  Filipino: 'filipino',
  'Araling Panlipunan': 'araling_panlipunan',
};

/** A subject's name in the app's language; a subject the app does not know is shown as the API names it. */
export function subjectName(subject: string, t: (k: string) => string): string {
  const key = SUBJECTS[subject];
  return key ? t(`subjects.${key}`) : subject;
}
