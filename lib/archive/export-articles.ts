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
