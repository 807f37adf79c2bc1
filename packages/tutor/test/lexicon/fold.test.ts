import { describe, expect, it } from 'vitest';
import { fold, foldCase, foldWords, squeeze } from '../../src/lexicon/fold.ts';

describe('fold', () => {
  it.each([
    ['Gustooooo ko nang mamatáy', 'gusto ko nang mamatay'],
    ['KILLLLL it', 'kill it'],
    ['K.I.L.L  my-self!!!', 'kill my self'],
    ['G U S T O  K O  N A N G  M A M A T A Y', 'gusto ko nang mamatay'],
    ["I'm fine, don't worry — ‘wag na", 'im fine dont worry wag na'],
    ['self-harm and sex-linked traits', 'self harm and sex linked traits'],
    ['araw-araw, gustong-gusto', 'araw araw gustong gusto'],
  ])('folds case, accents, punctuation, spacing and stretched letters: %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it('joins a Filipino prefix to its stem however it is written', () => {
    for (const text of ['mag-suicide', 'mag suicide', 'magsuicide', 'Mag–Suicide'])
      expect(fold(text)).toBe('magsuicide');
    expect(fold('nagsu-suicide ako')).toBe('nagsusuicide ako');
    expect(fold('na-kill ako sa ML')).toBe('nakill ako sa ml');
    expect(fold('pa-explain naman')).toBe('paexplain naman');
    expect(fold('gusto ko na mamatay')).toBe('gusto ko na mamatay');
  });

  it('reads leetspeak only when asked, and leaves math alone', () => {
    expect(fold('k1ll mys3lf', { leet: true })).toBe('kill myself');
    expect(fold('$uicide', { leet: true })).toBe('suicide');
    expect(fold('k1ll mys3lf')).toBe('k1ll mys3lf');
    expect(fold('x1 + x2 = 5, 3x', { leet: true })).toBe('x1 x2 5 3x');
    expect(fold('I want to die!', { leet: true })).toBe('i want to die');
  });

  it('expands chat shorthand and Taglish spellings only when asked', () => {
    expect(fold('gusto q n lng mwala', { shorthand: true })).toBe('gusto ko na lang mwala');
    expect(fold('idk pls help', { shorthand: true })).toBe('i dont know please help');
    expect(fold('gusto q n lng')).toBe('gusto q n lng');
  });

  it('splits into words and squeezes doubles for fuzzy keys', () => {
    expect(foldWords('  Hello,   world ')).toEqual(['hello', 'world']);
    expect(foldWords('')).toEqual([]);
    expect(squeeze('kill')).toBe('kil');
    expect(squeeze('maaari')).toBe('mari');
  });
});

describe('foldCase', () => {
  it.each([
    ['Ipaliwanag ang  Pangungusap, “PO”', 'ipaliwanag ang pangungusap, "po"'],
    ['Don’t  solve a² × 3 = 12 for Señor', "don't solve a² × 3 = 12 for senor"],
  ])('folds case, accents, quotes and spacing, and keeps punctuation and symbols: %s', (text, folded) => {
    expect(foldCase(text)).toBe(folded);
  });
});
