import type { Subject, Topic } from './schema.ts';

export * from './localize.ts';
export * from './schema.ts';

export interface TopicMatch {
  topic: Topic;
  /** Relevance from the search index; higher is better. */
  score: number;
  /** Which parts of the topic matched: `title`, `aliases`, `terms` (key terms) or `body` (the summary). */
  fields: string[];
  /** True when the phrase matched the topic's title, aliases or key terms, not just words in its summary. */
  strong: boolean;
}

export interface SearchOptions {
  subject?: Subject;
  limit?: number;
}

/** The curriculum pack and its search index: what every embedded tool grounds on. */
export interface ContentLibrary {
  readonly topics: readonly Topic[];
  get(id: string): Topic | undefined;
  /** Topics that match a student's phrase in English, Filipino or Taglish, best first. */
  search(phrase: string, options?: SearchOptions): TopicMatch[];
}

export {
  createContentLibrary,
  DATA_DIR,
  foldTerm,
  loadContentLibrary,
  loadTopics,
  STOP_WORDS,
  tokenize,
} from './library.ts';
