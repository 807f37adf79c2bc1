import type { Subject } from '@aralin/content';

/**
 * Words that name a school subject or give one away, in English and Filipino: read by the embedded planner
 * to fill a tool's subject when the curriculum pack has no such topic.
 */

/** Words that name the subject outright ("math", "agham"). */
export const SUBJECT_WORDS: [RegExp, Subject][] = [
  [
    /\b(?:math|maths|mathematics|matematika|matematiks|algebra|geometry|geometri|calculus|statistics|trigonometry|arithmetic)\b/,
    'Mathematics',
  ],
  [
    /\b(?:science|agham|biology|biyolohiya|chemistry|kimika|physics|pisika|earth science|astronomy)\b/,
    'Science',
  ],
  [/\b(?:english|grammar|ingles|reading comprehension|literature class)\b/, 'English'],
  [/\b(?:filipino|tagalog|panitikan|wika)\b/, 'Filipino'],
  [
    /\b(?:araling panlipunan|social studies|history|kasaysayan|economics|ekonomiks|civics|heograpiya|geography|\bap\b)\b/,
    'Araling Panlipunan',
  ],
];

/** Words inside a topic phrase that give away its subject when the curriculum pack has no such topic. */
export const SUBJECT_TOPICS: [RegExp, Subject][] = [
  [
    /\b(?:equations?|fractions?|decimals?|percent\w*|numbers?|integers?|angles?|triangles?|polygons?|circles?|area|perimeter|volume|slope|functions?|polynomials?|factor\w*|ratio|proportion|probability|mean|median|mode|graphs?|derivatives?|integrals?|limits?|sequences?|series|matrix|matrices|vectors?|logarithms?|exponents?|radicals?|inequalit\w*|quadratic|linear|trigonometr\w*|sine|cosine|pythagorean|geometr\w*|algebra\w*|multiplication|multiply|addition|subtraction|division|divide|times tables?|place value|rounding|counting|measurement|bilang|hugis|anggulo|praksyon|pagpaparami|pagdaragdag|pagbabawas|paghahati|pagbilang)\b/,
    'Mathematics',
  ],
  [
    /\b(?:newton\w*|laws? of motion|tectonic\w*|planeta|mitosis|meiosis|cell division|cells?|atoms?|molecules?|elements?|compounds?|energy|forces?|motion|gravity|planets?|solar|stars?|galax\w*|moon|sun|earth\w*|volcano\w*|typhoons?|weather|climate|ecosystems?|plants?|animals?|organisms?|species|genes?|genetics|dna|evolution|photosynth\w*|respiration|digest\w*|circulat\w*|nervous|bones?|muscles?|blood|heart|lungs?|electric\w*|magnet\w*|light|sound|waves?|heat|temperature|matter|mixtures?|acids?|bases?|chemical\w*|reactions?|periodic|rocks?|soil|water cycle|\w*spheres?|fossils?|bacteria|virus\w*|flowers?|seeds?|roots?|leaf|leaves|skeleton|skeletal|organs?|tissues?|senses|bulaklak|buto|halaman|hayop|selula|enerhiya|bulkan|lindol|bagyo)\b/,
    'Science',
  ],
  [
    /\b(?:nouns?|verbs?|adjectives?|adverbs?|pronouns?|prepositions?|conjunctions?|sentences?|paragraphs?|essays?|grammar|tenses?|vocabulary|spelling|punctuation|idioms?|poems?|poetry|figurative|metaphors?|similes?|stor(?:y|ies)|reading comprehension|writing)\b/,
    'English',
  ],
  [
    /\b(?:pangngalan|panghalip|pandiwa|pang-uri|pang-abay|pangatnig|pang-ukol|hinuha|tayutay|pabula|alamat|maikling kuwento|sanaysay|talumpati|tula|panitikan|wika|ibong adarna|florante|noli|el fili\w*|salawikain|bugtong)\b/,
    'Filipino',
  ],
  [
    /\b(?:history|revolution|colonial\w*|period|occupation|pananakop|hapon|amerikano|kastila|espanyol|rebolusyon\w*|saligang batas|konstitusyon|government|constitution|economics?|supply|demand|rizal|bonifacio|aguinaldo|katipunan|martial law|edsa|asean|barangay|datu|kasaysayan|pamahalaan|rebolusyon|kolonyal\w*|ekonomiya|kultura|heograpiya|rehiyon|bayani|heroes?|presidents?|pangulo|anyong lupa|anyong tubig|landforms?|bodies of water)\b/,
    'Araling Panlipunan',
  ],
];

/** Lessons of the Filipino subject whose names would otherwise match their English counterparts. */
export const FILIPINO_TERMS =
  /\b(?:pangngalan|panghalip|pandiwa|pang-uri|pang-abay|pangatnig|pang-ukol|pang-angkop|hinuha|paghihinuha|tayutay|pabula|alamat|maikling kuwento|sanaysay|talumpati|tula|panitikan|ibong adarna|florante|noli|fili\w*|salawikain|bugtong|sanhi at bunga|pangunahing kaisipan|aspekto|pangungusap|bahagi ng pananalita|salitang[- ]ugat|panlapi|pantig|talata)\b/;

/** A subject named as a whole ("ang hirap ng math"): not a topic to explain. */
export const SUBJECT_ONLY =
  /^(?:(?:the\s+)?(?:math|maths|mathematics|matematika|science|agham|english|ingles|filipino|history|kasaysayan|araling panlipunan|ap|school|studying|pag-aaral|this|it|ito|lahat)\s*)+$/;

/** Each word without a plural ending: "ratios" → "ratio", "proportions" → "proportion". */
const singular = (phrase: string) => phrase.replace(/(\p{L}{3,}?)(?:es|s)\b/gu, '$1');

/** The subject a topic phrase gives away, as written or with its plurals dropped; null when none does. */
export function subjectOfPhrase(phrase: string): Subject | null {
  const forms = [phrase, singular(phrase)];
  const table = [...SUBJECT_WORDS, ...SUBJECT_TOPICS];
  return table.find(([pattern]) => forms.some((form) => pattern.test(form)))?.[1] ?? null;
}
