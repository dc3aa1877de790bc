import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { colourSetting, liveQuotesSetting } from '../../platform/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('reads the default until one is chosen, then the choice, under the key the options page and tests use', async () => {
    expect(await liveQuotesSetting.getValue()).toBe(true);
    await liveQuotesSetting.setValue(false);
    expect(await liveQuotesSetting.getValue()).toBe(false);
    expect(await fakeBrowser.storage.local.get('liveQuotes')).toEqual({ liveQuotes: false });
  });

  it('tells a watcher each change, the default when removed, and nothing after it stops', async () => {
    const seen = vi.fn();
    const stop = colourSetting.watch(seen);
    await colourSetting.setValue('green-up');
    await fakeBrowser.storage.local.remove('colours');
    await fakeBrowser.storage.local.set({ liveQuotes: false }); // another setting: not this watcher's business
    stop();
    await colourSetting.setValue('green-up');
    expect(seen.mock.calls).toEqual([['green-up'], ['red-up']]);
  });
});
