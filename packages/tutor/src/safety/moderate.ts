import type { Locale } from '../contract.ts';
import { detectLocale } from '../language.ts';

export type SafetyCategory = 'self_harm' | 'abuse' | 'bullying' | 'sexual' | 'personal_info';
export type Severity = 'low' | 'medium' | 'high';

export interface ModerationResult {
  flagged: boolean;
  category: SafetyCategory | null;
  severity: Severity | null;
  /** What the tutor says instead of (or before) tutoring, in the student's language; null when not flagged. */
  reply: string | null;
  /** The phrases that matched, for the teacher's flag review. */
  matched: string[];
}

interface Rule {
  category: SafetyCategory;
  severity: Severity;
  pattern: RegExp;
}

/** "kill my self" → a pattern where every space is optional, bounded by word edges. */
function phrase(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source.replace(/ /g, ' ?')})(?![\\p{L}\\p{N}])`, 'u');
}

const NOT = '(?<!(?:dont|do not|never|didnt|doesnt|wont|not|hindi|di) (?:\\p{L}+ )?)';
const FAMILY =
  '(?:dad|father|papa|tatay|itay|mom|mother|mama|nanay|inay|stepdad|stepfather|stepmom|stepmother|uncle|tito|tiyo|aunt|tita|tiya|lolo|lola|grandpa|grandma|brother|kuya|sister|ate|cousin|pinsan|parents?|magulang|teacher|guro|titser|coach|neighbor|kapitbahay|boyfriend|bf|girlfriend|gf|step ?father|step ?mother)';
const NOT_FIL = '(?<!(?:hindi|di|ayaw|ayoko) (?:ko |kong |ko na )?)';
const FIRST = '(?:i|im|i am|ive|i have|i keep|i really|i just|i feel like|i kinda)';

const SELF_HARM = [
  'kill(?:ing)? my ?self',
  '(?<!\\p{N} ?)kms',
  'end(?:ing)? my (?:own )?life',
  'take my (?:own )?life',
  'end it all',
  `${NOT}(?:want|wanna|wanted) (?:to )?die`,
  'wish (?:i|id) (?:was|were|could be) dead',
  'wish i (?:was|were) never born',
  'better off dead',
  `${NOT}(?:want|wanna) to (?:be )?dead`,
  '(?:dont|do not) want to (?:live|be alive|exist) (?:anymore|any more)?',
  'no reason to live',
  'nothing to live for',
  "(?:can'?t|cannot) go on (?:anymore|living)",
  `${FIRST} (?:want to |wanna |will |am going to |gonna |thinking (?:of|about) |thought about )?(?:commit(?:ting)? )?suicide`,
  '(?:feel|feeling|am|im|been) suicidal',
  '(?:have|having|get|getting) suicidal thoughts',
  '(?:hurt|hurting|cut|cutting|harm|harming) my ?self',
  'self ?harm(?:ing)?',
  '(?:overdose|od) on (?:my )?(?:pills|meds|gamot)',
  // Filipino / Taglish
  `${NOT_FIL}gusto (?:ko )?(?:na|nang|ng|kong|ko ng|ko nang|ko na) (?:lang |talaga(?:ng)? )*(?:mamatay|maglaho|mawala)`,
  '(?:mag)?papakamatay (?:na )?(?:lang )?ako',
  'unaliv(?:e|ing) (?:my ?self|me)',
  `(?:i want to|i wanna|im going to|im gonna|i will|ill|i might) (?:just )?jump off`,
  'tatalon (?:na )?ako sa (?:tulay|building|gusali|bintana|bangin)',
  '(?:iinumin|lulunukin|iinom) ko (?:na )?(?:lahat ng|ang) (?:gamot|lason|pills)',
  'sana (?:mamatay|patay) na (?:lang )?ako',
  'sana hindi na ako (?:ipinanganak|nabuhay|magising)',
  '(?:ayoko|ayaw ko|ayaw ko na|ayoko na) (?:na|nang|ng) (?:mabuhay|mabuhay pa)',
  '(?:ayoko|ayaw ko) na (?:mabuhay|sa buhay)',
  'ayoko na sa mundo',
  'pagod na (?:ako )?(?:akong )?(?:mabuhay|sa buhay)',
  'wala (?:na )?(?:nang )?(?:saysay|kwenta|kuwenta) (?:ang )?buhay ko',
  'wala na akong dahilan (?:para|upang) mabuhay',
  '(?:gusto|balak|iniisip|naiisip|plano|pinaplano)(?: ko)?(?:ng| na| nang)? (?:mag)?(?:papa|pa)kamatay',
  'magpa(?:pa)?kamatay (?:na )?(?:lang )?ako',
  'ako ay magpapakamatay',
  'papatayin ko (?:ang )?sarili ko',
  'patayin (?:ko )?(?:na )?(?:ang )?sarili ko',
  '(?:saktan|sasaktan|sinasaktan|sinaktan) ko (?:ang )?sarili ko',
  'mag ?laslas',
  'nag ?laslas ako',
  'laslas (?:ng )?pulso',
  'lalaslasin ko',
  'hiwain (?:ko )?(?:ang )?(?:pulso|braso) ko',
  'tapusin ko na (?:ang )?buhay ko',
  'tatapusin ko na (?:ang )?(?:lahat|buhay ko)',
  'mas (?:mabuti|mabuting|okay) pa(?:ng)? (?:mamatay|patay na ako)',
  'mawala na lang ako',
];

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

const RULES: Rule[] = [
  ...SELF_HARM.map((p) => ({
    category: 'self_harm' as const,
    severity: 'high' as const,
    pattern: phrase(p),
  })),
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

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** Lower-case, accents and punctuation away, spaced-out letters joined, stretched letters shortened. */
export function normalizeForModeration(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`']/g, '')
    .replace(/(?<=\p{L})[013457@$]+(?=\p{L})|(?<=\p{L})[013457@$](?!\p{N})|[@$](?=\p{L})/gu, (m) =>
      [...m].map((c) => LEET[c] ?? c).join(''),
    )
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(?<![\p{L}\p{N}])(?:\p{L} ){2,}\p{L}(?![\p{L}\p{N}])/gu, (m) => m.replace(/ /g, ''))
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

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

