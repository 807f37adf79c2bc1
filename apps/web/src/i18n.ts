import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from './lib/types.ts';
import en from './locales/en.json';
import fil from './locales/fil.json';

const STORAGE_KEY = 'aralin.locale';

export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'fil') return v;
  } catch {
    // storage unavailable (private mode): fall through
  }
  return typeof navigator !== 'undefined' && /^(fil|tl)\b/i.test(navigator.language) ? 'fil' : 'en';
}

export function applyLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fil: { translation: fil } },
  lng: typeof localStorage === 'undefined' ? 'en' : storedLocale(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export default i18n;
