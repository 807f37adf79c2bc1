import { memoryLedger, type TokenLedger } from '@aralin/tutor';
import type { Redis } from 'ioredis';

/** A day's count outlives its day by one, so a turn that crosses midnight UTC still finds it. */
const TTL_SECONDS = 2 * 24 * 60 * 60;

/**
 * Students' daily generation tokens: in Redis when the server has it (every instance sees one count), else in
 * this instance's memory. While Redis fails, the memory count answers, so a turn never fails over its budget.
 */
export function tokenLedger(redis: Redis | undefined, namespace = 'aralin'): TokenLedger {
  const memory = memoryLedger();
  if (!redis) return memory;
  const key = (studentId: string, day: string) => `${namespace}:tokens:${day}:${studentId}`;
  return {
    async used(studentId, day) {
      try {
        return Number((await redis.get(key(studentId, day))) ?? 0);
      } catch {
        return memory.used(studentId, day);
      }
    },
    async add(studentId, day, tokens) {
      await memory.add(studentId, day, tokens);
      try {
        await redis
          .multi()
          .incrby(key(studentId, day), tokens)
          .expire(key(studentId, day), TTL_SECONDS)
          .exec();
      } catch {
        // the memory count above keeps this instance's budget while Redis is away
      }
    },
  };
}
