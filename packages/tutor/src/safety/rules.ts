/**
 * The crisis rules, by theme: each reads word classes of lexicon.ts in a pattern (see `Rule`) and names its
 * reading; crisis.ts applies them. A guard drops a match: `negated` (a negation just before), `reported`
 * (someone else just before), `figurative` ("mamatay sa kakatawa"), `otherSubject` (a subject after a Filipino
 * verb: "mamatay ang halaman"), `accident`, `place` ("live in Manila"), `count` ("15 kms"), `seeYou` (an
 * ordinary goodbye), `livingThings`, `joke` (a comparison or condition said laughing), `dose` ("how many …
 * should I take"), `ofSomething` ("lahat ng requirements"), `somewhere` ("hindi na ako tatagal sa pila"),
 * `openEnded` (going on with nothing after it, or with life: not "magpatuloy sa chess club"), `purpose` ("…
 * to be over so I can play"), `timed` ("wake up this morning"), `explained` (a sorry with its reason: "sorry
 * I was late"), `forSomething` ("a rope for PE"), `laughing` (a
 * "haha" or "lol" anywhere: "wala akong kwenta sa basketball haha"), `object` (something named after it: "hindi
 * ko na kaya ang math", "I'm done with my homework"), `elsewhere` (a place that is not life: "mawawala ako sa
 * klase", "I won't be here at school"), `livesOn` (the one missed is alive: "he works in Dubai"), `forNow` ("my
 * last message for today"), `schoolEnding` (a term, a school or a class ends: "last day na, lilipat kami"),
 * `replaced` (an old thing given away: "I gave my old phone to my sister"), `backSoon` (away for a day: "I won't be
 * here tomorrow"), `named` (a thing named next: "they don't feed me junk food"), `away` (being gone for a
 * day, a week or a trip: "I'll be gone next week, family trip"), `trip` (an outing anywhere in the message),
 * `occasion` (a birthday, a surprise, a gift: "a letter for mom's birthday"), `scenery` (the view from a height),
 * `outThere` (someone waiting at a place of this world: "mom is waiting for me outside"), `continues` (the
 * clause goes on: "bukas na lang ulit" is not "bukas na"), `past` (it happened earlier: "nasa tulay kami
 * kanina"), `destination` (where one leaves for: "umalis for good papuntang Canada"), `ours` (a last day
 * shared with others: "last day na namin bukas"), `music` (banging one's head to a song), `group` (a class or a
 * group chat, not two people), `excused` (an ordinary reason to miss something: sick, a dentist, a wedding),
 * `moving` (a move of house or school), `gathering` (a party, an outing, a visit, in the clause), `returning` (someone coming
 * home from abroad), `schoolwork` (a story, a lesson, homework), `dateOf` (the date of something named: "picked
 * the date for the party"), `celebration` (an occasion other than a gift: a surprise party, Christmas).
 */

import { SIGNS } from './signs.ts';

export type CrisisCategory = 'self_harm' | 'abuse';

export type Guard =
  | 'negated'
  | 'reported'
  | 'figurative'
  | 'otherSubject'
  | 'accident'
  | 'place'
  | 'count'
  | 'seeYou'
  | 'livingThings'
  | 'joke'
  | 'dose'
  | 'ofSomething'
  | 'somewhere'
  | 'openEnded'
  | 'purpose'
  | 'timed'
  | 'explained'
  | 'forSomething'
  | 'laughing'
  | 'object'
  | 'elsewhere'
  | 'livesOn'
  | 'forNow'
  | 'schoolEnding'
  | 'replaced'
  | 'backSoon'
  | 'named'
  | 'away'
  | 'trip'
  | 'occasion'
  | 'scenery'
  | 'outThere'
  | 'continues'
  | 'past'
  | 'destination'
  | 'ours'
  | 'music'
  | 'group'
  | 'excused'
  | 'moving'
  | 'gathering'
  | 'returning'
  | 'schoolwork'
  | 'dateOf'
  | 'celebration';

/** Kinds of warning sign that count only when two of them meet in one message (signs.ts). */
export type Sign =
  | 'hopeless'
  | 'gone'
  | 'unwanted'
  | 'better without me'
  | 'last time'
  | 'farewell'
  | 'sorry for everything'
  | 'preparing'
  | 'just in case'
  | 'no more need'
  | 'ending it'
  | 'not waking'
  | 'relief'
  | 'ready'
  | 'with the dead'
  | 'missing someone'
  | 'at a height'
  | 'looking down'
  | 'planned'
  | 'alone'
  | 'hidden'
  | 'soon'
  | 'awaited'
  | 'means'
  | 'erasing'
  | 'forgotten';

