import { browser } from 'wxt/browser';
import { recordOfReading } from '../../lib/page-reading';
import type { SenderContext } from '../../lib/protocol';

/** The file WXT builds from entrypoints/article-reader.ts. */
const READER = '/article-reader.js';

/**
 * Reads the article in a content script's frame for a save, by running the
 * reader there: host permission on Eastmoney's article pages, activeTab on a
 * copy the person opened the popup on.
 */
export async function readSenderPage(sender: SenderContext): Promise<unknown> {
  if (sender.tabId === null) throw new Error('only a page can be saved');
  const [injection] = await browser.scripting.executeScript({
    target: { tabId: sender.tabId, frameIds: [sender.frameId ?? 0] },
    files: [READER],
  });
  return recordOfReading(injection?.result);
}
