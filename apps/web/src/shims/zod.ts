/**
 * Build-time stand-in for `zod/v3` and `zod/v4` in the browser bundle only (see vite.config.ts).
 *
 * The AI SDK (`ai`, `@ai-sdk/provider-utils`) builds zod schemas at import time for every model message
 * and stream chunk type, and `useChat` validates each Server-Sent Event chunk from our own server with
 * them. Real zod costs ~40 KB gzipped — more than a quarter of the chat route's 150 KB budget on students'
 * phones. In the browser the stream comes from the Aralin server (same origin, already validated there
 * with zod), so this module accepts every value unchanged: schemas are inert, chainable objects and
 * `safeParse*` always succeeds. Nothing in the web app defines its own zod schemas; the server keeps the
 * real library. If a future AI SDK needs a zod feature that is not here, the e2e chat test fails loudly.
 */

type Inert = ((...args: unknown[]) => Inert) & { readonly [key: string]: unknown };

const passthrough = (value: unknown) => ({ success: true as const, data: value });

const handler: ProxyHandler<() => void> = {
  get(_target, key) {
    if (key === 'then' || typeof key === 'symbol') return undefined; // never look like a promise/iterable
    if (key === '_zod' || key === '_def') return { def: {}, typeName: 'ZodAny' };
    if (key === 'safeParse') return passthrough;
    if (key === 'safeParseAsync') return async (value: unknown) => passthrough(value);
    if (key === 'parse') return (value: unknown) => value;
    if (key === 'parseAsync') return async (value: unknown) => value;
    return schema;
  },
  has: () => true,
  apply: () => schema,
};

const schema = new Proxy(() => undefined, handler) as unknown as Inert;

export const z = schema;
export default schema;

export async function safeParseAsync(_schema: unknown, value: unknown) {
  return passthrough(value);
}
export function safeParse(_schema: unknown, value: unknown) {
  return passthrough(value);
}
export function toJSONSchema(): Record<string, unknown> {
  return {};
}

/** zod 3's type-name enum: only read while converting zod-3 schemas to JSON Schema, which never happens here. */
export const ZodFirstPartyTypeKind: Record<string, string> = new Proxy({}, { get: (_t, key) => String(key) });
