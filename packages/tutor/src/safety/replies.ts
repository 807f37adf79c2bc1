import type { Hotline, Locale, SafetyCategory } from '../contract.ts';

/** What the tutor says, and whom it points to, when the safety check flags a message. */

const NCMH: Hotline = {
  name: 'NCMH Crisis Hotline',
  numbers: ['1553', '0917-899-8727', '0966-351-4518', '0908-639-2672'],
  hours: '24/7',
};
const EMERGENCY: Hotline = { name: 'Emergency', numbers: ['911'], hours: '24/7' };
const BANTAY_BATA: Hotline = { name: 'Bantay Bata', numbers: ['163'], hours: '24/7' };

/** Whom to call, by category, most urgent first. */
export const HOTLINES: Record<SafetyCategory, Hotline[]> = {
  self_harm: [NCMH, EMERGENCY],
  abuse: [BANTAY_BATA, EMERGENCY, NCMH],
  bullying: [],
  sexual: [BANTAY_BATA],
  personal_info: [],
};

const CRISIS_HOTLINES = `${NCMH.name}: ${NCMH.numbers[0]} (landline, toll-free), ${NCMH.numbers.slice(1).join(', ')}`;

export const REPLIES: Record<SafetyCategory, Record<Locale, string>> = {
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
export const INSULT: Record<Locale, string> = {
  en: "I can tell you're upset, and that's okay. Let's keep our words kind, though — to me and to classmates. Want to take a short break, or try this problem a different way?",
  fil: 'Ramdam kong naiinis ka, at okay lang iyon. Pero panatilihin nating mabait ang ating mga salita — sa akin at sa mga kaklase. Gusto mo bang magpahinga sandali, o subukan natin ito sa ibang paraan?',
};
