import { describe, expect, it } from 'vitest';
import { activeMinutes, IDLE_CUTOFF_MS } from '../../src/pedagogy/time.ts';

const min = 60_000;
const t0 = Date.UTC(2026, 11, 7, 1, 0);

describe('active minutes', () => {
  it('counts 20 real minutes of steady work as about 20, not a minute per event on top (41 before)', () => {
    const events = Array.from({ length: 40 }, (_, i) => t0 + i * 30_000);
    expect(activeMinutes(events)).toBe(21);
  });

  it('cuts sessions at the idle cut-off and adds them up, in any order', () => {
    const morning = [t0, t0 + 3 * min, t0 + 8 * min];
    const evening = [t0 + 10 * 60 * min, t0 + 10 * 60 * min + 4 * min];
    expect(activeMinutes([...evening, ...morning])).toBe(9 + 5);
    // A gap of exactly the cut-off is a new session: the student was away.
    expect(activeMinutes([t0, t0 + IDLE_CUTOFF_MS])).toBe(2);
    expect(activeMinutes([t0, t0 + IDLE_CUTOFF_MS - min])).toBe(10);
  });

  it('gives one event a minute and nothing nothing', () => {
    expect(activeMinutes([t0])).toBe(1);
    expect(activeMinutes([])).toBe(0);
    expect(activeMinutes([Number.NaN])).toBe(0);
  });
});
