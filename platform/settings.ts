/**
 * User settings, kept in extension storage (storage.local, one key each) and
 * read by every part. A few lines over the storage API rather than a storage
 * library: the content script, which runs on every article page, carries them.
 */
import { browser } from 'wxt/browser';

export interface Setting<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with each new value (the fallback when removed); returns the way to stop. */
  watch(callback: (value: T) => void): () => void;
}

type Changes = Record<string, { newValue?: unknown }>;

function setting<T>(key: string, fallback: T): Setting<T> {
  const valueOf = (stored: unknown) => (stored === undefined || stored === null ? fallback : (stored as T));
  return {
    async getValue() {
      return valueOf((await browser.storage.local.get(key))[key]);
    },
    async setValue(value) {
      await browser.storage.local.set({ [key]: value });
    },
    watch(callback) {
      const listener = (changes: Changes, area: string) => {
        if (area === 'local' && Object.hasOwn(changes, key)) callback(valueOf(changes[key]!.newValue));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** Save every Eastmoney article as it is opened. */
export const autoSaveSetting = setting<boolean>('autoSave', false);

/** Live quotes on the badges; off means no quote request at all. */
export const liveQuotesSetting = setting<boolean>('liveQuotes', true);

/** Which colour means up: red (the convention in China) or green. */
export const colourSetting = setting<'red-up' | 'green-up'>('colours', 'red-up');

/**
 * Where quotes come from. Only end-to-end tests change it, to a quote server
 * on this machine's loopback; lib/quotes/quote-source.ts refuses anything else.
 */
export const quoteApiBaseSetting = setting<string | null>('quoteApiBase', null);

/** Show each security's quote right after its first mention in the article text. */
export const inlineBadgesSetting = setting<boolean>('inlineBadges', false);

/** Start the overlay folded to its one-line header. */
export const collapsedSetting = setting<boolean>('collapsed', false);
