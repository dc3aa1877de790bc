/**
 * Every string the user sees comes from public/_locales (Simplified Chinese by
 * default, English for browsers in English), through the browser's own i18n,
 * so the manifest, the overlay and the pages speak one language.
 */
import { browser } from 'wxt/browser';
import { codeOf, detailOf, errorMessageKey } from '../lib/error-codes';
import type { MessageKey } from '../lib/message-keys';

export type { MessageKey } from '../lib/message-keys';

const getMessage = (key: string, substitutions: string[]): string =>
  (browser.i18n.getMessage as (key: string, substitutions?: string[]) => string)(key, substitutions);

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return getMessage(key, substitutions.map(String)) || key;
}

/** The language the messages are in: what dates, numbers and market names follow. */
export function language(): 'zh' | 'en' {
  return t('lang') === 'en' ? 'en' : 'zh';
}

/** What a failed message or write means to the reader: its code's words (lib/error-codes.ts). */
export function errorText(error: unknown): string {
  return t(errorMessageKey(codeOf(error)), detailOf(error));
}
