import type { Locale, SafetyCategory, SafetyResult, Severity } from '../contract.ts';
import { detectLocale } from '../language.ts';
import { fold } from '../lexicon/fold.ts';
import { classifyCrisis } from './classifier.ts';
import { detectCrisis, readRules } from './crisis.ts';
import { HOTLINES, INSULT, REPLIES } from './replies.ts';

export type { SafetyCategory, SafetyResult, Severity } from '../contract.ts';

export interface ModerationResult {
  flagged: boolean;
  category: SafetyCategory | null;
  severity: Severity | null;
  /** What the tutor says instead of (or before) tutoring, in the student's language; null when not flagged. */
  reply: string | null;
  /** The phrases that matched, for the teacher's flag review. */
  matched: string[];
  /** The contract's view of it (null when not flagged): category, severity, crisis, hotlines. */
  safety: SafetyResult | null;
}

interface Pattern {
  category: SafetyCategory;
  severity: Severity;
  pattern: RegExp;
}

/** "kill your self" → a pattern where every space is optional, bounded by word edges. */
function phrase(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source.replace(/ /g, ' ?')})(?![\\p{L}\\p{N}])`, 'u');
}

const FAMILY =
  '(?:dad|father|papa|tatay|itay|mom|mother|mama|nanay|inay|stepdad|stepfather|stepmom|stepmother|uncle|tito|tiyo|aunt|tita|tiya|lolo|lola|grandpa|grandma|brother|kuya|sister|ate|cousin|pinsan|parents?|magulang|teacher|guro|titser|coach|neighbor|kapitbahay|boyfriend|bf|girlfriend|gf|step ?father|step ?mother)';

const ABUSE = [
  `(?:my|our) ${FAMILY} (?:always |often |keeps |still )?(?:hits|hit|beats|beat|hurts|hurt|punches|punched|slaps|slapped|kicks|kicked|chokes|choked|burns|burned|abuses|abused|touches|touched|molests|molested|rapes|raped|whips|whipped) (?:me|us)`,
  `(?:he|she|they) (?:always |keeps |still )?(?:hits|beats|punches|slaps|kicks|chokes|abuses|molests|rapes|touches) me`,
  '(?:i am|im|i was|been|being) (?:physically |sexually )?(?:abused|molested|raped|beaten up|beaten)',
  'touch(?:es|ed|ing)? me (?:inappropriately|down there|in private)',
  '(?:asked|asks|asking|wants|forced|forces|told) me (?:to send |for )?(?:nudes|nude (?:pics|photos|pictures)|naked (?:pics|photos|pictures))',
  'afraid to go home',
  'takot (?:na )?(?:akong )?umuwi',
  // Filipino / Taglish
  `(?:sinasaktan|sinaktan|binubugbog|binugbog|pinapalo|pinalo|sinasampal|sinampal|sinusuntok|sinuntok|sinisipa|sinipa|hinihipuan|hinipuan|minomolestiya|minolestiya|ginagahasa|ginahasa|inaabuso|inabuso|pinapaso|pinaso|sinasakal|sinakal) ako (?:ng|ni) (?:aking |ang )?${FAMILY}`,
  `(?:sinasaktan|sinaktan|binubugbog|binugbog|sinasampal|sinampal|sinusuntok|sinuntok|hinihipuan|hinipuan|minomolestiya|minolestiya|ginagahasa|ginahasa|inaabuso|inabuso|sinasakal|sinakal) (?:ako|niya ako|nila ako)`,
  `(?:sinasaktan|sinaktan|binubugbog|binugbog|sinasampal|hinihipuan|hinipuan|inaabuso) (?:ng|ni) ${FAMILY} (?:ko )?(?:ako)?`,
  `(?:ang )?${FAMILY} ko (?:ay )?(?:nananakit|nambubugbog|nanghihipo|nang ?aabuso)`,
  '(?:humihingi|nanghihingi|pinapadala|pinapasend) (?:siya |sila )?(?:ako )?(?:ng )?(?:hubad|nude)',
  `(?:ginugutom|kinukulong|ikinukulong|pinagbabantaan|tinatakot) (?:ako|kami) (?:ng|ni) (?:aking |ang )?${FAMILY}`,
  '(?:threatens|threatened|threatening) to (?:kill|hurt|beat|hit) (?:me|us)',
];

const BULLYING = [
  '(?:i am|im|i keep getting|been|being|i get|i got|i was) (?:cyber ?)?bullied',
  '(?:they|classmates|everyone|people|kids|my classmates) (?:always |keep |still )?(?:bully|bullies|bullied|tease|teases|mock|mocks|laugh at|laughs at|make fun of|makes fun of) me',
  '(?:they|everyone|classmates) call me names',
  'nobody (?:at school )?(?:likes|talks to) me',
  // Filipino / Taglish
  '(?:binubully|binu ?bully|binully|bina ?bully|binabully|nabubully|nabully|binubuli|binuli) (?:nila )?(?:ako|kami)',
  '(?:binubully|binu ?bully|binabully|binully) (?:ako )?(?:ng|ni|sa)',
  '(?:pinagtatawanan|inaasar|kinukutya|nilalait|pinapahiya|ipinapahiya|pinagtutulungan|inaaway) (?:nila |ng mga kaklase ko )?(?:ako|kami)',
  'walang gustong (?:makipagkaibigan|makipaglaro|kumausap) sa akin',
  // Telling someone to die is bullying whoever says it.
  'kys',
  'kill your ?self',
  'go die',
  'magpakamatay ka (?:na)?',
  'patayin mo (?:na )?(?:ang )?sarili mo',
  // Insults aimed at someone (low): the student is upset or bullying.
  '(?:you are|youre|ur|you r) (?:so )?(?:stupid|an idiot|dumb|useless|ugly)',
  '(?:bobo|tanga|gago|inutil|pangit) (?:ka|mo)',
  'ang (?:bobo|tanga|gago|pangit) mo',
];

const SEXUAL = [
  'porn\\p{L}*',
  'nudes',
  'send (?:me )?(?:a )?nude\\p{L}*',
  '(?:have|having|want|wanna) sex',
  'sex (?:video|vid|chat|scene|tape)s?',
  'sext(?:ing|ed|s)?',
  'sexy (?:pics|photos|pictures|video)',
  'hentai',
  'horny',
  'jakol\\p{L}*',
  'kantot\\p{L}*',
  'iyot\\p{L}*',
  '(?:ma)?libog',
  'hubad na (?:picture|pic|litrato|larawan|video)',
];

const PATTERNS: Pattern[] = [
  ...ABUSE.map((p) => ({ category: 'abuse' as const, severity: 'high' as const, pattern: phrase(p) })),
  ...SEXUAL.map((p) => ({ category: 'sexual' as const, severity: 'medium' as const, pattern: phrase(p) })),
  ...BULLYING.map((p, i) => ({
    category: 'bullying' as const,
    severity: i >= BULLYING.length - 3 ? ('low' as const) : ('medium' as const),
    pattern: phrase(p),
  })),
];

/** School words that contain a flagged word but are not flagged ("sex-linked traits", "sexual reproduction"). */
const SAFE_CONTEXT =
  /\b(?:a?sexual reproduction|sex ?(?:linked|cells?|chromosomes?|determination|hormones?|ratio|organs?)|(?:a)?sexual(?:ly)? reproduc\p{L}*)\b/gu;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[a-z]{2,}/giu;
/** Philippine mobile (09xx / +63 9xx) and Metro Manila landline numbers, with any separators. */
const PHONE =
  /(?<!\d)(?:\+?63[\s.-]?|0)9\d{2}[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)|(?<!\d)\(?02\)?[\s.-]?[2-9]\d{3}[\s.-]?\d{4}(?!\d)/g;
const ADDRESS = [
  /\b(?:i live (?:at|in|on)|my address is|our address is|my house is (?:at|on)|nakatira (?:ako|kami) sa|address ko(?: ay)?|ang address (?:ko|namin)(?: ay)?|bahay (?:ko|namin) (?:ay )?(?:nasa|sa))\b[^.!?\n]{0,60}?(?:\d+|\bblk\b|\bblock\b|\blot\b|\bbrgy\b|\bbarangay\b|\bpurok\b|\bstreet\b|\bst\b|\bave(?:nue)?\b|\broad\b|\bsubd(?:ivision)?\b|\bvillage\b)/i,
  /\b\d{1,5}\s+[A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)*\s+(?:street|st\.|avenue|ave\.|road|rd\.|drive|dr\.)/u,
  /\b(?:blk|block)\s*\d+\s*(?:,\s*)?(?:lot|lt)\s*\d+/i,
];

function personalInfo(raw: string): { severity: Severity; matched: string[] } | null {
  const matched: string[] = [];
  let severity: Severity | null = null;
  for (const m of raw.match(PHONE) ?? []) {
    matched.push(m.trim());
    severity = 'medium';
  }
  const own = /\b(?:my|our|ko|namin|kami|ako|i live|address|bahay)\b/i.test(raw);
  for (const [i, re] of ADDRESS.entries()) {
    if (i > 0 && !own) continue;
    const m = raw.match(re);
    if (m) {
      matched.push(m[0].trim());
      severity = 'medium';
    }
  }
  for (const m of raw.match(EMAIL) ?? []) {
    matched.push(m);
    severity ??= 'low';
  }
  return severity ? { severity, matched } : null;
}

const PRIORITY: SafetyCategory[] = ['self_harm', 'abuse', 'sexual', 'bullying', 'personal_info'];
const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };
const NOT_FLAGGED: ModerationResult = {
  flagged: false,
  category: null,
  severity: null,
  reply: null,
  matched: [],
  safety: null,
};

/**
 * Screens a student's message for self-harm, abuse, bullying, sexual content and shared personal details, in
 * English, Filipino and Taglish. Self-harm and abuse are read by the crisis rules (crisis.ts, rules.ts, over
 * the word classes of lexicon.ts) and, for what they miss, by a trained classifier (classifier.ts); abuse, bullying and sexual content also by phrase patterns on folded text,
 * written to leave school content alone ("kill the process", "sex-linked traits"). The most serious category
 * wins; `reply` is what the tutor says.
 */
export function moderate(text: string, locale?: Locale): ModerationResult {
  const lang = locale ?? detectLocale(text).locale;
  const hits = new Map<SafetyCategory, { severity: Severity; matched: string[] }>();
  const note = (category: SafetyCategory, severity: Severity, matched: string) => {
    const prev = hits.get(category);
    if (!prev) hits.set(category, { severity, matched: [matched] });
    else {
      if (SEVERITY_RANK[severity] > SEVERITY_RANK[prev.severity]) prev.severity = severity;
      if (!prev.matched.includes(matched)) prev.matched.push(matched);
    }
  };
  const read = readRules(text);
  const readings = detectCrisis(text, read);
  const classified = readings.some((r) => r.severity === 'high') ? null : classifyCrisis(read);
  for (const { category, severity, reading } of classified ? [...readings, classified] : readings)
    note(category, severity, reading);
  const folded = fold(text, { leet: true }).replace(SAFE_CONTEXT, ' ');
  for (const p of PATTERNS) {
    const m = folded.match(p.pattern);
    if (m) note(p.category, p.severity, m[0].trim());
  }
  const pii = personalInfo(text);
  if (pii) for (const m of pii.matched) note('personal_info', pii.severity, m);
  const category = PRIORITY.find((c) => hits.has(c));
  if (!category) return NOT_FLAGGED;
  const severity = hits.get(category)?.severity ?? 'medium';
  const matched = PRIORITY.flatMap((c) => hits.get(c)?.matched ?? []);
  return {
    flagged: true,
    category,
    severity,
    reply: category === 'bullying' && severity === 'low' ? INSULT[lang] : REPLIES[category][lang],
    matched,
    safety: {
      category,
      severity,
      crisis: (category === 'self_harm' || category === 'abuse') && severity === 'high',
      hotlines: HOTLINES[category],
      matched,
    },
  };
}

/** Whether a message is a crisis (self-harm or abuse, high severity): it is answered and flagged, never refused. */
export const isCrisis = (text: string): boolean => moderate(text).safety?.crisis === true;
