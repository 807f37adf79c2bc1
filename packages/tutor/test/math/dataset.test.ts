import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { solveMath } from '../../src/tools/math_solver/index.ts';

/** DeepMind Mathematics Dataset dev sample (see ../fixtures/mathematics_dataset/NOTICE). Accuracy only, no timing. */
const rows = readFileSync(join(import.meta.dirname, '../fixtures/mathematics_dataset/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { module: string; question: string; answer: string });

describe('mathematics_dataset dev set', () => {
  it('has 3,300 problems in 22 modules', () => {
    expect(rows.length).toBe(3300);
    expect(new Set(rows.map((r) => r.module)).size).toBe(22);
  });

  it('overall accuracy ≥ 97% and every module ≥ 90%', () => {
    const per = new Map<string, { ok: number; n: number }>();
    let ok = 0;
    for (const r of rows) {
      const m = per.get(r.module) ?? { ok: 0, n: 0 };
      m.n++;
      if (solveMath(r.question).answer === r.answer) {
        m.ok++;
        ok++;
      }
      per.set(r.module, m);
    }
    expect(ok / rows.length).toBeGreaterThanOrEqual(0.97);
    for (const [module, m] of per) expect(m.ok / m.n, module).toBeGreaterThanOrEqual(0.9);
  });
});
