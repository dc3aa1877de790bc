/** The settings page's view of the archive's storage: the browser's estimate and persistence, and the background's check. */
import { browser } from 'wxt/browser';
import type { ArchiveStorageServices } from '../components/settings/archive-storage';
import { LAST_CHECK_KEY, type LastCheck } from '../lib/archive/integrity';
import { askPersistence, readEstimate } from '../lib/storage/persistence';
import { storageFacts } from '../lib/storage/storage-room';
import { send } from './messaging';

export function archiveStorageServices(): ArchiveStorageServices {
  return {
    async readStorage() {
      // A page can ask for persistence (a worker cannot); the extension's origin is the archive's.
      const persistence = await askPersistence(navigator.storage);
      return { ...storageFacts(await readEstimate(navigator.storage)), persistence };
    },
    checkArchive: () => send('bg:check-archive', {}),
    async lastCheck() {
      const stored = (await browser.storage.local.get(LAST_CHECK_KEY))[LAST_CHECK_KEY] as LastCheck | undefined;
      return stored && typeof stored === 'object' && stored.report ? stored : null;
    },
  };
}
