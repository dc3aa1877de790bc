/** The settings page's backup panel: its settings in storage, the log the background keeps, and a backup now. */
import { browser } from 'wxt/browser';
import type { BackupServices } from '../components/settings/backup-panel';
import { BACKUP_LOG_KEY, readLog } from '../lib/backup/backup-plan';
import { SYNC_KEYS } from '../lib/sync/sync-config';
import { send } from './messaging';
import { saveSetting, settings } from './settings';

export const backupServices: BackupServices = {
  async load() {
    const stored = await browser.storage.local.get([BACKUP_LOG_KEY, SYNC_KEYS.config]);
    const chosen = await settings.backupOn.getValue();
    return {
      chosen: typeof chosen === 'boolean' ? chosen : null,
      syncOn: stored[SYNC_KEYS.config] !== undefined,
      everyDays: await settings.backupEveryDays.getValue(),
      keep: await settings.backupKeep.getValue(),
      log: readLog(stored[BACKUP_LOG_KEY]),
    };
  },
  setOn: (on) => saveSetting('backupOn', on),
  setEveryDays: (days) => saveSetting('backupEveryDays', days),
  setKeep: (keep) => saveSetting('backupKeep', keep),
  backUpNow: () => send('bg:backup-now', {}),
};