export const CRISIS_HOTLINES =
  'NCMH Crisis Hotline: 1553 (landline, toll-free), 0917-899-8727, 0966-351-4518, 0908-639-2672';

const REPLIES: Record<SafetyCategory, Record<Locale, string>> = {
  self_harm: {
    en: `I'm really glad you told me, and I'm sorry you're feeling this way. You matter, and you don't have to go through this alone. Please talk to someone right now — a parent, a relative, a teacher or your guidance counselor — or call the **${CRISIS_HOTLINES}**. They answer 24/7 and it's free to talk. If you are in danger right now, call **911**. I'm here to keep you company while you reach out.`,
    fil: `Salamat at sinabi mo ito sa akin, at ikinalulungkot kong ganito ang nararamdaman mo. Mahalaga ka, at hindi mo kailangang pagdaanan ito nang mag-isa. Pakiusap, kausapin mo ngayon ang isang taong pinagkakatiwalaan mo — magulang, kamag-anak, guro o guidance counselor — o tumawag sa **NCMH Crisis Hotline: 1553 (landline, libre), 0917-899-8727, 0966-351-4518, 0908-639-2672**. Bukas sila 24/7 at libre ang tumawag. Kung nasa panganib ka ngayon, tumawag sa **911**. Nandito lang ako habang humihingi ka ng tulong.`,
  },
  abuse: {
    en: "I'm sorry this is happening to you. It is not your fault, and you deserve to be safe. Please tell a trusted adult — a teacher, your guidance counselor, a relative or a barangay official — as soon as you can. You can also call **Bantay Bata 163** (for children), or **911** if you are in danger right now. If you feel very low, the **NCMH Crisis Hotline 1553** is there 24/7.",
    fil: 'Ikinalulungkot kong nangyayari ito sa iyo. Hindi mo ito kasalanan, at karapatan mong maging ligtas. Pakiusap, sabihin mo ito sa isang nakatatandang pinagkakatiwalaan mo — guro, guidance counselor, kamag-anak o opisyal ng barangay — sa lalong madaling panahon. Maaari ka ring tumawag sa **Bantay Bata 163** (para sa mga bata), o sa **911** kung nasa panganib ka ngayon. Kung sobrang bigat ng nararamdaman mo, bukas 24/7 ang **NCMH Crisis Hotline 1553**.',
  },
  bullying: {
    en: "I'm sorry you're dealing with this — being treated that way is not okay, and it is not your fault. Please tell your teacher, adviser or guidance counselor; every school has an anti-bullying policy (RA 10627) and they must help. Save any messages or posts as proof. I'm still here to help you study whenever you're ready.",
    fil: 'Ikinalulungkot kong nararanasan mo ito — hindi tama ang ganoong pagtrato, at hindi mo ito kasalanan. Pakisabi ito sa iyong guro, adviser o guidance counselor; may anti-bullying policy ang bawat paaralan (RA 10627) at tungkulin nilang tumulong. I-save ang anumang mensahe o post bilang patunay. Nandito pa rin ako para tulungan kang mag-aral kapag handa ka na.',
  },
  sexual: {
    en: "I can't help with that. I'm a study buddy for school topics. If someone is asking you for sexual pictures or making you uncomfortable, please tell a trusted adult or call **Bantay Bata 163**. What lesson would you like to work on?",
    fil: 'Hindi ako makakatulong diyan. Kasama mo ako sa pag-aaral ng mga aralin sa paaralan. Kung may humihingi sa iyo ng malaswang larawan o may nagpaparamdam sa iyo ng hindi maganda, sabihin ito sa isang nakatatandang pinagkakatiwalaan mo o tumawag sa **Bantay Bata 163**. Anong aralin ang gusto mong pag-aralan?',
  },
  personal_info: {
    en: "Just a friendly reminder: please don't share personal details like your phone number, home address or email here — keep them private to stay safe online. I don't need them to help you study.",
    fil: 'Paalala lang: huwag mong ibahagi rito ang personal na impormasyon gaya ng numero ng telepono, address ng bahay o email — panatilihin itong pribado para ligtas ka online. Hindi ko ito kailangan para matulungan kang mag-aral.',
  },
};

