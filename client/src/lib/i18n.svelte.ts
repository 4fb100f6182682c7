// The UI language as reactive state. Order of precedence: the user's explicit choice (remembered),
// then the board's language (on a board page), then the browser's languages.
import type { Locale } from '$shared/protocol.ts';
import { pickLocale, translate, type MessageKey } from '$shared/i18n/index.ts';
import { BrowserMemory } from './storage.ts';

class LocaleState {
  /** Explicitly chosen by the user (select), remembered across visits. */
  chosen = $state<Locale | undefined>(undefined);
  /** Language of the board being shown, if any. */
  boardDefault = $state<Locale | undefined>(undefined);
  browser: Locale = 'en';
  private memory = new BrowserMemory();

  constructor() {
    if (typeof navigator !== 'undefined') this.browser = pickLocale(navigator.languages ?? [navigator.language]);
    this.chosen = this.memory.locale();
  }

  get current(): Locale {
    return this.chosen ?? this.boardDefault ?? this.browser;
  }

  choose(locale: Locale): void {
    this.chosen = locale;
    this.memory.saveLocale(locale);
  }
}

export const i18n = new LocaleState();

/** Translates in the current locale; reading it inside a component re-renders on locale change. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(i18n.current, key, params);
}

// Screen readers pick pronunciation from <html lang>.
if (typeof document !== 'undefined') {
  $effect.root(() => {
    $effect(() => {
      document.documentElement.lang = i18n.current;
    });
  });
}
