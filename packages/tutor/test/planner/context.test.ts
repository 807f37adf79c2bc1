import { describe, expect, it } from 'vitest';
import { lastList } from '../../src/planner/embedded/context.ts';
import { countChange } from '../../src/planner/embedded/count.ts';
import { tutor, user } from './helpers.ts';

/** The tutor's last reply → the items "yung pangalawa" or "the 3rd one" pick from. */
const LISTS: [string, string[]][] = [
  [
    'Three kinds:\n1. **Igneous** — from magma\n2. **Sedimentary**\n3. **Metamorphic**',
    ['igneous', 'sedimentary', 'metamorphic'],
  ],
  ['The layers:\n- crust\n- mantle\n- outer core', ['crust', 'mantle', 'outer core']],
  ['Pick one:\n1) Fractions: parts of a whole\n2) Decimals', ['fractions', 'decimals']],
  ['Mga uri:\n* **Pasalaysay**\n* **Patanong**', ['pasalaysay', 'patanong']],
  ['**Photosynthesis** is how plants make food.', []],
  ['Start with **cell structure**, then **mitosis**.', ['cell structure', 'mitosis']],
  ['Only one step:\n1. Subtract 3', []],
];

/** A message → how it changes the last count (null: it states no change). */
const CHANGES: [string, { op: 'add' | 'scale'; by: number } | null][] = [
  ['add 5 more', { op: 'add', by: 5 }],
  ['dagdagan mo pa ng lima', { op: 'add', by: 5 }],
  ['plus 3 pa', { op: 'add', by: 3 }],
  ['tatlo pa', { op: 'add', by: 3 }],
  ['bawasan mo ng dalawa', { op: 'add', by: -2 }],
  ['give me 3 fewer', { op: 'add', by: -3 }],
  ['can you cut it down by 4?', { op: 'add', by: -4 }],
  ['doblehin mo', { op: 'scale', by: 2 }],
  ['make it twice as many', { op: 'scale', by: 2 }],
  ['kalahati lang', { op: 'scale', by: 0.5 }],
  ['isa pa', null],
  ['one more please', null],
  ['10 questions, more difficult', null],
  ['dagdagan mo, walong tanong', null],
  ['same but 12', null],
];

describe('context: the items of the tutor’s last list', () => {
  it.each(LISTS)('%j', (reply, items) => {
    expect(lastList([user('explain it'), tutor(reply)])).toEqual(items);
  });

  it('reads only the tutor’s last reply', () => {
    const older = [user('x'), tutor('1. **A**\n2. **B**'), user('y'), tutor('No list here.')];
    expect(lastList(older)).toEqual([]);
  });
});

describe('count: a change to the last count', () => {
  it.each(CHANGES)('%j', (message, change) => {
    expect(countChange(message)?.value ?? null).toEqual(change);
  });
});