export interface Rule {
  /** The reading, as reported in `matched`. */
  id: string;
  /** Self-harm unless said otherwise. */
  category?: CrisisCategory;
  /**
   * Patterns that must all match, the later ones within `window` words of the first. A pattern is words:
   * CLASS (a lexicon class), a|b (literal words), X? (optional), ~ (up to 5 filler words), ~N (up to N words).
   */
  parts: string[];
  window?: number;
  /**
   * The student must be the subject: a first-person word near the match, or a clause that starts with it and
   * names no one else ("thinking of jumping …"); `named`: only a first-person word (a question's subject may
   * follow it: "why is the cell still alive").
   */
  self?: boolean | 'named';
  /** Guards besides `negated` and `reported`, which every rule has unless it lists `unguarded`. */
  guards?: Guard[];
  /** The negation is part of the meaning ("I don't want to live"): no `negated` guard. */
  unguarded?: boolean;
  /** A warning sign: a crisis only with a sign of another kind in the same message. */
  sign?: Sign;
  /** A method or a plan: hyperbole ("haha", "charot") never lowers it. */
  plan?: boolean;
  /** Names the act itself (killing or harming oneself): denied, it is still noted, at low severity. */
  act?: boolean;
}

/** A will written or made: "how do I write a will". */
const WILL =
  'write|writing|wrote|make|making|made|gumawa|gagawa|gumagawa|magsulat|sumulat ~ a|my|ng|own? ~ last? will|testament|testamento';

/** Asking who gets one's things. */
const HEIR =
  'who|sino|kanino ~3 gets|get|keeps|keep|mapupunta|makukuha|mapunta|magmamana|inherits ~3 stuff|things|BELONGINGS|TREASURED';

/** A day chosen: "I already picked the date". */
const DATE_PICKED = 'PICKED ~ the|ang|yung|a? ~ DATE';

/** Wanting to die or to kill oneself, or saying one will or did. */
const WANTING: Rule[] = [
  {
    id: 'wants to die',
    parts: ['WANT ~ DIE'],
    self: true,
    guards: ['figurative', 'otherSubject', 'joke', 'away'],
  },
  // Deserving pain is self-punishment: "I deserve to bleed", "dapat lang akong masaktan".
  { id: 'punishes self', parts: ['DESERVE ~ to? ~ feel? ~ PAIN'], self: true },
  { id: 'punishes self', parts: ['dapat lang ~ akong|ako ~ PAIN'] },
  { id: 'wishes to be dead', parts: ['DIE|patay ~ sana ~ ako'], guards: ['figurative'] },
  { id: 'wishes to be dead', parts: ['WISHING ~ STRUCK'], self: true },
  { id: 'wishes to be dead', parts: ['WISHING ~4 hits|hit|runs ~ me', 'HEIGHT'], window: 6 },
  {
    id: 'asks why they live',
    parts: ['why|bakit|bat', 'even|still|pa', 'BORN|alive|buhay'],
    window: 4,
    self: 'named',
    unguarded: true,
  },
  {
    id: 'will not last',
    parts: ['NEG na ~ tatagal|magtatagal'],
    self: true,
    unguarded: true,
    guards: ['elsewhere'],
  },
  { id: 'will not last', parts: ['NEG ~ last ~ much? longer'], self: true, unguarded: true },
  {
    id: 'will not be around',
    parts: ['wala na ~ ako ~ sa|by ~ susunod|next ~ na? HORIZON'],
    guards: ['trip', 'occasion'],
  },
  {
    id: 'will not live to see it',
    parts: ['NEG na? ~ think|feel? ~ REACH ~ it? to|till|until|ng|sa|hanggang ~ HORIZON|graduation'],
    self: true,
    unguarded: true,
  },
  { id: 'wants to leave this world', parts: ['WANT|READY ~ LEAVE ~ this? LIVING'], self: true },
  { id: 'will die', parts: ['DIE_SOON na? lang ~ ako'], guards: ['figurative'] },
  { id: 'thinks of dying', parts: ['thoughts ~ suicide|dying|death|killing'], self: true },
  { id: 'wants to stop living', parts: ['WANT ~ STOP ~ LIVE'], self: true },
  { id: 'asks God to take them', parts: ['kunin|take ~2 ako|me', 'GOD'], window: 5 },
  { id: 'wants to kill self', parts: ['WANT ~ ACT_INFINITIVE'], guards: ['otherSubject'], act: true },
  { id: 'asks how to kill self', parts: ['HOWTO ~ ACT_INFINITIVE'], guards: ['otherSubject'] },
  { id: 'asks how to die', parts: ['HOWTO ~ DIE'], guards: ['otherSubject', 'figurative'] },
  {
    id: 'asks how to die',
    parts: ['way|ways|paraan|method|methods ~ DIE|ACT_INFINITIVE'],
    guards: ['otherSubject', 'figurative'],
  },
  {
    id: 'will / did kill self',
    parts: ['ACT_DONE', 'FIRST'],
    window: 3,
    guards: ['otherSubject'],
    act: true,
  },
  { id: 'self-harm word', parts: ['STRONG'], guards: ['count'] },
  { id: 'suicidal', parts: ['suicidal|selfharm'], self: true },
  {
    id: 'no way out',
    parts: ['suicide|death|dying|mamatay|magpakamatay', 'only ~ way|option|solution|paraan'],
    window: 5,
  },
  { id: 'no way out', parts: ['no|walang ~ way out|escape|labasan', 'DIE|ACT_INFINITIVE'], window: 8 },
  { id: 'wants to kill self', parts: ['ACT_INFINITIVE ~ ako'], guards: ['otherSubject'], act: true },
  { id: 'wants to rest forever', parts: ['WANT ~ fall? REST ~ FOREVER'], self: true },
  { id: 'wants to rest forever', parts: ['WANT ~ fall? REST ~ for good'], self: true },
  {
    id: 'wishes to be dead',
    parts: ['RELIEF ~ to? DIE|ACT_INFINITIVE'],
    guards: ['figurative', 'otherSubject', 'object', 'joke'],
  },
  {
    id: 'wants it to end',
    parts: ['WANT ~ it|this|everything|lahat ~ be? over'],
    self: true,
    guards: ['purpose'],
  },
];

