import { describe, expect, it } from 'vitest';
import { evaluateSafety, loadSafetyCases } from '../../eval/safety.ts';
import { crisisWords, detectCrisis } from '../../src/safety/crisis.ts';
import { conjugate } from '../../src/safety/lexicon.ts';

const cases = loadSafetyCases();

describe('the labelled crisis set', () => {
  it('is large, a third negatives, in English, Filipino and Taglish, in two splits', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => !c.crisis).length).toBeGreaterThanOrEqual(cases.length / 3);
    for (const lang of ['en', 'fil', 'taglish'])
      expect(cases.filter((c) => c.lang === lang).length, lang).toBeGreaterThanOrEqual(cases.length / 4);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it.each(['dev', 'test'])('split %s: crisis recall at least 0.98, false alarms at most 0.05', (split) => {
    const report = evaluateSafety(
      cases.filter((c) => c.split === split),
      split,
    );
    const errors = report.errors.map((e) => `${e.expected ? 'missed' : 'false alarm'}: ${e.text}`).join('\n');
    expect(report.overall.crisis).toBeGreaterThan(50);
    expect(report.overall.safe).toBeGreaterThan(50);
    expect(report.overall.recall, errors).toBeGreaterThanOrEqual(0.98);
    expect(report.overall.false_alarm_rate, errors).toBeLessThanOrEqual(0.05);
  });
});

