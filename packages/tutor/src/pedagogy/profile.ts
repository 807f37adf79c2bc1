import type { Locale } from '../contract.ts';
import { masteryLevel, masterySummary } from './bkt.ts';

export type EmotionalCue = 'frustrated' | 'anxious' | 'tired' | 'confused' | 'confident';

/** "I'm (so) …", "feeling …": the student speaking about themself. */
const ME =
  "\\b(?:i'?m|i am|im|i feel|i'?m feeling|feeling|i'?m getting|getting|i'?m so|so|really|super|very)(?: so| really| very| super)?";

/** Phrases that signal how a student feels, in English, Filipino and Taglish (matched on folded text). */
const CUES: Record<EmotionalCue, RegExp[]> = {
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
  ],
  anxious: [
    /\bkinakabahan\b/,
    /\bkabado\b/,
    /\bnatatakot ako\b/,
    /\btakot (?:na )?ako\b/,
    new RegExp(`${ME} (?:nervous|anxious|worried|scared|afraid|stressed|panicking)\\b`),
    /\b(?:nervous|anxious|worried|scared|stressed) (?:na )?ako\b/,
    /\bna ?stress\b/,
    /\bstress na stress\b/,
    /\bbaka (?:bumagsak|ma ?bagsak|hindi ako pumasa)\b/,
    /\b(?:i'?ll|i will|i'?m going to|baka) fail\b/,
    /\bbabagsak (?:ako|na ako)\b/,
    /\bexam anxiety\b/,
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
  ],
  confused: [
    /\bnalilito\b/,
    /\bnaguguluhan\b/,
    /\bnakakalito\b/,
    new RegExp(`${ME} (?:confused|lost)\\b`),
    /\bconfused (?:na )?ako\b/,
    /\b(?:so|very|really|super) confusing\b/,
    /\bthis is confusing\b/,
    /\bi don'?t (?:get|understand)\b/,
    /\bi do not (?:get|understand)\b/,
    /\bdi ko (?:gets|ma ?gets|maintindihan|naiintindihan)\b/,
    /\bhindi ko (?:gets|ma ?gets|maintindihan|naiintindihan)\b/,
    /\bano daw\b/,
    /^huh\b/,
    /\blost na ako\b/,
    /\bmakes no sense\b/,
  ],
  confident: [
    /\bgets ko na\b/,
    /\bna ?gets ko na\b/,
    /\bkaya ko (na|to|ito)\b/,
    /\bmadali lang\b/,
    /\beasy lang\b/,
    /\bi got (it|this)\b/,
    /\bi understand now\b/,
    /\bnaiintindihan ko na\b/,
    /\bthat was easy\b/,
    /\btoo easy\b/,
    /\bi'?m ready\b/,
    /\bhanda na ako\b/,
    /\bconfident\b/,
  ],
};

const CUE_TEXT: Record<EmotionalCue, { en: string; fil: string }> = {
  frustrated: { en: 'frustrated', fil: 'naiinis o nahihirapan' },
  anxious: { en: 'anxious', fil: 'kinakabahan' },
  tired: { en: 'tired', fil: 'pagod' },
  confused: { en: 'confused', fil: 'nalilito' },
  confident: { en: 'confident', fil: 'kumpiyansa' },
};

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[-_]/g, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * How the student seems to feel, from their most recent messages (latest last). Only the last five messages
 * count, so a mood the student has moved past fades. Cues are reported most recent first.
 */
export function inferEmotionalState(
  recentStudentMessages: readonly string[],
  locale: Locale = 'en',
): { summary: string; cues: EmotionalCue[] } {
  const recent = recentStudentMessages.slice(-5).map(fold);
  const found: { cue: EmotionalCue; at: number; phrase: string }[] = [];
  recent.forEach((text, at) => {
    for (const [cue, patterns] of Object.entries(CUES) as [EmotionalCue, RegExp[]][]) {
      const hit = patterns.map((p) => text.match(p)).find((m) => m);
      if (hit) found.push({ cue, at, phrase: hit[0] });
    }
  });
  // A confident latest message outweighs older distress; older confidence does not hide new distress.
  const latest = new Map<EmotionalCue, { at: number; phrase: string }>();
  for (const f of found) latest.set(f.cue, { at: f.at, phrase: f.phrase });
  const confidentAt = latest.get('confident')?.at ?? -1;
  const cues = [...latest.entries()]
    .filter(([cue, f]) => cue === 'confident' || f.at >= confidentAt)
    .sort((a, b) => b[1].at - a[1].at)
    .map(([cue]) => cue);
  if (cues.length === 0)
    return {
      summary:
        locale === 'fil'
          ? 'Walang palatandaan ng hirap o pagkabalisa sa mga huling mensahe.'
          : 'No signs of distress in recent messages.',
      cues,
    };
  const words = cues.map((c) => CUE_TEXT[c][locale]);
  const evidence = cues.map((c) => `"${latest.get(c)?.phrase}"`).join(', ');
  const summary =
    locale === 'fil'
      ? `Mukhang ${words.join(' at ')} ang estudyante (${evidence}).`
      : `The student seems ${words.join(' and ')} (${evidence}).`;
  return { summary, cues };
}

/**
 * A mastery summary for `UserInfo.mastery_level_summary`, overall level first so planners can read it:
 * "Level 4 — developing (3 topics; strongest: Nouns L8; weakest: Photosynthesis L2)".
 */
export function masterySummaryFrom(
  pKnowns: Record<string, number>,
  options: { titles?: Record<string, string>; locale?: Locale } = {},
): string {
  const locale = options.locale ?? 'en';
  const entries = Object.entries(pKnowns).filter(([, p]) => Number.isFinite(p));
  if (entries.length === 0)
    return locale === 'fil'
      ? 'Antas 1 — nagsisimula pa lang (wala pang naitalang pagsasanay)'
      : 'Level 1 — just starting (no practice recorded yet)';
  const mean = entries.reduce((sum, [, p]) => sum + p, 0) / entries.length;
  const name = (id: string) => options.titles?.[id] ?? id;
  const sorted = [...entries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const strongest = sorted[0];
  const weakest = sorted[sorted.length - 1];
  const head = masterySummary(mean, locale);
  const parts = [locale === 'fil' ? `${entries.length} aralin` : `${entries.length} topic(s)`];
  if (strongest)
    parts.push(
      `${locale === 'fil' ? 'pinakamalakas' : 'strongest'}: ${name(strongest[0])} L${masteryLevel(strongest[1])}`,
    );
  if (weakest && entries.length > 1)
    parts.push(
      `${locale === 'fil' ? 'pinakamahina' : 'weakest'}: ${name(weakest[0])} L${masteryLevel(weakest[1])}`,
    );
  return `${head} (${parts.join('; ')})`.slice(0, 1000);
}
