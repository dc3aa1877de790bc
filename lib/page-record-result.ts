/**
 * What the record reader injected into a page (entrypoints/page-record-reader.ts) hands back to the background:
 * the record (null where the page has no article text) or why it could not
 * read. The background checks the record before it keeps anything.
 */
import type { ArticleRecord } from './article-model';

export type PageRecordResult = { record: ArticleRecord | null } | { error: string };

/** The record out of an injection's result, which crossed from the page's process as plain data. */
export function recordFromResult(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) throw new Error('the page could not be read');
  if ('error' in result) throw new Error(`the page could not be read: ${String((result as { error: unknown }).error)}`);
  return 'record' in result ? (result as { record: unknown }).record : null;
}
