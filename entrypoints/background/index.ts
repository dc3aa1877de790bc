import { defineBackground } from 'wxt/utils/define-background';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { archiveConnection } from '../../lib/archive/db';
import { setupArchive } from './archive-messages';
import { readPageRecord } from './page-record-injection';
import { setupPages } from './page-messages';
import { setupQuotes } from './quote-service';
import { setupRelevance } from './relevance-service';
import { setupSaveShortcuts } from './save-shortcuts';
import { setupSearchIndexer } from './search-indexer';
import { setupTabStatus } from './tab-status';

// Each part registers its own messages and listens to the archive's events.
export default defineBackground(() => {
  const archive = archiveConnection();
  const events = createArchiveEvents();
  const quotes = setupQuotes();
  setupArchive(archive, { readPageRecord, quotesNow: quotes.snapshot, events });
  setupRelevance(archive);
  setupSearchIndexer(archive, events);
  setupTabStatus(events);
  setupPages();
  setupSaveShortcuts();
});
