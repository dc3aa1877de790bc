/**
 * The version of an article a save replaced. Saving again updates the one
 * entry; when the page's title or text differ from what the archive held (the
 * site edited the article, or a page claimed to be it), the archive's version
 * is kept here, in the same transaction, and can be put back. One version a
 * article: the last one replaced.
 */
import type { ArticleListing, ArticleRecord } from '../article-model';
import type { ArchiveDb, WriteTx } from './schema';

export interface PreviousVersion {
  title: string;
  summary: string;
  bodyText: string;
  bodyHtml: string;
  /** When the save that replaced it ran. */
  replacedAt: number;
}

const keyOf = (id: string) => `previous:${id}`;

/** Whether saving `next` over what the archive holds would change what the reader reads. */
export function replacesText(listing: Pick<ArticleListing, 'title'>, body: { bodyText: string }, next: Pick<ArticleRecord, 'title' | 'bodyText'>): boolean {
  return listing.title !== next.title || body.bodyText !== next.bodyText;
}

export async function keepPrevious(tx: WriteTx, listing: ArticleListing, body: { bodyText: string; bodyHtml: string }, replacedAt: number): Promise<void> {
  const previous: PreviousVersion = { title: listing.title, summary: listing.summary, bodyText: body.bodyText, bodyHtml: body.bodyHtml, replacedAt };
  await tx.objectStore('meta').put(previous, keyOf(listing.id));
}

export async function forgetPrevious(tx: WriteTx, id: string): Promise<void> {
  await tx.objectStore('meta').delete(keyOf(id));
}

export async function readPrevious(source: ArchiveDb | WriteTx, id: string): Promise<PreviousVersion | undefined> {
  const value: unknown = 'objectStore' in source ? await source.objectStore('meta').get(keyOf(id)) : await source.get('meta', keyOf(id));
  return isPrevious(value) ? value : undefined;
}

function isPrevious(value: unknown): value is PreviousVersion {
  if (typeof value !== 'object' || value === null) return false;
  const { title, summary, bodyText, bodyHtml, replacedAt } = value as Record<string, unknown>;
  return [title, summary, bodyText, bodyHtml].every((field) => typeof field === 'string') && Number.isFinite(replacedAt);
}
