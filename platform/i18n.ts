/**
 * Every string the user sees comes from public/_locales (Simplified Chinese by
 * default, English for browsers in English), through the browser's own i18n,
 * so the manifest, the overlay and the pages speak one language.
 */
import { browser } from 'wxt/browser';
import type messages from '../public/_locales/zh_CN/messages.json';

export type MessageKey = keyof typeof messages;

const getMessage = (key: string, substitutions: string[]): string =>
  (browser.i18n.getMessage as (key: string, substitutions?: string[]) => string)(key, substitutions);

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return getMessage(key, substitutions.map(String)) || key;
}

/** The language the messages are in: what dates, numbers and market names follow. */
export function language(): 'zh' | 'en' {
  return t('lang') === 'en' ? 'en' : 'zh';
}
