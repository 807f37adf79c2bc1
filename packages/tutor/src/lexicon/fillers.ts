/**
 * Words that carry the conversation but name nothing to learn: requests, particles, fillers and small talk,
 * in English, Filipino and Taglish. Read by the embedded planner to cut topics free of the request around
 * them and to tell small talk from a request.
 */

/** Words that are part of a request, never a topic on their own. */
export const REQUEST_WORDS: ReadonlySet<string> = new Set(
  `make create generate give gimme me i need want can could would you please pls plz some a an the set of my for with
  flashcards flashcard cards card flash quiz quizzes test exam notes note reviewer summary summarize summarise
  explain explanation teach help study review questions question items item tanong mga ng gawan gumawa gawa
  bigyan mo ako naman po pa paki pakigawa pwede puwede ba kailangan ko gusto mag magbigay kaunting ilang konting
  sa akin at ang yung about on to do this that it again more another easy hard medium difficult simple basic
  madali mahirap katamtaman lang now right here hey hi hello okay ok let's lets start practice drill me us
  ipaliwanag explain paliwanag turuan sagutin tulungan tulong help pagsusulit tungkol ukol i'm im am really so very
  struggling confused lost stuck nahihirapan nalilito naguguluhan pagod tired anxious nervous worried tomorrow bukas
  is are was were be our class grade baitang harder easier simpler tougher challenging level up ones instead rather
  again another more isa pa ulit dagdagan palitan write writing something anything bagay kahit bang nga yan iyan
  yun ito diyan dito but pero same go deeper malalim lalim mas like five pahirapan pahirapin padaliin dalian
  naman din rin ha eh talaga please mahihirap madadali hard easy ready akong kong mong natin namin para homework assignment ko patulong
  ninyo nila from thing things sige doon dun diyan dyan iyon yon huli huling last previous latest one
  simply slowly step steps detail details depth eli5 bullet bullets points point examples example
  gets hindi di rin pa-rin clearer clear shorter longer only gawin gawing topic topics lesson niyan nito niyon noon next sunod susunod aral magaral mag-aral
  learn learning study studying pang prepare dali hirap mas true false multiple choice choices
  identification anything whatever nang bang them got right wrong out score scored perfect too hmm uhm um
  ah ahh oh wait magbigay halimbawa ka`.split(/\s+/),
);

/** Words of greetings, thanks and small talk: a message of only these (and the student's name) asks for nothing. */
export const SMALL_TALK_WORDS: ReadonlySet<string> = new Set(
  `po opo naman tutor teacher sir maam ma'am miss sa tulong help your you ulit again everyone guys so much very a lot
  din rin ka mo ha ok okay sige yes lol haha hehe na there what's whats what up how are is it going doing today
  tonight you're i'm im am nice to meet meeting my name's name is kayo ikaw ka kamusta kumusta musta ano balita
  lang ba and day morning afternoon evening po! well fine good great too also all thanks thank ty salamat
  maraming bye goodbye paalam ingat see later again hello hi hey i me can do for`.split(/\s+/),
);
