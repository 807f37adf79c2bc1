/**
 * The rule layer of the embedded planner: what students say, in English, Filipino and Taglish, that states
 * a parameter outright or reveals their state. Patterns are matched on lower-cased text.
 */

export const COUNT_NOUNS =
  '(?:flash\\s*-?\\s*cards?|cards?|kards?|questions?|qs|items?|problems?|exercises?|tanong|katanungan|mga tanong|tanungan|quiz(?:zes)?|review cards?|terms?|words?|notecards?)';

/** Numbers that are not counts: "grade 10", "lesson 3", "chapter 2", "baitang 7". */
export const NOT_A_COUNT =
  /(?:grade|baitang|gr\.?|level|lesson|chapter|kabanata|aralin|unit|page|pahina|year|taon|module|week|quarter|q|like (?:i'?m|i am|a))\s*$/;

export type Level = 'easy' | 'medium' | 'hard';

interface Cue<T> {
  value: T;
  pattern: RegExp;
  reason: string;
}

const ITEM =
  '(?:questions?|quiz(?:zes)?|items?|flash\\s*cards?|cards?|problems?|exercises?|tanong|katanungan|ones|level|mode|version)';

/** A count between the level and the items: "a hard 10-question quiz", "madaling 5 na tanong". */
const COUNT = '(?:\\d{1,3}[\\s-]*(?:na\\s+)?)?';

/** Difficulty stated outright about the items (not about how the student feels). */
export const DIFFICULTY_CUES: Cue<Level>[] = [
  {
    value: 'hard',
    pattern: new RegExp(
      `\\b(?:hard|harder|hardest|difficult|challenging|tough|tricky|advanced|mahirap|mahihirap|mas mahirap|pinakamahirap)\\s+(?:na\\s+)?${COUNT}${ITEM}`,
    ),
    reason: 'the student asks for hard items',
  },
  {
    value: 'hard',
    pattern:
      /\b(?:make (?:it|them|this|the \w+)|something|level|difficulty:?|on|set (?:it )?to|in)\s+(?:more )?(?:hard|harder|difficult|challenging|tougher)\b/,
    reason: 'the student asks for it harder',
  },
  {
    value: 'hard',
    pattern:
      /\b(?:challenge me|hard mode|pahirapan|pahirapin|hirapan mo|gawin mong mahirap|mahirap na level|mahirap ha|yung mahirap|'?yung mahihirap|medyo mahirap na)\b/,
    reason: 'the student asks for a challenge',
  },
  {
    value: 'easy',
    pattern: new RegExp(
      `\\b(?:easy|easier|easiest|simple|simpler|basic|beginner|madali|madadali|mas madali|madaling|pinakamadali)\\s+(?:na\\s+)?${COUNT}${ITEM}`,
    ),
    reason: 'the student asks for easy items',
  },
  {
    value: 'easy',
    pattern:
      /\b(?:make (?:it|them|this|the \w+)|something|level|difficulty:?|on|set (?:it )?to|in)\s+(?:more )?(?:easy|easier|simpler|simple)\b/,
    reason: 'the student asks for it easier',
  },
  {
    value: 'hard',
    pattern:
      /\b(?:(?:hard|mahirap|mahihirap) (?:lang|only|po|please|pls)|(?:mahirap|mahihirap) (?:na|naman|ha)\s*$|hard ones|mahihirap na)\b/,
    reason: 'the student asks for hard items',
  },
  {
    value: 'easy',
    pattern:
      /\b(?:(?:easy|madali|madadali) (?:lang|only|po|please|pls)|(?:madali|madadali) (?:na|naman|ha)\s*$|easy ones)\b/,
    reason: 'the student asks for easy items',
  },
  {
    value: 'easy',
    pattern:
      /\b(?:easy mode|padaliin|dalian mo|gawin mong madali|madali lang|madadali lang|yung madadali|madadali|'?yung madali)\b/,
    reason: 'the student asks for easy items',
  },
  {
    value: 'medium',
    pattern: new RegExp(
      `\\b(?:medium|moderate|intermediate|average|katamtaman|katamtamang)\\s+(?:na\\s+)?(?:difficulty|hirap|level|${ITEM.slice(3, -1)})`,
    ),
    reason: 'the student asks for medium difficulty',
  },
  {
    value: 'medium',
    pattern:
      /\b(?:medium|katamtaman|not too (?:hard|easy)|hindi masyadong mahirap|(?:difficulty|level):?\s*medium)\b/,
    reason: 'the student asks for medium difficulty',
  },
];

/** A score the student reports ("I got 1 out of 5", "nakakuha ako ng 3/10"): how a quiz went, not an exercise. */
const FRACTION = String.raw`\d{1,2}\s*(?:\/|out of)\s*\d{1,2}`;
export const SCORE = new RegExp(
  [
    String.raw`\b(?:got|get|scored|score (?:is|was|ko|ko ay)|nakakuha(?: ako)?(?: ng)?|nakuha ko(?:ng)?)\s+`,
    String.raw`(?:only\s+|lang\s+)?\d+\s*(?:\/|out of|sa|over)\s*\d+`,
    `|\\b${FRACTION}\\s+(?:lang|lng|only|ako|ko|na)\\b`,
    `|(?:^|[.!?,]\\s*)${FRACTION}\\s*!`,
  ].join(''),
);

/** Superlatives set the end of the scale wherever they stand ("gusto ko yung pinakamahirap", "the easiest"). */
export const SUPERLATIVES: Record<'easy' | 'hard', string[]> = {
  easy: ['easiest', 'simplest', 'pinakamadali'],
  hard: ['hardest', 'toughest', 'pinakamahirap'],
};

/** Words that name a level on their own, read when a clause says nothing else ("…, mahirap", "easy lang po"). */
export const LEVEL_WORDS: Record<Level, string[]> = {
  easy: ['easy', 'madali', 'madadali', 'simple', 'basic'],
  medium: ['medium', 'katamtaman', 'average'],
  hard: ['hard', 'mahirap', 'mahihirap', 'challenging', 'difficult', 'tough'],
};

/** A comparative of "mas" or "more" and a level word: "mas challenging", "more tough", "mas madadali". */
export const COMPARED: Record<'harder' | 'easier', RegExp> = {
  harder: new RegExp(`\\b(?:mas|more) (?:${LEVEL_WORDS.hard.join('|')})\\b`),
  easier: new RegExp(`\\b(?:mas|more) (?:${LEVEL_WORDS.easy.join('|')})\\b`),
};

/** The student asks the tutor to do graded work for them ("do my homework", "sagutan mo na lang ang exam ko"). */
export const DO_MY_WORK =
  /\b(?:(?:do|answer|finish|complete|write|take) my (?:homework|assignment|exam|test|quiz|project|essay|seatwork|module)|(?:sagutan|sagutin|gawin|gawan|tapusin)\s+(?:mo\s+)?(?:na\s+)?(?:lang\s+)?(?:po\s+)?(?:yung|ang|ng|sa)?\s*(?:assignment|homework|takdang[- ]aralin|exam|test|pagsusulit|project|proyekto|essay|sanaysay|seatwork|module)\s+(?:ko|namin))\b/;

/** "I don't know" with nothing else: the student is stuck, a feeling to answer. */
export const DONT_KNOW =
  /^(?:hindi ko alam|di ko alam|ewan(?: ko)?|i don'?t know|idk|no idea|wala akong (?:alam|ideya))[\s.!?]*(?:po)?[\s.!?]*$/;

/** The student wants to stop or dislikes the subject: a feeling to answer before any tool. */
export const GIVING_UP =
  /\b(?:give up|giving up|i quit|i hate|hate (?:math|science|english|filipino|history|this|it)|(?:i )?don'?t want to (?:study|learn|do this)|ayoko na|ayaw ko na|ayoko nang|ayaw ko nang|suko na|susuko na|sumuko na|ayoko (?:sa|ng|mag)|ayaw ko (?:sa|ng|mag)|galit ako sa|nakakainis)\b/;

export type Depth = 'basic' | 'intermediate' | 'advanced' | 'comprehensive';

export const DEPTH_CUES: Cue<Depth>[] = [
  {
    value: 'basic',
    pattern:
      /\b(?:just the basics?|the basics|basic(?:s| lang| explanation| idea)?|simple (?:terms|words|explanation|way)|simply|in simple|eli5|like (?:i'?m|i am) (?:\d{1,2}|five|ten|a kid|a child)|like a \d{1,2}[- ]year[- ]old|short(?: explanation)?|brief(?:ly)?|quick(?: explanation)?|overview|shorter|mas maikli(?:ng)?|paikliin|iklian|simpleng|payak|sa simpleng (?:salita|paraan)|madaling intindihin|maikli(?:ng)?|basic lang|simple lang)\b/,
    reason: 'the student asks for just the basics',
  },
  {
    value: 'comprehensive',
    pattern:
      /\b(?:in (?:full )?detail|detailed|in[- ]depth|comprehensive(?:ly)?|thorough(?:ly)?|everything (?:about|on)|deep dive|full explanation|complete explanation|all about|longer|more details?|mas mahaba|habaan|detalyado|detalyadong|buong paliwanag|lahat ng tungkol|kumpleto(?:ng)?|buo(?:ng)? paliwanag|lubos)\b/,
    reason: 'the student asks for a complete explanation',
  },
  {
    value: 'advanced',
    pattern:
      /\b(?:advanced|college[- ]level|higher[- ]level|go deeper|deeper|more depth|mas malalim|malalim na)\b/,
    reason: 'the student asks for an advanced explanation',
  },
  {
    value: 'intermediate',
    pattern: /\b(?:intermediate|medium depth|not too (?:deep|simple)|katamtamang paliwanag)\b/,
    reason: 'the student asks for a medium-depth explanation',
  },
];

/** Deeper than the last explanation, said relative to it: one step of depth, not a depth of its own. */
export const DEEPER = /\b(?:deeper|go deeper|more depth|mas malalim|lalim pa)\b/;

export type NoteStyle = 'outline' | 'bullet_points' | 'narrative' | 'structured';

export const STYLE_CUES: Cue<NoteStyle>[] = [
  {
    value: 'outline',
    pattern: /\b(?:outline|outlined|balangkas|naka-?outline|outline form|outline format)\b/,
    reason: 'the student asks for an outline',
  },
  {
    value: 'bullet_points',
    pattern:
      /\b(?:bullet(?:s|ed)?(?: points?| form| list)?|bulleted|point form|listahan|naka-?bullet|quick review|quick reviewer|mabilisang review|cheat ?sheet|key points only)\b/,
    reason: 'the student asks for bullet points',
  },
  {
    value: 'narrative',
    pattern:
      /\b(?:narrative|paragraph(?:s| form)?|essay(?: form| style)?|story(?: form| style)?|prose|pasalaysay|salaysay|parang kwento|parang kuwento|talata)\b/,
    reason: 'the student asks for narrative notes',
  },
  {
    value: 'structured',
    pattern:
      /\b(?:structured|with (?:headings|sections)|organi[sz]ed|sections|table form|may headings|nakaayos|organisado)\b/,
    reason: 'the student asks for structured notes',
  },
];

export const EXAMPLES_OFF =
  /\b(?:(?:no|without(?: any)?|skip(?: the)?|walang|wala nang|huwag(?: nang| na)?) (?:mga )?(?:examples?|halimbawa)|huwag (?:nang |na )?(?:lagyan ng |maglagay ng )?halimbawa|wala nang halimbawa|hindi na kailangan ng halimbawa)\b/;
export const EXAMPLES_ON =
  /\b(?:with (?:some |lots of |many )?examples?|include examples?|give examples?|may halimbawa|(?:lagyan|samahan) (?:mo )?ng (?:mga )?halimbawa|with sample)\b/;
export const ANALOGIES_ON =
  /\b(?:analog(?:y|ies)|compar(?:e|ison) (?:it )?to (?:real|everyday)|real[- ]life comparison|paghahambing|ihambing|pagkakatulad sa totoong buhay|metaphor)\b/;
export const ANALOGIES_OFF = /\b(?:no analog(?:y|ies)|without analog(?:y|ies)|walang paghahambing)\b/;

export type QuestionType = 'multiple_choice' | 'true_false' | 'short_answer' | 'numeric';

export const QUESTION_TYPE_CUES: Cue<QuestionType>[] = [
  {
    value: 'multiple_choice',
    pattern: /\b(?:multiple[- ]choices?|mcqs?|choices|pagpipilian|may pagpipilian|abcd)\b/,
    reason: 'multiple choice asked',
  },
  {
    value: 'true_false',
    pattern: /\b(?:true[- ]?(?:or|\/|and)[- ]?false|t\/f|tama o mali|tama-mali)\b/,
    reason: 'true/false asked',
  },
  {
    value: 'short_answer',
    pattern:
      /\b(?:short[- ]answers?|identification|fill[- ]in[- ]the[- ]blanks?|fill in|enumeration|pagkilala|punan ang patlang)\b/,
    reason: 'short answer asked',
  },
  {
    value: 'numeric',
    pattern:
      /\b(?:numeric(?:al)?|computation(?:s|al)?|compute|problem[- ]solving|word problems?|solving problems|pagkukuwenta|kompyutasyon)\b/,
    reason: 'numeric items asked',
  },
];

/**
 * A level said relative to the last one moves to the end in that direction ("harder", "mas madali", "easier
 * version": hard or easy, whatever the last level was); said as one level or softened ("level up", "next
 * level", "a bit harder", "babaan mo ng konti") it moves one step, easy → medium → hard.
 */
export const ONE_STEP =
  /\b(?:level up|next level|one level|isang level|a (?:little|bit|tad)|slightly|konti|kaunti|onti|medyo)\b/;

/** A request to change the last tool's result rather than start something new. */
export const FOLLOW_UP = {
  harder:
    /\b(?:make (?:it|them|this) (?:harder|more difficult|more challenging|tougher)|harder (?:ones|please|naman|po)?$|more (?:difficult|challenging)|level up|next level|mas mahirap|pahirapan|pahirapin|lakasan ang hirap|taasan|itaas|mahirap naman|harder)\b/,
  easier:
    /\b(?:make (?:it|them|this) (?:easier|simpler|less difficult)|easier (?:ones|please|naman|po)?$|simpler|mas madali|mas simple|mas simpleng|more simply|padaliin|dalian|babaan|ibaba|easier)\b/,
  more: /^(?:(?:give me |can i have |pa-?)?(?:\w+ )?more(?: please| pls| naman| po)?|another(?: set| one| round)?|again|one more|isa pa|ulit|ulitin|dagdagan(?: mo)?|dagdag pa|more questions|more cards|more flashcards|next|sunod|panibago|bago ulit)\b|\b(?:isa pang?|one more|another (?:set|one|round|quiz|batch))\b/,
  restyle: /\b(?:instead|rather|na lang|nalang|palitan)\b/,
};

/** The previous request again on another topic: "what about friction?", "ngayon naman, tungkol sa mga bulkan". */
export const SWITCH_TOPIC =
  /^(?:(?:ok(?:ay)?|sige|ngayon|now|next|then|tapos|so)[\s,]+)*(?:naman[\s,]+)?(?:what about|how about|and|paano naman|ano naman|e|eh|tungkol sa|about)\s/;

export const GREETING =
  /^(?:yes|yeah|yep|yup|no|nope|oo|opo|hindi po|sure|ready|i'?m ready|ready na(?: ako)?|game|tara|lol|what can you do|what do you do|ano(?:ng)? kaya mo(?:ng gawin)?|(?:ma)?gandang (?:umaga|hapon|gabi|tanghali)|see you(?: (?:later|tomorrow|soon|next time))?|good ?night|take care|nice(?: one)?|bukas ulit|hi+|hello+|hey+|heya|yo|what'?s up|wassup|sup|good (?:morning|afternoon|evening|day)|magandang (?:umaga|hapon|gabi|tanghali)|kumusta(?: ka)?|kamusta(?: ka)?|musta|thanks?(?: you)?(?: so much)?|thank you(?: po)?|ty|salamat(?: po)?|maraming salamat|ok(?:ay)?|sige|bye+|goodbye|paalam|ingat|nice|cool|great|wow|galing|ayos|haha+|hehe+|lol|who are you|what(?:'s| is) your name|sino ka|ano(?:ng)? pangalan mo|are you (?:a )?(?:robot|ai|human)|tao ka ba)\b/;

/** A solution restated ("so x is 30? why?", "x = 4 ba?"): one letter and one number, nothing to work out. */
export const SOLVED_FORM =
  /^(?:[^\d=+*/^]*\s)?[a-z]\s*(?:=|is|ay)\s*-?\d+(?:[.,/]\d+)?(?![\d+*/^=-])[^\d=+*/^]*$/;

/** The student asks to see the worked steps of the solution again. */
export const SHOW_STEPS =
  /\b(?:show (?:me )?(?:the |your |all the )?(?:steps|work|solution)|step[- ]by[- ]step|(?:steps|solution) again|paano (?:mo )?(?:nakuha|ginawa)|(?:why|how) did you|bakit mo|paano mo|ipakita (?:mo )?(?:ang |yung )?(?:steps|solusyon|hakbang)|hakbang[- ]hakbang)\b/;

export const HINT = {
  similar:
    /\b(?:similar (?:example|problem|one)|(?:another|one more|isa pang?) (?:one |problem |example |exercise )?(?:like|gaya ng|katulad ng) (?:that|this|it|iyan|yan|ito)|example like this|a problem like this|worked example|katulad na (?:halimbawa|problema)|kahawig na (?:halimbawa|problema)|ibang halimbawa na katulad)\b/,
  next: /\b(?:another hint|next hint|more hints?|one more hint|isa pang (?:hint|clue|pahiwatig)|dagdag na (?:hint|clue)|next clue|mas malinaw na hint)\b/,
  nudge:
    /\b(?:hint|hints|clue|clues|nudge|pahiwatig|don'?t (?:give|tell|show) me the answer|do not (?:give|tell|show) me the answer|without (?:giving|telling) (?:me )?the answer|huwag mo(?:ng)? (?:ibigay|sabihin) (?:ang|yung) sagot|wag mo(?:ng)? (?:ibigay|sabihin) (?:ang|yung) sagot|ako na (?:ang )?(?:mag-?sosolve|sasagot))\b/,
  answerOnly:
    /\b(?:just the (?:final )?answer|answer only|only the answer|final answer only|no steps|without steps|sagot lang|yung sagot lang|ang sagot lang|walang steps|huwag na ang steps)\b/,
};
