/**
 * The settings of lib/settings-model.ts, kept in extension storage
 * (storage.local, one key each) and read by every part. A few lines over the
 * storage API rather than a storage library: the content script, which runs on
 * every article page, carries them. A synced setting is written to
 * storage.sync first (lib/settings-sync.ts), then here.
 */
import { browser } from 'wxt/browser';
import { SETTINGS, settingValue, type SettingDeclaration, type SettingName, type Settings } from '../lib/settings-model';
import { SETTINGS_PENDING_KEY, pendingKeys } from '../lib/settings-sync';

export interface Setting<T> {
  getValue(): Promise<T>;
  /** Calls back with each new value (the default when removed); returns the way to stop. */
  watch(callback: (value: T) => void): () => void;
}

type Changes = Record<string, { newValue?: unknown }>;

function setting<N extends SettingName>(name: N): Setting<Settings[N]> {
  const { key } = SETTINGS[name];
  return {
    async getValue() {
      return settingValue(name, (await browser.storage.local.get(key))[key]);
    },
    watch(callback) {
      const listener = (changes: Changes, area: string) => {
        if (area === 'local' && Object.hasOwn(changes, key)) callback(settingValue(name, changes[key]!.newValue));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** Each setting of lib/settings-model.ts, read and watched by name (written with saveSetting, which article pages never carry). */
export const settings = Object.fromEntries((Object.keys(SETTINGS) as SettingName[]).map((name) => [name, setting(name)])) as {
  [N in SettingName]: Setting<Settings[N]>;
};

/** Every setting at once, in one storage read (the settings page). */
export async function loadSettings(): Promise<Settings> {
  const names = Object.keys(SETTINGS) as SettingName[];
  const stored = await browser.storage.local.get(names.map((name) => SETTINGS[name].key));
  return Object.fromEntries(names.map((name) => [name, settingValue(name, stored[SETTINGS[name].key])])) as Settings;
}

/**
 * Writes a setting where every part reads it. A synced one goes to the
 * account first; where that write fails (storage.sync's quota or write rate,
 * or no storage.sync at all), the choice still takes effect here and the key
 * is marked to be sent again at the background's next start.
 */
export async function saveSetting<N extends SettingName>(name: N, value: Settings[N]): Promise<void> {
  const { key, synced } = SETTINGS[name] as SettingDeclaration<Settings[N]>;
  if (synced) {
    const written = await browser.storage.sync?.set({ [key]: value }).then(
      () => true,
      () => false,
    );
    if (!written) {
      const pending = pendingKeys((await browser.storage.local.get(SETTINGS_PENDING_KEY))[SETTINGS_PENDING_KEY]);
      if (!pending.includes(key)) await browser.storage.local.set({ [SETTINGS_PENDING_KEY]: [...pending, key] });
    }
  }
  await browser.storage.local.set({ [key]: value });
}

/** Calls back with every setting each time one changes (another browser's choice arriving, say); returns the way to stop. */
export function watchSettings(callback: (values: Settings) => void): () => void {
  const keys = new Set(Object.values(SETTINGS).map((setting) => setting.key));
  const listener = (changes: Changes, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => keys.has(key))) void loadSettings().then(callback);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
