import { annotateArticleOver, deleteArticle, getListing, restoreArticle, restorePrevious, saveArticle } from '../../lib/archive/articles';
import type { ArchiveEvents } from '../../lib/archive/archive-events';
import { importArticles } from '../../lib/archive/import-articles';
import type { ArchiveDb } from '../../lib/archive/schema';
import type { Writing } from '../../lib/archive/write-marker';
import { statusOfListing, UNSAVED, type ArticleStatus } from '../../lib/article-model';
import { checkArticleRecord } from '../../lib/article-record';
import { parseArticleUrl } from '../../lib/article-url';
import { addressAllows, type PageRecordReading } from '../../lib/page-record-result';
import { CodedError, codeOf } from '../../lib/error-codes';
import type { Handlers, SenderContext, TabSave } from '../../lib/protocol';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import type { QuoteSnapshot } from '../../lib/quotes/quote-snapshot';
import { expectedImportBytes, type Room } from '../../lib/storage/storage-room';
import { nudgeFrame, receive } from '../../platform/messaging';
import type { TabArticles } from '../../lib/tab-articles';

/** The messages this module answers; every other background message belongs to another module. */
export const ARCHIVE_MESSAGES = [
  'bg:save-article',
  'bg:annotate-article',
  'bg:delete-article',
  'bg:restore-article',
  'bg:import-articles',
  'bg:restore-previous',
] as const;

export type ArchiveMessage = (typeof ARCHIVE_MESSAGES)[number];

export interface ArchiveDeps {
  /**
   * The article record read from the sender's page (page-record-reader run in
   * its frame): null when the page has no article body to read. Whatever it
   * gives is checked before anything is written.
   */
  readPageRecord(sender: SenderContext): Promise<PageRecordReading>;
  /** The quotes of these securities right now, if live quotes are on. */
  quotesNow(secids: string[]): QuoteSnapshot | undefined;
  events: ArchiveEvents;
  /** Which tab shows which article: a frame's save or note is held to its tab's. */
  tabs: TabArticles;
  /** Runs one write of the archive (the write marker, lib/archive/write-marker.ts); by default just runs it. */
  writing?: Writing;
  /** Whether `bytes` more fit in what the browser has left (lib/storage/storage-room.ts); by default they do. */
  room?: (bytes: number) => Promise<Room>;
}

/** What a write of `value` may add to the archive: its JSON, at most 3 bytes a UTF-16 unit, with the index. */
const bytesOf = (value: unknown) => expectedImportBytes(JSON.stringify(value).length * 3);

async function statusOf(db: ArchiveDb, id: string): Promise<ArticleStatus> {
  return statusOfListing(await getListing(db, id));
}

