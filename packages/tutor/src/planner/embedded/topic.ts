import {
  classOf,
  contentWords,
  foldWord,
  REQUEST_WORDS,
  readReference,
  trimClassWords,
} from '../../lexicon/fillers.ts';
import { foldCase } from '../../lexicon/fold.ts';
import { parseCountWord } from './numbers.ts';

/** Finding what a message is about: the student's own phrase for the topic, cut free of the request around it. */

const LEADS: RegExp[] = [
  /^(?:(?:ok(?:ay)?|sige|ngayon|now|next|then|tapos|so)[\s,]+)*(?:naman[\s,]+)?(?:what about|how about|and|paano naman|ano naman|e|eh)\s+(?:ang |yung |sa |ng |the )?(.+)/,
  /\b(?:tungkol sa|tungkol|ukol sa|hinggil sa|patungkol sa|regarding|about|covering|concerning|on the topic of|topic(?: is)?:?)\s+(.+)/,
  /\bhow (?:(?:do|does|can|should|would) (?:you|i|we|one|they)|to) (?:find|solve|get|compute|calculate|add|subtract|multiply|divide|convert|simplify|use|write|graph|measure|identify|do)\s+(.+)/,
  /\bpaano (?:mag-?|mang-?|i-?)?(?:find|solve|compute|add|subtract|multiply|divide|convert|simplify|hanapin|kunin|sagutin|lutasin|isulat|gamitin)\s+(?:ng|ang|sa|yung)?\s*(.+)/,
  /\bwhat (?:does|do) (.+?) mean\b/,
  /\b(?:meaning|definition|method|way|steps?|rules?|formula) (?:of|for|to) (?:solving |finding |computing |getting )?(.+)/,
  /\bhow (?:does|do|did|is|are|can) (.+?) (?:work|works|happen|happens|form|forms|function|occur|affect|change)\b/,
  /\b(?:paano (?:gumagana|nangyayari|nabubuo|nagaganap)(?: ang)?)\s+(.+)/,
  /\b(?:difference between|pagkakaiba ng)\s+(.+)/,
  /\b(?:explain(?: to me)?|define|describe|teach me(?: about)?|tell me about|help me understand|what (?:is|are|was|were)|what'?s|whats|meaning of|why (?:is|are|do|does|did)|ipaliwanag(?: mo)?(?: sa akin)?(?: nang (?:detalyado|mabuti|maigi|simple|payak|maikli|malinaw|buo))?|i-?explain(?: mo)?(?: sa akin)?|pa-?explain(?: naman)?(?: po)?|paexplain(?: naman)?|paliwanag(?: sa| ng)?|kahulugan ng|ibig sabihin ng|ilarawan|turuan mo ako(?: ng| sa| tungkol sa)?|ano (?:(?:ba|ulit|nga|po|daw) )*(?:ang|yung|'?ng)|anong|bakit)\s+(.+)/,
  /\b(?:flash\s*-?\s*cards?|cards?|quiz(?:zes)?|notes?|reviewer|review|summary|buod|tanong|questions?|outline|items?|study guide|cheat ?sheet|test|exam|pagsusulit|problems?)(?:\s+(?:tomorrow|bukas|today|later|mamaya|next week|this week))?\s+(?:ng|sa|on|about|for|of|in|para sa|ang)\s+(.+)/,
  /\b(?:quiz|test|drill) me (?:on|in|about)\s+(.+)/,
  /\b(?:test|check|assess|measure) (?:my|our|what i|how much i) (?:knowledge|understanding|know|understand)(?: of| on| about| in)?\s+(.+)/,
  /\b(?:struggling (?:with|in)|(?:hard|tough|difficult) time (?:with|in|on)|failing (?:at|in)|memori[sz]e|confused (?:about|with|by)|stuck (?:on|with)|(?:don'?t|do not|can'?t|cannot) (?:get|understand)|lost (?:in|with)|(?:hirap|nahihirapan|nalilito|naguguluhan)(?: ako)? (?:sa|ng)|hindi ko (?:ma)?(?:intindihan|gets)(?: ang| yung)?|di ko (?:ma)?(?:intindihan|gets)(?: ang| yung)?|bad at|weak (?:at|in))\s+(.+)/,
  /\b(?:summari[sz]e|summarise|ibuod|i-?summarize)\s+(.+)/,
  /\b(?:review|study|aralin|pag-aralan|mag-review)\s+(?:ng |sa |ang |para sa )?(.+)/,
];

