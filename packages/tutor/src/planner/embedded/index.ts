import type { Subject } from '@aralin/content';
import type { ChatMessage, Locale, TraceStep, UserInfo } from '../../contract.ts';
import { inferEmotionalState } from '../../pedagogy/profile.ts';
import type { ToolRegistry } from '../../registry.ts';
import type { AnyTool, SlotKind } from '../../tool.ts';
import { adapted, masteryFor, type Reading } from '../adapt.ts';
import type { Plan, Planner, PlanRequest } from '../types.ts';
import { type Analysis, analyze } from './analyze.ts';
import { NaiveBayes } from './classifier.ts';
import { ANAPHORA, type Depth, GREETING, type Level, type NoteStyle } from './cues.ts';
import { CHIT_CHAT } from './intents.ts';

const NONE = 'none';

const classifiers = new WeakMap<ToolRegistry, NaiveBayes>();

/** Trains (once per registry) on every tool's own examples plus small talk: a new tool brings its own data. */
function classifierFor(tools: ToolRegistry): NaiveBayes {
  let model = classifiers.get(tools);
  if (!model) {
    const examples = tools
      .list()
      .flatMap((tool) =>
        [...tool.examples.en, ...tool.examples.fil].map((text) => ({ text, label: tool.name })),
      );
    examples.push(...CHIT_CHAT.map((text) => ({ text, label: NONE })));
    model = new NaiveBayes(examples);
    classifiers.set(tools, model);
  }
  return model;
}

