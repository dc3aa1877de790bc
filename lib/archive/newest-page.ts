/**
 * A copy of the archive's newest page: the list with no filter and no
 * search, as the popup opens on it. The background keeps it in session
 * storage so that the popup draws its first rows before IndexedDB has opened;
 * at 50,000 articles opening the connection and reading the first page cost
 * more than the rest of the popup's start together (bench/README.md).
 *
 * The copy is taken away before any write of the archive starts and made
 * again once no write has been in flight for a moment, from a read that
 * began after the last one ended: a copy that is there is the archive as it
 * is. The popup still reads the archive and puts its own page in the copy's
 * place.
 */
import type { ArchiveDb } from './schema';
import { countArchive, LIST_PAGE_SIZE, queryArchive, type ResultPage } from './query';

/** The key in session storage. */
export const NEWEST_PAGE_KEY = 'newestPage';

/** A copy made by another version of the extension is not read: its rows may have another shape. */
const COPY_VERSION = 1;

interface StoredCopy {
  version: typeof COPY_VERSION;
  page: ResultPage;
}

export interface CopyStore {
  get(): Promise<unknown>;
  set(copy: StoredCopy): Promise<void>;
  remove(): Promise<void>;
}

/** The page the list shows first, counted: what the copy holds. */
export async function readNewestPage(db: ArchiveDb): Promise<ResultPage> {
  const page = await queryArchive(db, {}, { limit: LIST_PAGE_SIZE, withTotal: false });
  return { ...page, total: await countArchive(db, {}) };
}

/** The copy's page, or null when there is none or it is not one this version made. */
export function pageOfCopy(stored: unknown): ResultPage | null {
  if (!stored || typeof stored !== 'object') return null;
  const { version, page } = stored as Partial<StoredCopy>;
  if (version !== COPY_VERSION || !page || !Array.isArray(page.items) || typeof page.total !== 'number') return null;
  const rows = page.items.every((item) => item && typeof item === 'object' && typeof item.listing?.id === 'string');
  return rows ? page : null;
}

export interface NewestPageCopy {
  /** Runs one write of the archive with the copy taken away for its length and made again after. */
  around<T>(write: () => Promise<T>): Promise<T>;
  /** Makes the copy if there is none (a background that starts after the browser did). */
  ensure(): Promise<void>;
}

/**
 * How long the archive is left quiet before the copy is read again: an
 * import's or a sync's batches come one after another, and a read between
 * two of them would hold up the next (IndexedDB runs a read and a write of
 * the same store one after the other).
 */
export const COPY_QUIET_MS = 400;

export function createNewestPageCopy(store: CopyStore, read: () => Promise<ResultPage>, quietMs = COPY_QUIET_MS): NewestPageCopy {
  let inFlight = 0;
  let quiet: ReturnType<typeof setTimeout> | null = null;
  // Counts writes started: a read that saw it change while it ran may have read the archive half-way.
  let started = 0;
  let making: Promise<void> | null = null;
  let again = false;

  const make = (): Promise<void> => {
    if (making) {
      again = true;
      return making;
    }
    making = (async () => {
      do {
        again = false;
        const before = started;
        const page = await read();
        // Set in the same turn as the check: a write that starts after it removes the copy after this set lands.
        if (inFlight === 0 && started === before) await store.set({ version: COPY_VERSION, page });
      } while (again);
    })()
      .catch(() => {})
      .finally(() => (making = null));
    return making;
  };

  return {
    async around(write) {
      inFlight += 1;
      started += 1;
      if (quiet !== null) clearTimeout(quiet);
      quiet = null;
      try {
        // A copy that cannot be taken away is one the write makes stale: the write still runs, and the copy is made again after.
        await store.remove().catch(() => {});
        return await write();
      } finally {
        inFlight -= 1;
        if (inFlight === 0) {
          quiet = setTimeout(() => {
            quiet = null;
            void make();
          }, quietMs);
        }
      }
    },
    async ensure() {
      if (pageOfCopy(await store.get().catch(() => null))) return;
      if (inFlight === 0) await make();
    },
  };
}
