/**
 * What the record reader injected into a page (entrypoints/page-record-reader.ts) hands back to the background:
 * the record (null where the page has no article text) or why it could not
 * read. The background checks the record before it keeps anything.
 */
import type { ArticleRecord } from './article-model';

/**
 * `committedUrl`: the address the document was loaded from (its navigation
 * entry), which `history.pushState` cannot change, unlike `location`.
 */
export type PageRecordResult = { record: ArticleRecord | null; committedUrl: string | null } | { error: string };

/** The address the document was loaded from: its navigation entry, which `history.pushState` cannot move. */
export function committedUrlOf(timing: Pick<Performance, 'getEntriesByType'>): string | null {
  const [navigation] = timing.getEntriesByType('navigation');
  return navigation?.name ?? null;
}

/** What the background takes from an injection's result: still unchecked. */
export interface PageRecordReading {
  record: unknown;
  committedUrl: string | null;
}

/** The record and address out of an injection's result, which crossed from the page's process as plain data. */
export function recordFromResult(result: unknown): PageRecordReading {
  if (typeof result !== 'object' || result === null) throw new Error('the page could not be read');
  if ('error' in result) throw new Error(`the page could not be read: ${String((result as { error: unknown }).error)}`);
  const { record, committedUrl } = result as { record?: unknown; committedUrl?: unknown };
  return { record: record ?? null, committedUrl: typeof committedUrl === 'string' ? committedUrl : null };
}

/**
 * Whether a save may keep `recordId` for a page loaded from `committedUrl`:
 * on an Eastmoney article address only the article of that address (a page
 * that moved its address with the history API to another article's cannot
 * write over that one); on any other address (a copy, read from the
 * toolbar) the record names its original itself.
 */
export function addressAllows(recordId: string, committedUrl: string | null, parse: (url: string) => { id: string } | null): boolean {
  if (committedUrl === null) return false;
  const address = parse(committedUrl);
  return address === null || address.id === recordId;
}
