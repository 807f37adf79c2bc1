/** How deep a JSON body may nest: the API's own bodies need a handful of levels. */
export const MAX_BODY_DEPTH = 32;

export type BodyFault = 'too-deep' | 'nul' | null;

/**
 * What is wrong with a parsed JSON body, if anything: nested deeper than `maxDepth`, or text (a value or a
 * key) with NUL characters, which PostgreSQL cannot store. Walks with its own stack, so no body can exhaust
 * the call stack.
 */
export function bodyFault(body: unknown, maxDepth = MAX_BODY_DEPTH): BodyFault {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'nul';
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= maxDepth) return 'too-deep';
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return 'nul';
      stack.push([child, depth + 1]);
    }
  }
  return null;
}
