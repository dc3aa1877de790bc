/** Reading whole articles out of the archive for export: everything, or what a filter shows. */
import type { ArchivedArticle, ArticleListing } from '../article-model';
import type { ArchiveDb } from './schema';
import { isFiltered, queryArchive, type ArchiveFilter } from './query';

function archived(listing: ArticleListing, body: { bodyText: string; bodyHtml: string } | undefined): ArchivedArticle {
  return {
    ...listing,
    bodyText: body?.bodyText ?? '',
    bodyHtml: body?.bodyHtml ?? '',
    tags: listing.tags ?? [],
    note: listing.note ?? '',
  };
}

/** Newest saved first (or in result order under a search), bodies included. */
export async function collectArticles(db: ArchiveDb, filter: ArchiveFilter = {}): Promise<ArchivedArticle[]> {
  let listings: ArticleListing[];
  if (!filter.text?.trim() && !isFiltered(filter)) {
    listings = (await db.getAllFromIndex('articles', 'by-saved')).reverse();
  } else {
    const page = await queryArchive(db, filter, { limit: Number.MAX_SAFE_INTEGER });
    listings = page.items.map((item) => item.listing);
  }
  const tx = db.transaction('bodies', 'readonly');
  const bodies = await Promise.all(listings.map((listing) => tx.store.get(listing.id)));
  await tx.done;
  return listings.map((listing, i) => archived(listing, bodies[i]));
}

/** Every article's id, newest saved first: the order collectArticles gives the whole archive in. */
export async function articleIdsNewestFirst(db: ArchiveDb): Promise<string[]> {
  return (await db.getAllKeysFromIndex('articles', 'by-saved')).reverse();
}

/** These articles with their bodies, in one short read; those deleted meanwhile are left out. */
export async function collectArticlesById(db: ArchiveDb, ids: readonly string[]): Promise<ArchivedArticle[]> {
  const tx = db.transaction(['articles', 'bodies'], 'readonly');
  const articles = tx.objectStore('articles');
  const bodies = tx.objectStore('bodies');
  const read = await Promise.all(ids.map(async (id) => [await articles.get(id), await bodies.get(id)] as const));
  await tx.done;
  return read.flatMap(([listing, body]) => (listing ? [archived(listing, body)] : []));
}