/** Harming oneself: a reflexive harm, cutting the body, ending one's life. */
const HARMING: Rule[] = [
  { id: 'wants it to end', parts: ['WANT ~ it|this|everything ~ END'], self: true, guards: ['place'] },
  { id: 'wants it to end', parts: ['WANT ~ END it'], self: true, guards: ['place'] },
  { id: 'wants it to end', parts: ['WANT ~ magend|iend|tapusin|wakasan'], self: true, guards: ['openEnded'] },
  {
    id: 'harms self',
    parts: ['HARM ~ REFLEXIVE'],
    guards: ['accident', 'otherSubject', 'figurative'],
    act: true,
  },
  { id: 'cuts body', parts: ['CUT', 'BODY'], window: 5, self: true, guards: ['accident'] },
  { id: 'cuts body', parts: ['CUT', 'BLOOD'], window: 10, self: true, guards: ['accident'] },
  // Self-harm as coping: "the razor is the only thing that calms me down", "yung blade lang nagpapakalma sakin".
  {
    id: 'harms self to cope',
    parts: ['CUT|BLADE|burning|paso', 'only|lang ~3 COPE'],
    window: 8,
    guards: ['accident'],
  },
  {
    id: 'harms self to cope',
    parts: ['CUT|BLADE|burning|paso', 'only ~3 makes|helps ~6 stop|quiet|away'],
    window: 8,
    guards: ['accident'],
  },
  // Hitting oneself as coping: "inuuntog ko ulo ko sa pader, it helps", "I bang my head until it calms me".
  {
    id: 'harms self to cope',
    parts: ['BANG ~3 HEAD', 'COPE'],
    window: 12,
    self: true,
    guards: ['accident', 'laughing', 'music'],
  },
  {
    id: 'harms own body',
    parts: ['HARM ~ my|ko|aking ~ yung|ang? BODY'],
    guards: ['accident', 'otherSubject'],
  },
  { id: 'ends life', parts: ['END ~ LIFE'], self: true },
  { id: 'end it all', parts: ['END it all'] },
  {
    id: 'wants to end everything',
    parts: ['WANT ~ END ~ EVERYTHING'],
    self: true,
    guards: ['otherSubject', 'ofSomething'],
  },
  { id: 'wants it to end', parts: ['WANT ~ END ~ SUFFERING'], self: true },
  {
    id: 'will end everything',
    parts: ['END ~ EVERYTHING'],
    self: true,
    guards: ['otherSubject', 'ofSomething', 'purpose'],
  },
  {
    id: 'will end everything',
    parts: ['END ~ ko|ako na', 'NOTWANT|TIRED'],
    window: 8,
    guards: ['openEnded'],
  },
  {
    id: 'wants it all to stop',
    parts: ['WANT ~ it? EVERYTHING ~ STOP'],
    self: true,
    guards: ['ofSomething'],
  },
  { id: 'wants it all to stop', parts: ['WANT ~ STOP ~ EVERYTHING'], self: true, guards: ['ofSomething'] },
  { id: 'wants it all to stop', parts: ['make|gawin ~ it? EVERYTHING ~ STOP'], self: true },
];

