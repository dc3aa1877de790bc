import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame, afterPageLoad } from '../../lib/after-page-load';

/** A window whose readyState and load event the test controls. */
function fakeWindow(readyState: DocumentReadyState) {
  const target = new EventTarget();
  return {
    document: { readyState },
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id: number) => clearTimeout(id),
    fireLoad() {
      this.document.readyState = 'complete';
      target.dispatchEvent(new Event('load'));
    },
  };
}

describe('afterPageLoad', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the load event, then runs once in a task of its own', () => {
    const win = fakeWindow('interactive');
    const work = vi.fn();
    afterPageLoad(win as never, work, { latestMs: 2_000 });
    vi.advanceTimersByTime(500);
    expect(work).not.toHaveBeenCalled();
    win.fireLoad();
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs at once (next task) on a page already loaded', () => {
    const work = vi.fn();
    afterPageLoad(fakeWindow('complete') as never, work, { latestMs: 2_000 });
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('does not wait longer than latestMs for a page that keeps loading', () => {
    const win = fakeWindow('interactive');
    const work = vi.fn();
    afterPageLoad(win as never, work, { latestMs: 2_000 });
    vi.advanceTimersByTime(1_999);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledTimes(1);
    win.fireLoad();
    vi.advanceTimersByTime(10);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs as soon as the signal says the reader wants it, and not again', () => {
    const win = fakeWindow('interactive');
    const work = vi.fn();
    let reach = () => {};
    const stop = vi.fn();
    afterPageLoad(win as never, work, {
      latestMs: 2_000,
      signal: (run) => {
        reach = run;
        return stop;
      },
    });
    reach();
    expect(work).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalled();
    win.fireLoad();
    vi.advanceTimersByTime(3_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', () => {
    const win = fakeWindow('interactive');
    const work = vi.fn();
    const cancel = afterPageLoad(win as never, work, { latestMs: 2_000 });
    cancel();
    win.fireLoad();
    vi.advanceTimersByTime(3_000);
    expect(work).not.toHaveBeenCalled();
  });
});

describe('afterNextFrame', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function frames() {
    const callbacks = new Map<number, FrameRequestCallback>();
    let next = 1;
    return {
      requestAnimationFrame: (callback: FrameRequestCallback) => {
        callbacks.set(next, callback);
        return next++;
      },
      cancelAnimationFrame: (id: number) => void callbacks.delete(id),
      setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
      clearTimeout: (id: number) => clearTimeout(id),
      paint() {
        const due = [...callbacks.values()];
        callbacks.clear();
        for (const callback of due) callback(0);
      },
    };
  }

  it('runs in the task after the next frame, once', () => {
    const win = frames();
    const work = vi.fn();
    afterNextFrame(win as never, work, 250);
    vi.advanceTimersByTime(100);
    expect(work).not.toHaveBeenCalled();
    win.paint();
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs after latestMs where no frame comes (a background tab)', () => {
    const win = frames();
    const work = vi.fn();
    afterNextFrame(win as never, work, 250);
    vi.advanceTimersByTime(250);
    expect(work).toHaveBeenCalledTimes(1);
    win.paint();
    vi.advanceTimersByTime(10);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
