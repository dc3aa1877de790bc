import type { ArchiveEvents } from '../../lib/archive/archive-events';
import { compactIndex } from '../../lib/archive/compact-index';
import type { ArchiveDb } from '../../lib/archive/schema';
import { indexPending } from '../../lib/archive/search-index';
import type { WriteMarker } from '../../lib/archive/write-marker';

export interface SearchIndexer {
  /** Index whatever is pending, now or after the pass in progress. */
  schedule(): void;
  /**
   * Runs `task` with no indexing pass in flight and none starting until it
   * ends (the integrity check reads the index in several transactions), then
   * indexes what it left pending.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Indexes saved articles for search after the save has been answered, so a
 * save never waits for indexing. One pass at a time; a pass interrupted (the
 * worker stopped) leaves the rest marked pending for the next one.
 */
/**
 * Keeps a background that is indexing from being stopped half-way, or wakes
 * it again if it was (`indexing-wake.ts`): held while a pass runs, let go
 * when nothing is left pending.
 */
export interface IndexingWake {
  hold(): void;
  release(): void;
}

const NO_WAKE: IndexingWake = { hold() {}, release() {} };

/** Passes in a row that may fail before the wake is let go, and only a save tries again. */
const RETRIES = 5;

export function setupSearchIndexer(
  archive: () => Promise<ArchiveDb>,
  events: ArchiveEvents,
  marker: WriteMarker,
  { startNow = true, wake = NO_WAKE }: { startNow?: boolean; wake?: IndexingWake } = {},
): SearchIndexer {
  let running: Promise<void> | null = null;
  let again = false;
  let held: Promise<unknown> | null = null;
  let compacted = false;
  let failures = 0;
  const run = async () => {
    do {
      again = false;
      const db = await archive();
      // One batch per transaction; a save waits for the batch in progress only.
      while (!held && (await marker.during(() => indexPending(db))) > 0);
      // Then records an earlier version wrote are rewritten, a chunk at a time
      // (values unchanged, so no write marker): new saves are indexed first.
      while (!compacted && !held && !again) compacted = (await compactIndex(db)) === 0;
    } while (again && !held);
  };
  const schedule = () => {
    if (running || held) {
      again = true;
      return;
    }
    wake.hold();
    let finished = false;
    running = run()
      .then(() => {
        finished = true;
        failures = 0;
      })
      .catch((error: unknown) => {
        failures += 1;
        console.warn('[EM Lens] indexing failed; will retry', error);
      })
      .finally(() => {
        running = null;
        // Held back by the integrity check, the pass has not finished: the check's end schedules the rest.
        // A pass that failed is tried again at the wake's next alarm, a few times; after that, at the next save.
        if ((finished && !held) || failures >= RETRIES) wake.release();
      });
  };
  // Every write leaves its articles pending; an annotation re-indexes the tags and note.
  events.subscribe((event) => {
    if (event.type === 'article-changed' || event.type === 'articles-imported') schedule();
  });
  if (startNow) schedule(); // whatever an earlier session left pending
  return {
    schedule,
    async exclusive(task) {
      while (held) await held.catch(() => {});
      const turn = (async () => {
        // The batch in flight finishes; the loop sees `held` and stops after it.
        await running;
        return task();
      })();
      held = turn;
      try {
        return await turn;
      } finally {
        held = null;
        schedule();
      }
    },
  };
}
