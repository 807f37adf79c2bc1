/**
 * The words the crisis check reads, by what they mean. English, Filipino and Taglish sit side by side; Filipino
 * verbs are listed by root and affix and conjugated here (infinitive, contemplated, progressive, completed), so
 * "magpakamatay", "magpapakamatay", "nagpapakamatay" and "papakamatay" come from one entry.
 */

type Affix = 'mag' | 'ma' | 'um' | 'in' | 'an' | 'i';
export type Aspect = 'infinitive' | 'contemplated' | 'progressive' | 'completed';

/** The first syllable, repeated for the contemplated and progressive aspects ("laslas" → "la"). */
function syllable(root: string): string {
  return /^[^aeiou]*[aeiou]/.exec(root)?.[0] ?? root.slice(0, 1);
}

/** The forms of a Filipino verb, by aspect (with the colloquial contemplated form without "mag": "papakamatay"). */
export function conjugate(root: string, affix: Affix): Record<Aspect, string[]> {
  const cv = syllable(root);
  const vowelFirst = /^[aeiou]/.test(root);
  const infix = (rest: string) => (vowelFirst ? `um${rest}` : `${root[0]}um${rest.slice(1)}`);
  const inInfix = (rest: string) => (vowelFirst ? `in${rest}` : `${root[0]}in${rest.slice(1)}`);
  const suffix = /[aeiou]$/.test(root) ? 'hin' : 'in';
  // A suffix raises the root's last "o" to "u" and turns a final "d" to "r": inom → inumin, lunod → lunurin.
  const suffixed = root.replace(/o(?=[^aeiou]*$)/, 'u').replace(/d$/, 'r') + suffix;
  switch (affix) {
    case 'mag':
      return {
        infinitive: [`mag${root}`],
        contemplated: [`mag${cv}${root}`, `${cv}${root}`],
        progressive: [`nag${cv}${root}`],
        completed: [`nag${root}`],
      };
    case 'ma':
      return {
        infinitive: [`ma${root}`],
        contemplated: [`ma${cv}${root}`],
        progressive: [`na${cv}${root}`],
        completed: [`na${root}`],
      };
    case 'um':
      return {
        infinitive: [infix(root)],
        contemplated: [`${cv}${root}`],
        progressive: [infix(`${cv}${root}`)],
        completed: [infix(root)],
      };
    case 'in':
      return {
        infinitive: [suffixed],
        contemplated: [`${cv}${suffixed}`],
        progressive: [`ni${cv}${root}`, inInfix(`${cv}${root}`)],
        completed: [`ni${root}`, inInfix(root)],
      };
    case 'an': {
      const stem = root.replace(/o$/, 'u');
      return {
        infinitive: [`${stem}an`],
        contemplated: [`${cv}${stem}an`],
        progressive: [inInfix(`${cv}${stem}an`)],
        completed: [inInfix(`${stem}an`)],
      };
    }
    case 'i':
      return {
        infinitive: [`i${root}`],
        contemplated: [`i${cv}${root}`],
        progressive: [`i${inInfix(`${cv}${root}`)}`],
        completed: [`i${inInfix(root)}`],
      };
  }
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Every form of each verb, or only some aspects. */
function verbs(entries: [string, Affix][], aspects?: Aspect[]): string[] {
  return entries.flatMap(([root, affix]) => {
    const forms = conjugate(root, affix);
    return (aspects ?? (Object.keys(forms) as Aspect[])).flatMap((a) => forms[a]);
  });
}

/** Killing oneself, as a Filipino verb or an English stem a Filipino prefix takes ("mag-suicide"). */
const SELF_KILLING: [string, Affix][] = [
  ['pakamatay', 'mag'],
  ['patiwakal', 'mag'],
  ['suicide', 'mag'],
  ['bigti', 'mag'],
  ['laslas', 'mag'],
  ['laslas', 'in'],
  ['laslas', 'i'],
  ['overdose', 'mag'],
  ['od', 'mag'],
  ['selfharm', 'mag'],
  ['unalive', 'mag'],
  ['unalive', 'i'],
  ['kms', 'mag'],
  ['lason', 'mag'],
  ['pasagasa', 'mag'],
  ['pakalunod', 'mag'],
];

/** Cutting the skin: only a crisis on the body ("nag-cut ako ng klase" is skipping class). */
const CUTTING: [string, Affix][] = [
  ['cut', 'mag'],
  ['hiwa', 'mag'],
  ['hiwa', 'in'],
  ['hiwa', 'an'],
  ['gilit', 'in'],
  ['sugat', 'in'],
  ['sugat', 'an'],
];

export const LEXICON = {
  /** The student as subject or owner. */
  FIRST: words('i im ive id ill me my myself mine ako ko kong akong akin aking sarili'),
  /** Someone else as the subject: the message reports them ("gusto niyang", "she wants", "si Elias"). */
  OTHER: words(
    `he she they hes shes theyre him her them his their niya niyang nila nilang siya sila si ni mo mong ka kayo
    you your yourself someone somebody people tao character tauhan friend kaibigan classmate kaklase`,
  ),
  /** Negation. */
  NEG: words('not dont never didnt doesnt wont isnt arent wasnt werent no hindi di huwag wag walang'),
  /** Not wanting, in one word. */
  NOTWANT: words('ayoko ayokong ayaw ayoq'),
  /** Wanting, wishing, planning, intending. */
  WANT: [
    ...words(
      `want wish wished hope hoping plan planning planned thinking think thought considering decided ready
      tempted going will ill might should feel feeling urge gusto gustong gustuhin sana balak plano planong
      pinaplano nais nagbabalak binabalak gugustuhin rather try tried trying attempt attempted subukan susubukan
      sinubukan sinusubukan pinagiisipan pinagisipan`,
    ),
    ...verbs([
      ['attempt', 'mag'],
      ['tangka', 'mag'],
      ['isip', 'mag'],
      ['isip', 'in'],
      ['isip', 'ma'],
    ]),
  ],
  /** Words a gap between the parts of a phrase may hold ("gusto ko na lang talaga", "want to just"). */
  FILLER: words(
    `na nang ng lang talaga talagang just really so to already honestly literally seriously simply kinda like ko
    kong q ako i im me my ive id ill am is are was were be been had have has pa naman siguro sigurong tuluyan tuluyang keeps keep always lagi palagi maybe probably
    actually truly badly right now ngayon kaya din rin nga eh go get also even still sometimes minsan ulit
    again anyway anyways very too sobrang sobra totally all ever how of about ang sa para commit committing own aking akong anymore could would will can pang dito being po opo lowkey kinda tbh ngl fr mas dati noon kanina kagabi`,
  ),
  /** Ceasing to live, as what is wanted ("want to die", "gusto ko nang mamatay / mawala"). */
  DIE: [
    ...words('die dying dead death disappear disappearing disappeared vanish vanished gone patay'),
    ...verbs([
      ['matay', 'ma'],
      ['wala', 'ma'],
      ['laho', 'mag'],
      ['disappear', 'mag'],
      ['vanish', 'mag'],
      ['die', 'mag'],
    ]),
  ],
  /** Dying as what will happen ("mamamatay na lang ako"). */
  DIE_SOON: verbs(
    [
      ['matay', 'ma'],
      ['wala', 'ma'],
      ['laho', 'mag'],
    ],
    ['contemplated'],
  ),
  /** Where a "disappear from …" or "mawala sa …" goes that is not life: a chat, a class, a photo. */
  ONLINE: words(
    `chat gc groupchat group facebook fb ig instagram tiktok twitter social media online internet class klase picture
    photo video game minecraft roblox fortnite ml socmed offline`,
  ),
  /** The infinitive: what is wanted ("gusto kong magpakamatay"). */
  ACT_INFINITIVE: [...words('suicide unalive overdose od'), ...verbs(SELF_KILLING, ['infinitive'])],
  /** Acts the student says they will do, are doing or did (with "ako"): every aspect but the infinitive. */
  ACT_DONE: [
    ...words('overdosed odd unalived'),
    ...verbs(SELF_KILLING, ['contemplated', 'progressive', 'completed']),
  ],
  /** Always a crisis in the student's mouth, whatever the grammar around it. */
  STRONG: words('kms sewerslide unalive unaliving suicidal selfharm selfharming'),
  /** Harming someone; with "myself" / "sarili ko", oneself. */
  HARM: [
    ...words(
      `kill killing hurt hurting harm harming stab stabbing burn burning punish punishing starve starving hang
      hanging strangle drown drowning poison unalive cut cutting slit slitting off end ending scratch scratching
      burned burnt stabbed hit hitting punched punching choked drowned starved scratched`,
    ),
    ...verbs([
      ['sakit', 'in'],
      ['saksak', 'in'],
      ['patay', 'in'],
      ['sunog', 'in'],
      ['bigti', 'in'],
      ['lunod', 'in'],
      ['lason', 'in'],
      ['sakal', 'in'],
      ['parusa', 'in'],
      ['sugat', 'an'],
      ['hiwa', 'an'],
    ]),
    ...words('saktan sasaktan sinasaktan sinaktan'),
  ],
  REFLEXIVE: words('myself sarili'),
  CUT: [...words('cut cutting cuts slit slitting laslas'), ...verbs(CUTTING), ...verbs([['laslas', 'mag']])],
  BODY: words(
    'arm arms wrist wrists leg legs thigh thighs skin braso pulso hita binti balat kamay katawan veins ugat',
  ),
  /** Getting hurt by accident. */
  ACCIDENT: words(
    `accident accidentally aksidente playing naglalaro laro while habang nadapa fell tripped paper cooking
    nagluluto basketball volleyball pe practice shaving football soccer kalaro game taekwondo sparring`,
  ),
  END: words('end ending iend magend tapusin tatapusin matapos wakasan wawakasan take taking'),
  /** What ending means taking one's life. */
  LIFE: words('life buhay'),
  EVERYTHING: words('everything lahat all'),
  LIVE: words(
    `live living exist existing alive wake magwake magexist maglive gumising magising magigising mabuhay mabubuhay gigising
    breathing huminga`,
  ),
  STOP: words('stop cease quit tumigil huminto magstop titigil hihinto'),
  GIVE_UP: words('sumuko suko susuko give bumitaw bibitaw'),
  POINTLESS: words('pointless meaningless worthless walang kwenta'),
  /** Being worth nothing, said of oneself ("I'm worthless", "wala akong silbi"). */
  WORTHLESS: words('worthless useless disappointment failure pabigat palpak'),
  WORTH: words('silbi silbing kwenta kwentang kuwenta kuwentang halaga saysay pakinabang'),
  /** Nobody needing the student ("the world doesn't need me"). */
  NEEDS: words('need needs want wants kailangan'),
  /** What a "what's the point of living …" question is about instead. */
  LIVING_THINGS: words('things organisms beings bagay cells'),
  NOBODY: words('nobody noone walang wala anyone anybody sino'),
  CARE: words(
    `care cares cared notice notices miss mourn cry makakapansin mapapansin makakamiss mamimiss mamiss hahanapin iiyak maghahanap
    hahanap pakialam malulungkot magmamahal`,
  ),
  /** Who would not miss the student: "di na nila ako mamimiss", "they won't even notice". */
  THEY: words('nila they anyone nobody kayo niyo ninyo you everyone'),
  GOD: words('lord god diyos panginoon bathala jesus'),
  LAUGHING: words('haha hahaha hehe lol lmao charot char joke jk biro'),
  TIRED: words('tired pagod sawa sick suko nakakapagod nakakasawa'),
  LIVING: words('living life buhay mabuhay world mundo mundong alive'),
  NOTHING: words('no nothing wala walang lost nawalan'),
  REASON: words('reason rason point saysay silbi kwenta kuwenta dahilan purpose sense will gana desire'),
  BORN: words('born ipinanganak pinanganak isinilang nabuhay ipanganak iniluwal exist existed nagexist'),
  ABORTED: words('aborted pinalaglag ipinalaglag nilaglag ipinaabort'),
  /** Going on (with life, when nothing else follows). */
  CONTINUE: words('magpatuloy ituloy tumuloy continue'),
  /** Keeping something back for later: pills saved up. */
  HOARD: words(
    'saved saving stockpiling hoarding collecting ipon iniipon inipon iipunin tinatago itinatago nakatago tinago hidden hiding',
  ),
  WISHING: words('wish sana hope sanay'),
  /** Joining someone who died. */
  FOLLOW: words('sumunod susunod sundan susundan sumama makasama makapiling samahan sasamahan'),
  DEAR: words(
    `kay kanya kaniya kanila siyang siya syang sya lola lolo mama papa nanay tatay inay itay kuya ate mommy daddy mom dad
    lolas lolos grandpa grandma granny heaven langit`,
  ),
  BE_WITH: words('with join follow there makasama makapiling sumunod sundan samahan sasamahan'),
  HEAVEN: words('heaven langit'),
  BURDEN: words('burden pabigat pasanin perwisyo abala istorbo'),
  /** Being killed by an accident, as a wish ("sana masagasaan na lang ako"). */
  STRUCK: words('maaksidente masagasaan mabangga madisgrasya'),
  SUFFERING: words('suffering paghihirap pagdurusa'),
  BETTER: words(
    'better happier happy mabuti mabuting masaya masasaya okay ok fine gagaan magaan easier quieter calmer tahimik',
  ),
  FAREWELL: [...words('goodbye paalam farewell'), ...verbs([['paalam', 'mag']])],
  /** The last time, as a goodbye says it: "last message", "huling gabi ko na ito". */
  LAST: words('last final huling huli'),
  THANKS: words('thanks thank salamat sorry patawad'),
  /** Asking that a message be passed on: "please tell my mom …", "pakisabi kay nanay …". */
  TELL: words('tell pakisabi sabihin sabihan pakisabihan'),
  /** Who a last message goes to. */
  FAMILY: words(
    `mom mommy mama mother nanay inay dad daddy papa father tatay itay family pamilya parents magulang kuya
    ate bunso lola lolo kapatid sister brother everyone lahat friend friends bestfriend bff bestie kaibigan`,
  ),
  /** What a last message asks: forgiveness. */
  APOLOGY: words('sorry patawad patawarin pasensya forgive'),
  /** A letter left behind. */
  LETTER: words('letter letters note notes liham sulat sinulat sinulatan isinulat nagsulat sumulat'),
  /** Never to be seen or heard again. */
  SEE: words('see hear makikita makita makakita makakausap maririnig'),
  AFTER: words('after pagkatapos again ulit anymore forever'),
  AUDIENCE: words('inyo inyong kayong everyone all guys world mundo forever habambuhay'),
  SEE_YOU: words('see bukas tomorrow later mamaya next class ulit'),
  GIVE: [
    ...words('give giving gave given'),
    ...verbs([
      ['bigay', 'i'],
      ['bigay', 'in'],
      ['bigay', 'mag'],
      ['pamigay', 'i'],
      ['pamigay', 'mag'],
    ]),
    ...words('ipapamigay ipinapamigay binibigay'),
  ],
  BELONGINGS: words('stuff things belongings gamit'),
  /** One thing a student treasures, or a pet they look after: given away, a warning sign (signs.ts). */
  TREASURED: words(
    `collection damit clothes books libro gitara guitar laptop phone cellphone cat dog pet pets aso pusa alaga
    tuta kuting xbox switch console games plushies bike headphones sketchbook sketchbooks`,
  ),
  /** Made ready: a rope "nakaready na", "handa na". */
  READY: words('ready nakaready handa nakahanda prepared setup nakaset'),
  /** A time ahead that the student says they will not live to: "hindi na ako aabot ng pasko". */
  HORIZON: words(
    `pasko christmas birthday bday kaarawan graduation grad newyear bagong taon summer bakasyon next susunod
    month buwan year taon week linggo`,
  ),
  /** Going away, as what will happen: "ako na lang ang aalis", "mawawala na ako". */
  GONE_SOON: [
    ...words('aalis lalayo lalisan'),
    ...verbs(
      [
        ['wala', 'ma'],
        ['laho', 'mag'],
      ],
      ['contemplated'],
    ),
  ],
  /** How good something would feel: "ang sarap mawala", "it would be peaceful". */
  RELIEF: words('sarap masarap nice peaceful ginhawa giginhawa relief relaxing'),
  /** Someone alive and busy: a parent working abroad is missed, not mourned. */
  LIVES_ON: words(
    `works working work nagtatrabaho nagwowork trabaho abroad ofw seaman barko studying nagaaral lives nakatira`,
  ),
  /** Crying or grieving over someone: "wag nyo na akong iyakan", "don't cry for me". */
  CRY: [
    ...words('cry crying sad malungkot magluksa'),
    ...verbs([
      ['iyak', 'um'],
      ['iyak', 'an'],
    ]),
  ],
  /** A wound that stays: scars, cuts, bruises. */
  WOUND: words('scar scars peklat cuts bruises pasa sugat marks'),
  /** Enough of a means: "there's enough", "sapat na". */
  ENOUGH: words('enough sapat sasapat'),
  /** Fighting on, which the student is tired of: "pagod na akong lumaban". */
  FIGHTING: words('fighting lumaban laban lumalaban trying magtry pretending magpanggap'),
  /** One's own funeral or wake, imagined. */
  FUNERAL: words('funeral burial wake burol lamay libing libingan kabaong coffin casket'),
  /** Being spared what hurts: "at least I won't have to", "hindi na ako mahihirapan". */
  SPARED: words('mahihirapan maghihirap masasaktan magdurusa maiistress'),
  /** A term, a school or a class that ends: a goodbye to it is not a goodbye to life. */
  SCHOOL_ENDING: words(
    `semester sem schoolyear sy graduation graduating graduate moving lilipat lumipat transfer transferring
    bakasyon vacation summer sembreak christmasbreak break`,
  ),
  /** A day or a week one is away for: "I won't be here tomorrow", "gone next week". */
  BACK_SOON: words(
    `tomorrow tmrw bukas later mamaya monday tuesday wednesday thursday friday saturday sunday weekend lunes martes
    sabado week`,
  ),
  /** For now: "my last message for today", "muna". */
  FOR_NOW: words('today tonight now muna ngayon ngayong mamaya later year sem semester'),
  /**
   * Something given away because it is old, replaced or outgrown: "my old phone", "lumang damit", "lumaki na
   * ako, di na kasya", a donation drive.
   */
  REPLACED: words(
    'old luma lumang used outgrown lumaki kasya fit fits small maliit masikip donation donate donated donating new upgrade',
  ),
  /** Looking something up: a method researched. */
  SEARCHED: words(
    'searched search looked googled research researched nagsearch sinearch hinanap naghanap nireresearch',
  ),
  /** Reaching a time: "aabot", "make it to". */
  REACH: words('aabot abot makakaabot umabot abutin aabutin make'),
  NEED: words('need needing needed kailangan kakailanganin'),
  TAKE: [
    ...words('take took taking swallow swallowed drink drank drinking'),
    ...verbs([
      ['inom', 'um'],
      ['inom', 'in'],
      ['lunok', 'in'],
      ['lunok', 'um'],
    ]),
  ],
  PILLS: words(
    'pills pill meds medicine medicines gamot tabletas tableta biogesic paracetamol neozep ibuprofen tylenol antidepressants',
  ),
  LETHAL: words('lethal deadly fatal nakakamatay nakamamatay makakamatay overdose'),
  /** Asking about a dose: "how many … should I take". */
  DOSE: words('ilang ilan much'),
  LEAVE: words('leave umalis lisanin iwan iwanan lumisan'),
  POISON: words('poison lason bleach muriatic zonrox pesticide insecticide'),
  AMOUNT: words('all lahat bunch many maraming lots whole entire bottle bote banig dozen isang sobrang'),
  JUMP: [...words('jump jumping jumped magjump talon'), ...verbs([['talon', 'um']])],
  /** Falling, or letting oneself fall. */
  FALL: [...words('fall falling drop dropping'), ...verbs([['hulog', 'ma']]), ...verbs([['pahulog', 'mag']])],
  /** Jumping or falling as what the student will do ("tatalon na ako", "magpapahulog ako"). */
  JUMP_SOON: [
    ...words('magjujump'),
    ...verbs([['talon', 'um']], ['contemplated']),
    ...verbs([['pahulog', 'mag']], ['contemplated']),
  ],
  /** Where one jumps from, or in front of. */
  HEIGHT: words(
    `bridge building roof rooftop tulay bintana window gusali bangin cliff balcony ledge tower floor palapag bubong
    bubungan terrace train
    tren truck trak bus jeep jeepney car kotse sasakyan traffic`,
  ),
  ROPE: words('rope lubid tali'),
  /** Getting hold of something: "I bought a rope", "may lubid na ako". */
  GET: words(
    'got get bought buy have has may meron mayroon bumili binili nakabili bibili nabili kumuha kinuha nakakuha',
  ),
  /** What something is for ("a rope for PE", "lubid para sa sampayan"): not a preparation. */
  FOR: words('for para pang pangsampay sampayan project as bilang'),
  /** A means of dying one can keep, choose or make ready: a rope, a blade, poison, a bridge. */
  MEANS: words(
    'rope lubid blade blades razor labaha poison lason bleach muriatic zonrox bridge tulay rooftop bangin cliff',
  ),
  /** Keeping, choosing or making ready. */
  PREPARE: words(
    `keep kept keeping have got bought picked chose chosen pinili napili binili nabili dala dinala tinatago
    nakatago tinago hid hidden ready handa nakahanda nakaready prepared`,
  ),
  HANGING: words('neck leeg kisame ceiling hang bigti magbigti'),
  REST: words('sleep asleep rest matulog magpahinga mamahinga tulog pahinga magsleep magrest'),
  FOREVER: words('forever habambuhay tuluyan tuluyang permanently eternally eternal'),
  /** "mamatay sa kakatawa", "die of boredom": a figure of speech. */
  IDIOM: words(
    `kakatawa katatawa tawa kilig hiya kahihiyan inip boredom bored embarrassment laughter laughing cringe takot
    fear kaba excitement kacutan cuteness init lamig inggit selos antok`,
  ),
  /**
   * Everyday things a student "dies" of in jest ("mamatay na ako sa traffic haha", "this exam is killing me
   * lol"): with a laugh they mark hyperbole.
   */
  EVERYDAY: words(
    `exam exams quiz quizzes test tests homework hw assignment assignments project projects deadline deadlines
    traffic trapik teacher math physics chemistry chem thesis recitation report reports requirements grades
    grade school klase class pila line lines init heat commute jeep crush hiya kahihiyan ulam pasado pumasa
    nakapasa passed score`,
  ),
  /** What a "song" or "story" question quotes is not the student speaking. */
  WORK: words(
    `song kanta lyrics lyric liriko poem tula story kwento kuwento book libro novel nobela movie pelikula
    character tauhan line linya quote`,
  ),
  /** Something else as the subject after a Filipino verb ("mamatay ang halaman"). */
  SUBJECT_MARKER: words('ang si yung ung mga'),
  /** Where or when, qualifying living or waking: "live in Manila", "wake up late", "end it with him". */
  PLACE: words('in at with near here there to late early maaga tanghali'),
  /** A time of day after waking ("wake up this morning", "magising ng maaga"): not waking ever again. */
  TIME_OF_DAY: words('early late maaga tanghali morning umaga kanina alarm agad hour oras'),
  /** Harm done to the speaker, Filipino object focus ("binubugbog ako", "sinampal ako ni mama"). */
  ABUSED: [
    ...verbs(
      (
        'bugbog sampal palo suntok sipa galaw molestiya gahasa abuso paso sakal kulong gutom tadyak sabunot latigo hampas'.split(
          ' ',
        ) as string[]
      ).map((root): [string, Affix] => [root, 'in']),
      ['contemplated', 'progressive', 'completed'],
    ),
    ...verbs([['hipo', 'an']], ['contemplated', 'progressive', 'completed']),
    ...words('sinasaktan sinaktan sasaktan pinagbabantaan pinagbantaan'),
  ],
  /** Touching, which is abuse on a private part. */
  TOUCHED: verbs([['hawak', 'an']], ['contemplated', 'progressive', 'completed']),
  PRIVATE: words('maselang maselan maseselang private pribado ari dede puwet dibdib katawan'),
  /** Harm done to the speaker, English. */
  ABUSE_EN: words(
    `hits hit beats beat punches punched slaps slapped kicks kicked chokes choked burns burned abuses abused
    touches touched molests molested rapes raped whips whipped hurts locks locked starves starved threatens
    hitting beating punching slapping kicking choking burning touching locking starving threatening
    threatened strangles lock punch slap kick choke burn abuse touch molest rape whip starve threaten`,
  ),
  /** Who abuses: family, adults, a stranger. */
  ADULT: words(
    `dad father papa tatay itay mom mother mama nanay inay stepdad stepfather stepmom stepmother uncle tito tiyo
    aunt tita tiya lolo lola grandpa grandma brother kuya sister ate cousin pinsan parents magulang teacher guro
    coach neighbor kapitbahay boyfriend girlfriend he she they someone stranger`,
  ),
  NUDES: words('nudes nude hubad naked'),
  HOME: words('home umuwi uuwi bahay'),
  FEAR: words('takot natatakot scared afraid'),
  /** Being away, which a trip or a day ahead makes ordinary ("I'll be gone next week, family trip"). */
  ABSENT: [
    ...words('gone away aalis lalayo disappear'),
    ...verbs([['wala', 'ma']], ['infinitive', 'contemplated']),
  ],
  /** Going somewhere and back: a day of absence, not a goodbye. */
  TRIP: words('trip vacation bakasyon outing travel biyahe byahe fieldtrip retreat camp probinsya province'),
  /** Blood, which a cut with it is on the body ("nagcut ako, ang daming dugo"). */
  BLOOD: words('blood bleeding bleed bled dugo dumugo dumudugo duguan'),
  /** What one says one deserves as a punishment: "I deserve to bleed", "dapat lang akong masaktan". */
  PAIN: [
    ...words(
      'bleed hurt pain suffer hungry starve starving die dead masaktan mahirapan magdusa magutom mamatay',
    ),
    ...words('sakit gutom'),
  ],
  DESERVE: words('deserve deserved deserves'),
  /** Looking after a pet or a person for someone who will not be there: "pakialagaan nyo si brownie". */
  TEND: words('alagaan ingatan pakainin pakialagaan pakiingatan pakipakain pakibantayan bantayan'),
  /** Telling on someone, which a threat forbids: "papatayin daw ako pag nagsumbong ako". */
  TELL_ON: words('magsumbong nagsumbong sumbong isumbong magsabi nagsabi tell told report sabihin sinabi'),
  /** A height one can stand at, without the vehicles of HEIGHT. */
  ELEVATED: words(
    `bridge building roof rooftop tulay bintana window gusali bangin cliff balcony ledge tower floor palapag bubong
    bubungan terrace edge railing`,
  ),
  /** How far down it is, remarked from a height: "ang taas pala", "the water is so deep". */
  DROP: words('taas lalim high deep down baba layo'),
  /** What one looks at from a height on an outing: the view. */
  SCENERY: words(
    'view ganda maganda amazing beautiful sunset pic pics picture selfie photo tanawin fireworks stars watching nanonood',
  ),
  /** An occasion a letter, a gift or a plan is for: not a goodbye. */
  OCCASION: words(
    `birthday bday surprise party anniversary valentines christmas pasko regalo gift celebration handaan reunion
    mothers fathers debut retiring retirement despedida`,
  ),
  /** Where a letter is hidden to be found later. */
  HIDING_SPOT: words('pillow unan drawer desk bed kama cabinet aparador closet locker wallet pitaka'),
  /** A letter or last instructions left to be found: "a note under my pillow", "mga bilin ko". */
  NOTE_LEFT: words('letter letters note liham sulat sinulat sinulatan bilin habilin'),
  /** Somewhere a person waits that is not the hereafter: "mom is waiting for me outside". */
  OUT_THERE: words('outside labas downstairs gate car kotse school mall home bahay canteen lobby'),
  HIDE: words('hid hidden hide hiding tinago itinago nakatago tinatago itatago'),
  /** Earlier, not now: "nasa tulay kami kanina". */
  PAST: words('kanina kahapon yesterday earlier kagabi dati noon nung last'),
  /** Erasing what one leaves online or on a phone: a sign only beside another ("so nobody remembers me"). */
  ERASE: words(
    `delete deleted deleting wipe wiped wiping deactivate deactivated deactivating erase erased cleared binura
    binubura buburahin burahin dinelete nidelete nadelete dinedelete nideactivate nadeactivate`,
  ),
  /** What is erased: accounts, photos, posts. */
  TRACES: words(
    `account accounts photos photo pictures pics posts post socials messages gallery litrato larawan profile fb ig
    tiktok instagram facebook twitter`,
  ),
  /** A day close ahead, as a plan's date: "bukas na", "tonight". */
  WHEN_SOON: words('tonight bukas tomorrow mamayang weekend sabado saturday sunday friday'),
  BLADE: words('razor blade blades labaha cutter'),
  /** Calming or numbing, what self-harm as coping does: "the only thing that calms me down". */
  COPE: words(
    `calms calm kalma nagpapakalma pampakalma nakakapagpakalma helps nakakagaan nagpapagaan nakakapagpagaan numbs
    gumagaan gumaan kumakalma kumalma nakakatulong`,
  ),
  /** Hitting one's head or oneself on purpose: "inuuntog ko ulo ko sa pader", "I bang my head". */
  BANG: [
    ...words('bang banging banged slam slamming smash smashing punch punching punched hit hitting'),
    ...verbs([
      ['untog', 'in'],
      ['untog', 'i'],
      ['umpog', 'in'],
      ['umpog', 'i'],
      ['suntok', 'in'],
      ['pukpok', 'in'],
    ]),
  ],
  /** What one hits: the head, or oneself. */
  HEAD: words('head ulo noo forehead sarili myself'),
  /** A child: who asks about a will or an inheritance as a child. */
  CHILD: words('kid kids child minor minors bata teen teens teenager underage estudyante student'),
  /** Music, which one bangs one's head to. */
  MUSIC: words('music musika song songs kanta beat rock metal concert'),
  /** An adult or an older person the student knows: who grooms a child. */
  GROOMER: words(
    'tutor coach tito tiyo uncle teacher guro sir trainer instructor adviser neighbor kapitbahay stranger pastor driver',
  ),
  /** A secret kept between two. */
  SECRET: words('secret secrets sikreto lihim'),
  /** Contact a groomer makes: at night, gifts, photos. */
  GROOMING: words(
    'night gabi midnight hatinggabi gift gifts regalo niregaluhan binibilhan pics photos pictures picture litrato selfie selfies',
  ),
  /** Many people at once: a class group chat or a team, not a secret between two. */
  GROUP: words('group gc groupchat class klase classmates everyone lahat team teammates squad'),
  /** A school event ahead one can be absent from: "I won't be around for the exam". */
  SCHOOL_EVENT: words(
    `exam exams finals midterms midterm periodical quarterly recognition graduation grad commencement intramurals
    intrams foundation recital prom promenade defense`,
  ),
  /** An ordinary reason to miss something: illness, an appointment, a wedding, a contest, being late. */
  EXCUSE: words(
    `sick lagnat fever trangkaso hospital ospital doctor doktor dentist appointment checkup wedding kasal competition
    contest tournament late traffic trapik`,
  ),
  /** Moving house or school: an absence that is a move. */
  MOVING: words(
    'moving move lilipat lumipat lipat transfer transferring transferee migrate migrating abroad',
  ),
  /** Choosing a day. */
  PICKED: words('picked pick chose chosen choose pinili napili nakapili pumili set decided nagdecide'),
  DATE: words('date day araw petsa'),
  /** Spoiling an occasion for others: "so I don't ruin it", "para hindi masira". */
  RUIN: words('ruin ruins ruining spoil spoiling masira masisira sirain sisirain'),
  /** People meeting for something: what a chosen date is usually for. */
  GATHERING: words(
    'party outing meeting meetup reunion wedding kasal celebration handaan despedida debut dinner lunch sleepover hangout rehearsal visit bisita dalaw',
  ),
  /** Talking to someone who cannot answer. */
  TALKED_TO: words('talk talking talked kinakausap kausap kinausap kakausapin nakikipagusap'),
  /** Where one talks to the dead: a photo, a grave, an urn. */
  MEMORIAL: words('picture photo pic litrato larawan grave puntod libingan urn abo tombstone'),
  /** Seeing each other again, being together. */
  REUNITE: words(
    'magkita magkikita magkakasama magkasama makakasama magsama makasama magsasama makikita see reunited together',
  ),
  /** Coming home from abroad or a trip: a reunion with the living. */
  RETURNING: words('uuwi umuwi galing arriving balikbayan flight babalik homecoming'),
  /** Asking for a method: "paano magpakamatay". */
  HOWTO: words('paano how'),
} satisfies Record<string, string[]>;

export type WordClass = keyof typeof LEXICON;
