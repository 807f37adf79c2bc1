/** Phrases that name a tool outright. They outrank the classifier: a student who says "quiz" wants a quiz. */
export const TOOL_CUES: Record<string, RegExp> = {
  flashcard_generator:
    /\b(?:flash\s*-?\s*cards?|flashcard|flaschards?|flascards?|fashcards?|review cards?|memory cards?|drill cards?|study cards?|note ?cards?|index cards?|kards?|cards? (?:about|on|for|tungkol|ng|sa)|(?:\d+|some|ng|mga|of) cards?)\b/,
  quiz_generator:
    /\b(?:quiz(?:zes|zer)?|quizz?|kwiz|test me|exam me|drill me|pagsusulit|pasulit|mock (?:test|exam)|practice (?:test|exam|quiz)|i-?quiz|quiz(?:zin|hin)|tanungin mo ako|subukin mo ako|subukan mo ako|practice questions|(?:questions?|tanong|katanungan) (?:about|on|tungkol|ukol|sa|for)|(?:\d+|ilang|some|mga) (?:questions|tanong|items)|long test|check my understanding|assess me|test my knowledge|self-?test)\b/,
  note_maker:
    /\b(?:notes?|note-taking|reviewer|summary|summaries|summari[sz]e|summarise|buod|ibuod|buurin|i-?summarize|pa-?summarize|study guide|lecture notes|outline (?:of|for|on|ng|tungkol|about|sa)|(?:gawa\w*|gumawa|make|create|give|bigyan)\b[^.?!]*\b(?:an? )?outline|balangkas|talaan|tala tungkol|mabilisang review|quick review|review notes|reviewer sa|cheat ?sheet|isulat (?:mo )?ang mahalaga|mga mahalagang punto)\b/,
  concept_explainer:
    /\b(?:explain|explanation|what (?:is|are|was|were|does|do|happens)|what'?s|whats|why (?:is|are|do|does|did)|how (?:does|do|did|is|are|can)|define|definition|meaning of|means|ibig sabihin|kahulugan|ano (?:(?:ba|ulit|nga|po|daw|naman) )*(?:ang|yung|'?ng)|ano ba|anong|bakit|paano (?:gumagana|nangyayari|nabubuo|nagaganap)|paano (?:ba |po )?(?:(?:mag|mang|i)-?[a-z]{3,}|hanapin|kunin|gawin|sagutin|lutasin|malaman|makuha|isulat)|how to [a-z]{3,}|ipaliwanag|paliwanag|i-?explain|pa-?explain|paexplain|teach me|turuan mo ako|ituro|ituturo|tinuro|magturo|(?:akong |ako )?turuan|learn about|learn more about|want to know about|matuto(?:n)? (?:tungkol|ng|sa)|matutunan|gusto kong malaman|tell me about|describe|ilarawan|difference between|pagkakaiba|help me understand|help me (?:with|in|on)|tulungan mo (?:ako|kami) (?:sa|na)|patulong (?:po )?sa|intindihin)\b/,
  math_solver:
    /\b(?:solve|i-?solve|pa-?solve|pasolve|compute|calculate|evaluate|simplify|factori[sz]e|expand|differentiate|derivative of|find (?:the )?(?:value|x|y|gcd|gcf|lcm|roots?|sum|product|remainder|answer)|hanapin ang|kuwentahin|kwentahin|lutasin|sagutin mo ito|magkano|ilan ang|what is \d|how much is|how many \w+ (?:are )?in|how (?:many|much)|ilan(?:g)? (?:ang|lahat|pa)|gaano (?:katagal|kalayo|karami))\b/,
};

/** Asking for practice without naming a tool: a quiz ("I need practice on X", "kailangan ko ng practice sa X"). */
export const PRACTICE =
  /\b(?:practice|practise|practicing|mag-?practice|magpractice|magsanay|pagsasanay|sanayin)\b/;

/** Tools that produce a study artifact: when one is named, it wins over "explain" or an exercise. */
export const ARTIFACT_TOOLS = ['flashcard_generator', 'quiz_generator', 'note_maker'];

/** Small talk and messages that are not a learning request: these train the classifier's `none` class. */
export const CHIT_CHAT = [
  'hi',
  'hello there',
  'good morning',
  'good evening po',
  'thank you so much',
  'thanks!',
  'ok',
  'okay got it',
  'bye',
  'see you tomorrow',
  'who are you',
  'what is your name',
  'are you a robot',
  'how are you',
  'i like pizza',
  'nice, that helped',
  'lol',
  'haha ang galing mo',
  'kumusta ka',
  'magandang umaga po',
  'salamat po',
  'maraming salamat',
  'sige po',
  'paalam na',
  'sino ka',
  'ano pangalan mo',
  'tao ka ba',
  'wala lang',
  'hehe',
  'ayos',
  'galing naman',
  'bored ako',
  'nakakainip',
  'ano ginagawa mo',
  'good night po',
];
