import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setupSettingsSync } from '../../entrypoints/background/settings-sync';
import { SYNCED_SETTING_KEYS } from '../../lib/settings-model';
import { SETTINGS_PENDING_KEY, incomingSettings, reconcileSettings } from '../../lib/settings-sync';
import { loadSettings, saveSetting, settings, watchSettings } from '../../platform/settings';

beforeEach(() => fakeBrowser.reset());

describe('which settings follow the account', () => {
  it('is the reader’s preferences, not this machine’s backups or the test-only quote server', () => {
    expect([...SYNCED_SETTING_KEYS].sort()).toEqual(['autoSave', 'collapsed', 'colours', 'hideDoubtful', 'inlineBadges', 'liveQuotes']);
  });
});

describe('bringing the two areas into step at start', () => {
  const keys = ['colours', 'liveQuotes', 'collapsed'];

  it('takes the account’s value where they differ, sends up what only this device has, and leaves agreement alone', () => {
    const plan = reconcileSettings(keys, { colours: 'red-up', liveQuotes: false, collapsed: true }, { colours: 'green-up', collapsed: true }, []);
    expect(plan).toEqual({ toLocal: { colours: 'green-up' }, toSync: { liveQuotes: false } });
  });

  it('sends again a choice whose write to the account failed, rather than taking the account’s older one', () => {
    const plan = reconcileSettings(keys, { colours: 'green-up' }, { colours: 'red-up' }, ['colours']);
    expect(plan).toEqual({ toLocal: {}, toSync: { colours: 'green-up' } });
  });

  it('copies down the first time a browser meets the account', () => {
    expect(reconcileSettings(keys, {}, { colours: 'green-up', liveQuotes: false }, [])).toEqual({ toLocal: { colours: 'green-up', liveQuotes: false }, toSync: {} });
  });
});

describe('a change arriving in storage.sync', () => {
  it('is copied for the synced keys that differ, not for removals or other keys', () => {
    const changes = { colours: { newValue: 'green-up' }, liveQuotes: { newValue: true }, collapsed: {}, backupKeep: { newValue: 9 } };
    expect(incomingSettings(['colours', 'liveQuotes', 'collapsed'], changes, { liveQuotes: true, collapsed: true })).toEqual({ colours: 'green-up' });
  });
});

describe('settings through the browser account', () => {
  it('writes a synced setting to both areas and a machine setting to this one only', async () => {
    await saveSetting('colours', 'green-up');
    await saveSetting('backupKeep', 9);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ colours: 'green-up' });
    expect(await fakeBrowser.storage.local.get(['colours', 'backupKeep'])).toEqual({ colours: 'green-up', backupKeep: 9 });
  });

  it('keeps the choice here and marks it to send again when the account refuses the write', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    await saveSetting('liveQuotes', false);
    expect(await settings.liveQuotes.getValue()).toBe(false);
    expect((await fakeBrowser.storage.local.get(SETTINGS_PENDING_KEY))[SETTINGS_PENDING_KEY]).toEqual(['liveQuotes']);

    setupSettingsSync();
    await vi.waitFor(async () => expect(await fakeBrowser.storage.sync.get('liveQuotes')).toEqual({ liveQuotes: false }));
    await vi.waitFor(async () => expect(await fakeBrowser.storage.local.get(SETTINGS_PENDING_KEY)).toEqual({}));
  });

  it('moves the choices made before settings synced up to the account at the first start', async () => {
    await fakeBrowser.storage.local.set({ colours: 'green-up', inlineBadges: true, backupKeep: 3 });
    setupSettingsSync();
    await vi.waitFor(async () => expect(await fakeBrowser.storage.sync.get(null)).toEqual({ colours: 'green-up', inlineBadges: true }));
  });

  it('applies another browser’s choice where every part reads it, and tells the open settings page', async () => {
    setupSettingsSync();
    const seen = vi.fn();
    const stop = watchSettings(seen);
    await fakeBrowser.storage.sync.set({ colours: 'green-up', hideDoubtful: true });
    await vi.waitFor(async () => expect(await settings.colours.getValue()).toBe('green-up'));
    expect(await settings.hideDoubtful.getValue()).toBe(true);
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
    expect(seen.mock.lastCall?.[0]).toEqual(await loadSettings());
    stop();
  });
});
