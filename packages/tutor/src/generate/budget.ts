/**
 * Tokens a student's generated results used per day, kept by the server (memory, or Redis when it runs several
 * instances). Keys are the student's id and the UTC day (YYYY-MM-DD).
 */
export interface TokenLedger {
  used(studentId: string, day: string): Promise<number>;
  add(studentId: string, day: string, tokens: number): Promise<void>;
}

export interface TokenBudget {
  /** Most tokens the generation of one turn may use (a repair round is skipped beyond it). */
  perTurn: number;
  /** Most tokens one student's generations may use per UTC day; beyond it the embedded engine answers. */
  perStudentPerDay: number;
}

export const DEFAULT_BUDGET: TokenBudget = { perTurn: 12_000, perStudentPerDay: 200_000 };

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A ledger in this process's memory: one instance, counts lost on restart; yesterday's days are dropped. */
export function memoryLedger(): TokenLedger {
  const counts = new Map<string, number>();
  let today = '';
  return {
    async used(studentId, day) {
      return counts.get(`${day}|${studentId}`) ?? 0;
    },
    async add(studentId, day, tokens) {
      if (day !== today) {
        for (const key of counts.keys()) if (!key.startsWith(`${day}|`)) counts.delete(key);
        today = day;
      }
      const key = `${day}|${studentId}`;
      counts.set(key, (counts.get(key) ?? 0) + tokens);
    },
  };
}
