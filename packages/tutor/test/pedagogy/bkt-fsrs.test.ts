import { describe, expect, it } from 'vitest';
import {
  bktParams,
  bktTrace,
  bktUpdate,
  DEFAULT_BKT,
  difficultyForMastery,
  masteryLevel,
  masterySummary,
  parseMasteryLevel,
  pCorrect,
} from '../../src/pedagogy/bkt.ts';
import { isDue, newCardState, reviewCard } from '../../src/pedagogy/fsrs.ts';

describe('Bayesian Knowledge Tracing', () => {
  it('has the standard defaults and takes per-topic overrides', () => {
    expect(DEFAULT_BKT).toEqual({ p_init: 0.2, p_transit: 0.1, p_slip: 0.1, p_guess: 0.2 });
    expect(bktParams({ bkt: { p_init: 0.5, p_transit: 0.3, p_slip: 0.05, p_guess: 0.25 } })).toEqual({
      p_init: 0.5,
      p_transit: 0.3,
      p_slip: 0.05,
      p_guess: 0.25,
    });
    expect(bktParams(undefined)).toEqual(DEFAULT_BKT);
    expect(bktParams({})).toEqual(DEFAULT_BKT);
  });

  it('computes the textbook update', () => {
    // correct from 0.2: posterior = 0.18 / (0.18 + 0.16) = 0.5294; + (1 − 0.5294)·0.1 = 0.5765
    expect(bktUpdate(0.2, true)).toBeCloseTo(0.57647, 4);
    // wrong from 0.2: posterior = 0.02 / (0.02 + 0.64) = 0.0303; + 0.9697·0.1 = 0.1273
    expect(bktUpdate(0.2, false)).toBeCloseTo(0.12727, 4);
    expect(pCorrect(0.2)).toBeCloseTo(0.2 * 0.9 + 0.8 * 0.2, 10);
  });

  it('rises with correct answers, falls with wrong ones, and stays within [0, 1]', () => {
    let p = 0.2;
    for (let i = 0; i < 10; i++) {
      const next = bktUpdate(p, true);
      expect(next).toBeGreaterThan(p);
      p = next;
    }
    expect(p).toBeGreaterThan(0.95);
    expect(p).toBeLessThanOrEqual(1);
    expect(bktUpdate(0.9, false)).toBeLessThan(0.9);
    expect(bktUpdate(Number.NaN, true)).toBeGreaterThanOrEqual(0);
    expect(bktTrace([true, true, false, true])).toBeCloseTo(
      bktUpdate(bktUpdate(bktUpdate(bktUpdate(0.2, true), true), false), true),
      12,
    );
  });

  it('maps P(known) to levels 1..10 and summaries', () => {
    expect(masteryLevel(0)).toBe(1);
    expect(masteryLevel(0.2)).toBe(3);
    expect(masteryLevel(0.55)).toBe(6);
    expect(masteryLevel(0.85)).toBe(9);
    expect(masteryLevel(0.95)).toBe(10);
    expect(masteryLevel(1)).toBe(10);
    expect(masterySummary(0.2)).toBe('Level 3 — building foundations');
    expect(masterySummary(1)).toBe('Level 10 — mastered');
    expect(masterySummary(0.2, 'fil')).toBe('Antas 3 — binubuo ang pundasyon');
    expect(parseMasteryLevel('Level 7 — proficient (3 topics)')).toBe(7);
    expect(parseMasteryLevel('Antas 2 — nagsisimula pa lang')).toBe(2);
    expect(parseMasteryLevel('no data')).toBeUndefined();
  });

  it('maps mastery to the difficulty and depth the orchestrator uses', () => {
    expect(difficultyForMastery(2)).toEqual({ difficulty: 'easy', depth: 'basic' });
    expect(difficultyForMastery(5)).toEqual({ difficulty: 'medium', depth: 'intermediate' });
    expect(difficultyForMastery(8)).toEqual({ difficulty: 'hard', depth: 'advanced' });
    expect(difficultyForMastery(10)).toEqual({ difficulty: 'hard', depth: 'comprehensive' });
  });
});

describe('FSRS spaced review', () => {
  const now = new Date('2026-01-05T08:00:00Z');

  it('starts a new card due now, as plain JSON', () => {
    const card = newCardState(now);
    expect(card.phase).toBe('new');
    expect(card.due).toBe(now.toISOString());
    expect(card.reps).toBe(0);
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(isDue(card, now)).toBe(true);
  });

  it('schedules easier ratings further out, deterministically', () => {
    const card = newCardState(now);
    const dues = (['again', 'hard', 'good', 'easy'] as const).map((r) =>
      reviewCard(card, r, now).due.getTime(),
    );
    for (let i = 1; i < dues.length; i++) expect(dues[i]).toBeGreaterThanOrEqual(dues[i - 1] as number);
    expect(dues[3]).toBeGreaterThan(dues[0] as number);
    expect(reviewCard(card, 'good', now)).toEqual(reviewCard(card, 'good', now));
  });

  it('grows intervals across successful reviews, survives a JSON round trip, and lapses on again', () => {
    let state = newCardState(now);
    let at = now;
    let lastInterval = 0;
    for (let i = 0; i < 4; i++) {
      const next = reviewCard(JSON.parse(JSON.stringify(state)), 'good', at);
      const interval = next.due.getTime() - at.getTime();
      if (i >= 2) expect(interval).toBeGreaterThan(lastInterval);
      lastInterval = interval;
      state = next.state;
      at = next.due;
    }
    expect(state.phase).toBe('review');
    expect(state.reps).toBe(4);
    expect(isDue(state, now)).toBe(false);
    const lapsed = reviewCard(state, 'again', at);
    expect(lapsed.state.lapses).toBe(1);
    expect(lapsed.state.phase).toBe('relearning');
  });

  it('rejects unknown ratings', () => {
    expect(() => reviewCard(newCardState(now), 'meh' as never, now)).toThrow(/unknown rating/);
  });
});

describe('BKT properties', () => {
  it('stays in [0, 1], and a correct answer never lowers P(known) below a wrong one', async () => {
    const fc = await import('fast-check');
    const prob = fc.double({ min: 0, max: 1, noNaN: true });
    const half = fc.double({ min: 0, max: 0.49, noNaN: true });
    fc.assert(
      fc.property(prob, prob, half, half, (p, t, s, g) => {
        const params = { p_init: 0.2, p_transit: t, p_slip: s, p_guess: g };
        const right = bktUpdate(p, true, params);
        const wrong = bktUpdate(p, false, params);
        return right >= 0 && right <= 1 && wrong >= 0 && wrong <= 1 && right >= wrong - 1e-12;
      }),
    );
    fc.assert(fc.property(prob, (p) => masteryLevel(p) >= 1 && masteryLevel(p) <= 10));
  });
});
