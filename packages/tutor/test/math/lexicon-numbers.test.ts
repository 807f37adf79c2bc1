import { describe, expect, it } from 'vitest';
import { findNumberWords, parseNumberWords, replaceNumberWords } from '../../src/lexicon/numbers.ts';

describe('number words', () => {
  it.each([
    ['twenty-five', 25],
    ['one hundred and five', 105],
    ['two thousand five hundred', 2500],
    ['five hundred thousand', 500000],
    ['a dozen', 12],
    ['two dozen', 24],
    ["dalawampu't lima", 25],
    ['labindalawa', 12],
    ['labing-anim', 16],
    ['labing isa', 11],
    ['isang dosena', 12],
    ['sampu', 10],
    ['isang daan', 100],
    ['sandaan', 100],
    ['limandaan', 500],
    ["isang daan at dalawampu't lima", 125],
    ["dalawang libo't limang daan", 2500],
    ['bente singko', 25],
  ])('reads "%s" as %d', (phrase, value) => {
    expect(parseNumberWords(phrase)).toBe(value);
  });

  it('does not read a phrase that is not one number', () => {
    expect(parseNumberWords('three and five')).toBeNull();
    expect(parseNumberWords('hundred')).toBeNull();
    expect(parseNumberWords('apples')).toBeNull();
  });

  it('replaces cardinals with digits and drops the Filipino linker', () => {
    expect(replaceNumberWords('Si Ana ay may limang lapis at apat na pambura.')).toBe(
      'Si Ana ay may 5 lapis at 4 pambura.',
    );
    expect(replaceNumberWords('three and five apples')).toBe('3 and 5 apples');
  });

  it('does not read a scale word alone ("sa daan" is "on the road")', () => {
    expect(replaceNumberWords('Naglakad siya sa daan.')).toBe('Naglakad siya sa daan.');
  });

  it('tells ordinals from cardinals in both languages', () => {
    const kinds = findNumberWords('the third day, ika-apat na araw, ikatlo, twentieth').map((m) => [
      m.kind,
      m.value,
    ]);
    expect(kinds).toEqual([
      ['ordinal', 3],
      ['ordinal', 4],
      ['ordinal', 3],
      ['ordinal', 20],
    ]);
  });
});
