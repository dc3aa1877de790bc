import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readArticle } from '../lib/read-article-record';
import type { PageReading } from '../lib/page-reading';

/**
 * Run by the background in the frame of a content script that asked to save
 * (scripting.executeScript): the whole record, body and sanitiser included.
 * Kept out of the content script that every article page loads.
 */
export default defineUnlistedScript((): PageReading => {
  try {
    return { record: readArticle(document, location.href) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
});
