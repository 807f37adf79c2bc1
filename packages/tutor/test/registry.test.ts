import { describe, expect, it } from 'vitest';
import { builtinTools } from '../src/index.ts';

describe('tool registry', () => {
  it('has unique names and slots that name real input fields', () => {
    const names = builtinTools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of builtinTools) {
      const fields = Object.keys(tool.input.shape);
      for (const field of [...Object.keys(tool.slots), ...tool.required]) expect(fields).toContain(field);
    }
  });
});
