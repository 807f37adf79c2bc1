import { foldCase } from './fold.ts';
import { findNumberWords } from './numbers.ts';

/**
 * Words that carry the conversation but name nothing to learn, in English, Filipino and Taglish, by class:
 * read by the embedded planner to cut topics free of the request around them, to tell small talk from a
 * request and to read references back ("that", "yung una"). Entries are folded words without apostrophes
 * ("dont", "lets"); an entry of several words is a phrase ("this time").
 */

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** The word classes. To teach the planner a word, put it in its class; never list whole phrasings. */
export const WORD_CLASSES = {
  /** Asking for something: "make", "give", "gawan", "pakigawa", "can I get". */
  request: set(`make turn create generate give gimme get have need want list ilista enumerate please pls plz
    lets let write show tell say put send prepare help tulong tulungan patulong gawan gumawa gawa gawin
    gawing bigyan magbigay paki pakigawa kailangan gusto ibig sabihin start go try mag pang palitan ready mag-aral
    lagyan samahan add cut switch lipat pick choose pumili`),
  /** Asking whether: "can", "do", "pwede". */
  modal: set(`dapat can could would will do does did should may might pwede puwede`),
  /** The tools and what they are made of: "flashcards", "quiz", "tanong", "items". */
  tool: set(`flashcards flashcard cards card flash quiz quizzes test exam notes note reviewer summary
    summarize summarise explain explanation teach study review questions question items item tanong
    practice drill pagsusulit ipaliwanag paliwanag turuan ituro sagutin aral magaral learn learning
    studying true false multiple choice choices identification naka-outline nakaoutline naka-bullet
    nakabullet`),
  /** Parts of a result, which also name things ("the second step", "key points" / "a set in math"). */
  part: set(`set version round batch step steps bullet bullets points point examples example halimbawa key analogy
    analogies paghahambing answer answers sagot solution solutions solusyon letter option titik`),
  /** School work and how it went: "for class", "grade 7", "3 out of 5 right". */
  school: set(`mali tama class grade baitang homework assignment seatwork module score scored right wrong out
    perfect`),
  /** Particles and fillers: "naman", "po", "lang", "ba", "hmm". */
  particle: set(`pala naman po pa ba lang nga din rin ha eh talaga muna sige okay ok so very really just only
    also too even actually medyo sana guess think suppose siguro baka well hmm uhm um ah ahh oh wait yes
    yeah oo opo bang nang kaya here pa-rin e specifically exactly particularly mismo ay masyado masyadong sobra
    sobrang meant oops teka tara parang hala`),
  /** Greetings, thanks, praise: "salamat", "hi", "good morning", "ang galing" ("great" names topics). */
  social:
    set(`sorry salamat thanks thank ty hi hello hey bye goodbye paalam kumusta kamusta musta good_morning
    good_afternoon good_evening good_night magandang_umaga magandang_hapon magandang_gabi jk lol haha hehe
    ang_galing ayos wow astig nice yay yey brb see`),
  /** The speakers: "I", "me", "mo", "ako", "natin". */
  person: set(`i me my mine im ive ko ako akin akong kong natin namin nila us our we kami tayo`),
  /** The one spoken to, the tutor: "you", "your", "ikaw", "mo". */
  you: set(`you u your ur yours yourself youre ka ikaw mo mong iyo iyong kayo ninyo inyo tutor teacher sir maam
    miss`),
  /** What the conversation already named: "it", "that", "iyan", "dun", "the same thing". */
  reference: set(`it that this them those these iyan yan iyon yun yon ito diyan dito doon dun niyan nito
    niyon noon nun dyan ganyan ganun ganon ganoon sinabi said mentioned binanggit him her his siya niya
    kanya kaniya same nauna naunang earlier thing things one ones topic topics lesson lessons huli huling
    last previous latest above pareho parehong`),
  /** When: "this time", "ngayon", "again", "tomorrow". */
  time: set(`anymore now back balik balikan today tonight ngayon mamaya bukas tomorrow later again ulit ulitin tapos then next sunod
    susunod instead rather this_time next_time right_now for_now`),
  /** How many or how much, without the number: "some", "a few", "another", "isa pa". */
  quantity:
    set(`bit kaunti konti fewer less else some few another more much many lot lots isa dagdagan dagdag ilang kaunting konting lahat all every
    anything something whatever kahit bagay bahala dami marami plus down reduce minus extra bawas bawasan half kalahati double doble doblehin
    twice triple`),
  /** How hard or how deep: "easy", "mas madali", "simply". */
  level:
    set(`slower faster quicker easy short hard medium difficult simple basic madali mahirap katamtaman harder easier simpler
    tougher challenging level up mahihirap madadali dali hirap mas deeper deep malalim lalim depth detail
    details detailed detalyado detalyadong simply slowly clearer clear shorter longer maikli mahaba ikli
    haba better way ways paraan pahirapan pahirapin padaliin dalian eli5 babaan taasan pinakamahirap pinakamadali
    hardest easiest`),
  /** Understanding or not: "don't get", "maintindihan", "gets", "still", "struggling". */
  understanding:
    set(`huwag wag feel understand understood gets got know alam maintindihan naiintindihan intindihin
    intindi getting forget forgetting forgot nakakalimutan makalimutan struggling confused gulo walang wala nahirapan
    nahihirapan nalilito naguguluhan malabo unclear still dont not no nope hindi di pa_rin keep mixing mix`),
  /** The language of the reply, not a topic: "in Filipino", "sa English". */
  language: set(`in_filipino in_english in_tagalog in_taglish sa_filipino sa_tagalog sa_english sa_ingles
    sa_taglish`),
  /** How the result is laid out, said in pairs ("paragraph" and "essay" name topics too). */
  form: set(`in_paragraph in_paragraphs paragraph_form essay_form in_bullets bullet_form in_outline outline_form
    in_a_table table_form in_a_list list_form form format`),
  /** Feelings that also name things ("nervous system", "lost colonies"): kept at a topic's edge. */
  feeling: set(`lost stuck pagod tired anxious nervous worried`),
  /** Words that join the others: articles, prepositions, linkers. */
  function:
    set(`a into naging became become an the of for with to on about in at and but pero or sa ng ang mga yung ung si ni na
    para tungkol ukol is are was were be been from like than as am if when kung what why how bakit paano
    ano anong nag by`),
} satisfies Record<string, ReadonlySet<string>>;

