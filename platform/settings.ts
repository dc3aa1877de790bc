/**
 * The settings of lib/settings-model.ts, kept in extension storage
 * (storage.local, one key each) and read by every part. A few lines over the
 * storage API rather than a storage library: the content script, which runs on
 * every article page, carries them.
 */
import { browser } from 'wxt/browser';
import { SETTINGS, settingValue, type SettingName, type Settings } from '../lib/settings-model';

export interface Setting<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
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
    async setValue(value) {
      await browser.storage.local.set({ [key]: value });
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

/** Each setting of lib/settings-model.ts, read, written and watched by name. */
export const settings = Object.fromEntries((Object.keys(SETTINGS) as SettingName[]).map((name) => [name, setting(name)])) as {
  [N in SettingName]: Setting<Settings[N]>;
};

/** Every setting at once, in one storage read (the settings page). */
export async function loadSettings(): Promise<Settings> {
  const names = Object.keys(SETTINGS) as SettingName[];
  const stored = await browser.storage.local.get(names.map((name) => SETTINGS[name].key));
  return Object.fromEntries(names.map((name) => [name, settingValue(name, stored[SETTINGS[name].key])])) as Settings;
}

export async function saveSetting<N extends SettingName>(name: N, value: Settings[N]): Promise<void> {
  await browser.storage.local.set({ [SETTINGS[name].key]: value });
}
