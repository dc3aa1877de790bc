import type { ArchiveEvents } from '../../lib/archive/archive-events';
import type { ArchiveDb } from '../../lib/archive/schema';
import { indexPending } from '../../lib/archive/search-index';

/**
 * Indexes saved articles for search after the save has been answered, so a
 * save never waits for indexing. One pass at a time; a pass interrupted (the
 * worker stopped) leaves the rest marked pending for the next one.
 */
export function setupSearchIndexer(archive: () => Promise<ArchiveDb>, events: ArchiveEvents): void {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    do {
      again = false;
      const db = await archive();
      // One batch per transaction; a save waits for the batch in progress only.
      while ((await indexPending(db)) > 0);
    } while (again);
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch((error: unknown) => console.warn('[EM Lens] indexing failed; will retry on the next save', error))
      .finally(() => {
        running = null;
      });
  };
  // Every write leaves its articles pending; an annotation re-indexes the tags and note.
  events.subscribe((event) => {
    if (event.type === 'article-changed' || event.type === 'articles-imported') schedule();
  });
  schedule(); // whatever an earlier session left pending
}
