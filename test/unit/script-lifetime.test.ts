import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startScriptLifetime } from '../../platform/script-lifetime';

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a content script instance’s lifetime', () => {
  it('ends when a newer instance of the same script starts in the page, with its timers and listeners', async () => {
    const older = startScriptLifetime('article-overlay');
    const ended = vi.fn();
    const fired = vi.fn();
    const clicked = vi.fn();
    older.onInvalidated(ended);
    older.setTimeout(fired, 100);
    older.setInterval(fired, 50);
    older.addEventListener(document, 'click', clicked);

    const newer = startScriptLifetime('article-overlay');
    await vi.advanceTimersByTimeAsync(200);
    document.dispatchEvent(new Event('click'));

    expect(older.isValid).toBe(false);
    expect(ended).toHaveBeenCalledOnce();
    expect(fired).not.toHaveBeenCalled();
    expect(clicked).not.toHaveBeenCalled();
    expect(newer.isValid).toBe(true);
  });

  it('leaves an instance of another script alone', () => {
    const overlay = startScriptLifetime('article-overlay');
    startScriptLifetime('something-else');
    expect(overlay.isValid).toBe(true);
  });

  it('notices, at its next timer, that the extension under it has gone (reloaded, updated or removed)', async () => {
    const lifetime = startScriptLifetime('article-overlay');
    const ended = vi.fn();
    const ticks = vi.fn();
    lifetime.onInvalidated(ended);
    lifetime.setInterval(ticks, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ticks).toHaveBeenCalledOnce();

    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(ticks).toHaveBeenCalledOnce();
    expect(ended).toHaveBeenCalledOnce();
    expect(lifetime.isValid).toBe(false);
  });

  it('tells of each new address the page gives itself, once, and nothing once it has ended', async () => {
    const lifetime = startScriptLifetime('article-overlay');
    const moved = vi.fn();
    lifetime.onLocationChange((url) => moved(url.pathname));
    const start = location.href;

    history.pushState(null, '', '/a/202112302231813952.html');
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(moved.mock.calls).toEqual([['/a/202112302231813952.html']]);

    startScriptLifetime('article-overlay');
    history.pushState(null, '', '/a/202112302231813953.html');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(moved).toHaveBeenCalledOnce();
    history.replaceState(null, '', start);
  });
});
