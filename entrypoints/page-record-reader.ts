import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPageRecord } from '../lib/page-record';
import type { PageRecordResult } from '../lib/page-record-result';

/**
 * Run by the background in the frame of a content script that asked to save
 * (scripting.executeScript): the whole record, body and sanitiser included.
 * Kept out of the content script that every article page loads.
 */
export default defineUnlistedScript((): PageRecordResult => {
  try {
    const navigation = performance.getEntriesByType('navigation')[0];
    return { record: readPageRecord(document, location.href), committedUrl: navigation?.name ?? null };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
});