describe('detectCrisis', () => {
  it.each([
    ['gusto ko na mag suicide', 'wants to kill self'],
    ['I feel like ending it all na, pagod na ako', 'end it all'],
    ['gustong-gusto ko nang mamatay', 'wants to die'],
    ['naglalaslas ako', 'will / did kill self'],
    ['magbibigti na ako', 'will / did kill self'],
    ['paano magpakamatay', 'asks how to kill self'],
    ['sasaksakin ko ang sarili ko', 'harms self'],
    ['ayoko nang gumising', 'does not want to live'],
    ['sana hindi na lang ako ipinanganak', 'never born'],
    ['gusto ko nang sumunod kay lola', 'follows the dead'],
    ['pabigat lang ako', 'a burden'],
    ['wala nang saysay ang buhay ko', 'no reason to live'],
    ['paalam na sa inyong lahat', 'says goodbye'],
    ['ibibigay ko na ang mga gamit ko, hindi ko na kailangan', 'gives things away'],
    ['iinumin ko lahat ng gamot', 'has a method'],
    ['i want to unalive myself', 'self-harm word'],
    ['pinapalo ako ng sinturon ni papa', 'is hurt at home'],
    ['my parents lock me in my room without food', 'is hurt at home'],
    ['hinahawakan ako ng tito ko sa maseselang bahagi', 'is touched'],
    ['someone online is asking for my nudes', 'is asked for nudes'],
    ['natatakot akong umuwi sa bahay', 'is afraid to go home'],
    ['I am so worthless', 'worthless'],
    ['wala na kong silbi', 'worthless'],
    ['walang makakamiss sa akin', 'nobody would care'],
    ['they would be happier if I was not around', 'better off without me'],
    ['tatapusin ko na ang lahat mamaya', 'will end everything'],
    ['I want it all to stop forever', 'wants it all to stop'],
    ['magpapahulog ako sa bintana', 'has a method'],
    ['nakabili na ako ng lubid', 'has a method'],
    ['please tell my lola I am sorry', 'leaves a last message'],
    ['salamat sa lahat, ito ang huling mensahe ko', 'says goodbye'],
    ['bye forever', 'says goodbye'],
    ['it would be better if I had never been born', 'never born'],
    ['ilang floor ba para mamatay agad', 'has a method'],
    ['nobody will miss me anyway', 'nobody would care'],
    ['I keep a razor under my bed for when I need it', 'has a method'],
    ['napili ko na yung tulay', 'has a method'],
    ['honestly i deserve to suffer for what i did', 'punishes self'],
    ['dapat lang akong masaktan', 'punishes self'],
    ['naglaslas ako kagabi, puno ng dugo yung panyo', 'will / did kill self'],
    ['nag-cut ulit ako, ayaw tumigil ng dugo', 'cuts body'],
    ['the blade is the only thing that helps lately', 'harms self to cope'],
    ['what happens if someone drinks a whole pack of sleeping pills', 'asks for a lethal dose'],
    ['would ten be enough to never wake up', 'asks for a lethal dose'],
    ['papatayin daw ako ni tito kapag nagsumbong ako', 'is threatened'],
    ['my uncle comes into my room at night, please dont tell anyone', 'is not safe at night'],
    ['I bang my head against the wall when everything gets too loud, it helps a bit', 'harms self to cope'],
    ['pinupukpok ko ulo ko sa desk pag di ko na kaya, nakakatulong somehow', 'harms self to cope'],
    ["my coach gives me gifts and says it's our secret, don't tell my parents", 'is groomed'],
    ['si tito laging nagme-message sakin pag gabi, sabi niya wag ko daw sabihin kay mama', 'is groomed'],
    ["my math teacher gave me a gift and said it's our secret, he messages me at night", 'is groomed'],
    ['i dont think ill be around for the finals', 'will not be around'],
    ['hindi na siguro ako aabot sa intrams', 'will not live to see it'],
    ['napili ko na yung araw, pagkatapos ng birthday ni mama para hindi ko masira', 'has set a date'],
    ["I've chosen the day, after christmas so I dont spoil it for everyone", 'has set a date'],
    ["I talk to mom's grave every sunday and tell her we'll be together soon", 'follows the dead'],
    ['kinakausap ko si lolo sa puntod nya, sabi ko konti na lang magkikita na kami', 'follows the dead'],
    ['pano gumawa ng will kung bata ka pa', 'prepares a will'],
    ['kanino mapupunta gamit ko kung mamatay ako', 'asks who inherits'],
  ])('%s → %s', (message, reading) => {
    expect(detectCrisis(message).map((r) => r.reading.split(':')[0])).toContain(reading);
  });

  it.each([
    ["I don't want to die in this game", 'negation'],
    ['hindi ko gusto na mamatay ang mga halaman ko', 'negation and another subject'],
    ['she said she wants to die her hair', 'someone else'],
    ['gusto niyang mamatay ang kalaban', 'someone else (niyang)'],
    ['mamatay ako sa kakatawa', 'figure of speech'],
    ['gusto ko nang mamatay sa kilig haha', 'figure of speech'],
    ['I want to disappear from this group chat', 'a chat, not life'],
    ['I cut myself while cooking', 'accident'],
    ["I don't want to live in Manila", 'a place to live'],
    ['the jeep travelled 15 kms', 'kilometres'],
    ['goodbye everyone, see you tomorrow', 'an ordinary goodbye'],
    ["I'd rather die than eat ampalaya haha", 'a joke'],
    ['What does the line "I want to die in your arms" mean in the song?', 'a quoted song'],
    ['uminom ng lason si Simoun', 'a story'],
    ['how many pills of vitamin C should I take?', 'a dose'],
    ["what's the point of living things having cells?", 'biology'],
    ['hinahawakan ako ng kaibigan ko sa kamay', 'holding hands'],
    ['pinapalo ng hangin ang mga puno', 'the wind, not a person'],
    ['my dad hits the ball really far', 'a ball'],
    ["I'm useless at volleyball", 'a skill'],
    ['tell my mom I am sorry I broke her cup', 'an apology with its reason'],
    ['I bought a rope for our tug of war', 'a rope for something'],
    ['I keep a razor in the bathroom for shaving', 'a razor for something'],
    ['I did not want to wake up early today', 'a time of day'],
    ['tatapusin ko na lahat ng assignments ko', 'all of something'],
    ['wala akong silbi sa volleyball', 'worth nothing at a game'],
    ['the class would be better off without me talking so much lol', 'a joke'],
    ["I'll be gone for a week, we're visiting my aunt in Iloilo", 'away for a week'],
    ['I deserve to rest after this exam', 'deserving something good'],
    ['my thumb got cut on the can lid while cooking, so much blood', 'accident'],
    ['what happens if you take too many vitamins by accident', 'accident'],
    ['is eight hours enough to not die in class lol', 'a joke'],
    ['pagagalitan ako ni mama kapag nalaman niyang bagsak ako', 'a scolding, no telling forbidden'],
    ['nauntog ulo ko sa pinto kanina, ang sakit', 'an accident'],
    ['I bang my head to metal music when I study, it helps me focus', 'music'],
    [
      "tito told me it's a secret, we're planning a surprise party for tita, he texts me at night",
      'an occasion',
    ],
    ['our teacher messages the class group chat at night, secret daw muna yung quiz', 'a class'],
    ["coach said it's a secret play, don't tell the other team, we practice at night", 'a team'],
    ["I set the date on my phone so I don't ruin the schedule", 'the date of a device'],
    ["I won't be here for the exam, I have a dentist appointment", 'an excuse'],
    ["won't be around for the recognition day, we're moving to Cebu", 'a move'],
    ["we picked the date for the party, after my brother's bday", 'the date of a party'],
    [
      "I talk to my dad's picture since he works in Qatar, we'll see each other soon when he comes home",
      'alive',
    ],
    ['malapit na kami magkita ni ate, uuwi na siya galing Dubai', 'a homecoming'],
    ['in English class we read a story about a man writing his will', 'a story'],
    ['gusto ko munang mawala sa socmed for a while, detox lang', 'offline for a while'],
  ])('%s is not a crisis (%s)', (message) => {
    expect(detectCrisis(message)).toEqual([]);
  });

  it('reads the message as folded words, clause by clause', () => {
    expect(crisisWords('K I L L  M Y S E L F. self-harm')).toEqual(['kill', 'myself', '', 'selfharm', '']);
    expect(crisisWords('g2 q n mmtay')).toEqual(['gusto', 'ko', 'na', 'mmtay', '']);
    expect(detectCrisis('g2 q n mmtay')).toHaveLength(1);
  });
});