export type WordClass = keyof typeof WORD_CLASSES;

/** A word without case or apostrophes, as the tables spell it ("Don't" → "dont"). */
export const foldWord = (word: string): string => foldCase(word).replace(/'/g, '');

/** Filipino verb prefixes a request takes ("PAdagdag", "MAGdagdag", "PAKIgawan"). */
const PREFIXES = ['paki', 'mag', 'nag', 'pa', 'i'];
/** The classes a prefixed word keeps: asking, amounts and levels ("magtanong" asks, it is no quiz). */
const PREFIXED: readonly string[] = ['request', 'quantity', 'level'];

function listed(w: string): WordClass | null {
  for (const [name, words] of Object.entries(WORD_CLASSES) as [WordClass, ReadonlySet<string>][])
    if (words.has(w)) return name;
  return null;
}

/**
 * The word without a Filipino verb prefix when the rest is a word of a request's classes ("padagdag" →
 * "dagdag", "magdagdag" → "dagdag"); the word itself otherwise.
 */
export function stemOf(word: string): string {
  const w = foldWord(word);
  for (const prefix of PREFIXES) {
    const rest = w.slice(prefix.length).replace(/^-/, '');
    if (w.startsWith(prefix) && rest.length >= 4 && PREFIXED.includes(listed(rest) ?? '')) return rest;
  }
  return w;
}

/** The class of a word or a two-word phrase joined by "_" ("this_time"), or null for a content word. */
export function classOf(word: string): WordClass | null {
  const w = foldWord(word);
  return listed(w) ?? (w.includes('_') ? null : listed(stemOf(w)));
}

/** The words of a phrase with each two-word entry read as one ("in filipino please" → "in_filipino please"). */
export function joinPairs(phrase: string): string[] {
  const words = phrase.split(/[^\p{L}\d'-]+/u).filter(Boolean);
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const pair = `${words[i]}_${words[i + 1]}`;
    const joined = i + 1 < words.length && classOf(pair) !== null;
    out.push(joined ? pair : (words[i] as string));
    i += joined ? 2 : 1;
  }
  return out;
}

/** Words that are part of a request, never a topic on their own: every class above. */
export const REQUEST_WORDS: ReadonlySet<string> = new Set(
  Object.values(WORD_CLASSES).flatMap((words) => [...words]),
);

/**
 * The words of a phrase with the class words at either end cut off ("still don't understand it" → "",
 * "the water cycle this time" → "water cycle"); two-word entries ("this time") are read as one. Feelings
 * and parts ("nervous system", "a set in math") stay, and so does a tool's name at the start.
 */
export function trimClassWords(
  phrase: string,
  keep: WordClass[] = ['feeling', 'part'],
  ends: 'both' | 'start' = 'both',
): string {
  const words = phrase.split(/\s+/).filter(Boolean);
  const cut = (i: number, j: number) => {
    const pair = j > i ? classOf(`${words[i]}_${words[j]}`) : null;
    return pair && !keep.includes(pair) ? 2 : 0;
  };
  const drop = (w: string | undefined, alsoKeep?: WordClass) => {
    const c = w === undefined ? null : classOf(w);
    return c !== null && c !== alsoKeep && !keep.includes(c);
  };
  let start = 0;
  let end = words.length;
  // A topic may begin with a tool's name or a level ("question mark", "simple machines"); it ends without one.
  while (start < end) {
    const pair = cut(start, start + 1);
    if (pair) start += pair;
    else if (drop(words[start], 'tool') && drop(words[start], 'level')) start++;
    else break;
  }
  while (ends === 'both' && end > start) {
    const pair = end - 2 >= start ? cut(end - 2, end - 1) : 0;
    if (pair) end -= pair;
    else if (drop(words[end - 1])) end--;
    else break;
  }
  return words.slice(start, end).join(' ');
}

/**
 * The words that belong to no class, function words kept ("supply and demand") and a feeling that names a
 * thing with the next word ("nervous system"); pairs are read first.
 */
export function contentWords(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const named = (j: number) => j >= 0 && j < words.length && classOf(words[j] as string) === null;
    if (i + 1 < words.length && classOf(`${w}_${words[i + 1]}`)) i++;
    // Between two words of a name, a class word is part of it ("noli me tangere").
    else if (classOf(w) === null || classOf(w) === 'function' || (named(i - 1) && named(i + 1))) out.push(w);
    else if (classOf(w) === 'feeling' && i + 1 < words.length && classOf(words[i + 1] as string) === null)
      out.push(w);
  }
  return out;
}

/**
 * What a phrase made only of reference words points back to: the latest topic ("that", "the same thing",
 * "iyan", or a part of the last result: "the second step", "yung unang tanong", "the answer to number 3",
 * "bakit tama yung letter b"),
 * or a topic by its place in the conversation ("the first one", "yung pangalawa", "yung huli": -1, "the
 * previous one": -2, the latest when there is only one). Null when the phrase names something of its own.
 */
export type Reference = { kind: 'latest' } | { kind: 'position'; index: number };

/** Words that number an item: "number 2", "bilang 3". */
const NUMBERING: ReadonlySet<string> = set('number no num bilang numero');

/** Ordinals in digits ("2nd", "3rd", "10th"), read like the words ("second"). */
function digitOrdinals(phrase: string): { text: string; value: number }[] {
  return [...phrase.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)\b/g)].map((m) => ({
    text: m[0],
    value: Number(m[1]),
  }));
}