/** What the background does for each archive message, over the one archive connection. */
export function archiveHandlers(archive: () => Promise<ArchiveDb>, deps: ArchiveDeps): Handlers<ArchiveMessage> {
  const { events, writing = (write) => write(), room = async () => ({ fits: true, free: null }) } = deps;
  /** Refuses a write that would not fit before it starts, rather than have it fail part way. */
  const fits = async (value: unknown) => {
    const answer = await room(bytesOf(value));
    if (!answer.fits) throw new CodedError('storage-low', `${answer.needed} bytes needed with the reserve, ${answer.free} free`);
  };
  const changed = (id: string, status: ArticleStatus, sender: SenderContext) =>
    events.emit({ type: 'article-changed', id, status, tabId: sender.tabId });
  return {
    async 'bg:save-article'({ id }, sender) {
      const record = await readSaveable(deps, pageOf(deps.tabs, sender, id), id);
      const db = await archive();
      const secids = record.mentions.map((mention) => mention.secid);
      await fits(record);
      const { savedAt, created, replaced, status } = await writing(() => saveArticle(db, record, Date.now(), deps.quotesNow(secids)));
      changed(record.id, status, sender);
      return { savedAt, created, replaced, status };
    },
    async 'bg:restore-previous'({ id }, sender) {
      if (sender.kind === 'overlay-frame') pageOf(deps.tabs, sender, id);
      const db = await archive();
      if (!(await writing(() => restorePrevious(db, id)))) throw new CodedError('not-in-archive', `no earlier version of ${id} is kept`);
      const status = await statusOf(db, id);
      changed(id, status, sender);
      return status;
    },
    async 'bg:annotate-article'({ id, tags, note, was }, sender) {
      if (sender.kind === 'overlay-frame') pageOf(deps.tabs, sender, id);
      const db = await archive();
      const { listing, replaced } = await writing(() => annotateArticleOver(db, id, { tags, note }, was ?? null));
      const status = statusOfListing(listing);
      changed(id, status, sender);
      return replaced ? { ...status, replaced } : status;
    },
    async 'bg:delete-article'({ id }, sender) {
      const db = await archive();
      const deleted = await writing(() => deleteArticle(db, id));
      changed(id, UNSAVED, sender);
      return { deleted };
    },
    async 'bg:restore-article'({ article }, sender) {
      const db = await archive();
      await fits(article);
      await writing(() => restoreArticle(db, article));
      changed(article.id, await statusOf(db, article.id), sender);
      return { restored: true };
    },
    async 'bg:import-articles'({ articles }) {
      await fits(articles);
      const db = await archive();
      const outcome = await writing(() => importArticles(db, articles));
      events.emit({ type: 'articles-imported', count: outcome.taken });
      return outcome;
    },
  };
}

/**
 * The page a frame's request is for: the frame of its tab that shows article
 * `id`. Refused when the tab shows another article (or none) by now.
 */
function pageOf(tabs: TabArticles, sender: SenderContext, id: string): SenderContext {
  const shown = sender.tabId === null ? undefined : tabs.get(sender.tabId);
  if (!shown || shown.id !== id) throw new CodedError('page-changed', `the tab shows ${shown ? `article ${shown.id}` : 'no article'}, not ${id}`);
  return { kind: 'content-script', tabId: sender.tabId, frameId: shown.frameId };
}

async function readSaveable(deps: ArchiveDeps, sender: SenderContext, id: string) {
  const { record: read, committedUrl } = await deps.readPageRecord(sender);
  if (read === null || read === undefined) throw new CodedError('no-article-text', 'the page has no article text to save');
  const record = checkArticleRecord(read);
  if (!record.ok) throw new CodedError('unreadable-page', record.error);
  // The page moved on (history navigation) between the click and the reading.
  if (record.value.id !== id) throw new CodedError('page-changed', 'the page shows another article now');
  // The page's own claim (its address after pushState, its canonical link) against the address it was loaded from.
  if (!addressAllows(record.value.id, committedUrl, parseArticleUrl)) {
    throw new CodedError('address-changed', `the page was loaded from ${committedUrl ?? 'an unknown address'}, not article ${record.value.id}`);
  }
  return record.value;
}

/**
 * The archive's messages, answered in the background; and a save of the
 * article a tab shows, for the shortcut, the menu and auto-save, which the
 * tab's frame hears about as it would of its own button.
 */
export function setupArchive(archive: () => Promise<ArchiveDb>, deps: ArchiveDeps) {
  const handlers = archiveHandlers(archive, deps);
  receive(BACKGROUND_RULES, handlers);
  return {
    async saveInTab(tabId: number): Promise<boolean> {
      const shown = deps.tabs.get(tabId);
      if (!shown) return false;
      const tell = (save: TabSave | null) => {
        deps.tabs.setSave(tabId, save);
        nudgeFrame(tabId);
      };
      tell({ phase: 'saving' });
      try {
        await handlers['bg:save-article']({ id: shown.id }, { kind: 'overlay-frame', tabId, frameId: null });
        tell(null);
        return true;
      } catch (failure) {
        tell({ phase: 'failed', code: codeOf(failure) });
        return false;
      }
    },
  };
}
