/**
 * The outbox: messages typed while offline, kept in localStorage until they are sent. Each entry keeps the
 * Idempotency-Key it was created with, so a send that is retried after a dropped connection never
 * duplicates the turn on the server.
 */

export interface QueuedMessage {
  id: string;
  conversationId: string;
  text: string;
  idempotencyKey: string;
  createdAt: string;
  /** The account that typed it; only that account sends it (a lab computer is shared). */
  userId?: string;
}

/** True when `userId` may send the message; entries from before `userId` was kept belong to anyone. */
export function belongsTo(message: QueuedMessage, userId: string | undefined): boolean {
  return message.userId === undefined || message.userId === userId;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'aralin.outbox';
type Listener = () => void;

export class Outbox {
  private readonly store: KeyValueStore;
  private readonly listeners = new Set<Listener>();
  private cache: QueuedMessage[] | null = null;

  constructor(store: KeyValueStore) {
    this.store = store;
  }

  all(): QueuedMessage[] {
    if (this.cache) return this.cache;
    let parsed: unknown = [];
    try {
      parsed = JSON.parse(this.store.getItem(KEY) ?? '[]');
    } catch {
      parsed = [];
    }
    this.cache = Array.isArray(parsed) ? parsed.filter(isQueued) : [];
    return this.cache;
  }

  forConversation(conversationId: string): QueuedMessage[] {
    return this.all().filter((m) => m.conversationId === conversationId);
  }

  add(conversationId: string, text: string, makeId: () => string, userId?: string): QueuedMessage {
    const item: QueuedMessage = {
      id: makeId(),
      conversationId,
      text,
      idempotencyKey: makeId(),
      createdAt: new Date().toISOString(),
      ...(userId ? { userId } : {}),
    };
    this.write([...this.all(), item]);
    return item;
  }

  remove(id: string): void {
    this.write(this.all().filter((m) => m.id !== id));
  }

  /** Drops every queued message (the account they belong to is gone). */
  clear(): void {
    this.write([]);
  }

  /** Drops the messages `userId` may send (at sign-out, once the author chose to leave them unsent). */
  removeFor(userId: string): void {
    this.write(this.all().filter((m) => !belongsTo(m, userId)));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(items: QueuedMessage[]): void {
    this.cache = items;
    try {
      this.store.setItem(KEY, JSON.stringify(items));
    } catch {
      // storage full or unavailable: the in-memory copy still works for this session
    }
    for (const l of this.listeners) l();
  }
}

function isQueued(v: unknown): v is QueuedMessage {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.conversationId === 'string' &&
    typeof o.text === 'string' &&
    typeof o.idempotencyKey === 'string' &&
    (o.userId === undefined || typeof o.userId === 'string')
  );
}

const memory = new Map<string, string>();
const fallbackStore: KeyValueStore = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
};

export const outbox = new Outbox(typeof localStorage === 'undefined' ? fallbackStore : localStorage);
