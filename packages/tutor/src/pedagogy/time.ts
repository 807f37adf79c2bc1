/** Two events further apart than this are two sessions: the student was away in between. */
export const IDLE_CUTOFF_MS = 10 * 60_000;
/** What a session's last event is worth: reading the tutor's last reply or the answer's feedback. */
export const SESSION_TAIL_MS = 60_000;

/**
 * Minutes of active learning from the times of a student's events (messages sent, quiz answers, flashcard
 * reviews), in milliseconds since the epoch, in any order. Events less than `IDLE_CUTOFF_MS` apart belong to
 * one session; a session counts from its first event to its last, plus `SESSION_TAIL_MS`.
 */
export function activeMinutes(times: readonly number[]): number {
  const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
  let ms = 0;
  let start = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    const prev = sorted[i - 1] as number;
    const next = sorted[i];
    if (next === undefined || next - prev >= IDLE_CUTOFF_MS) {
      ms += prev - (start as number) + SESSION_TAIL_MS;
      start = next;
    }
  }
  return Math.round(ms / 60_000);
}
