/** The settings page's view of the archive's storage: the browser's estimate and persistence, and the background's check. */
import { browser } from 'wxt/browser';
import type { ArchiveStorageServices } from '../components/settings/archive-storage';
import { LAST_CHECK_KEY, type LastCheck } from '../lib/archive/integrity';
import { askPersistence, keepingOf, readEstimate } from '../lib/storage/persistence';
import { storageFacts } from '../lib/storage/storage-room';
import { send } from './messaging';

export function archiveStorageServices(): ArchiveStorageServices {
  return {
    async readStorage() {
      // A page can ask for persistence (a worker cannot); the extension's origin is the archive's.
      const persisted = await askPersistence(navigator.storage);
      const unlimited = browser.runtime.getManifest().permissions?.includes('unlimitedStorage') ?? false;
      return { ...storageFacts(await readEstimate(navigator.storage)), persistence: keepingOf(persisted, unlimited) };
    },
    checkArchive: () => send('bg:check-archive', {}),
    async lastCheck() {
      const stored = (await browser.storage.local.get(LAST_CHECK_KEY))[LAST_CHECK_KEY] as LastCheck | undefined;
      return stored && typeof stored === 'object' && stored.report ? stored : null;
    },
  };
}
