import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// jsdom (used by the files that sanitise) has no animation frames unless told
// to pretend it renders; Preact's effects schedule with them.
if (typeof globalThis.requestAnimationFrame !== 'function') {
  globalThis.requestAnimationFrame = (callback: FrameRequestCallback) =>
    setTimeout(() => callback(performance.now()), 16) as unknown as number;
  globalThis.cancelAnimationFrame = (handle: number) => clearTimeout(handle);
}

// The browser's i18n, answering from the default locale as an extension in a Chinese browser would.
const messages: Record<string, { message: string }> = JSON.parse(readFileSync('public/_locales/zh_CN/messages.json', 'utf8'));
fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
  const values = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
  return (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
}) as typeof fakeBrowser.i18n.getMessage;