const SUBJECT_WORDS: [RegExp, Subject][] = [
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
const SUBJECT_TOPICS: [RegExp, Subject][] = [
  [
    /\b(?:equations?|fractions?|decimals?|percent\w*|numbers?|integers?|angles?|triangles?|polygons?|circles?|area|perimeter|volume|slope|functions?|polynomials?|factor\w*|ratio|proportion|probability|mean|median|mode|graphs?|derivatives?|integrals?|limits?|sequences?|series|matrix|matrices|vectors?|logarithms?|exponents?|radicals?|inequalit\w*|quadratic|linear|trigonometr\w*|sine|cosine|pythagorean|geometr\w*|algebra\w*|bilang|hugis|anggulo|praksyon)\b/,
    'Mathematics',
  ],
  [
    /\b(?:newton\w*|laws? of motion|tectonic\w*|planeta|mitosis|meiosis|cell division|cells?|atoms?|molecules?|elements?|compounds?|energy|forces?|motion|gravity|planets?|solar|stars?|galax\w*|moon|sun|earth\w*|volcano\w*|typhoons?|weather|climate|ecosystems?|plants?|animals?|organisms?|species|genes?|genetics|dna|evolution|photosynth\w*|respiration|digest\w*|circulat\w*|nervous|bones?|muscles?|blood|heart|lungs?|electric\w*|magnet\w*|light|sound|waves?|heat|temperature|matter|mixtures?|acids?|bases?|chemical\w*|reactions?|periodic|rocks?|soil|water cycle|fossils?|bacteria|virus\w*|halaman|hayop|selula|enerhiya|bulkan|lindol|bagyo)\b/,
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
    /\b(?:history|revolution|colonial\w*|period|occupation|pananakop|hapon|amerikano|kastila|espanyol|rebolusyon\w*|saligang batas|konstitusyon|government|constitution|economics?|supply|demand|rizal|bonifacio|aguinaldo|katipunan|martial law|edsa|asean|barangay|datu|kasaysayan|pamahalaan|rebolusyon|kolonyal\w*|ekonomiya|kultura|heograpiya|rehiyon)\b/,
    'Araling Panlipunan',
  ],
];

/** Lessons of the Filipino subject whose names would otherwise match their English counterparts. */
const FILIPINO_TERMS =
  /\b(?:pangngalan|panghalip|pandiwa|pang-uri|pang-abay|pangatnig|pang-ukol|pang-angkop|hinuha|paghihinuha|tayutay|pabula|alamat|maikling kuwento|sanaysay|talumpati|tula|panitikan|ibong adarna|florante|noli|fili\w*|salawikain|bugtong|sanhi at bunga|pangunahing kaisipan|aspekto)\b/;

interface Previous {
  tool: string;
  parameters: Record<string, unknown>;
  missing: string[];
}

/** Re-plans the latest earlier user turn that asked for a tool: what "make it harder" or "about it" refers to. */
function previousTool(request: PlanRequest, depth: number, memo: Map<string, Plan>): Previous | null {
  if (depth > 3) return null;
  const history = request.history;
  for (let i = history.length - 1; i >= 0 && history.length - i <= 10; i--) {
    const m = history[i] as ChatMessage;
    if (m.role !== 'user') continue;
    // Earlier turns are re-planned at several depths of the recursion; each (turn, depth) only once.
    const key = `${i}:${depth + 1}`;
    let result = memo.get(key);
    if (!result) {
      result = decide({ ...request, message: m.content, history: history.slice(0, i) }, depth + 1, memo);
      memo.set(key, result);
    }
    if (result.kind === 'tool')
      return { tool: result.tool, parameters: result.parameters, missing: result.missing };
  }
  return null;
}

/** The most recent topic the conversation named, newest first. */
function contextTopic(history: ChatMessage[]): string | null {
  for (let i = history.length - 1; i >= 0 && history.length - i <= 12; i--) {
    const m = history[i] as ChatMessage;
    if (m.role !== 'user') continue;
    const phrase = analyze(m.content).topic;
    if (phrase && !ANAPHORA.test(phrase)) return phrase;
  }
  return null;
}

const CLARIFY: Record<string, Record<Locale, string>> = {
  flashcard_generator: {
    en: 'What topic should the flashcards be about?',
    fil: 'Tungkol saan ang flashcards na gagawin ko?',
  },
  quiz_generator: { en: 'What topic should the quiz cover?', fil: 'Anong topic ang gusto mong i-quiz kita?' },
  note_maker: { en: 'What topic do you want notes on?', fil: 'Tungkol saan ang notes na gusto mo?' },
  concept_explainer: {
    en: 'Which concept would you like me to explain?',
    fil: 'Aling konsepto ang gusto mong ipaliwanag ko?',
  },
  math_solver: {
    en: 'Which problem should we work on? Type it in, for example 2x + 3 = 7.',
    fil: 'Aling problema ang sasagutin natin? Isulat mo, halimbawa: 2x + 3 = 7.',
  },
};

function clarification(tool: AnyTool, missing: string[], locale: Locale, topic: string | null): string {
  if (!missing.some((f) => tool.required.includes(f)) && missing.includes('subject'))
    return locale === 'fil'
      ? `Sa anong subject ito${topic ? ` ("${topic}")` : ''}: Mathematics, Science, English, Filipino o Araling Panlipunan?`
      : `Which subject is ${topic ? `"${topic}"` : 'this'} for: Mathematics, Science, English, Filipino or Araling Panlipunan?`;
  return (
    CLARIFY[tool.name]?.[locale] ??
    (locale === 'fil'
      ? `Tungkol saan ang ${tool.title.fil}?`
      : `What should the ${tool.title.en.toLowerCase()} be about?`)
  );
}

/** True when nothing but a greeting, thanks or goodbye is said ("salamat po sa tulong!"). */
function smallTalkOnly(text: string): boolean {
  const rest = text
    .replace(GREETING, '')
    .replace(/[^\p{L}\s']/gu, ' ')
    .split(/\s+/)
    .filter(
      (w) =>
        w &&
        !/^(?:po|opo|naman|tutor|teacher|sir|ma'?am|miss|sa|tulong|help|your|you|ulit|again|everyone|guys|so|much|very|a lot|lot|din|rin|ka|mo|ha|ok|okay|sige|yes|lol|haha|hehe|na)$/.test(
          w,
        ),
    );
  return rest.length === 0;
}

function greetingReply(a: Analysis, user: UserInfo, locale: Locale): string {
  const name = user.name.split(/\s+/)[0] ?? user.name;
  const thanks = /\b(?:thank|thanks|ty|salamat)\b/.test(a.text);
  const bye = /\b(?:bye|goodbye|paalam|ingat|good night)\b/.test(a.text);
  if (locale === 'fil') {
    if (thanks) return `Walang anuman, ${name}! May iba ka pa bang gustong aralin?`;
    if (bye) return `Paalam, ${name}! Balik ka lang kapag may gusto kang aralin.`;
    return `Kumusta, ${name}! Ako ang tutor mo sa Aralin. Kaya kong magpaliwanag ng konsepto, gumawa ng notes, flashcards o quiz, at lutasin nang hakbang-hakbang ang math problem. Ano ang gusto mong aralin ngayon?`;
  }
  if (thanks) return `You're welcome, ${name}! Is there anything else you'd like to learn?`;
  if (bye) return `Bye, ${name}! Come back whenever you want to learn something.`;
  return `Hi ${name}! I'm your Aralin tutor. I can explain a concept, make notes, flashcards or a quiz, and solve a math problem step by step. What would you like to learn today?`;
}

/** A subject named as a whole ("ang hirap ng math"): not a topic to explain. */
const SUBJECT_ONLY =
  /^(?:(?:the\s+)?(?:math|maths|mathematics|matematika|science|agham|english|ingles|filipino|history|kasaysayan|araling panlipunan|ap|school|studying|pag-aaral|this|it|ito|lahat)\s*)+$/;

/** What a tutor says to a tired, struggling or discouraged student who asked for nothing yet. */
function feelingReply(a: Analysis, user: UserInfo, locale: Locale): string {
  const name = user.name.split(/\s+/)[0] ?? user.name;
  if (a.tired)
    return locale === 'fil'
      ? `Mukhang pagod ka na, ${name}. Ayos lang magpahinga — uminom ng tubig, mag-unat, at bumalik kapag handa ka na. Pagbalik mo, magsimula tayo sa maliit: isang maikling paliwanag o ilang flashcards.`
      : `It sounds like you're tired, ${name}. It's okay to take a break — drink some water, stretch, and come back when you're ready. When you do, we'll start small: a short explanation or a few flashcards.`;
  return locale === 'fil'
    ? `Naiintindihan kita, ${name} — normal lang mahirapan, at hindi ibig sabihin na hindi mo kaya. Hatiin natin ito sa maliliit na hakbang. Anong topic o exercise ang pinakamahirap para sa iyo ngayon? Ipapaliwanag ko nang simple.`
    : `I hear you, ${name} — finding it hard is normal, and it doesn't mean you can't do it. Let's take it in small steps. Which topic or exercise is hardest for you right now? I'll explain it simply.`;
}

/** Homework and tests stay the student's own work: the tutor helps them do it. */
function ownWorkReply(user: UserInfo, locale: Locale): string {
  const name = user.name.split(/\s+/)[0] ?? user.name;
  return locale === 'fil'
    ? `Hindi ko puwedeng sagutan ang assignment o exam mo para sa iyo, ${name} — pero tutulungan kitang gawin ito nang hakbang-hakbang. Ipadala mo ang unang tanong o ang topic, at ipapaliwanag ko ito o lulutasin ang katulad na halimbawa. Para sa exam, puwede kitang gawan ng reviewer o practice quiz.`
    : `I can't do your homework or test for you, ${name} — but I'll help you do it yourself, step by step. Send me the first question or the topic, and I'll explain it or work through a similar example. For a test, I can make you a reviewer or a practice quiz.`;
}

function unsureReply(locale: Locale): string {
  return locale === 'fil'
    ? 'Hindi ko pa sigurado kung ano ang kailangan mo. Puwede kitang tulungan na magpaliwanag ng isang topic, gumawa ng notes, flashcards o quiz, o lutasin ang isang math problem. Ano ang gusto mo?'
    : "I'm not sure yet what you need. I can explain a topic, make notes, flashcards or a quiz, or solve a math problem. What would you like?";
}

const LEVELS: Level[] = ['easy', 'medium', 'hard'];
const DEPTHS: Depth[] = ['basic', 'intermediate', 'advanced', 'comprehensive'];

function shift<T>(scale: T[], value: unknown, by: number): T | null {
  const i = scale.indexOf(value as T);
  if (i < 0) return null;
  return scale[Math.max(0, Math.min(scale.length - 1, i + by))] as T;
}

/** The embedded decision, synchronous and pure: everything `plan` needs besides the async interface. */
function decide(request: PlanRequest, depth = 0, memo = new Map<string, Plan>()): Plan {
  const { tools, content, user, locale, history } = request;
  const a = analyze(request.message);
  const trace: TraceStep[] = [];
  const prev = depth <= 3 && history.length > 0 ? previousTool(request, depth, memo) : null;

  // 1. Which tool.
  let toolName: string | null = null;
  let toolConfidence = 0.5;
  let followingUp = false;
  const onlyAdjusts =
    !a.topic &&
    (a.difficulty || a.count || a.style || a.depth || a.questionTypes || a.examples || a.analogies);
  if (a.greeting && smallTalkOnly(a.text)) {
    trace.push({ step: 'select', detail: 'no tool: greeting or small talk' });
    return { kind: 'no_tool', reply: greetingReply(a, user, locale), confidence: 0.9, trace };
  }
  if (a.doMyWork && !a.exercise) {
    trace.push({ step: 'select', detail: 'no tool: the student asks the tutor to do graded work for them' });
    return { kind: 'no_tool', reply: ownWorkReply(user, locale), confidence: 0.85, trace };
  }
  if (a.tool && tools.get(a.tool.value)) {
    toolName = a.tool.value;
    toolConfidence = 0.95;
    trace.push({ step: 'select', detail: `${toolName} because ${a.tool.reason}` });
  } else if (prev && (a.followUp || a.hint || onlyAdjusts)) {
    toolName = prev.tool;
    followingUp = true;
    toolConfidence = 0.85;
    trace.push({ step: 'select', detail: `${toolName} again: a follow-up to the previous request` });
  } else if (prev && prev.missing.length > 0 && !a.greeting) {
    toolName = prev.tool;
    followingUp = true;
    toolConfidence = 0.85;
    trace.push({
      step: 'select',
      detail: `${toolName}: the message answers the earlier clarifying question`,
    });
  } else if (a.greeting && !a.topic) {
    trace.push({ step: 'select', detail: 'no tool: greeting or small talk' });
    return { kind: 'no_tool', reply: greetingReply(a, user, locale), confidence: 0.9, trace };
  } else if ((a.struggling || a.tired || a.givingUp) && !a.exercise) {
    // A feeling and no request: a tutor answers the feeling. A named topic the student struggles with is
    // explained again, simply; otherwise (tired, wanting to stop, a whole subject) no tool is the answer.
    const named =
      a.topic && !SUBJECT_ONLY.test(a.topic) ? content.search(a.topic, { limit: 1 })[0] : undefined;
    if (named?.strong && a.struggling && !a.tired && !a.givingUp && tools.get('concept_explainer')) {
      toolName = 'concept_explainer';
      toolConfidence = 0.75;
      trace.push({
        step: 'select',
        detail: `concept_explainer: the student finds "${a.topic}" hard, so it is explained again, simply`,
      });
    } else if (prev?.tool === 'concept_explainer' && a.struggling && !a.tired && !a.givingUp) {
      toolName = prev.tool;
      followingUp = true;
      toolConfidence = 0.75;
      trace.push({ step: 'select', detail: 'concept_explainer again: the explanation was hard to follow' });
    } else {
      trace.push({ step: 'select', detail: 'no tool: the student says how they feel; answer that first' });
      return { kind: 'no_tool', reply: feelingReply(a, user, locale), confidence: 0.8, trace };
    }
  } else {
    const prediction = classifierFor(tools).predict(a.text);
    const p = prediction.probabilities[prediction.label] ?? 0;
    if (prediction.label !== NONE && p >= 0.45) {
      toolName = prediction.label;
      toolConfidence = Math.min(0.9, p);
      trace.push({ step: 'select', detail: `${toolName} by the classifier (p=${p.toFixed(2)})` });
    } else if (a.topic && content.search(a.topic, { limit: 1 })[0]?.strong) {
      toolName = 'concept_explainer';
      toolConfidence = 0.6;
      trace.push({
        step: 'select',
        detail: `concept_explainer: the message names a topic ("${a.topic}") without asking for anything else`,
      });
    } else {
      trace.push({
        step: 'select',
        detail: `no tool: no request recognised (classifier ${prediction.label}, p=${p.toFixed(2)})`,
      });
      return {
        kind: 'no_tool',
        reply: a.greeting ? greetingReply(a, user, locale) : unsureReply(locale),
        confidence: 0.5,
        trace,
      };
    }
  }
  const tool = tools.get(toolName) as AnyTool;
  const sameTool = prev?.tool === tool.name ? prev.parameters : null;

  // 2. Each slot, by the layers in order: stated, context, student state, profile, defaults.
  const parameters: Record<string, unknown> = {};
  const weights: number[] = [];
  const set = (
    field: string,
    value: unknown,
    layer: 'stated' | 'context' | 'state' | 'profile' | 'default',
    reason: string,
  ) => {
    parameters[field] = value;
    weights.push({ stated: 1, context: 0.95, state: 0.9, profile: 0.9, default: 0.85 }[layer]);
    trace.push({
      step: 'extract',
      detail: `${field}=${Array.isArray(value) ? value.join(',') : String(value)} (${layer}: ${reason})`,
    });
  };
  const messageMood =
    inferEmotionalState([request.message]).cues[0] ??
    (a.tired ? 'tired' : a.struggling ? 'confused' : a.confident ? 'confident' : null);
  const moodWhy = messageMood ? 'the student says so' : 'the profile says so';
  const state = { ...request.state, emotional_state: messageMood ?? request.state.emotional_state };
  /** The adaptation table's value for a slot, traced with its row; false when no row speaks to it. */
  const fromState = (field: string, kind: SlotKind): boolean => {
    const hit = adapted(kind, reading);
    if (hit)
      set(
        field,
        hit.value,
        hit.row.startsWith('mastery') ? 'profile' : 'state',
        `${hit.row}${hit.row.startsWith('emotional') ? `, ${moodWhy}` : ''}`,
      );
    return hit !== null;
  };

  let topic: string | null = null;
  let topicLayer: 'stated' | 'context' = 'stated';
  const topicField = Object.entries(tool.slots).find(([, kind]) => kind === 'topic')?.[0];
  const answering = followingUp && !a.tool && prev !== null && prev.missing.length > 0;
  const adjusting = followingUp && !answering;
  const strongTopic = a.topic ? content.search(a.topic, { limit: 1 })[0]?.strong === true : false;
  if (answering && topicField && prev.missing.includes(topicField)) {
    topic =
      a.topic ??
      (request.message
        .trim()
        .toLowerCase()
        .replace(/[?.!]+$/, '') ||
        null);
  } else if (!answering && a.topic && !ANAPHORA.test(a.topic) && (!adjusting || strongTopic)) topic = a.topic;
  if (!topic && sameTool) {
    const earlier = sameTool.topic ?? sameTool.concept_to_explain;
    if (typeof earlier === 'string') {
      topic = earlier;
      topicLayer = 'context';
    }
  }
  let historyTopic: string | null | undefined;
  const topicOfHistory = () => {
    historyTopic ??= contextTopic(history);
    return historyTopic;
  };
  if (!topic) {
    const fromHistory = topicOfHistory();
    if (fromHistory) {
      topic = fromHistory;
      topicLayer = 'context';
    }
  }
  const found = topic ? content.search(topic, { limit: 1 })[0] : undefined;
  const match = found?.strong ? found : undefined;
  const reading: Reading = {
    state,
    mastery: masteryFor(
      state,
      [topic, match?.topic.id, match?.topic.title.en, match?.topic.title.fil].filter(
        (k): k is string => typeof k === 'string',
      ),
    ),
  };

  let missing: string[] = [];
  for (const [field, kind] of Object.entries(tool.slots) as [string, SlotKind][]) {
    switch (kind) {
      case 'topic':
        if (topic)
          set(
            field,
            topic,
            topicLayer,
            topicLayer === 'stated' ? 'named in the message' : 'taken from earlier in the conversation',
          );
        break;
      case 'context_topic': {
        const ctxTopic = topicOfHistory();
        if (ctxTopic && ctxTopic !== topic)
          set(field, ctxTopic, 'context', 'the lesson the conversation is about');
        else if (match)
          set(field, match.topic.title.en, 'profile', 'the curriculum topic the concept belongs to');
        else if (topic) set(field, topic, 'default', 'no broader lesson is known');
        break;
      }
      case 'subject': {
        const explicit = SUBJECT_WORDS.find(([pattern]) => pattern.test(a.text));
        const filipinoTerm = topic ? FILIPINO_TERMS.test(topic) : false;
        if (explicit) set(field, explicit[1], 'stated', 'the student names the subject');
        else if (filipinoTerm) set(field, 'Filipino', 'profile', `"${topic}" is a Filipino-language lesson`);
        else if (match)
          set(
            field,
            match.topic.subject,
            'profile',
            `"${topic}" is a ${match.topic.subject} topic in the curriculum`,
          );
        else if (typeof sameTool?.[field] === 'string')
          set(field, sameTool[field], 'context', 'same as the previous request');
        else {
          const fromTopic = topic
            ? [...SUBJECT_WORDS, ...SUBJECT_TOPICS].find(([pattern]) => pattern.test(topic))
            : undefined;
          if (fromTopic) set(field, fromTopic[1], 'profile', `"${topic}" belongs to ${fromTopic[1]}`);
        }
        break;
      }
      case 'count': {
        if (a.count) set(field, a.count.value, 'stated', a.count.reason);
        else if (followingUp && typeof sameTool?.[field] === 'number')
          set(field, sameTool[field], 'context', 'same number as before');
        else if (!fromState(field, kind)) set(field, 5, 'default', 'the usual set size');
        break;
      }
      case 'difficulty': {
        const before = sameTool?.[field];
        if (a.difficulty) set(field, a.difficulty.value, 'stated', a.difficulty.reason);
        else if (a.followUp === 'harder')
          set(
            field,
            shift(LEVELS, before, 1) ?? 'hard',
            shift(LEVELS, before, 1) ? 'context' : 'stated',
            `harder than the last ${before ?? 'set'}`,
          );
        else if (a.followUp === 'easier')
          set(
            field,
            shift(LEVELS, before, -1) ?? 'easy',
            shift(LEVELS, before, -1) ? 'context' : 'stated',
            `easier than the last ${before ?? 'set'}`,
          );
        else if (followingUp && typeof before === 'string') set(field, before, 'context', 'same as before');
        else if (!fromState(field, kind)) set(field, 'medium', 'default', 'no cue about difficulty');
        break;
      }
      case 'depth': {
        const before = sameTool?.[field];
        if (a.depth) set(field, a.depth.value, 'stated', a.depth.reason);
        else if (followingUp && a.followUp === 'harder' && shift(DEPTHS, before, 1))
          set(field, shift(DEPTHS, before, 1), 'context', `one step deeper than the last ${before}`);
        else if (followingUp && a.followUp === 'easier' && shift(DEPTHS, before, -1))
          set(field, shift(DEPTHS, before, -1), 'context', `one step simpler than the last ${before}`);
        else if (!fromState(field, kind)) set(field, 'intermediate', 'default', 'no cue about depth');
        break;
      }
      case 'note_style': {
        const before = sameTool?.[field];
        if (a.style) set(field, a.style.value, 'stated', a.style.reason);
        else if (followingUp && typeof before === 'string') set(field, before, 'context', 'same as before');
        else if (!fromState(field, kind))
          set(field, 'structured' satisfies NoteStyle, 'default', 'structured notes');
        break;
      }
      case 'include_examples':
        if (a.examples) set(field, a.examples.value, 'stated', a.examples.reason);
        else if (followingUp && typeof sameTool?.[field] === 'boolean')
          set(field, sameTool[field], 'context', 'same as before');
        else if (!fromState(field, kind)) set(field, true, 'default', 'examples help');
        break;
      case 'include_analogies':
        if (a.analogies) set(field, a.analogies.value, 'stated', a.analogies.reason);
        else if (followingUp && typeof sameTool?.[field] === 'boolean')
          set(field, sameTool[field], 'context', 'same as before');
        else if (!fromState(field, kind)) set(field, false, 'default', 'no analogies asked for');
        break;
      case 'question_types':
        if (a.questionTypes) set(field, a.questionTypes.value, 'stated', a.questionTypes.reason);
        else if (followingUp && Array.isArray(sameTool?.[field]))
          set(field, sameTool[field], 'context', 'same as before');
        else
          set(
            field,
            ['multiple_choice', 'true_false', 'short_answer', 'numeric'],
            'default',
            'a mix of question types',
          );
        break;
      case 'problem': {
        const own = mathProblem(request.message);
        if (own && a.exercise) set(field, own, 'stated', 'the exercise in the message');
        else if (sameTool && typeof sameTool[field] === 'string')
          set(field, sameTool[field], 'context', 'the exercise from earlier');
        else if (own && /\d/.test(own)) set(field, own, 'stated', 'the problem in the message');
        break;
      }
      case 'show_steps':
        if (a.answerOnly) set(field, false, 'stated', 'the student asks for the answer only');
        else set(field, true, 'default', 'a teacher shows the work');
        break;
      case 'hint_level': {
        const before = typeof sameTool?.[field] === 'number' ? (sameTool[field] as number) : 0;
        if (a.hint === 'similar') set(field, 3, 'stated', 'the student asks for a similar worked example');
        else if (a.hint === 'next' || (a.hint === 'nudge' && before > 0 && !a.exercise))
          set(field, Math.min(3, before + 1), 'context', `the next hint after level ${before}`);
        else if (a.hint === 'nudge') set(field, 1, 'stated', 'the student asks for a hint, not the answer');
        else if (!fromState(field, kind)) set(field, 0, 'default', 'a full worked solution');
        break;
      }
    }
  }
  for (const [field, schema] of Object.entries(tool.input.shape))
    if (
      parameters[field] === undefined &&
      (tool.required.includes(field) || !schema.safeParse(undefined).success)
    )
      missing.push(field);
  // Once the topic is known the subject follows from it: ask only for what the tool itself requires.
  if (missing.some((f) => tool.required.includes(f)))
    missing = missing.filter((f) => tool.required.includes(f));
  if (missing.length > 0)
    trace.push({ step: 'clarify', detail: `missing ${missing.join(', ')}: no layer supplies it` });
  const meanWeight = weights.length ? weights.reduce((x, y) => x + y, 0) / weights.length : 1;
  const confidence = Math.round(toolConfidence * meanWeight * (missing.length ? 0.6 : 1) * 100) / 100;
  return {
    kind: 'tool',
    tool: tool.name,
    parameters,
    missing,
    ...(missing.length ? { clarification: clarification(tool, missing, locale, topic) } : {}),
    confidence,
    trace,
  };
}

/** The exercise itself, without the request around it ("pa-solve naman po: 2x + 3 = 7" → "2x + 3 = 7"). */
function mathProblem(message: string): string | null {
  const text = message
    .trim()
    .replace(
      /^(?:(?:hi|hello|hey|tutor|teacher|ma'?am|sir|please|pls|paki|pa-?solve|pasolve|i-?solve|solve mo|can you|could you|help me|tulungan mo ako|patulong|naman|po|mo|sa|with|ito|this|to)[\s,:-]*)+/i,
      '',
    )
    .replace(/[\s,]*(?:please|pls|po|naman|thanks?|thank you|salamat)[\s.!]*$/i, '')
    .trim();
  return text.length > 0 ? text : null;
}

export const embeddedPlanner: Planner = {
  name: 'embedded',
  async plan(request: PlanRequest): Promise<Plan> {
    return decide(request);
  },
};
