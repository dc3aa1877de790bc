import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const send = vi.fn();
vi.mock('../../platform/messaging', () => ({ send: (...args: unknown[]) => send(...args) }));
const { startQuoteRefresher } = await import('../../entrypoints/article-overlay/quote-refresher');

let visibility: DocumentVisibilityState = 'visible';
beforeEach(() => {
  vi.useFakeTimers();
  send.mockReset();
  visibility = 'visible';
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const quote = { price: 10 };
const asks = () => send.mock.calls.length;

describe('the quote refresher', () => {
  it('asks at once, then again when the background says (10 s while trading)', async () => {
    send.mockResolvedValue({ quotes: { '1.600519': quote }, live: true, refreshInMs: 10_000 });
    const shown = vi.fn();
    const stop = startQuoteRefresher(['1.600519'], shown);
    await vi.advanceTimersByTimeAsync(0);
    expect(asks()).toBe(1);
    expect(shown).toHaveBeenLastCalledWith({ '1.600519': quote });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(asks()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(asks()).toBe(2);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asks()).toBe(2);
  });

  it('asks no more when quotes are off, and not at all for a page without securities', async () => {
    send.mockResolvedValue({ quotes: {}, live: false, refreshInMs: null });
    const stop = startQuoteRefresher(['1.600519'], vi.fn());
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(asks()).toBe(1);
    stop();
    send.mockClear();
    startQuoteRefresher([], vi.fn())();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asks()).toBe(0);
  });

  it('never asks from a hidden tab, and asks once when it is shown again', async () => {
    send.mockResolvedValue({ quotes: {}, live: true, refreshInMs: 10_000 });
    const stop = startQuoteRefresher(['1.600519'], vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(asks()).toBe(1);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(asks()).toBe(2);
    stop();
  });

  it('shows no numbers after a failed ask, and tries again 10 s later', async () => {
    send.mockRejectedValueOnce(new Error('bg:get-quotes: no reply from the extension'));
    send.mockResolvedValue({ quotes: { '1.600519': quote }, live: true, refreshInMs: 10_000 });
    const shown = vi.fn();
    const stop = startQuoteRefresher(['1.600519'], shown);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toHaveBeenLastCalledWith({});
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asks()).toBe(2);
    expect(shown).toHaveBeenLastCalledWith({ '1.600519': quote });
    stop();
  });
});
