import type { ChatMessage, Locale } from './contract.ts';

/**
 * Function words and particles that are everyday Filipino and rare in English. Taglish ("pa-explain naman
 * ng photosynthesis") carries several of them, so it is detected as `fil`: the student reads both.
 */
const FILIPINO = new Set(
  `ang ng mga sa na at ay si ni kay ko mo niya namin natin ninyo nila ako ikaw ka siya kami tayo kayo sila ito
  iyan iyon dito diyan doon po opo hindi huwag wala walang may mayroon meron naman lang lamang nga ba pa rin din
  yung iyong yun kasi pero kaya dahil para paano bakit ano anong sino saan kailan ilan ilang magkano alin gusto
  ayoko kailangan pwede puwede sige salamat kumusta kamusta magandang umaga hapon gabi tulungan tulong turuan
  ipaliwanag paliwanag gawan gawa gumawa sagot sagutin tanong tanungin pagsusulit aralin aral mag-aral nag-aaral
  nahihirapan nalilito naguguluhan pagod antok kinakabahan takot mahirap madali kaunti konti marami lima sampu
  tatlo apat anim pito walo siyam dalawa isa labing dalawampu hanapin kunin ibigay bigyan mo pakisagot paki
  pakiexplain pagkatapos bago ngayon bukas kahapon talaga sobra medyo ulit muli lahat bawat tungkol tayo'y
  halimbawa kuwento kwento pangungusap salita kahulugan ibig sabihin intindi maintindihan naiintindihan`
    .split(/\s+/)
    .filter(Boolean),
);

const ENGLISH = new Set(
  `the a an is are was were be been of to in on for and or with about what how why when where which who can
  could would should will please me my i you your it this that these those explain make give help understand
  want need know some more than then do does did not don't i'm it's am have has had get show tell solve find`
    .split(/\s+/)
    .filter(Boolean),
);

/** Filipino affixes on English or Filipino stems: "pa-explain", "i-solve", "nag-aaral", "gumawa", "ginawa". */
const FILIPINO_MORPHOLOGY =
  /^(?:pa|i|mag|nag|na|ma|maki|paki|ipa|ika|pinaka)-\p{L}+|^\p{L}*(?:um|in)\p{L}+(?:an|in|han|hin)$/u;

export interface LocaleGuess {
  locale: Locale;
  /** What decided: the message's own words, earlier messages, or nothing (the English default). */
  basis: 'message' | 'history' | 'default';
  reason: string;
}

function score(text: string): { fil: number; en: number } {
  let fil = 0;
  let en = 0;
  for (const word of text.toLowerCase().match(/[\p{L}'-]+/gu) ?? []) {
    if (FILIPINO.has(word)) fil++;
    else if (ENGLISH.has(word)) en++;
    else if (FILIPINO_MORPHOLOGY.test(word)) fil += 0.5;
  }
  return { fil, en };
}

/**
 * Detects the student's language from the latest message, leaning on their earlier messages when the
 * latest one is too short to tell ("ok", "3x + 5 = 11").
 */
export function detectLocale(message: string, history: ChatMessage[] = []): LocaleGuess {
  const latest = score(message);
  if (latest.fil >= 1 && latest.fil >= latest.en * 0.5)
    return { locale: 'fil', basis: 'message', reason: `${latest.fil} Filipino cue(s) in the message` };
  if (latest.en >= 1)
    return { locale: 'en', basis: 'message', reason: `${latest.en} English cue(s) and no Filipino ones` };
  const earlier = history
    .filter((m) => m.role === 'user')
    .slice(-4)
    .map((m) => score(m.content))
    .reduce((a, b) => ({ fil: a.fil + b.fil, en: a.en + b.en }), { fil: 0, en: 0 });
  if (earlier.fil > 0 && earlier.fil >= earlier.en * 0.5)
    return {
      locale: 'fil',
      basis: 'history',
      reason: 'the message is too short to tell; earlier messages are Filipino',
    };
  return { locale: 'en', basis: 'default', reason: 'no Filipino cues; English is the default' };
}