/** Not wanting to live, wake, go on; life not worth it. */
const NOT_LIVING: Rule[] = [
  { id: 'does not want to be here', parts: ['NEG ~ WANT ~ be here anymore|na'], self: true, unguarded: true },
  {
    id: 'wants not to live',
    parts: ['WANT ~ NEG ~ LIVE'],
    self: true,
    unguarded: true,
    guards: ['place', 'timed'],
  },
  {
    id: 'wants not to live',
    parts: ['NEG|never ~ LIVE', 'WANT'],
    window: 8,
    self: true,
    unguarded: true,
    guards: ['place', 'timed'],
  },
  {
    id: 'last day alive',
    parts: ['last|huling ~ day|night|araw|gabi ~ on? earth|alive|mundo|buhay'],
    self: true,
  },
  { id: 'gives up on life', parts: ['GIVE_UP ~ up? ~ on? LIVING'], self: true },
  { id: 'gives up on life', parts: ['GIVE_UP ~ up? ~ on? EVERYTHING'], self: true, guards: ['ofSomething'] },
  { id: 'life is pointless', parts: ['LIVING ~ POINTLESS'] },
  { id: 'done with life', parts: ['done with ~ this? LIVING'], self: true },
  { id: 'done with life', parts: ['done ~ sa LIVING'], self: true },
  { id: 'no reason to live', parts: ['point in|of going on'], self: true, unguarded: true },
  {
    id: 'does not want to live',
    parts: ['NEG ~ WANT ~ LIVE'],
    self: true,
    unguarded: true,
    guards: ['place', 'timed'],
  },
  { id: 'does not want to live', parts: ['NOTWANT ~ LIVE'], unguarded: true, guards: ['place', 'timed'] },
  { id: 'does not want to live', parts: ['NOTWANT ~ LIVING'], unguarded: true },
  {
    id: 'hopes not to wake',
    parts: ['WISHING ~ NEG ~ LIVE'],
    self: true,
    unguarded: true,
    guards: ['timed'],
  },
  {
    id: 'will not wake',
    parts: ['NEG na ~ magigising|gigising'],
    self: true,
    unguarded: true,
    guards: ['timed'],
  },
  { id: 'cannot go on', parts: ['cant|cannot go on anymore|living'], self: true },
  {
    id: 'cannot go on',
    parts: ['NEG ~ kaya|kayang ~ CONTINUE'],
    self: true,
    unguarded: true,
    guards: ['openEnded'],
  },
  { id: 'cannot go on', parts: ['NOTWANT ~ CONTINUE'], unguarded: true, guards: ['openEnded'] },
  {
    id: 'will not be around',
    parts: ['NEG ~3 be around|here|alive ~ for? much? longer'],
    self: true,
    unguarded: true,
  },
  {
    id: 'will not be around',
    parts: ['NEG ~3 be around|here|alive ~ by ~ next? HORIZON'],
    self: true,
    unguarded: true,
  },
  // "I don't plan on being here for the next school year"; a move or a trip is not this.
  {
    id: 'will not be around',
    parts: ['NEG ~3 be|being around|here|alive ~ for|by ~ the? next school? HORIZON'],
    self: true,
    unguarded: true,
    guards: ['schoolEnding', 'trip'],
  },
  // Absent from a school event ahead with no move, trip or excuse: "not planning to be around for the exam".
  {
    id: 'will not be around',
    parts: ['NEG ~3 be|being around|here|alive ~ for|sa|at|by|on|during ~2 SCHOOL_EVENT'],
    self: true,
    unguarded: true,
    guards: ['trip', 'moving', 'excused'],
  },
  {
    id: 'will not be around',
    parts: ['wala na ~ ako ~ sa|by|pagdating ~ ng? ~2 SCHOOL_EVENT'],
    guards: ['trip', 'moving', 'excused'],
  },
  {
    id: 'will not live to see it',
    parts: ['NEG na ~ think|feel? ~ REACH ~ it? to|till|until|ng|sa|hanggang ~2 SCHOOL_EVENT'],
    self: true,
    unguarded: true,
    guards: ['trip', 'moving', 'excused'],
  },
  { id: 'cannot go on', parts: ['cant|cannot ~ LIVE like this'], self: true },
  { id: 'cannot go on', parts: ['cant|cannot ~ LIVE anymore'], self: true },
  { id: 'cannot go on', parts: ['NEG ~ kaya|kayang|kakayanin ~ LIVING|LIVE'], self: true, unguarded: true },
  { id: 'life not worth living', parts: ['NEG ~ worth|sulit ~ LIVING|LIVE'], unguarded: true },
  { id: 'tired of living', parts: ['TIRED ~ LIVING'], self: true },
  {
    id: 'no reason to live',
    parts: ['NOTHING ~3 REASON ~4 LIVING|LIVE'],
    unguarded: true,
    guards: ['livingThings'],
  },
  { id: 'no reason to live', parts: ['whats the point ~ LIVING|LIVE'], guards: ['livingThings'] },
  { id: 'no reason to live', parts: ['nothing left? to live for'] },
  {
    id: 'better not to wake',
    parts: ['BETTER ~ NEG ~ LIVE'],
    self: true,
    unguarded: true,
    guards: ['timed', 'place'],
  },
  {
    id: 'hopes not to wake',
    parts: ['REST ~ and|at ~ never|NEG ~ LIVE|come|bumalik'],
    self: true,
    unguarded: true,
    guards: ['timed', 'backSoon'],
  },
  {
    id: 'harms self',
    parts: ['WOUND', 'do|did|doing|ginagawa|ginawa ~ to? REFLEXIVE'],
    window: 8,
    self: true,
    guards: ['accident'],
  },
];

