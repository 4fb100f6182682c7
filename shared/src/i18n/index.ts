import type { Locale } from '../protocol.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const catalogs: Record<Locale, Messages> = { en, nl };

/** Translates `key`, filling `{name}` placeholders from `params`. Unknown locales fall back to English. */
export function translate(locale: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = (catalogs[locale as Locale] ?? en)[key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The best supported locale for a list of browser languages (navigator.languages). */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

export { en, nl };
