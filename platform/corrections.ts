/**
 * Tells a tab when the reader's corrections change anywhere: the background
 * keeps a copy in extension storage (the archive holds the corrections), and
 * a tab that sees it change asks again for its verdicts.
 */
import { browser } from 'wxt/browser';
import { CORRECTIONS_STORAGE_KEY } from '../lib/relevance/corrections';

export function watchCorrections(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.hasOwn(changes, CORRECTIONS_STORAGE_KEY)) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