/** Indirect forms: never born, following the dead, a burden, better off without me, goodbyes, giving things away. */
const INDIRECT: Rule[] = [
  { id: 'better off dead', parts: ['BETTER ~ off? ~ dead|patay'], self: true },
  { id: 'worthless', parts: ['waste of ~ space|oxygen|air'], self: true },
  { id: 'worthless', parts: ['sayang lang ako'] },
  { id: 'worthless', parts: ['im|i|ako ~ feel|feeling? ~ WORTHLESS'], guards: ['place'] },
  {
    id: 'worthless',
    parts: ['NOTHING ~ akong|ako|kong|ko|aq ~ WORTH'],
    guards: ['otherSubject', 'openEnded', 'laughing'],
  },
  { id: 'worthless', parts: ['walang|wala WORTH ~ ako|ko'], guards: ['openEnded', 'laughing'] },
  { id: 'worthless', parts: ['NOBODY|world|mundo ~ NEG? ~ NEEDS ~ me|ako|akin'], guards: ['openEnded'] },
  { id: 'nobody would care', parts: ['NOBODY ~ CARE ~ sa? me|ako|akin'], guards: ['openEnded'] },
  { id: 'never born', parts: ['BETTER', 'kung|if ~ NEG ~ BORN'], window: 8, self: true, unguarded: true },
  { id: 'says goodbye', parts: ['when|once ~ gone'], self: true, guards: ['place'] },
  {
    id: 'says goodbye',
    parts: ['NEG ~2 blame|sisihin ~3 yourselves|yourself|sarili', 'love|mahal'],
    window: 12,
  },
  {
    id: 'better off dead',
    parts: ['BETTER ~ DIE'],
    self: true,
    guards: ['figurative', 'otherSubject', 'joke'],
  },
  { id: 'better off dead', parts: ['BETTER ~ DIE', 'like this|ganito|ganyan'], window: 8, guards: ['joke'] },
  {
    id: 'nobody would care',
    parts: ['NOBODY|NEG ~4 CARE', 'if|when|once|kung|kapag|pag|kahit|even ~ DIE|died|gone'],
    window: 10,
    self: true,
  },
  { id: 'says goodbye', parts: ['goodbye ~ letter|letters|note|notes'], self: true, guards: ['occasion'] },
  { id: 'never born', parts: ['WISHING ~5 NEG ~4 BORN'], self: true, unguarded: true },
  { id: 'never born', parts: ['NEG ~2 dapat|should ~4 BORN'], self: true, unguarded: true },
  { id: 'never born', parts: ['should ~ NEG ~ BORN'], guards: ['reported'], unguarded: true },
  { id: 'never born', parts: ['WISHING ~5 ABORTED'], self: true },
  { id: 'follows the dead', parts: ['WANT ~ FOLLOW ~2 DEAR'], self: true, guards: ['livesOn', 'elsewhere'] },
  { id: 'follows the dead', parts: ['WANT ~ DEAR ~ FOLLOW'], self: true, guards: ['livesOn', 'elsewhere'] },
  { id: 'follows the dead', parts: ['FOLLOW ~ kaya ~ DEAR'], self: true, guards: ['livesOn', 'elsewhere'] },
  {
    id: 'follows the dead',
    parts: ['FOLLOW ~ DEAR', 'HEAVEN|died|namatay|patay|yumao|pumanaw'],
    window: 8,
    self: true,
  },
  {
    id: 'follows the dead',
    parts: ['WANT', 'BE_WITH', 'HEAVEN'],
    window: 15,
    self: true,
    // A wish for the dead themselves ("I hope she's happy there") is grief, not following.
    guards: ['otherSubject'],
  },
  { id: 'follows the dead', parts: ['WANT ~ see', 'HEAVEN', 'soon|now|agad'], window: 10, self: true },
  // Talking to a photo or a grave, and a reunion soon: "kinakausap ko si ate sa picture, malapit na kami magkita".
  {
    id: 'follows the dead',
    parts: ['TALKED_TO ~4 MEMORIAL', 'REUNITE', 'soon|malapit|sandali|konti|agad'],
    window: 15,
    self: true,
    guards: ['livesOn', 'trip', 'returning'],
  },
  { id: 'a burden', parts: ['im|i|ako|ive ~3 BURDEN'] },
  { id: 'a burden', parts: ['BURDEN ~ ako'] },
  { id: 'better off without me', parts: ['BETTER', 'without me'], window: 8, guards: ['laughing'] },
  {
    id: 'better off without me',
    parts: ['BETTER', 'if ~ gone|dead|died|disappeared'],
    window: 8,
    self: true,
  },
  {
    id: 'better off without me',
    parts: ['BETTER', 'if ~ NEG ~3 here|around|alive|picture'],
    window: 8,
    self: true,
  },
  // One less problem for them: "one less problem to deal with if I wasn't around".
  {
    id: 'better off without me',
    parts: [
      'less|fewer ~ problem|problems|BURDEN|worry|worries|gastos',
      'if ~ NEG ~3 here|around|alive|picture',
    ],
    window: 10,
    self: true,
  },
  {
    id: 'better off without me',
    parts: ['BETTER', 'kung|kapag|pag ~ wala|patay|mawala|nawala ~ ako|ko'],
    window: 8,
  },
  { id: 'better off without me', parts: ['BETTER ~ wala|patay|mawala ~ ako|ko'], guards: ['openEnded'] },
  { id: 'says goodbye', parts: ['this is ~ goodbye'] },
  { id: 'says goodbye', parts: ['FAREWELL|goodnight|bye ~ FOREVER'] },
  { id: 'says goodbye', parts: ['FAREWELL', 'AUDIENCE'], window: 6, guards: ['seeYou', 'schoolEnding'] },
  { id: 'says goodbye', parts: ['ito na ang huli'] },
  { id: 'says goodbye', parts: ['this ~2 my last|final message|words|goodbye|post'], guards: ['forNow'] },
  { id: 'says goodbye', parts: ['FAREWELL sa lahat'] },
  { id: 'says goodbye', parts: ['hanggang dito na lang ako'] },
  { id: 'says goodbye', parts: ['pag|kapag|once wala na ako|ko'], guards: ['somewhere'] },
  {
    id: 'says goodbye',
    parts: ['THANKS ~ for|sa ~ EVERYTHING', 'LAST|FAREWELL'],
    window: 10,
    guards: ['seeYou', 'ofSomething', 'schoolEnding'],
  },
  {
    id: 'says goodbye',
    parts: ['LETTER', 'FAREWELL'],
    window: 12,
    self: true,
    guards: ['seeYou', 'occasion'],
  },
  {
    id: 'says goodbye',
    parts: ['its|it is? ~ time', 'LETTER'],
    window: 10,
    self: true,
    guards: ['openEnded'],
  },
  {
    id: 'says goodbye',
    parts: ['NEG ~2 me|ako ~ SEE', 'AFTER'],
    window: 8,
    self: 'named',
    unguarded: true,
    guards: ['somewhere'],
  },
  {
    id: 'says goodbye',
    parts: ['NEG ~2 SEE ~ me|ako', 'AFTER'],
    window: 8,
    self: 'named',
    unguarded: true,
    guards: ['somewhere'],
  },
  { id: 'leaves a last message', parts: ['TELL ~3 FAMILY ~6 APOLOGY'], guards: ['explained'] },
  {
    id: 'says goodbye',
    parts: ['bago|before ~ ako|im|i ~ mawala|gone', 'sulat|letter|paalam|goodbye|note'],
    window: 12,
  },
  { id: 'says goodbye', parts: ['huwag|wag ~3 akong|ako hanapin'] },
  { id: 'says goodbye', parts: ['suicide note|letter'], self: true },
  { id: 'gives things away', parts: ['GIVE ~8 BELONGINGS', 'NEG|wont ~ NEED'], window: 15, self: true },
  // A will, which a student writes only to be gone: "how do I write a will", "can a minor make a will".
  { id: 'prepares a will', parts: [WILL], self: true, guards: ['schoolwork'] },
  {
    id: 'prepares a will',
    parts: [WILL, 'CHILD|old'],
    window: 8,
    guards: ['schoolwork'],
  },
  // Who inherits when the student, or a child, dies: "who gets my stuff if a kid dies", "kung mamatay ako".
  ...[
    'if|when|kung|pag|kapag|once ~2 CHILD|i|ako ~ DIE|dies|died|namatay',
    'if|when|kung|pag|kapag|once ~ DIE|dies|died|namatay ~ ako|i|me',
  ].map((death) => ({ id: 'asks who inherits', parts: [HEIR, death], window: 10 })),
];

