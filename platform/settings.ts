/** User settings, kept in extension storage and read by every part. */
import { storage } from 'wxt/utils/storage';

/** Save every Eastmoney article as it is opened. */
export const autoSaveSetting = storage.defineItem<boolean>('local:autoSave', { fallback: false });

/** Live quotes on the badges; off means no quote request at all. */
export const liveQuotesSetting = storage.defineItem<boolean>('local:liveQuotes', { fallback: true });

/** Which colour means up: red (the convention in China) or green. */
export const colourSetting = storage.defineItem<'red-up' | 'green-up'>('local:colours', { fallback: 'red-up' });

/**
 * Where quotes come from. Only end-to-end tests change it, to a quote server
 * on this machine's loopback; lib/quotes/quote-source.ts refuses anything else.
 */
export const quoteApiBaseSetting = storage.defineItem<string | null>('local:quoteApiBase', { fallback: null });

/** Show each security's quote right after its first mention in the article text. */
export const inlineBadgesSetting = storage.defineItem<boolean>('local:inlineBadges', { fallback: false });

/** Start the overlay folded to its one-line header. */
export const collapsedSetting = storage.defineItem<boolean>('local:collapsed', { fallback: false });
