import { annotateArticle, deleteArticle, getListing, restoreArticle, saveArticle } from '../../lib/archive/articles';
import type { ArchiveDb } from '../../lib/archive/schema';
import { countsForSecids } from '../../lib/archive/facets';
import { importArticles } from '../../lib/archive/import-articles';
import { checkArticleRecord } from '../../lib/article-record';
import type { Handlers, SenderContext } from '../../lib/protocol';
import type { QuoteSnapshot } from '../../lib/quotes/quote-snapshot';
import type { ArticleStatus } from '../../lib/article-model';

export type ArchiveMessages =
  | 'article:save'
  | 'article:status'
  | 'article:annotate'
  | 'article:delete'
  | 'article:restore'
  | 'archive:import'
  | 'securities:counts';

export interface ArchiveEvents {
  /**
   * The article record read from the sender's page (read-article-record.ts run
   * in its frame): null when the page has no article body to read. Whatever it
   * gives is checked before anything is written.
   */
  readPage(sender: SenderContext): Promise<unknown>;
  /** The quotes of these securities right now, if live quotes are on. */
  quotesNow(secids: string[]): QuoteSnapshot | undefined;
  /** An article was written or deleted: index it, tell the tabs. */
  changed(id: string, status: ArticleStatus): void;
  /** Articles were imported: index them. */
  imported(): void;
}

const UNSAVED: ArticleStatus = { saved: false, savedAt: null, tags: [], note: '' };

export async function statusOf(db: ArchiveDb, id: string): Promise<ArticleStatus> {
  const listing = await getListing(db, id);
  return listing ? { saved: true, savedAt: listing.savedAt, tags: listing.tags, note: listing.note } : UNSAVED;
}

/** What the background does for each archive message, over the one archive connection. */
export function archiveHandlers(archive: () => Promise<ArchiveDb>, events: ArchiveEvents): Handlers<ArchiveMessages> {
  return {
    async 'article:save'({ id }, sender) {
      const record = await readSaveable(events, sender, id);
      const db = await archive();
      const secids = record.mentions.map((mention) => mention.secid);
      const { savedAt, created } = await saveArticle(db, record, Date.now(), events.quotesNow(secids));
      const status = await statusOf(db, record.id);
      events.changed(record.id, status);
      return { savedAt, created, status };
    },
    async 'article:status'({ id }) {
      return statusOf(await archive(), id);
    },
    async 'article:annotate'({ id, tags, note }) {
      const db = await archive();
      await annotateArticle(db, id, { tags, note });
      const status = await statusOf(db, id);
      events.changed(id, status);
      return status;
    },
    async 'article:delete'({ id }) {
      const deleted = await deleteArticle(await archive(), id);
      events.changed(id, UNSAVED);
      return { deleted };
    },
    async 'article:restore'({ article }) {
      const db = await archive();
      await restoreArticle(db, article);
      events.changed(article.id, await statusOf(db, article.id));
      return { restored: true };
    },
    async 'archive:import'({ articles }) {
      const outcome = await importArticles(await archive(), articles);
      events.imported();
      return outcome;
    },
    async 'securities:counts'({ secids }) {
      return { counts: await countsForSecids(await archive(), secids) };
    },
  };
}

/** An error whose name tells the overlay what to say (see lib/archive/storage-errors.ts). */
function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

async function readSaveable(events: ArchiveEvents, sender: SenderContext, id: string) {
  const read = await events.readPage(sender);
  if (read === null || read === undefined) throw named('NoArticleBody', 'the page has no article text to save');
  const record = checkArticleRecord(read);
  if (!record.ok) throw named('UnreadablePage', record.error);
  // The page moved on (history navigation) between the click and the reading.
  if (record.value.id !== id) throw named('PageChanged', 'the page shows another article now');
  return record.value;
}
