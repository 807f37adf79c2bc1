/** What a teacher page last loaded, and from which path. */
export interface Loaded<T> {
  path: string | null;
  data: T | null;
  error: string | null;
}

export const nothingLoaded: Loaded<never> = { path: null, data: null, error: null };

/**
 * The state after a load of `path` settled. Success clears any earlier error. A failed reload of the same path
 * keeps the data already shown; a failure on a new path shows no data.
 */
export function settle<T>(
  prev: Loaded<T>,
  path: string,
  outcome: { data: T } | { error: string },
): Loaded<T> {
  if ('data' in outcome) return { path, data: outcome.data, error: null };
  return { path, data: prev.path === path ? prev.data : null, error: outcome.error };
}

/** What to show for `path`: only what was loaded from that very path, so nothing of a previous one. */
export function shown<T>(loaded: Loaded<T>, path: string | null): { data: T | null; error: string | null } {
  return path !== null && loaded.path === path
    ? { data: loaded.data, error: loaded.error }
    : { data: null, error: null };
}
