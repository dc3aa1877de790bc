import { browser } from 'wxt/browser';
import { checkArchive, fixedAnything, LAST_CHECK_KEY, type LastCheck } from '../../lib/archive/integrity';
import type { ArchiveDb } from '../../lib/archive/schema';
import { createWriteMarker, type WriteMarker, type Writing } from '../../lib/archive/write-marker';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { askPersistence, readEstimate } from '../../lib/storage/persistence';
import { roomFor, type Room } from '../../lib/storage/storage-room';
import { receive } from '../../platform/messaging';
import type { SearchIndexer } from './search-indexer';

/** The messages this module answers. */
export const DURABILITY_MESSAGES = ['bg:check-archive'] as const;

/** storage.local: set while the archive is being written (lib/archive/write-marker.ts). */
const WRITING_KEY = 'archiveWriting';

/** The write marker, kept in extension storage. Made first, before anything can write. */
export function archiveWriteMarker(): WriteMarker {
  return createWriteMarker({
    get: async () => (await browser.storage.local.get(WRITING_KEY))[WRITING_KEY] === true,
    set: (writing) => browser.storage.local.set({ [WRITING_KEY]: writing }),
  });
}

/** What the browser has left for the archive, for the write about to start. */
export async function storageRoom(bytes: number): Promise<Room> {
  return roomFor(await readEstimate(navigator.storage), bytes);
}

/**
 * Keeping the archive: persistent storage asked for where the background can
 * (Firefox's background is a page; Chrome's worker has no `persist`, and the
 * extension's pages ask there), and the integrity check, at start-up after an
 * unclean stop and when the settings page asks.
 */
export function setupDurability(
  archive: () => Promise<ArchiveDb>,
  { marker, indexer, writing = marker.during }: { marker: WriteMarker; indexer: SearchIndexer; writing?: Writing },
): void {
  void askPersistence(navigator.storage);

  const check = (reason: LastCheck['reason']) =>
    indexer.exclusive(async () => {
      const db = await archive();
      const report = await writing(() => checkArchive(db));
      const last: LastCheck = { at: Date.now(), reason, report };
      await browser.storage.local.set({ [LAST_CHECK_KEY]: last });
      if (fixedAnything(report)) console.warn('[EM Lens] the archive check fixed', report);
      return report;
    });

  receive<(typeof DURABILITY_MESSAGES)[number]>(BACKGROUND_RULES, { 'bg:check-archive': () => check('asked') });

  void marker.leftSet().then((unclean) => {
    if (unclean) return check('start-up').catch((error: unknown) => console.warn('[EM Lens] the archive check failed', error));
  });
}
