import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSafetyCases } from '../../eval/safety.ts';
import { serialise, train } from '../../scripts/train-safety.ts';
import { CRISIS_MODEL, classifyCrisis, crisisFeatures } from '../../src/safety/classifier.ts';
import { detectCrisis, readRules } from '../../src/safety/crisis.ts';
import { moderate } from '../../src/safety/moderate.ts';

const committed = readFileSync(new URL('../../src/safety/classifier.json', import.meta.url), 'utf8');
const trainingTexts = readFileSync(new URL('../../eval/safety.train.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text.toLowerCase());

/** Word overlap (shared words over all words) at which a training phrase counts as a copy of a held-out one. */
const NEAR_COPY = 0.6;

describe('the crisis classifier', () => {
  it('ships the weights the training script makes (else: npm exec -- node packages/tutor/scripts/train-safety.ts)', () => {
    expect(serialise(train([CRISIS_MODEL.lambda]).model)).toBe(committed);
  }, 120_000);

  it('never trains on the held-out splits or the first-contact probes', () => {
    const heldOut = loadSafetyCases().filter((c) => c.split !== 'dev');
    const seen = new Set(trainingTexts);
    expect(heldOut.filter((c) => seen.has(c.text.toLowerCase())).map((c) => c.text)).toEqual([]);
  });

  it('trains on no near copy of a held-out message (most of its words shared)', () => {
    const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}_']+/gu));
    const similarity = (a: Set<string>, b: Set<string>) => {
      const shared = [...a].filter((w) => b.has(w)).length;
      return shared / (a.size + b.size - shared);
    };
    const heldOut = loadSafetyCases()
      .filter((c) => c.split !== 'dev')
      .map((c) => ({ text: c.text, words: words(c.text) }));
    const near = trainingTexts.flatMap((t) => {
      const w = words(t);
      return heldOut.filter((h) => similarity(w, h.words) >= NEAR_COPY).map((h) => `${t} ≈ ${h.text}`);
    });
    expect(near).toEqual([]);
  });

  it('reads words, word pairs, character n-grams, word classes, pairs of classes and warning signs', () => {
    const kinds = new Set(
      [...crisisFeatures(readRules('paalam na, gusto ko nang mawala')).keys()].map((f) => f[0]),
    );
    expect([...kinds].sort()).toEqual(['b', 'c', 'k', 'p', 's', 'w']);
  });

  it('answers what no rule reads as a crisis, with the hotlines and a flag', () => {
    const text = 'my family would save so much money without me';
    expect(detectCrisis(text).some((r) => r.severity === 'high')).toBe(false);
    const verdict = moderate(text, 'en');
    expect(verdict.safety).toMatchObject({ category: 'self_harm', severity: 'high', crisis: true });
    expect(verdict.safety?.hotlines.length).toBeGreaterThan(0);
    expect(verdict.matched[0]).toMatch(/^classifier: /);
  });

  it('reads someone hurting the student as abuse', () => {
    expect(classifyCrisis(readRules('tinatakot ako ni papa na papatayin niya ako'))?.category).toBe('abuse');
  });

  it.each([
    'paalam',
    "i'm ready",
    'can you explain the water cycle to me?',
    'gumawa ka ng quiz tungkol sa fractions',
    'patay na ang phone ko, bukas ko na lang ipapasa',
  ])('leaves everyday messages alone: %s', (text) => {
    expect(classifyCrisis(readRules(text))).toBeNull();
  });
});
