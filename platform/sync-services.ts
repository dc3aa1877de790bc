/** What the settings page's sync panel needs from the browser. */
import { browser } from 'wxt/browser';
import type { SyncServices } from '../components/settings/sync-panel';
import { SYNC_KEYS, type SyncStatus } from '../lib/sync/sync-config';
import { send } from './messaging';

export const syncServices: SyncServices = {
  status: () => send('bg:sync-status', {}),
  connect: (connection) => send('bg:sync-connect', connection),
  confirm: () => send('bg:sync-confirm', {}),
  syncNow: (allowMassDelete) => send('bg:sync-now', { allowMassDelete }),
  disconnect: () => send('bg:sync-disconnect', {}),
  requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
  watch(callback) {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[SYNC_KEYS.status];
      if (area === 'local' && change?.newValue) callback(change.newValue as SyncStatus);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