/** A plan or a method: pills, poison, a jump, a rope. */
const METHODS: Rule[] = [
  { id: 'has a method', parts: ['ROPE', 'READY'], window: 8, self: true, guards: ['forSomething'] },
  {
    id: 'asks for a lethal dose',
    parts: ['DOSE|many ~ PILLS', 'DIE|LETHAL|overdose|magising|wake'],
    window: 10,
  },
  { id: 'has a method', parts: ['GET ~ a? ROPE'], self: true, guards: ['forSomething', 'otherSubject'] },
  { id: 'has a method', parts: ['how high', 'FALL|JUMP', 'LETHAL|die|mamatay'], window: 10, self: 'named' },
  { id: 'has a method', parts: ['ilang|how ~2 HEIGHT', 'DIE|LETHAL'], window: 8, guards: ['figurative'] },
  { id: 'has a method', parts: ['ROPE', 'REFLEXIVE'], window: 5, self: true },
  { id: 'has a method', parts: ['edge|ledge|gilid|dulo ~3 HEIGHT'], self: true },
  {
    id: 'has a method',
    parts: ['TAKE', 'PILLS', 'AMOUNT'],
    window: 7,
    self: true,
    guards: ['accident', 'dose'],
  },
  { id: 'has a method', parts: ['PILLS', 'LETHAL'], window: 8, self: true },
  { id: 'has a method', parts: ['HOARD', 'PILLS'], window: 4, self: true },
  { id: 'has a method', parts: ['TAKE', 'POISON'], window: 4, self: true, guards: ['accident'] },
  { id: 'has a method', parts: ['WANT ~ JUMP|FALL', 'HEIGHT'], window: 8, self: true },
  // A longing said as relief ("ang sarap na lang tumalon sa rooftop"): "sarap" is how it would feel.
  { id: 'has a method', parts: ['sarap ~2 JUMP|FALL', 'HEIGHT'], window: 8 },
  { id: 'has a method', parts: ['JUMP_SOON', 'HEIGHT'], window: 6, self: true },
  {
    id: 'attempted',
    parts: ['almost|nearly|muntik ~ na? ~ akong? JUMP|FALL', 'HEIGHT'],
    window: 10,
    self: true,
  },
  { id: 'has a method', parts: ['PILLS', 'READY'], window: 8, self: true, guards: ['forSomething'] },
  {
    id: 'has a method',
    parts: ['PREPARE', 'MEANS'],
    window: 5,
    self: true,
    guards: ['forSomething', 'accident', 'otherSubject'],
  },
  {
    id: 'has a method',
    parts: ['PILLS', 'ENOUGH'],
    window: 12,
    self: true,
    guards: ['forSomething', 'dose'],
  },
  // "what happens if u take a whole bottle of …": a lethal dose asked as a hypothetical.
  {
    id: 'asks for a lethal dose',
    parts: ['what|ano|anong ~ happens|happen|mangyayari', 'TAKE ~3 AMOUNT ~3 PILLS'],
    window: 8,
    guards: ['accident'],
  },
  {
    id: 'asks for a lethal dose',
    parts: ['ENOUGH ~ para|to|so ~ NEG|never ~2 LIVE|DIE'],
    unguarded: true,
    guards: ['laughing', 'elsewhere', 'figurative'],
  },
  {
    id: 'asks how to die',
    parts: [
      'least|less|most|pinaka ~ painful|painless|masakit|mabilis|quick|quickest ~ way|paraan ~ to? go|die|DIE',
    ],
  },
  {
    id: 'has a method',
    parts: ['let|letting|hayaan ~ REFLEXIVE ~ FALL|JUMP', 'HEIGHT'],
    window: 12,
    self: true,
  },
  { id: 'has a method', parts: ['ROPE', 'HANGING|do'], window: 12, self: true },
  {
    id: 'looks up a method',
    parts: ['SEARCHED ~ up? ~ kung? how|paano ~ to? ~ maghang|hang|ACT_INFINITIVE|DIE'],
    self: true,
    guards: ['object'],
  },
  {
    id: 'looks up a method',
    parts: ['SEARCHED ~ up? ~ how|ilang|many|much', 'PILLS', 'would|it|to ~ take|kill|die'],
    window: 8,
    self: true,
  },
  // A day chosen for an act left unnamed, timed around others: "picked the date, after his bday so I don't ruin it".
  {
    id: 'has set a date',
    parts: [DATE_PICKED, 'NEG ~3 RUIN'],
    window: 15,
    self: true,
    guards: ['dateOf', 'gathering', 'trip'],
  },
  {
    id: 'has set a date',
    parts: [DATE_PICKED, 'after|pagkatapos|matapos|bago|before ~3 OCCASION'],
    window: 15,
    self: true,
    guards: ['dateOf', 'gathering', 'trip'],
  },
];

