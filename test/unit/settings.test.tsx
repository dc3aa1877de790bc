import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveSetting, settings } from '../../platform/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('reads the default until one is chosen, then the choice, under the key the options page and tests use', async () => {
    expect(await settings.liveQuotes.getValue()).toBe(true);
    await saveSetting('liveQuotes', false);
    expect(await settings.liveQuotes.getValue()).toBe(false);
    expect(await fakeBrowser.storage.local.get('liveQuotes')).toEqual({ liveQuotes: false });
  });

  it('tells a watcher each change, the default when removed, and nothing after it stops', async () => {
    const seen = vi.fn();
    const stop = settings.colours.watch(seen);
    await saveSetting('colours', 'green-up');
    await fakeBrowser.storage.local.remove('colours');
    await fakeBrowser.storage.local.set({ liveQuotes: false }); // another setting: not this watcher's business
    stop();
    await saveSetting('colours', 'green-up');
    expect(seen.mock.calls).toEqual([['green-up'], ['red-up']]);
  });
});

describe('the settings page', () => {
  it('draws one control for each declared setting with a form, in order, and saves a change under its name', async () => {
    const { render } = await import('preact');
    const { act } = await import('preact/test-utils');
    const { SettingsForm } = await import('../../components/settings/settings-form');
    const { SETTINGS } = await import('../../lib/settings-model');
    const { loadSettings } = await import('../../platform/settings');
    const save = vi.fn(async () => {});
    const root = document.body.appendChild(document.createElement('div'));
    act(() => render(<SettingsForm load={loadSettings} save={save} />, root));
    await vi.waitFor(() => expect(root.querySelector('[aria-busy="false"]')).not.toBeNull());
    const shown = [...root.querySelectorAll('[data-setting]')].map((input) => input.getAttribute('data-setting'));
    const declared = Object.values(SETTINGS).flatMap((setting) =>
      !('form' in setting) || !setting.form ? [] : setting.form.kind === 'switch' ? [setting.form.id] : setting.form.options.map((o) => o.id),
    );
    expect(shown).toEqual(declared);
    expect(shown).toEqual(['live-quotes', 'colours-red-up', 'colours-green-up', 'inline-badges', 'hide-doubtful', 'collapsed', 'auto-save']);
    expect((root.querySelector('[data-setting="live-quotes"]') as HTMLInputElement).checked).toBe(true);
    await act(() => (root.querySelector('[data-setting="colours-green-up"]') as HTMLInputElement).click());
    expect(save).toHaveBeenCalledWith('colours', 'green-up');
  });

  it('falls back to the default for a stored value of the wrong type or an unknown choice', async () => {
    const { settingValue } = await import('../../lib/settings-model');
    expect(settingValue('liveQuotes', 'yes')).toBe(true);
    expect(settingValue('colours', 'purple-up')).toBe('red-up');
    expect(settingValue('colours', 'green-up')).toBe('green-up');
    expect(settingValue('quoteApiBase', 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/');
  });
});
