/**
 * How students say they feel, in English, Filipino and Taglish: one table read by the student profile
 * (`pedagogy/profile.ts`) and the embedded planner. Patterns are matched on folded text (lower case, no
 * accents, no apostrophes, Filipino prefixes joined: `lexicon/fold.ts`).
 */

import type { EmotionalState } from '../contract.ts';

/** The feelings a student's own words reveal: a subset of the contract's `EmotionalState`. */
export type EmotionalCue = Extract<
  EmotionalState,
  'frustrated' | 'anxious' | 'tired' | 'confused' | 'confident'
>;

/** "I'm (so) …", "feeling …": the student speaking about themself. */
const ME =
  "\\b(?:i'?m|i am|im|i feel|i'?m feeling|feeling|i'?m getting|getting|i'?m so|so|really|super|very)(?: so| really| very| super)?";

/** Phrases that signal how a student feels, in English, Filipino and Taglish (matched on folded text). */
export const FEELING_CUES: Record<EmotionalCue, RegExp[]> = {
  frustrated: [
    /\bi give up\b/,
    /\bgive up na\b/,
    /\bsuko na\b/,
    /\bsumusuko na\b/,
    /\bnakakainis\b/,
    /\bnakakabwisit\b/,
    /\bbwisit\b/,
    /\bnaiinis\b/,
    /\bnahihirapan\b/,
    /\bang hirap\b/,
    /\bsobrang hirap\b/,
    /\bhirap na hirap\b/,
    /\bi hate (this|math|science|it)\b/,
    /\bthis is (so )?(hard|impossible|stupid|annoying|frustrating)\b/,
    /\bfrustrat/,
    /\bi can'?t do (this|it)\b/,
    /\bhindi ko kaya\b/,
    /\bdi ko kaya\b/,
    /\bayoko na (mag ?aral|dito|sa math|nito)\b/,
    /\bugh+\b/,
    /\bargh+\b/,
    /\bstruggl(?:e|es|ed|ing)\b/,
    /\boverwhelm(?:ed|ing)?\b/,
    /\b(?:having a )?(?:hard|tough|difficult) time\b/,
    /\bhard for me\b/,
    /\bfind (?:it|this|them) (?:hard|difficult)\b/,
    /\bi'?m (?:so |really |very |just )?(?:bad|weak|not good|terrible|hopeless) (?:at|in|with)\b/,
    /\b(?:keep )?failing\b/,
    /\bnahirapan\b/,
    /\bmahirap (?:para sa akin|sa akin|intindihin)\b/,
  ],
  anxious: [
    /\bkinakabahan\b/,
    /\bkabado\b/,
    /\bnatatakot ako\b/,
    /\btakot (?:na )?ako\b/,
    new RegExp(`${ME} (?:nervous|anxious|worried|scared|afraid|stressed|panicking)\\b`),
    /\b(?:nervous|anxious|worried|scared|stressed) (?:na )?ako\b/,
    /\bna ?stress\b/,
    /\bnakaka ?stress\b/,
    /\bstress na stress\b/,
    /\bbaka (?:bumagsak|ma ?bagsak|hindi ako pumasa)\b/,
    /\b(?:i'?ll|i will|i'?m going to|baka) fail\b/,
    /\bbabagsak (?:ako|na ako)\b/,
    /\bexam anxiety\b/,
    /\b(?:nagaalala|nagaalala ako)\b/,
    /\bpanic(?:king)?\b/,
  ],
  tired: [
    /\bpagod na\b/,
    /\bpagod (?:na )?ako\b/,
    /\bnapapagod (?:na )?ako\b/,
    /\binaantok\b/,
    /\bantok na antok\b/,
    /\bpuyat (?:ako|na ako)\b/,
    new RegExp(`${ME} (?:tired|exhausted|sleepy|burn(?:ed|t) ?out|drained)\\b`),
    /\b(?:tired|sleepy|exhausted) (?:na )?ako\b/,
    /\btired na\b/,
    /\bno energy (?:left|na)\b/,
    /\bwala na akong lakas\b/,
    /\b(?:tired|sleepy|exhausted|drained|worn out|burn(?:ed|t) out)\b/,
    /\b(?:pagod|napagod|kapagod|nakakapagod|inaantok|antok|puyat|hapo|lupaypay)\b/,
  ],
  confused: [
    /\bnalilito\b/,
    /\bnaguguluhan\b/,
    /\bnakakalito\b/,
    new RegExp(`${ME} (?:confused|lost)\\b`),
    /\bconfused (?:na )?ako\b/,
    /\b(?:so|very|really|super) confusing\b/,
    /\bthis is confusing\b/,
    /\bi (?:still )?don'?t (?:get|understand)\b/,
    /\bi do not (?:get|understand)\b/,
    /\b(?:di|hindi) ko (?:(?:pa|rin|din|talaga|masyado|na|naman|po|nga|kasi|gaano) )*(?:gets|[mn]a ?gets|maintindihan|naiintindihan|ma ?intindihan)\b/,
    /\bano daw\b/,
    /^huh\b/,
    /\blost na ako\b/,
    /\bmakes no sense\b/,
    /\bconfus(?:ed|ing)\b/,
    /\bstuck\b/,
    /\b(?:do not|dont|cant|cannot|still dont)(?: really| quite| fully| totally)? (?:get|understand)\b/,
    /\b(?:nalito|nagugulo)\b/,
    /\b(?:ang|sobrang|napaka) ?gulo\b/,
    /\bmalabo (?:pa|pa rin|pa din|talaga|sa akin|para sa akin)\b/,
    /\b(?:still|kind of|a bit|very|so) unclear\b/,
    /\bmix(?:ing|ed)? (?:them |these |those |it )?up\b/,
    /\b(?:get|getting|got) (?:them |these |those |it )?mixed up\b/,
    /\b(?:napagpapalit|nagkakapalit|napapalitan|nagpapalit) ko\b/,
  ],
  confident: [
    /\bgets ko na\b/,
    /\bna ?gets ko na\b/,
    /\bkaya ko (na|to|ito)\b/,
    /\bmadali lang\b/,
    /\b(?:ang )?galing ko\b/,
    /\bnailed it\b/,
    /\bperfect score\b/,
    /\b(?:ang|sobrang|napaka|napakadali|super) ?dali\b/,
    /\beasy lang\b/,
    /\bi got (it|this)\b/,
    /\bi understand now\b/,
    /\bnaiintindihan ko na\b/,
    /\bthat was easy\b/,
    /\btoo easy\b/,
    /\bi'?m ready\b/,
    /\bhanda na ako\b/,
    /\bconfident\b/,
    /\bmasyadong madali\b/,
    /\bi'?m good at\b/,
    /\bi already know\b/,
    /\balam ko na\b/,
    /\bi aced\b/,
    /\bmastered\b/,
  ],
};

