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

export function percent(p: number): string {
  return `${Math.round(Math.max(0, Math.min(1, p)) * 100)}%`;
}

/** A mastery level in words: the server's localised label, else "Level n". */
export function levelText(
  m: { level: number | string; label?: string | undefined },
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  return m.label || t('levels.n', { level: m.level });
}
