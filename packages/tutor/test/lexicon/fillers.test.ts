import { describe, expect, it } from 'vitest';
import {
  classOf,
  contentWords,
  joinPairs,
  readReference,
  stemOf,
  trimClassWords,
  WORD_CLASSES,
} from '../../src/lexicon/fillers.ts';

describe('word classes', () => {
  it('gives every word one class at most', () => {
    const seen = new Map<string, string>();
    for (const [name, words] of Object.entries(WORD_CLASSES))
      for (const w of words) {
        expect(seen.get(w), `${w} is in ${seen.get(w)} and ${name}`).toBeUndefined();
        seen.set(w, name);
      }
  });

  it.each([
    ['Gawan', 'request'],
    ["Don't", 'understanding'],
    ['naman', 'particle'],
    ['iyan', 'reference'],
    ['this_time', 'time'],
    ['mo', 'you'],
    ['photosynthesis', null],
  ])('reads %s as %s', (word, name) => {
    expect(classOf(word)).toBe(name);
  });
});

describe('trimClassWords', () => {
  it.each([
    ['still dont understand say in way', ''],
    ['water cycle this time', 'water cycle'],
    ['naman po yung supply and demand ngayon', 'supply and demand'],
    ['nervous system', 'nervous system'],
  ])('cuts the class words at the ends of "%s"', (phrase, trimmed) => {
    expect(trimClassWords(phrase)).toBe(trimmed);
  });

  it('keeps the words inside a topic and cuts only the start when asked', () => {
    expect(contentWords('lets do 10 questions this time on the water cycle'.split(' '))).toEqual([
      '10',
      'on',
      'the',
      'water',
      'cycle',
    ]);
    expect(trimClassWords('mo nga ulit newtons first law po', ['function'], 'start')).toBe(
      'newtons first law po',
    );
  });
});

describe('readReference', () => {
  it.each([
    ['that', { kind: 'latest' }],
    ['the same thing', { kind: 'latest' }],
    ['niyan po', { kind: 'latest' }],
    ['the first one', { kind: 'position', index: 0 }],
    ['dun sa pangalawa', { kind: 'position', index: 1 }],
    ['yung huli', { kind: 'position', index: -1 }],
    ['yung second step', { kind: 'latest' }],
    ['yung sinabi mo', { kind: 'latest' }],
    ['just the previous one', { kind: 'position', index: -2 }],
    ['the 2nd one', { kind: 'position', index: 1 }],
    ['number 3', { kind: 'position', index: 2 }],
    ['yung letter b', { kind: 'latest' }],
    ['the water cycle', null],
    ['first law', null],
    ['yung sagot sa number 3', { kind: 'latest' }],
    ['the answer to question two', { kind: 'latest' }],
    ['step #2', { kind: 'latest' }],
    ['chapter 3', null],
    ['tama ba yung letter b', { kind: 'latest' }],
    ['vitamin c', null],
    ['3 questions', null],
  ])('reads "%s" back', (phrase, reference) => {
    expect(readReference(phrase)).toEqual(reference);
  });
});

describe('stemOf', () => {
  it.each([
    ['padagdag', 'dagdag'],
    ['magdagdag', 'dagdag'],
    ['pakigawan', 'gawan'],
    ['magtanong', 'magtanong'],
    ['paraan', 'paraan'],
    ['island', 'island'],
  ])('reads "%s" as "%s"', (word, stem) => {
    expect(stemOf(word)).toBe(stem);
  });
});

describe('joinPairs', () => {
  it.each([
    ['in Filipino please', ['in_filipino', 'please']],
    ['the water cycle this time!', ['the', 'water', 'cycle', 'this_time']],
    ['mas maikli', ['mas', 'maikli']],
  ])('reads "%s" as %j', (phrase, words) => {
    expect(joinPairs(phrase.toLowerCase())).toEqual(words);
  });
});
