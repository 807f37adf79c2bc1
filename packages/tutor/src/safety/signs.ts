import type { Rule, Sign } from './rules.ts';

/**
 * Warning signs that are a crisis only together. Each alone is an everyday sentence ("hindi ko na kaya ang
 * math", "bye guys", "last na to promise", "I wrote letters for my family"); two kinds in one message are the
 * pattern suicide screens (ASQ, C-SSRS, the warning signs of the AAS) ask about: hopelessness, being a burden
 * or unwanted, better without me, imagining oneself gone, a last time, a farewell, sorry for everything,
 * preparing (letters, giving things away, arranging care), just in case, no more need, ending it, not waking,
 * relief or escape, being ready, wanting to be with someone who died or being awaited by them, missing someone,
 * standing at a height and remarking the drop, a plan set, a time when the family is out, a letter hidden to be
 * found, traces erased and nothing left to remember, a means at hand, and a day close ahead ("bukas na", which counts only beside a preparation or a farewell). crisis.ts
 * fires when two kinds meet.
 */
const sign = (kind: Sign, rules: Omit<Rule, 'id' | 'sign'>[]): Rule[] =>
  rules.map((r) => ({ ...r, id: kind, sign: kind }));

export const SIGNS: Rule[] = [
  ...sign('hopeless', [
    { parts: ['NEG ~ ko|q|i ~ kaya|kayang|kakayanin'], self: true, unguarded: true, guards: ['object'] },
    { parts: ['cant|cannot ~ do|take|handle ~ this|it ~ anymore'], self: true },
    { parts: ['im|ako|i ~ done'], guards: ['object'] },
    { parts: ['NOTWANT na'], guards: ['object'] },
    { parts: ['GIVE_UP ~ na? ~ ako|up'], self: true, guards: ['object'] },
    { parts: ['hopeless'], self: true },
    { parts: ['NOTHING|NEG ~ pagasa|hope|pag asa'], unguarded: true },
    { parts: ['TIRED ~ sa|of ~ EVERYTHING|LIVING'], self: true },
    { parts: ['TIRED ~ of? FIGHTING|waiting'], self: true },
    { parts: ['cant ~ keep ~ FIGHTING'], self: true },
    { parts: ['whats|what the point'] },
    { parts: ['no point'] },
    { parts: ['NOTHING ~ na|nang? REASON|WORTH|POINTLESS ~ EVERYTHING|LIVING'] },
    { parts: ['no|walang ~ way out'] },
    { parts: ['no|walang ~ escape|labasan|solusyon'] },
    { parts: ['wala|walang ~ akong? ~ matakbuhan|takbuhan|matakasan|malapitan'] },
  ]),
  ...sign('gone', [
    { parts: ['GONE_SOON ~ ako'], guards: ['elsewhere', 'figurative'] },
    { parts: ['ako|aq ~ GONE_SOON'], guards: ['elsewhere', 'figurative'] },
    // Leaving for good: "bago ako umalis for good", "I'm leaving forever".
    {
      parts: ['LEAVE|GONE_SOON|gone|leaving ~ for good'],
      self: true,
      guards: ['schoolEnding', 'trip', 'destination'],
    },
    {
      parts: ['LEAVE|GONE_SOON|gone|leaving ~ FOREVER'],
      self: true,
      guards: ['schoolEnding', 'trip', 'destination'],
    },
    {
      parts: ['if|kung|kapag|pag|once|when ~2 DIE|gone|wala|died ~ ako|i|me|na?'],
      self: true,
      guards: ['elsewhere'],
    },
    { parts: ['wala na ~ ako'], guards: ['elsewhere'] },
    { parts: ['my|ko|aking ~ own? FUNERAL'], self: true },
    { parts: ['FUNERAL ~ ko'] },
    { parts: ['NEG ~3 be here|around'], self: true, unguarded: true, guards: ['elsewhere', 'backSoon'] },
    {
      parts: ['if|kung|kapag|when|once ~2 NEG ~4 anymore|alive|forever'],
      self: true,
      unguarded: true,
      guards: ['schoolEnding'],
    },
    { parts: ['NEG ~2 SEE ~ me|ako'], self: true, unguarded: true, guards: ['elsewhere'] },
    { parts: ['NEG ~2 me|ako ~ SEE'], self: true, unguarded: true, guards: ['elsewhere'] },
  ]),
  ...sign('unwanted', [
    { parts: ['NOBODY ~ CARE'] },
    { parts: ['BURDEN'], self: true },
    { parts: ['WORTHLESS'], self: true },
    { parts: ['NOBODY ~ NEEDS ~ me|ako|akin'] },
    { parts: ['NOTHING ~ akong|ako|kong|ko|aq ~ WORTH'] },
    { parts: ['NEG ~ nila|they ~ ako|me ~ NEEDS'], unguarded: true },
    // The cause of the family's troubles: "ako ang dahilan ng lahat ng problema", "they fight because of me".
    {
      parts: [
        'im|ako|i ~ ang|the? ~ dahilan|reason|cause|ugat ~3 problema|problem|problems|gulo|away|fights',
      ],
    },
    {
      parts: [
        'fight|fights|fighting|away|nagaaway|argue|argues|arguing ~4 because of|dahil ~ sa? me|akin|sakin',
      ],
    },
    { parts: ['stop ~ being ~ a? problem|BURDEN'], self: true },
    // Others spared of the student: "you won't have to deal with me anymore".
    {
      parts: ['NEG ~ have|need ~ to? ~ deal|put|bother ~ up? with ~ me ~ anymore|again|na|ever'],
      unguarded: true,
      guards: ['schoolEnding', 'backSoon', 'trip', 'laughing'],
    },
  ]),
  ...sign('better without me', [
    { parts: ['mas|more|much|better ~ BETTER? ~ if|kung|kapag|pag'], self: true },
    { parts: ['mas|more ~ BETTER', 'if|kung|kapag|pag'], window: 6, self: true },
    { parts: ['relieved'], self: true },
    { parts: ['para|so ~ BETTER ~ kayo|sila|everyone|they|them|lahat|family|pamilya'] },
    { parts: ['para|so ~ NOTHING|no|tapos|matapos|solved ~ more? ~ problema|problem|problems|gulo|BURDEN'] },
  ]),
  ...sign('last time', [
    { parts: ['LAST na? ito|to|this'], guards: ['forNow', 'schoolEnding'] },
    { parts: ['this is it'], guards: ['forNow', 'schoolEnding'] },
    { parts: ['LAST ~ chat|text|post'], guards: ['forNow', 'schoolEnding'] },
    { parts: ['this is ~ the? LAST'], guards: ['forNow', 'schoolEnding'] },
    {
      parts: ['LAST ~2 LETTER|message|gabi|night|words|goodbye|day|araw'],
      guards: ['forNow', 'schoolEnding', 'ours'],
    },
  ]),
  ...sign('farewell', [
    { parts: ['FAREWELL'], guards: ['seeYou', 'schoolEnding'] },
    {
      parts: ['bye ~ sa? inyong|inyo|you? EVERYTHING|everyone|world|mundo|FOREVER'],
      guards: ['seeYou', 'schoolEnding'],
    },
    {
      parts: ['thanks|thank|salamat ~ you|u|po? ~ for|sa ~ EVERYTHING'],
      guards: ['ofSomething', 'schoolEnding'],
    },
    { parts: ['APOLOGY ~ to ~ everyone|everybody'], guards: ['schoolEnding'] },
    { parts: ['NEG na ~ mauulit'], unguarded: true },
    { parts: ['love|mahal ~ ko? kayo|you ~ all|lahat|everyone'], guards: ['schoolEnding'] },
    { parts: ['mahal ko kayo'], guards: ['schoolEnding'] },
    { parts: ['NEG ~3 CRY'], unguarded: true, guards: ['object'] },
  ]),
  ...sign('sorry for everything', [
    { parts: ['APOLOGY ~ for|sa ~ EVERYTHING'], guards: ['ofSomething', 'openEnded'] },
  ]),
  ...sign('preparing', [
    { parts: ['LETTER', 'FAMILY'], window: 8, self: true, guards: ['occasion'] },
    { parts: ['GIVE ~8 BELONGINGS|TREASURED'], self: true, guards: ['replaced'] },
    { parts: ['HOARD', 'PILLS'], window: 6, self: true },
    { parts: ['TEND ~ niyo|nyo|ninyo|mo ~ si|yung|ang'] },
    { parts: ['ikaw|kayo ~ na? ~ bahala ~ kay|si'] },
    { parts: ['look after|feed ~ my'] },
    { parts: ['take care of ~ my'] },
    { parts: ['LETTER', 'iniwan|left|ibigay|give'], window: 6, self: true },
    { parts: ['my|ko ~ password|passwords'], guards: ['replaced'] },
    // Things bequeathed: "she can keep my switch", "leaving my games to my brother".
    { parts: ['can|gets|get ~ have|keep? ~ my ~3 BELONGINGS|TREASURED'], guards: ['replaced'] },
    // Wanting someone to have them: "I want my sister to have my laptop", "gusto ko kay bunso mapunta".
    {
      parts: ['WANT ~4 have|keep|mapunta|makuha|mapasakanya ~ my|ang|yung? ~2 BELONGINGS|TREASURED'],
      self: true,
      guards: ['replaced'],
    },
    {
      parts: ['leaving|iiwan|iniiwan|iniwan ~ my|ko ~3 BELONGINGS|TREASURED', 'to|kay|for'],
      window: 6,
      self: true,
      guards: ['replaced'],
    },
    // Something left behind: "para may maiwan man lang", "something to leave behind".
    { parts: ['para|so ~ may|something|anything? ~ maiwan|maiiwan'] },
    { parts: ['something|anything ~ to? leave behind'], self: true },
    {
      parts: ['nakasulat|naisulat|sinulat|wrote|written ~ na? ~3 NOTE_LEFT'],
      self: true,
      guards: ['occasion'],
    },
  ]),
  ...sign('hidden', [
    { parts: ['NOTE_LEFT', 'HIDE'], window: 6, self: true, guards: ['occasion'] },
    {
      parts: ['NOTE_LEFT', 'under|ilalim|inside|loob|in|sa ~3 HIDING_SPOT'],
      window: 8,
      self: true,
      guards: ['occasion'],
    },
  ]),
  ...sign('planned', [
    {
      parts: ['READY|nakaplano|planado|naplano|planned|decided|desidido|set ~ na? ~ EVERYTHING'],
      guards: ['occasion', 'trip'],
    },
    {
      parts: ['EVERYTHING ~ is|are? ~ planned|set|decided|nakaplano|handa|ready'],
      guards: ['occasion', 'trip', 'object'],
    },
  ]),
  ...sign('alone', [
    {
      parts: [
        'habang|while|when|pag|kapag|once ~2 wala|out|away|asleep|tulog|umalis|gone ~ na? ~ sila|everyone|lahat',
      ],
      guards: ['occasion', 'trip'],
    },
    {
      parts: [
        'while|when|once|pag|kapag ~ they|theyre|everyone|everyones|nobody|nobodys|family|parents ~2 out|away|asleep|gone',
      ],
      guards: ['occasion', 'trip'],
    },
    { parts: ['pag|kapag|habang|when ~ walang tao'], guards: ['occasion', 'trip'] },
    { parts: ['house|home ~ is|will|be? ~ empty'], guards: ['occasion', 'trip'] },
  ]),
  // Access to a means: a rope, poison, a blade, or pills got in number ("bumili ako ng maraming paracetamol").
  ...sign('means', [
    { parts: ['ROPE|POISON|BLADE'], guards: ['forSomething', 'accident', 'occasion'] },
    { parts: ['GET|HOARD ~3 AMOUNT ~3 PILLS'], self: true, guards: ['forSomething', 'accident', 'dose'] },
  ]),
  ...sign('erasing', [
    { parts: ['ERASE ~4 TRACES'], guards: ['forNow', 'replaced', 'backSoon', 'occasion'] },
  ]),
  // Leaving nothing to be remembered by: "para wala nang maalala sakin", "so nobody remembers me".
  ...sign('forgotten', [
    {
      parts: ['para|so ~ wala|walang|nobody|noone|nothing ~ na|nang? ~ maalala|makaalala|remembers|remember'],
    },
    { parts: ['nothing ~ left ~ of ~ me'] },
    { parts: ['nothing ~ to ~ remember ~ me ~ by'] },
  ]),
  ...sign('soon', [
    { parts: ['WHEN_SOON gabi? na'], guards: ['continues', 'occasion'] },
    { parts: ['its|it ~ happening|happens ~ WHEN_SOON'], guards: ['occasion'] },
    { parts: ['WHEN_SOON ~ is|ang ~ the? night|day|gabi|araw'], guards: ['occasion'] },
  ]),
  ...sign('at a height', [
    {
      parts: ['nasa|nandito|andito|nakatayo|standing|on|at|sitting|nakaupo ~4 ELEVATED'],
      self: 'named',
      guards: ['scenery', 'occasion', 'laughing', 'past'],
    },
  ]),
  ...sign('looking down', [
    {
      parts: ['ang|so|sobrang|really|its ~ far? DROP', 'ELEVATED'],
      window: 12,
      guards: ['scenery', 'occasion', 'laughing', 'past'],
    },
  ]),
  ...sign('just in case', [
    { parts: ['in case'], guards: ['openEnded'] },
    { parts: ['sakali|sakaling'], guards: ['openEnded'] },
    { parts: ['in case ~ something|anything ~ happens'] },
    { parts: ['if ~ something|anything ~ happens ~ to? me'] },
    { parts: ['kung|pag|kapag ~ may ~ mangyari ~ sa? akin'] },
    { parts: ['sakali|sakaling ~ may? mangyari'] },
  ]),
  ...sign('no more need', [
    { parts: ['wont|will ~ NEG? ~ NEED'], self: true, unguarded: true, guards: ['replaced', 'forNow'] },
    { parts: ['NEG ~3 kakailanganin'], self: true, unguarded: true, guards: ['replaced', 'forNow'] },
    { parts: ['NEG ~ NEED ~ where|saan'], self: true, unguarded: true },
    { parts: ['NEED ~ it|them|those|iyon|yun ~ more than ~ me|ako'] },
  ]),
  ...sign('ending it', [
    { parts: ['END ~ ko|ako na ~ ito|to|lahat|everything'], guards: ['purpose'] },
    { parts: ['END it'], self: true, guards: ['purpose', 'place'] },
  ]),
  ...sign('not waking', [
    {
      parts: ['if|kung|sana|what ~4 NEG ~2 wake|magising|gumising|nagising'],
      unguarded: true,
      guards: ['timed'],
    },
  ]),
  ...sign('ready', [{ parts: ['im|ako|i ~ READY ~ now|na'], guards: ['object'] }]),
  ...sign('relief', [
    { parts: ['would|will ~ be? nice|peaceful|better|easier|good|great'] },
    { parts: ['RELIEF'], guards: ['object', 'laughing'] },
    { parts: ['at least'] },
    { parts: ['want|gusto ~ out'], self: true, guards: ['object'] },
    { parts: ['NEG ~ have|need to ~ deal|face|suffer|feel'], unguarded: true },
    { parts: ['NEG na ~ SPARED'], unguarded: true },
  ]),
  ...sign('with the dead', [
    {
      parts: ['WANT ~ go|be|punta|pumunta ~ where|nasaan|with ~ he|she|they|him|her|them|siya|sila|DEAR'],
      self: true,
      guards: ['livesOn'],
    },
  ]),
  ...sign('awaited', [
    // Following someone now: "susundan ko na si lola".
    {
      parts: ['FOLLOW ~ si|kay? DEAR'],
      self: true,
      guards: ['livesOn', 'elsewhere', 'backSoon', 'outThere'],
    },
    {
      parts: ['DEAR ~ is? ~ waiting|naghihintay|hinihintay ~ for? ~ me|ako|akin'],
      guards: ['livesOn', 'elsewhere', 'backSoon', 'outThere'],
    },
    {
      parts: ['hinihintay|naghihintay ~ na? ~ ako ~ ni|nina|si ~ DEAR'],
      guards: ['livesOn', 'elsewhere', 'backSoon', 'outThere'],
    },
  ]),
  ...sign('missing someone', [
    { parts: ['miss|namimiss|nammiss ~ si|kay|ang? DEAR|FAMILY'], self: true, guards: ['livesOn'] },
  ]),
];
