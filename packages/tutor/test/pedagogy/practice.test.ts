import { describe, expect, it } from 'vitest';
import { measureRepetition } from '../../../../bench/lib/practice.ts';
import { draw } from '../../src/pedagogy/practice.ts';

const items = Array.from({ length: 12 }, (_, i) => `item-${i}`);
const id = (x: string) => ({ id: x, front: x });

describe('seeded practice draws', () => {
  it('are reproducible per seed and differ between seeds', () => {
    const a = draw(items, id, { seed: 'ana:0' });
    expect(draw(items, id, { seed: 'ana:0' })).toEqual(a);
    expect(draw(items, id, { seed: 'ana:1' })).not.toEqual(a);
    expect(draw(items, id, { seed: 'ben:0' })).not.toEqual(a);
    expect([...a].sort()).toEqual([...items].sort());
  });

  it('put items answered right last and due cards first, over many seeds', () => {
    const right = new Set(items.slice(0, 6));
    const due = new Set(['item-11']);
    let rightInFirstFive = 0;
    let dueFirst = 0;
    for (let s = 0; s < 200; s++) {
      const order = draw(items, id, { seed: `s${s}`, right, due });
      rightInFirstFive += order.slice(0, 5).filter((x) => right.has(x)).length;
      if (order[0] === 'item-11') dueFirst++;
    }
    // Unweighted, half of the first five would be items answered right (500 of 1,000).
    expect(rightInFirstFive).toBeLessThan(200);
    // Unweighted, a given card would come first about 1 time in 12 (17 of 200).
    expect(dueFirst).toBeGreaterThan(60);
  });
});

describe('varied quizzes over the whole pack', () => {
  it('repeat few questions across attempts and students, keep easy and hard apart, and keep difficulty', () => {
    const r = measureRepetition();
    expect(r.topics).toBeGreaterThan(100);
    expect(r.second_attempt_after_all_right).toBeLessThan(0.15);
    expect(r.second_attempt_seed_only).toBeLessThan(0.5);
    expect(r.two_students).toBeLessThan(0.5);
    expect(r.easy_vs_hard).toBeLessThan(r.unvaried.easy_vs_hard);
    expect(r.at_difficulty).toBeGreaterThanOrEqual(r.unvaried.at_difficulty);
    expect(r.unvaried.two_students).toBe(1);
  });
});