/** For a low-severity bullying hit: the student is throwing insults, not reporting them. */
const INSULT: Record<Locale, string> = {
  en: "I can tell you're upset, and that's okay. Let's keep our words kind, though — to me and to classmates. Want to take a short break, or try this problem a different way?",
  fil: 'Ramdam kong naiinis ka, at okay lang iyon. Pero panatilihin nating mabait ang ating mga salita — sa akin at sa mga kaklase. Gusto mo bang magpahinga sandali, o subukan natin ito sa ibang paraan?',
};

const PRIORITY: SafetyCategory[] = ['self_harm', 'abuse', 'sexual', 'bullying', 'personal_info'];
const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/**
 * Screens a student's message for self-harm, abuse, bullying, sexual content and shared personal details, in
 * English, Filipino and Taglish. Rules are phrase patterns on normalised text (case, accents, punctuation,
 * spacing, stretched letters and leetspeak folded) written to leave school content alone ("cell death",
 * "kill the process", "sex-linked traits"). The most serious category wins; `reply` is what the tutor says.
 */
export function moderate(text: string, locale?: Locale): ModerationResult {
  const lang = locale ?? detectLocale(text).locale;
  const normal = normalizeForModeration(text).replace(SAFE_CONTEXT, ' ');
  const hits = new Map<SafetyCategory, { severity: Severity; matched: string[] }>();
  const note = (category: SafetyCategory, severity: Severity, matched: string) => {
    const prev = hits.get(category);
    if (!prev) hits.set(category, { severity, matched: [matched] });
    else {
      if (SEVERITY_RANK[severity] > SEVERITY_RANK[prev.severity]) prev.severity = severity;
      if (!prev.matched.includes(matched)) prev.matched.push(matched);
    }
  };
  for (const rule of RULES) {
    const m = normal.match(rule.pattern);
    if (m) note(rule.category, rule.severity, m[0].trim());
  }
  const pii = personalInfo(text);
  if (pii) for (const m of pii.matched) note('personal_info', pii.severity, m);
  const category = PRIORITY.find((c) => hits.has(c)) ?? null;
  if (!category) return { flagged: false, category: null, severity: null, reply: null, matched: [] };
  const severity = hits.get(category)?.severity ?? 'medium';
  return {
    flagged: true,
    category,
    severity,
    reply: category === 'bullying' && severity === 'low' ? INSULT[lang] : REPLIES[category][lang],
    matched: PRIORITY.flatMap((c) => hits.get(c)?.matched ?? []),
  };
}
