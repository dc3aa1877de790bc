// Relevance issue, cost: what verdicts and key figures add to an article.
// Warm, in one loaded page: the tab's part (each mark's window, the body text
// and summary it sends) and the background's part (the rules and the figure
// reader over what it got), timed in loops by the bench build
// (bench-marks.ts). Cold: DOMContentLoaded to the frame that shows the
// verdicts, in the reused article tab and in a tab opened for each load.
import { loadArticle } from '../browser/article-load.mjs';
import { servePages } from '../browser/routes.mjs';
import { GOALS } from '../goals.mjs';
import { figure, summarize } from '../stats.mjs';

const KEYS = ['seed', 'mentions-10000'];

async function judgedAfterDcl(page, url) {
  await loadArticle(page, url);
  await page.waitForFunction(() => performance.getEntriesByName('em-lens:judged').length > 0, { timeout: 60_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const at = (name) => performance.getEntriesByName(name)[0].startTime - nav.domContentLoadedEventStart;
    return {
      asked: at('em-lens:judge-asked'),
      answered: at('em-lens:judge-answered'),
      judged: performance.getEntriesByName('em-lens:judged')[0].startTime - nav.domContentLoadedEventStart,
      rendered: performance.getEntriesByName('em-lens:rendered')[0].startTime - nav.domContentLoadedEventStart,
    };
  });
}

export async function measureRelevanceCost(ctx) {
  const figures = [];
  for (const target of ctx.pages.filter((page) => KEYS.includes(page.key))) {
    await loadArticle(ctx.articleTab, target.url);
    const warm = await ctx.articleTab.evaluate((repetitions) => {
      performance.clearMeasures();
      document.dispatchEvent(new CustomEvent('em-lens-bench:extract', { detail: String(repetitions) }));
      const perCall = (name) => performance.getEntriesByName(name).map((entry) => entry.duration / entry.detail);
      return { tab: perCall('em-lens:relevance-tab'), judge: perCall('em-lens:relevance-judge') };
    }, ctx.runs.extraction);
    if (!warm.tab.length) throw new Error(`no relevance timings on ${target.url}: is this the bench build?`);
    figures.push(
      figure({
        id: `relevance.${target.key}`,
        label: `Verdicts + figures, tab and background work, ${target.label}`,
        unit: 'ms',
        runs: warm.tab.map((tab, i) => tab + warm.judge[i]),
        goal: GOALS[`relevance.${target.key}`],
        note: `tab ${summarize(warm.tab).median.toFixed(2)} ms, background ${summarize(warm.judge).median.toFixed(2)} ms, warm; off the badges' path (after the first paint)`,
      }),
    );
    const reused = [];
    for (let i = 0; i < ctx.runs.overlay; i += 1) reused.push(await judgedAfterDcl(ctx.articleTab, target.url));
    const fresh = [];
    for (let i = 0; i < ctx.runs.overlay; i += 1) {
      const tab = await ctx.session.browser.newPage();
      await tab.setViewport({ width: 1100, height: 760 });
      await servePages(tab, ctx.generated);
      fresh.push(await judgedAfterDcl(tab, target.url));
      await tab.close();
    }
    for (const [where, loads] of [['reused tab', reused], ['new tab', fresh]]) {
      figures.push(
        figure({
          id: `relevanceShown.${target.key}.${where.split(' ')[0]}`,
          label: `DCL → verdicts shown, ${where}, ${target.label}`,
          unit: 'ms',
          runs: loads.map((load) => load.judged),
          note: `badges on screen at ${summarize(loads.map((load) => load.rendered)).median.toFixed(1)} ms, asked at ${summarize(loads.map((load) => load.asked)).median.toFixed(1)} ms, answered at ${summarize(loads.map((load) => load.answered)).median.toFixed(1)} ms`,
        }),
      );
    }
  }
  return figures;
}
