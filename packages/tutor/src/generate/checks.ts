import type { FailedCheck } from '../tool.ts';

/** Text compared for sameness: case, accents, punctuation and spacing folded. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A failed `check` when `got` is not `want` (counts the student asked for are honoured exactly). */
export function exactCount(check: string, got: number, want: number, what: string): FailedCheck[] {
  return got === want ? [] : [{ check, detail: `${got} ${what} written, ${want} asked for` }];
}

/** A failed `duplicate` check for each text that repeats an earlier one. */
export function duplicates(texts: readonly string[], what: string): FailedCheck[] {
  const seen = new Set<string>();
  const out: FailedCheck[] = [];
  texts.forEach((text, i) => {
    const key = fold(text);
    if (seen.has(key)) out.push({ check: 'duplicate', detail: `${what} ${i + 1} repeats an earlier one` });
    seen.add(key);
  });
  return out;
}

/** Whether `answer` appears as whole words in `visible` (a question that gives its own answer away). */
export function reveals(visible: string, answer: string): boolean {
  const a = fold(answer);
  if (!a) return false;
  return ` ${fold(visible)} `.includes(` ${a} `);
}