/** A correction after a first try: "…? hindi, …", "…, jk, …", "… actually, …", "… I mean …". */
const CORRECTION =
  /[?.!,;]\s*(?:hindi|no|nope|jk|joke lang|actually|i meant?|este|ay mali|mali)\b[\s,]*(.+)$/;

/** Where the topic phrase ends: the rest is about the request, the student or the deadline. */
const TAIL =
  /\s*(?:[?.!,;:()]|\b(?:for (?:my|our|the|a|an|me|us|tomorrow|next|grade|exam|test|quiz|class|homework|assignment|review)|because|since|so (?:that|i)|para (?:sa|ma\w*|makapag\w*|ako)|kasi|dahil|please|pls|plz|naman|po|lang|thanks?|thank you|salamat|with|without|that (?:are|is|has|have|will)|which|not|instead of|to (?:me|us)|(?<=\S\s)(?:yung|ang) (?:\w+ ){0,2}(?:ko|kong)|na (?:may|madali|mahirap|madadali|mahihirap|tig-?\w+)|in (?:bullet|outline|narrative|paragraph|simple|detail|depth|filipino|english|tagalog|taglish|points|short)|sa (?:bullet|outline|filipino|english|tagalog|simpleng)|then|and (?:then|make|give|quiz|also|some|more|explain|create|i|need|want)|help me|tulungan mo ako|instead|first(?=\s*$)|briefly|thoroughly|na lang|nalang|tapos|i (?:don'?t|do not|can'?t|am|have|need|want|'m)|i'?m|hindi ko|di ko|nahihirapan|nalilito|naguguluhan|before|bukas|tomorrow|next (?:week|class|exam)|sa (?:exam|test|quiz|klase)|using|gamit ang|at (?:gawin|gawan|bigyan|pagkatapos)|like (?:i'?m|a)|ng (?:mga )?(?:\d+|halimbawa|flashcards?|tanong)|(?:easy|hard|medium|difficult|simple|basic|madali|mahirap|katamtaman)(?: (?:ones|level|questions?|items?|version|na))?$|again|ulit|also|din|rin|muna|ha|eh|yung (?:madali|mahirap))\b)/;

const LEADING_NOISE =
  /^(?:(?:the|a|an|some|ang|mga|yung|'yung|iyong|si|ng|sa|ni|about|on|of|me|mo|ko|ba|ako|sa akin|akin|naman|po|nga|what|how|ano|na|nang (?:detalyado|mabuti|maigi|simple|payak|maikli|malinaw|buo) ang|concept of|topic of|lesson on|paksang|aralin sa|(?:my|our|the) (?:\w+ )?(?:exam|test|quiz|class|lesson) (?:on|in|about|sa)|(?:exam|test|quiz) ko sa|kahulugan ng|ibig sabihin ng|meaning of)\s+)+/;
const TRAILING_NOISE =
  /(?:\s+(?:topic|topics|lesson|lessons|concept|concepts|chapter|na topic|na aralin|na paksa|aralin|paksa|is|are|works?|means?|ba|po|naman|lang|ito|nga|please|pls|ko|mo|na|pa|again|ulit|was|were|does|do|form|forms|happen|happens|occur|occurs))+$/;

/** A count with its noun inside a phrase ("sampung tanong", "seven questions"): never part of a topic. */
const COUNTED = /\b([a-z']+)\s+(?:flash\s*cards?|cards?|questions?|items?|tanong|katanungan)\b/g;

function tidy(phrase: string): string {
  const lead = phrase.trim().replace(/\s+/g, ' ').replace(LEADING_NOISE, '');
  // "mo nga ulit yung newton's first law": the request's own words go before the tail is looked for.
  let out = trimClassWords(lead, ['feeling', 'part', 'reference', 'function'], 'start');
  const tail = TAIL.exec(out);
  if (tail && tail.index > 0) out = out.slice(0, tail.index);
  else if (tail && tail.index === 0) out = '';
  out = out
    .replace(COUNTED, (whole, n: string) => (parseCountWord(n) === null ? whole : ' '))
    .replace(/\b\d+\s*(?:flash\s*cards?|cards?|questions?|items?|tanong)\b/g, ' ');
  for (let i = 0; i < 3; i++) {
    out = out.trim().replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '').trim();
  }
  return out.replace(/^["'“”‘’]+|["'“”‘’]+$/g, '').trim();
}

function meaningful(phrase: string): boolean {
  const words = phrase.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > 8) return false;
  return words.some(
    (w) => w.length >= 3 && !REQUEST_WORDS.has(w) && parseCountWord(w) === null && /\p{L}/u.test(w),
  );
}

/** Linking a thing to what is said of it: "that WAS fun", "it IS cool"; "that's" and "it's" hold one. */
const COPULAS = new Set(['is', 'was', 'are', 'were', 'seems', 'looks', 'sounds', 'thats', 'its']);

/**
 * A clause that says something of the last result ("that was fun", "it's so cool", "ang saya nun"): it
 * names no topic. English puts the reference first, a copula after it; Filipino "ang", a word, the reference.
 */
function commentsOnLast(clause: string): boolean {
  const words = clause.split(/\s+/).filter(Boolean).map(foldWord);
  const [first = '', second = ''] = words;
  if (COPULAS.has(first)) return first === 'thats' || first === 'its';
  if (classOf(first) === 'reference' && COPULAS.has(second)) return true;
  return words.length === 3 && first === 'ang' && classOf(words[2] as string) === 'reference';
}

/** A clause that only rejects a topic: a negator, then the topic's words ("hindi verbs", "not the fractions"). */
function rejects(clause: string): boolean {
  const [first = '', ...rest] = clause.split(/\s+/).filter(Boolean).map(foldWord);
  const content = (w: string) => classOf(w) === null || classOf(w) === 'function';
  return (
    ['hindi', 'not', 'di'].includes(first) && rest.some((w) => classOf(w) === null) && rest.every(content)
  );
}

/**
 * The topic phrase a message states, lower-cased as written ("the water cycle" → "water cycle"),
 * or null when the message names none ("make me flashcards").
 */
export function extractTopicPhrase(message: string): string | null {
  const said = foldCase(message)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(?:pa|i|paki|mag|nag|na)-(?=[a-z])/g, '')
    .replace(/\b(\d+)-(?=\p{L})/gu, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
  const bare = (c: string) => c.replace(/[?.!,;]+$/, '');
  const clauses = said.split(/(?<=[?.!,;])\s*/).filter((c) => !commentsOnLast(bare(c)));
  // "hindi verbs, adjectives pala": the clause that rejects a topic leaves the one meant.
  const meaning = clauses.filter((c) => !rejects(bare(c)));
  const text = (meaning.length > 0 ? meaning : clauses).join(' ');
  if (!text) return null;
  // "flashcards sa dalawa? hindi, yung verbs lang": a correction names the topic meant.
  const corrected = CORRECTION.exec(text)?.[1];
  const meant = corrected ? extractTopicPhrase(corrected) : null;
  if (meant) return meant;
  let reference: string | null = null;
  for (const lead of LEADS) {
    const m = lead.exec(text);
    const captured = m?.[2] ?? m?.[1];
    if (!captured) continue;
    const phrase = topicOf(tidy(captured));
    if (phrase && !readReference(phrase)) return phrase;
    reference ??= phrase;
  }
  if (!reference) return remainderTopic(text);
  // A reference to what another clause names ("I keep forgetting the order of operations, can you explain it
  // again?") is that; a clause that names nothing else points into the conversation.
  const others = text.split(/[?.!,;]+/).filter((clause) => !clause.includes(reference as string));
  const named = others.length > 0 ? remainderTopic(others.join(', ')) : null;
  return named && !readReference(named) ? named : reference;
}

/** Without a lead: the content words of the text, the words of a request's classes left out. */
function remainderTopic(text: string): string | null {
  const words = text
    .replace(/[?.!,;:()]/g, ' ')
    .split(/\s+/)
    // Counts and scores are no topic ("10", "sampu", "3/5"); a year is ("the 1987 constitution").
    .filter((w) => /^\d{4}$/.test(w) || (w && !/^[\d.,/%]+$/.test(w) && parseCountWord(w) === null));
  const content = contentWords(words);
  const found = topicOf(tidy(trimClassWords(content.join(' '))));
  // Nothing of its own ("same but 10", "isa pa niyan"): the reference words are the topic, read back later.
  const referring = words.filter((w) => readReference(w)).join(' ');
  const bare = content.every((w) => classOf(w) === 'function' || readReference(w));
  return found ?? (bare && referring ? topicOf(referring) : null);
}

/** A phrase as a topic: a reference back as it is ("that", "yung una"), else without the request's words. */
function topicOf(phrase: string): string | null {
  if (readReference(phrase)) return phrase;
  const trimmed = trimClassWords(phrase);
  return meaningful(trimmed) ? trimmed : null;
}