/** An older person near the student: a tutor, a coach, an uncle, a brother's friend. */
const ELDERS = [
  'GROOMER',
  'kuyas|ates|brothers|sisters|older ~ friend|friends|barkada|guy|man',
  'friend|friends|barkada|kaibigan|tropa ~2 kuya|ate|brother|sister',
];
/** A secret between them, or a word not to tell. */
const SECRECY = [
  'SECRET',
  'between ~ us|ourselves',
  'atin atin',
  'NEG ~3 tell|sabihin|sabihan|ipaalam|magsumbong ~3 parents|magulang|FAMILY|anyone|nobody|kahit',
];

/**
 * Grooming: an older person, a secret between them, and contact at night, gifts or photos ("my tutor texts me at
 * night, secret lang daw namin"). The one who acts is always someone else: no `reported` guard.
 */
const GROOMED: Rule[] = ELDERS.flatMap((elder) =>
  SECRECY.map((secret) => ({
    id: 'is groomed',
    category: 'abuse' as const,
    parts: [elder, secret, 'GROOMING'],
    window: 15,
    self: 'named' as const,
    unguarded: true,
    guards: ['celebration', 'group'] as Guard[],
  })),
);

/** Abuse: harm done to the student by someone else. */
const ABUSE: Rule[] = [
  { id: 'is hurt at home', category: 'abuse', parts: ['ABUSED ~ ako|kami'], guards: ['accident'] },
  { id: 'is touched', category: 'abuse', parts: ['TOUCHED ~ ako|kami', 'PRIVATE'], window: 8 },
  { id: 'is touched', category: 'abuse', parts: ['akong|ako|kami ~ TOUCHED', 'PRIVATE'], window: 8 },
  // Said without naming the place: "hinahawakan ako sa hindi dapat", "…ayoko".
  {
    id: 'is touched',
    category: 'abuse',
    parts: ['TOUCHED ~ ako|kami|akong', 'hindi|di|ayoko|ayaw ~2 dapat|tama|gusto|pwede|ko'],
    window: 8,
  },
  {
    id: 'is touched',
    category: 'abuse',
    parts: ['TOUCHED', 'PRIVATE ~2 bahagi|parte|katawan ~ ko|namin'],
    window: 8,
  },
  // Made to touch someone: "pinapahawak niya sa akin ang …", "makes me touch his private part".
  {
    id: 'is made to touch',
    category: 'abuse',
    parts: [
      'pinapahawak|pinahawak|pinahahawak|ipinapahawak|ipinahahawak ~3 akin|ako|me',
      'PRIVATE|privates|part',
    ],
    window: 10,
    unguarded: true,
    guards: ['laughing'],
  },
  {
    id: 'is made to touch',
    category: 'abuse',
    parts: ['makes|made|forces|forced|tells|told ~ me ~2 touch|hold|rub', 'PRIVATE|privates|part'],
    window: 10,
    unguarded: true,
    guards: ['laughing'],
  },
  {
    id: 'is touched',
    category: 'abuse',
    parts: ['touch|touched|touches|touching|touchin ~2 my|me ~2 private|privates|down|there|butt|breasts'],
    // The one who touches is someone else ("someone touched my …"): not a report about another person.
    unguarded: true,
    guards: ['laughing'],
  },
  {
    id: 'is threatened',
    category: 'abuse',
    parts: ['shell|hell|theyll|will|gonna ~ hurt|kill|beat|hit ~ me|us ~ if'],
    guards: ['laughing'],
  },
  { id: 'is hurt at home', category: 'abuse', parts: ['ADULT ~ ABUSE_EN ~ me|us'] },
  {
    id: 'is starved',
    category: 'abuse',
    parts: ['ADULT ~ NEG ~ feed|pakain|pinapakain ~ me|us|ako|kami'],
    unguarded: true,
    guards: ['named'],
  },
  {
    id: 'is not safe at night',
    category: 'abuse',
    parts: [
      'ADULT ~ comes|pumapasok|pasok ~ into? sa? my|ko? room|kwarto',
      'cant|cannot|hindi|di ~ stop|pigilan|mapigilan|lumaban|sumigaw',
    ],
    window: 12,
    self: true,
  },
  // Someone who comes at night, and what the student does not like or must not tell.
  {
    id: 'is not safe at night',
    category: 'abuse',
    parts: [
      'ADULT ~ comes|pumapasok|pasok|goes ~ into? sa? my|ko? room|kwarto',
      'night|gabi|midnight|hatinggabi',
      'NEG ~3 like|gusto|tell|sabihin|magsumbong|secret|sikreto',
    ],
    window: 12,
  },
  // A threat that forbids telling: "papatayin daw ako pag nagsumbong ako".
  {
    id: 'is threatened',
    category: 'abuse',
    parts: ['HARM|ABUSED ~3 ako|kami|me|us', 'pag|kapag|kung|if|once ~3 TELL_ON'],
    window: 8,
    unguarded: true,
    guards: ['laughing'],
  },
  {
    id: 'is made to undress',
    category: 'abuse',
    parts: [
      'ADULT ~ makes|made|forces|forced|pinipilit|pinilit|pinapagawa ~ me|ako|akong ~ take|maghubad|hubad|magsend|send|strip|undress',
      'clothes|damit|NUDES',
    ],
    window: 8,
  },
  {
    id: 'is asked for nudes',
    category: 'abuse',
    parts: ['asking|asked|asks|wants|humihingi|nanghihingi ~3 NUDES'],
  },
  { id: 'is afraid to go home', category: 'abuse', parts: ['FEAR ~ HOME'], self: true },
  ...GROOMED,
];

export const RULES: Rule[] = [
  ...WANTING,
  ...HARMING,
  ...NOT_LIVING,
  ...INDIRECT,
  ...METHODS.map((r) => ({ ...r, plan: true })),
  ...ABUSE,
  ...SIGNS,
];