describe('warning signs', () => {
  const signsOf = (message: string) =>
    detectCrisis(message)
      .map((r) => r.reading)
      .filter((r) => r.startsWith('warning signs together'));

  it.each([
    ['hindi ko na kaya', 'hopelessness'],
    ['bye sa inyong lahat', 'a farewell'],
    ['last na ito', 'a last time'],
    ['I wrote letters for my family', 'a letter'],
    ['nobody cares', 'nobody cares'],
  ])('%s alone is not a crisis (%s)', (message) => {
    expect(detectCrisis(message)).toEqual([]);
  });

  it.each([
    ['hindi ko na kaya, bye sa inyong lahat', 'hopeless', 'farewell'],
    ['nobody cares anyway, once im gone they wont even notice', 'unwanted', 'gone'],
    ['I wrote letters for my family, just in case', 'preparing', 'just in case'],
    ['pabigat lang ako, mas ok kung wala na ako', 'unwanted', 'better without me'],
    ['last na ito, salamat sa lahat', 'last time', 'farewell'],
    ['andito ako sa rooftop ng dorm, ang layo pala ng baba', 'at a height', 'looking down'],
    ['I put a letter inside my drawer for my sister to find', 'hidden', 'preparing'],
    ['everything is set, Friday when my parents are away', 'planned', 'alone'],
    ['ready na yung mga sulat ko para sa pamilya ko, mamayang gabi na', 'preparing', 'soon'],
    ['pakiingatan mo si whiskers ha, thank you for everything', 'preparing', 'farewell'],
    ['grandma is waiting for me, I want to be with her', 'awaited', 'with the dead'],
    ['ako ang ugat ng gulo sa bahay, kaya aalis na ako nang tuluyan', 'unwanted', 'gone'],
    ['my sister gets my guitar, she will need it more than me', 'preparing', 'no more need'],
    ['erased every photo on my profile so nobody remembers me', 'erasing', 'forgotten'],
    ['i want my best friend to have my sketchbooks, just in case', 'preparing', 'just in case'],
  ])('%s: %s and %s together are', (message, a, b) => {
    const [reading] = signsOf(message);
    expect(reading).toContain(`${a}:`);
    expect(reading).toContain(`${b}:`);
  });

  it.each([
    ['bye everyone, last day na ng semester', 'a term ends'],
    ['I gave my old laptop to my cousin, I will not need it anymore', 'an old thing replaced'],
    ['miss ko na si papa, gusto ko siyang makasama, nagtatrabaho siya sa Qatar', 'the one missed is alive'],
    ['this is my last question for today, thank you for everything', 'for now'],
    ['nasa tulay kami kahapon, ang lalim ng ilog, ang ganda ng view', 'an outing, in the past'],
    ['I hid a card under my mom pillow for her birthday', 'an occasion'],
    ['everything is planned for our surprise party while mom is out', 'an occasion'],
    ['see you bukas na lang ulit, I wrote a letter to my lola', 'see you tomorrow'],
    ['my mom is waiting for me outside, I want to be with her', 'someone alive, out there'],
    ['my parents argue because of me and my grades, any study tips', 'one sign alone'],
    ['tonight is the night of our school play', 'a time alone'],
    ['deleting old photos, my storage is full', 'an old thing'],
    ["lolo is in heaven now, I hope he's at peace there", 'a wish for the dead, grief'],
    ['wrote a goodbye letter for our adviser, she is retiring', 'an occasion'],
    ['magpapaalam na ako sa inyong lahat, lilipat na kami sa Iloilo', 'a move'],
    ['I want to disappear for a bit, maybe a vacation by the beach', 'a trip'],
    ["you won't have to deal with me anymore, I'm transferring next semester", 'a move'],
    ['I want my cousin to have my bike, it does not fit me anymore, I outgrew it', 'outgrown'],
  ])('%s is not a crisis (%s)', (message) => {
    expect(detectCrisis(message)).toEqual([]);
  });
});

