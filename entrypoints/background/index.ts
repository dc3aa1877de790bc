import { defineBackground } from 'wxt/utils/define-background';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { archiveConnection } from '../../lib/archive/db';
import type { Writing } from '../../lib/archive/write-marker';
import { setupBackup } from './archive-backup';
import { archiveWriteMarker, setupDurability, storageRoom } from './archive-durability';
import { setupArchive } from './archive-messages';
import { setupArchiveFrames } from './archive-frames';
import { createTabArticles } from '../../lib/tab-articles';
import { readPageRecord } from './page-record-injection';
import { setupPages } from './page-messages';
import { setupQuotes } from './quote-service';
import { setupIntraday } from './intraday-service';
import { setupNewestPageCopy } from './newest-page-copy';
import { setupRelevance } from './relevance-service';
import { setupSaveShortcuts } from './save-shortcuts';
import { indexingWake } from './indexing-wake';
import { setupSearchIndexer, type SearchIndexer } from './search-indexer';
import { setupSettingsSync } from './settings-sync';
import { setupSync } from './sync-service';
import { setupTabStatus } from './tab-status';

// Each part registers its own messages and listens to the archive's events.
export default defineBackground(() => {
  // First: it reads whether the last background stopped during a write, before this one writes.
  const marker = archiveWriteMarker();
  const archive = archiveConnection();
  const events = createArchiveEvents();
  // Every write that changes articles goes through both: the marker for the integrity check, the copy for the popup.
  const newestPage = setupNewestPageCopy(archive);
  const writing: Writing = (write) => newestPage.around(() => marker.during(write));
  setupSettingsSync();
  const quotes = setupQuotes();
  setupIntraday();
  const tabs = createTabArticles();
  const { saveInTab } = setupArchive(archive, { readPageRecord, quotesNow: quotes.snapshot, events, tabs, writing, room: storageRoom });
  setupArchiveFrames(archive, { tabs, events, saveInTab });
  // The alarm that keeps a long indexing pass going is heard from the start; it reaches the indexer made next.
  let indexer: SearchIndexer | null = null;
  const wake = indexingWake(() => indexer?.schedule());
  indexer = setupSearchIndexer(archive, events, marker, { wake });
  setupRelevance(archive, events, writing);
  setupDurability(archive, { marker, indexer, writing });
  setupTabStatus(events, tabs);
  setupPages();
  setupSync(archive, events, marker, writing);
  setupSaveShortcuts(saveInTab);
  setupBackup(archive);
});
