import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import type { ContentLibrary, SearchOptions, TopicMatch } from './index.ts';
import { Topic } from './schema.ts';

export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** Words that carry no topic in English or Filipino/Taglish requests ("pa-explain naman ng …"). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the of to in on for and or is are was be it this that these those with about into from by as at me my
  i you we us our your please can could would will do does did what whats how why when where which who explain
  tell teach show give make create help need want know learn understand lesson topic notes note quiz flashcards
  flashcard cards card questions question more some
  ang ng mga sa na at ay si ni kay ko mo po naman lang ba yung iyong iyon ito iyan dito doon para kung ano
  paano bakit kailan saan sino alin niya nila natin namin ninyo ka ako ikaw siya kami tayo kayo sila din rin
  pa-explain paki pakiexplain pakipaliwanag ipaliwanag paliwanag gawa gawan gumawa turuan turo tungkol hindi
  maintindihan intindihan alam gusto kailangan pwede puwede nga nman lng`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Folds the spelling variants students use for the same word — "photosynthesis", "fotosintesis" and
 * "potosintesis" all become one term — so index and query meet whatever the spelling.
 */
export function foldTerm(term: string): string {
  const plain = term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // Short terms ("pH", "DNA", "x") are abbreviations or symbols: folding them would match everything.
  if (plain.length <= 3) return plain;
  return plain
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/f/g, 'p')
    .replace(/v/g, 'b')
    .replace(/y/g, 'i')
    .replace(/qu/g, 'k')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/z/g, 's')
    .replace(/x/g, 'ks')
    .replace(/(.)\1+/g, '$1');
}

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .flatMap((t) => (t.includes('-') && !STOP_WORDS.has(t) ? [t, ...t.split('-')] : [t]))
    .filter((t) => t.length > 0);
}

function processTerm(term: string): string | null {
  if (STOP_WORDS.has(term) || term.length < 2) return null;
  return foldTerm(term);
}

interface Doc {
  id: string;
  title: string;
  aliases: string;
  terms: string;
  body: string;
  subject: string;
}

/** Builds the library over validated topics: lookup by id and bilingual fuzzy search. */
export function createContentLibrary(topics: readonly Topic[]): ContentLibrary {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const index = new MiniSearch<Doc>({
    fields: ['title', 'aliases', 'terms', 'body'],
    storeFields: ['id'],
    tokenize,
    processTerm,
    searchOptions: { boost: { title: 4, aliases: 4, terms: 1.5, body: 0.3 }, prefix: true, fuzzy: 0.2 },
  });
  index.addAll(
    topics.map((t) => ({
      id: t.id,
      subject: t.subject,
      title: `${t.title.en} ${t.title.fil}`,
      aliases: t.aliases.join(' '),
      terms: t.key_terms.map((k) => `${k.term.en} ${k.term.fil}`).join(' '),
      body: `${t.summary.en} ${t.summary.fil}`,
    })),
  );

  const memo = new Map<string, TopicMatch[]>();

  function search(phrase: string, options: SearchOptions = {}): TopicMatch[] {
    const key = `${options.subject ?? ''}|${options.limit ?? 5}|${phrase}`;
    const known = memo.get(key);
    if (known) return known;
    const found = runSearch(phrase, options);
    if (memo.size >= 2000) memo.delete(memo.keys().next().value as string);
    memo.set(key, found);
    return found;
  }

  function runSearch(phrase: string, options: SearchOptions): TopicMatch[] {
    const hits = index.search(phrase, {
      ...(options.subject ? { filter: (r) => byId.get(r.id)?.subject === options.subject } : {}),
    });
    const queryTerms = [...new Set(tokenize(phrase).flatMap((t) => processTerm(t) ?? []))];
    const out: TopicMatch[] = [];
    for (const hit of hits.slice(0, options.limit ?? 5)) {
      const topic = byId.get(hit.id);
      if (!topic) continue;
      const fields = [...new Set(Object.values(hit.match).flat())];
      const coverage = queryTerms.length ? new Set(hit.queryTerms).size / queryTerms.length : 0;
      out.push({
        topic,
        score: hit.score,
        fields,
        strong: fields.some((f) => f !== 'body') && coverage >= 0.66,
      });
    }
    return out;
  }

  return { topics, get: (id) => byId.get(id), search };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

/** Reads and validates every topic file; a broken file fails loudly with its path and the schema's message. */
export function loadTopics(dir: string = DATA_DIR): Topic[] {
  return yamlFiles(dir).map((file) => {
    const parsed = Topic.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`invalid topic file ${file}: ${first?.path.join('.')}: ${first?.message}`);
    }
    return parsed.data;
  });
}

let cached: ContentLibrary | undefined;

/** The bundled curriculum pack, loaded once per process. */
export function loadContentLibrary(dir?: string): ContentLibrary {
  if (dir) return createContentLibrary(loadTopics(dir));
  cached ??= createContentLibrary(loadTopics());
  return cached;
}