/**
 * Words that name a state outright, as a profile summary or a teacher writes it ("The student seems
 * frustrated", "Mukhang pagod ang estudyante"). Matched as whole words or phrases on folded text.
 */
export const STATE_NAMES: Record<EmotionalState, string[]> = {
  focused: ['focused', 'engaged', 'attentive', 'motivated', 'nakatuon', 'ganado'],
  calm: ['calm', 'relaxed', 'no signs of distress', 'walang palatandaan', 'kalmado', 'panatag'],
  confident: ['confident', 'self assured', 'kumpiyansa', 'tiwala sa sarili', 'kampante'],
  confused: ['confused', 'lost', 'puzzled', 'nalilito', 'naguguluhan'],
  anxious: [
    'anxious',
    'nervous',
    'worried',
    'stressed',
    'scared',
    'kinakabahan',
    'nagaalala',
    'balisa',
    'takot',
  ],
  tired: ['tired', 'sleepy', 'exhausted', 'drained', 'pagod', 'inaantok', 'puyat'],
  frustrated: ['frustrated', 'struggling', 'discouraged', 'upset', 'naiinis', 'nahihirapan', 'nadidismaya'],
  bored: ['bored', 'unmotivated', 'naiinip', 'nababagot', 'inip'],
};

/** Every feeling a message states, in the table's order. */
export function feelingsIn(folded: string): EmotionalCue[] {
  return (Object.entries(FEELING_CUES) as [EmotionalCue, RegExp[]][])
    .filter(([, patterns]) => patterns.some((p) => p.test(folded)))
    .map(([cue]) => cue);
}

/** The state a summary names first, or null ("The student seems tired and confused" → tired). */
export function namedState(folded: string): EmotionalState | null {
  let best: { at: number; state: EmotionalState } | null = null;
  for (const [state, names] of Object.entries(STATE_NAMES) as [EmotionalState, string[]][])
    for (const name of names) {
      const at = folded.search(new RegExp(`\\b${name}\\b`));
      if (at >= 0 && (best === null || at < best.at)) best = { at, state };
    }
  return best?.state ?? null;
}