export function readReference(phrase: string): Reference | null {
  const numbers = findNumberWords(phrase);
  const ordinals = [...numbers.filter((m) => m.kind === 'ordinal'), ...digitOrdinals(phrase)];
  const cardinals = numbers.filter((m) => m.kind === 'cardinal').map((m) => m.text.toLowerCase());
  const words = phrase.split(/\s+/).filter(Boolean);
  // A number or a choice's letter: "number 3", "item #2", "letter b".
  const numeral = (w: string | undefined) =>
    w !== undefined && (/^(?:#?\d{1,3}|[a-e])$/.test(w) || cardinals.includes(foldWord(w)));
  let refers = false;
  let part = false;
  // A numeral after a word is a place in the last result ("number 3", "item #2"); before one, it counts.
  let placed = false;
  for (const [i, w] of words.entries()) {
    const c = classOf(w);
    if (c === 'reference') refers = true;
    else if (c === 'tool' || c === 'part' || c === 'school') part = true;
    else if (ordinals.some((m) => m.text.toLowerCase() === foldWord(w))) refers = true;
    else if (c === null && ((i > 0 && numeral(w)) || numeral(words[i + 1]))) placed = true;
    else if (c === null || !['function', 'particle', 'person', 'you'].includes(c)) return null;
  }
  if (placed && part) return { kind: 'latest' };
  // "number 2" alone: the second item of the last list, like "the second one".
  const numbered = words.findIndex(
    (w, i) => NUMBERING.has(foldWord(w)) && /^\d{1,2}$/.test(words[i + 1] ?? ''),
  );
  if (placed && !refers && numbered >= 0 && words.length === 2)
    return { kind: 'position', index: Number(words[numbered + 1]) - 1 };
  if (!refers || placed) return null;
  const [ordinal] = ordinals;
  if (part) return { kind: 'latest' };
  if (ordinal) return { kind: 'position', index: ordinal.value - 1 };
  const said = (list: string[]) => words.some((w) => list.includes(foldWord(w)));
  if (said(['previous', 'nauna', 'naunang', 'earlier'])) return { kind: 'position', index: -2 };
  return said(['last', 'huli', 'huling', 'latest']) ? { kind: 'position', index: -1 } : { kind: 'latest' };
}

/**
 * Words around an exercise that ask for its working, not what to work out: "solve", "ano ang sagot sa",
 * "hint for", "the system". Kept apart from the classes above: "equations" and "system" name topics too.
 */
export const EXERCISE_FRAME: ReadonlySet<string> = set(`solve solving compute calculate answer answers sagot
  sagutin work out find hanapin kwentahin kuwentahin lutasin isolve i-solve pasolve pa-solve pakisolve
  paki-solve magsolve mag-solve hint hints clue clues nudge problem equation equations exercise system expression much huwag wag
  ibigay sabihin`);

/** Words that turn the next few off: "no need for examples", "huwag nang lagyan ng halimbawa". */
export const NEGATORS: ReadonlySet<string> = set('no not without skip walang wala huwag wag dont hindi di');

/** Words that take back what was said: "mali pala, Saturn dapat", "I meant fractions", "sorry, meiosis". */
export const CORRECTING: ReadonlySet<string> = set('mali pala dapat meant mean este sorry oops instead');

/** Words that leave a choice to the tutor: "kahit ano, ikaw bahala", "anything, you pick", "ikaw na pumili". */
export const CHOOSING: ReadonlySet<string> = set('any anything whatever kahit bahala pick choose pumili');

/** Request words that ask for no tool, only to go on: "let's do the heart now", "tara, try natin ang X". */
export const GOING_ON: ReadonlySet<string> = set('lets let go try start move proceed switch lipat');

/** Question words: part of the request only before a linking word or the math ("what is", "ano ang"). */
export const QUESTION_WORDS: ReadonlySet<string> = set('what whats how ano anong paano magkano ilan gaano');

/** Words of greetings, thanks and small talk: a message of only these (and the student's name) asks for nothing. */
export const SMALL_TALK_WORDS: ReadonlySet<string> = set(`po opo naman tutor teacher sir maam ma'am miss sa
  tulong help your you ulit again everyone guys so much very a lot din rin ka mo ha ok okay sige yes lol haha
  hehe na there what's whats what up how are is it going doing today tonight you're i'm im am nice to meet
  meeting my name's name is kayo ikaw ka kamusta kumusta musta ano balita lang ba and day morning afternoon
  evening po! well fine good great too also all thanks thank ty salamat maraming bye goodbye paalam ingat see
  later again hello hi hey i me can do for new happening ganap`);
