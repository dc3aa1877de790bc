/**
 * Work that must not hold up the page's own load: an iframe inserted before a
 * page's load event delays that event until the frame itself has loaded (its
 * document, scripts and first messages: 60 ms and more in a new tab), and
 * every script of the page waiting on `load` waits with it.
 *
 * Runs `work` once, at the first of: a task after the page's load event (at
 * once if it has passed), `signal` (the reader reaching for what the work
 * makes), or `latestMs` after the call (a page whose images or ads keep it
 * loading for seconds should not keep the reader waiting that long).
 * Returns a function that cancels it.
 */
export function afterPageLoad(
  win: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout'> & { document: Pick<Document, 'readyState'> },
  work: () => void,
  { latestMs, signal }: { latestMs: number; signal?: (run: () => void) => () => void },
): () => void {
  const onLoad = () => timers.push(win.setTimeout(run, 0));
  let stopSignal = () => {};
  const { run, cancel, timers } = runOnce(win, work, () => {
    win.removeEventListener('load', onLoad);
    stopSignal();
  });
  stopSignal = signal?.(run) ?? stopSignal;
  if (win.document.readyState === 'complete') onLoad();
  else win.addEventListener('load', onLoad, { once: true });
  timers.push(win.setTimeout(run, latestMs));
  return cancel;
}

/**
 * Runs `work` in a task after the next frame has been painted, or after
 * `latestMs` where no frame comes (a background tab draws none). What is
 * added to a page before its first presentation holds that presentation up:
 * an iframe's own first frame is waited for (surface synchronisation).
 * Returns a function that cancels it.
 */
export function afterNextFrame(
  win: Pick<Window, 'requestAnimationFrame' | 'cancelAnimationFrame' | 'setTimeout' | 'clearTimeout'>,
  work: () => void,
  latestMs: number,
): () => void {
  const { run, cancel, timers } = runOnce(win, work, () => win.cancelAnimationFrame(frame));
  const frame = win.requestAnimationFrame(() => timers.push(win.setTimeout(run, 0)));
  timers.push(win.setTimeout(run, latestMs));
  return cancel;
}

/** `work` run at most once, by whichever of its triggers comes first; cancelling clears every timer and `stop`s the rest. */
function runOnce(win: Pick<Window, 'clearTimeout'>, work: () => void, stop: () => void) {
  let done = false;
  const timers: number[] = [];
  const cancel = () => {
    if (done) return;
    done = true;
    for (const timer of timers) win.clearTimeout(timer);
    stop();
  };
  const run = () => {
    if (done) return;
    cancel();
    work();
  };
  return { run, cancel, timers };
}
