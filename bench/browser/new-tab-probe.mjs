// What the new-tab measurement reads from a page, installed in the page's
// main world before its first script runs (the same on every side, so that
// its own small cost falls on all alike):
//   - when the overlay's badges were first painted, and when its verdicts
//     were: a check each animation frame of the overlay's open shadow root,
//     and the frame's end (a task after the frame) once they are there, as
//     bench-marks.ts marks it in a bench build, but readable in the
//     production build;
//   - when the overlay's host entered the page: a mutation observer, set at
//     DOMContentLoaded (not during parsing, where it would see every node),
//     whose callback comes at the end of the task that inserted it;
//   - in Chromium, long tasks (longtask). Long animation frames name no
//     script of an extension's isolated world, so a long task is ours when
//     the overlay's host was inserted inside it.

/** Runs in the page. */
export function installProbe() {
  const OVERLAY_BADGE = '[data-em-lens="overlay"]';
  const probe = { painted: null, judged: null, inserted: null, longTasks: [] };
  Object.defineProperty(window, '__emLensProbe', { value: probe });
  const until = performance.now() + 20_000;
  const tick = () => {
    const root = document.querySelector(OVERLAY_BADGE)?.shadowRoot;
    if (probe.painted === null && root?.querySelector('[data-secid]')) {
      setTimeout(() => (probe.painted ??= performance.now()));
    }
    // The verdicts are in when the head's summary stops waiting for them.
    const summary = root?.querySelector('[data-role="summary"]');
    if (probe.judged === null && summary && summary.getAttribute('data-relevance') !== 'waiting') {
      setTimeout(() => (probe.judged ??= performance.now()));
      return;
    }
    if (performance.now() < until) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  document.addEventListener('DOMContentLoaded', () => {
    const observer = new MutationObserver((records) => {
      if (!records.some((record) => [...record.addedNodes].some((node) => node.nodeType === 1 && node.matches(OVERLAY_BADGE)))) return;
      probe.inserted = performance.now();
      observer.disconnect();
    });
    observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  });
  const observe = (type, keep) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(keep)).observe({ type, buffered: true });
    } catch {
      // Not in this browser (Firefox has neither).
    }
  };
  observe('longtask', (entry) => probe.longTasks.push({ start: entry.startTime, duration: entry.duration }));
}

/** Runs in the page, after its load event: the figures of this load. */
export function readProbe() {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
  const probe = window.__emLensProbe;
  return {
    dclStart: nav.domContentLoadedEventStart,
    insideDcl: nav.domContentLoadedEventEnd - nav.domContentLoadedEventStart,
    load: nav.loadEventEnd,
    fcp,
    painted: probe?.painted ?? null,
    judged: probe?.judged ?? null,
    inserted: probe?.inserted ?? null,
    longTasks: probe?.longTasks ?? [],
  };
}