describe('hyperbole', () => {
  it('lowers a wish to die said laughing about an everyday thing to a note', () => {
    const [reading] = detectCrisis('gusto ko na mamatay dahil sa exam bukas hahaha');
    expect(reading?.severity).toBe('low');
  });

  it('never lowers a method or a plan', () => {
    const readings = detectCrisis('iinumin ko lahat ng gamot pag bumagsak ako sa exam haha');
    expect(readings.some((r) => r.severity === 'high')).toBe(true);
  });

  it('reads a laughing cause that is not life as hyperbole, whatever the cause', () => {
    expect(detectCrisis('i wanna die sa dami ng labada haha')[0]?.severity).toBe('low');
    expect(detectCrisis('i wanna die sa buhay ko haha')[0]?.severity).toBe('high');
  });

  it('leaves a wish to die said without a laugh high', () => {
    expect(detectCrisis('gusto ko na mamatay dahil sa exam bukas')[0]?.severity).toBe('high');
  });
});

describe('denial', () => {
  it.each([["I'm not going to kill myself, I promise"], ['hindi ako magpapakamatay, promise']])(
    '%s is a low note for a person to follow up, not a crisis',
    (message) => {
      const readings = detectCrisis(message);
      expect(readings).toHaveLength(1);
      expect(readings[0]?.severity).toBe('low');
      expect(readings[0]?.reading).toMatch(/^denies: /);
    },
  );

  it('notes nothing when the denial is about dying in a game', () => {
    expect(detectCrisis("I don't want to die in this game")).toEqual([]);
  });
});

describe('word forms the lexicon does not list', () => {
  it.each([
    ['i wanted to die last night', 'an English inflection'],
    ['gusto ko na mag give up sa life', 'an English verb behind a Filipino prefix'],
    ['ilang beses ko nang sinubukang magpakamatay', 'a Filipino linker'],
  ])('%s (%s)', (message) => {
    expect(detectCrisis(message).length).toBeGreaterThan(0);
  });
});

describe('conjugate', () => {
  it('forms Filipino aspects from a root and its affix', () => {
    expect(conjugate('pakamatay', 'mag')).toEqual({
      infinitive: ['magpakamatay'],
      contemplated: ['magpapakamatay', 'papakamatay'],
      progressive: ['nagpapakamatay'],
      completed: ['nagpakamatay'],
    });
    expect(conjugate('matay', 'ma').completed).toEqual(['namatay']);
    expect(conjugate('talon', 'um')).toMatchObject({ infinitive: ['tumalon'], contemplated: ['tatalon'] });
    expect(conjugate('inom', 'in')).toMatchObject({ infinitive: ['inumin'], contemplated: ['iinumin'] });
    expect(conjugate('sugat', 'an').completed).toEqual(['sinugatan']);
  });
});
