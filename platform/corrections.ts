/**
 * The reader's corrections as every tab sees them: a copy in extension
 * storage that the background keeps (the archive holds the corrections),
 * read once and watched, so a correction made in one tab shows in all.
 */
import { browser } from 'wxt/browser';
import { checkCorrections, CORRECTIONS_STORAGE_KEY, type Corrections } from '../lib/relevance/corrections';

export async function loadCorrections(): Promise<Corrections> {
  return checkCorrections((await browser.storage.local.get(CORRECTIONS_STORAGE_KEY))[CORRECTIONS_STORAGE_KEY]);
}

export function watchCorrections(callback: (corrections: Corrections) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && Object.hasOwn(changes, CORRECTIONS_STORAGE_KEY)) {
      callback(checkCorrections(changes[CORRECTIONS_STORAGE_KEY]!.newValue));
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
