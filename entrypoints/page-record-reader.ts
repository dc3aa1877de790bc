import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPageRecord } from '../lib/page-record';
import { committedUrlOf, type PageRecordResult } from '../lib/page-record-result';

/**
 * Run by the background in the frame of the article a tab shows, to save it
 * (scripting.executeScript): the whole record, body and sanitiser included.
 * Kept out of the content script that every article page loads.
 */
export default defineUnlistedScript((): PageRecordResult => {
  try {
    return { record: readPageRecord(document, location.href), committedUrl: committedUrlOf(performance) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
});
