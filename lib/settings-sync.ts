/**
 * The reader's preferences follow their browser account: each synced setting
 * of lib/settings-model.ts is kept in storage.sync (the browser carries it to
 * the reader's other browsers where its own sync is on) and copied into
 * storage.local, which every part reads, so an article page still makes one
 * read at start. These are the rules for keeping the two in step; the
 * background applies them (entrypoints/background/settings-sync.ts).
 */

/** storage.local: keys whose storage.sync write failed (quota, write rate), to send again. */
export const SETTINGS_PENDING_KEY = 'settingsPendingSync';

/** A storage area's values by key; a missing key is not set. */
export type StoredValues = Record<string, unknown>;

export interface SettingsPlan {
  /** Values to write to storage.local (another device's choice, or the first copy down). */
  toLocal: StoredValues;
  /** Values to write to storage.sync (this device's choice the account has not got yet). */
  toSync: StoredValues;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The pending list as stored, or empty where it is of no use. */
export function pendingKeys(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
}

/**
 * At start: where the two disagree, the account's value wins (every write goes
 * to storage.sync first), except for a key whose write to it failed, which this
 * device sends again. A key only this device has (a setting chosen before
 * settings were synced) goes up.
 */
export function reconcileSettings(keys: readonly string[], local: StoredValues, synced: StoredValues, pending: readonly string[]): SettingsPlan {
  const plan: SettingsPlan = { toLocal: {}, toSync: {} };
  for (const key of keys) {
    const mine = local[key];
    const account = synced[key];
    if (mine === undefined && account === undefined) continue;
    if (pending.includes(key) || account === undefined) {
      if (mine !== undefined && !same(mine, account)) plan.toSync[key] = mine;
    } else if (!same(mine, account)) {
      plan.toLocal[key] = account;
    }
  }
  return plan;
}

/**
 * A change to storage.sync (another browser's, or this one's own write): the
 * synced settings it changes, to copy into storage.local. A key removed there
 * is left alone here: removing is how storage.sync is cleared, not a choice.
 */
export function incomingSettings(keys: readonly string[], changes: Record<string, { newValue?: unknown }>, local: StoredValues): StoredValues {
  const toLocal: StoredValues = {};
  for (const key of keys) {
    const change = changes[key];
    if (!change || change.newValue === undefined || change.newValue === null) continue;
    if (!same(change.newValue, local[key])) toLocal[key] = change.newValue;
  }
  return toLocal;
}
