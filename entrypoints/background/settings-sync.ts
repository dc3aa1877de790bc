import { browser } from 'wxt/browser';
import { SYNCED_SETTING_KEYS } from '../../lib/settings-model';
import { SETTINGS_PENDING_KEY, incomingSettings, pendingKeys, reconcileSettings } from '../../lib/settings-sync';

/**
 * The reader's preferences through the browser's own sync (lib/settings-sync.ts):
 * at each start the two areas are brought into step, and a choice arriving
 * from another browser is copied where every part reads it, so open article
 * pages and the settings page follow it at once.
 */
export function setupSettingsSync(): void {
  const synced = browser.storage.sync;
  if (!synced) return;

  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync') return;
    void (async () => {
      const local = await browser.storage.local.get([...SYNCED_SETTING_KEYS]);
      const toLocal = incomingSettings(SYNCED_SETTING_KEYS, changes, local);
      if (Object.keys(toLocal).length > 0) await browser.storage.local.set(toLocal);
    })().catch((error: unknown) => console.warn('EM Lens: a synced setting could not be applied', error));
  });

  void (async () => {
    const [local, account] = await Promise.all([
      browser.storage.local.get([...SYNCED_SETTING_KEYS, SETTINGS_PENDING_KEY]),
      synced.get([...SYNCED_SETTING_KEYS]),
    ]);
    const pending = pendingKeys(local[SETTINGS_PENDING_KEY]);
    const plan = reconcileSettings(SYNCED_SETTING_KEYS, local, account, pending);
    if (Object.keys(plan.toSync).length > 0) await synced.set(plan.toSync);
    if (pending.length > 0) await browser.storage.local.remove(SETTINGS_PENDING_KEY);
    if (Object.keys(plan.toLocal).length > 0) await browser.storage.local.set(plan.toLocal);
  })().catch((error: unknown) => console.warn('EM Lens: settings could not be brought into step with the browser account', error));
}
