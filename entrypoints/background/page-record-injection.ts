import { browser } from 'wxt/browser';
import { recordFromResult, type PageRecordReading } from '../../lib/page-record-result';
import type { SenderContext } from '../../lib/protocol';

/** The file WXT builds from entrypoints/page-record-reader.ts. */
const READER = '/page-record-reader.js';

/**
 * Reads the article in a content script's frame for a save, by running the
 * reader there: host permission on Eastmoney's article pages, activeTab on a
 * copy the person opened the popup on.
 */
export async function readPageRecord(sender: SenderContext): Promise<PageRecordReading> {
  if (sender.tabId === null) throw new Error('only a page can be saved');
  const [injection] = await browser.scripting.executeScript({
    target: { tabId: sender.tabId, frameIds: [sender.frameId ?? 0] },
    files: [READER],
  });
  return recordFromResult(injection?.result);
}
