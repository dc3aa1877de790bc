// Issue item 1: from DOMContentLoaded to the overlay's badges in the DOM, and
// the reading (readArticleHead, which extracts the mentions) alone, on the
// seed page and the stress pages. One load per run, after one warm-up load;
// the 200,000-element page takes seconds a load, so it gets fewer runs.
import { loadArticle } from '../browser/article-load.mjs';
import { GOALS } from '../goals.mjs';
import { figure, summarize } from '../stats.mjs';

export async function measureOverlayLatency(ctx) {
  const figures = [];
  for (const target of ctx.pages) {
    await loadArticle(ctx.articleTab, target.url);
    const loads = [];
    const runs = target.heavy ? ctx.runs.overlayHeavy : ctx.runs.overlay;
    for (let i = 0; i < runs; i += 1) loads.push(await loadArticle(ctx.articleTab, target.url));
    const median = (values) => Math.round(summarize(values).median * 100) / 100;
    figures.push(
      figure({
        id: `overlay.${target.key}`,
        label: `Overlay DCL → badges, ${target.label}`,
        unit: 'ms',
        runs: loads.map((load) => load.rendered - load.dcl),
        goal: GOALS[`overlay.${target.key}`],
        note: `injection ${median(loads.map((l) => l.start - l.dcl))} ms after DCL, own work ${median(loads.map((l) => l.rendered - l.start))} ms`,
        detail: {
          url: target.url,
          elements: loads[0].elements,
          badges: loads[0].mentions,
          crossOriginIsolated: loads[0].isolated,
          // The script is loaded at document_start and starts in a DOMContentLoaded listener: this is that listener's delay.
          waitForInjectionMs: summarize(loads.map((l) => l.start - l.dcl)),
          contentScriptWorkMs: summarize(loads.map((l) => l.rendered - l.start)),
          nextFramePaintedAfterDclMs: summarize(loads.map((l) => l.painted - l.dcl)),
          loadEventEndMs: summarize(loads.map((l) => l.load)),
        },
      }),
      figure({
        id: `reading.${target.key}`,
        label: `Reading alone (readArticleHead), ${target.label}`,
        unit: 'ms',
        runs: loads.map((load) => load.read - load.start),
        note: 'first call in the page, cold',
      }),
    );
  }
  return figures;
}
