import type { Locale, UserInfo } from '../../contract.ts';
import type { Analysis } from './analyze.ts';

/** What the embedded planner says when no tool is the answer: greetings, feelings, graded work, not sure. */

const firstName = (user: UserInfo) => user.name.split(/\s+/)[0] ?? user.name;

export function greetingReply(a: Analysis, user: UserInfo, locale: Locale): string {
  const name = firstName(user);
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

/** The tutor on itself: what it is and what it can do. */
export function tutorReply(user: UserInfo, locale: Locale): string {
  const name = firstName(user);
  return locale === 'fil'
    ? `Ako si Aralin, isang AI tutor — programa sa computer, hindi tao. Ang gusto ko ay tulungan kang matuto: kaya kong magpaliwanag ng konsepto, gumawa ng notes, flashcards o quiz, at lutasin nang hakbang-hakbang ang math problem. Ano ang gusto mong aralin, ${name}?`
    : `I'm Aralin, an AI tutor — a computer program, not a person. What I like best is helping you learn: I can explain a concept, make notes, flashcards or a quiz, and solve a math problem step by step. What would you like to learn, ${name}?`;
}

/** What a tutor says to a tired, struggling or discouraged student who asked for nothing yet. */
export function feelingReply(a: Analysis, user: UserInfo, locale: Locale): string {
  const name = firstName(user);
  if (a.tired)
    return locale === 'fil'
      ? `Mukhang pagod ka na, ${name}. Ayos lang magpahinga — uminom ng tubig, mag-unat, at bumalik kapag handa ka na. Pagbalik mo, magsimula tayo sa maliit: isang maikling paliwanag o ilang flashcards.`
      : `It sounds like you're tired, ${name}. It's okay to take a break — drink some water, stretch, and come back when you're ready. When you do, we'll start small: a short explanation or a few flashcards.`;
  return locale === 'fil'
    ? `Naiintindihan kita, ${name} — normal lang mahirapan, at hindi ibig sabihin na hindi mo kaya. Hatiin natin ito sa maliliit na hakbang. Anong topic o exercise ang pinakamahirap para sa iyo ngayon? Ipapaliwanag ko nang simple.`
    : `I hear you, ${name} — finding it hard is normal, and it doesn't mean you can't do it. Let's take it in small steps. Which topic or exercise is hardest for you right now? I'll explain it simply.`;
}

/** Homework and tests stay the student's own work: the tutor helps them do it. */
export function ownWorkReply(user: UserInfo, locale: Locale): string {
  const name = firstName(user);
  return locale === 'fil'
    ? `Hindi ko puwedeng sagutan ang assignment o exam mo para sa iyo, ${name} — pero tutulungan kitang gawin ito nang hakbang-hakbang. Ipadala mo ang unang tanong o ang topic, at ipapaliwanag ko ito o lulutasin ang katulad na halimbawa. Para sa exam, puwede kitang gawan ng reviewer o practice quiz.`
    : `I can't do your homework or test for you, ${name} — but I'll help you do it yourself, step by step. Send me the first question or the topic, and I'll explain it or work through a similar example. For a test, I can make you a reviewer or a practice quiz.`;
}

export function unsureReply(locale: Locale): string {
  return locale === 'fil'
    ? 'Hindi ko pa sigurado kung ano ang kailangan mo. Puwede kitang tulungan na magpaliwanag ng isang topic, gumawa ng notes, flashcards o quiz, o lutasin ang isang math problem. Ano ang gusto mo?'
    : "I'm not sure yet what you need. I can explain a topic, make notes, flashcards or a quiz, or solve a math problem. What would you like?";
}
