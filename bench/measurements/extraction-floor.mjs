// Issue item 3: extraction against its floor. In one loaded page the bench
// build's content script times readArticleHead, its mention reading alone, and one bare
// querySelectorAll(MENTION_SELECTOR) over the article body, interleaved and
// in loops of at least 5 ms (bench-marks.ts), so the ratio compares warm
// code with warm code on exactly the same DOM.
import { loadArticle } from '../browser/article-load.mjs';
import { GOALS } from '../goals.mjs';
import { figure, summarize } from '../stats.mjs';

export async function measureExtractionFloor(ctx) {
  const figures = [];
  for (const target of ctx.pages) {
    await loadArticle(ctx.articleTab, target.url);
    const pairs = await ctx.articleTab.evaluate((repetitions) => {
      performance.clearMeasures();
      document.dispatchEvent(new CustomEvent('em-lens-bench:extract', { detail: String(repetitions) }));
      const perCall = (name) => performance.getEntriesByName(name).map((entry) => entry.duration / entry.detail);
      const floor = perCall('em-lens:floor');
      const mentions = perCall('em-lens:mentions');
      return perCall('em-lens:extract').map((extract, i) => ({ extract, floor: floor[i], mentions: mentions[i] }));
    }, ctx.runs.extraction);
    if (pairs.length === 0) throw new Error(`no extraction timings on ${target.url}: is this the bench build?`);
    const micro = (values) => Math.round(summarize(values).median * 1000 * 10) / 10;
    figures.push(
      figure({
        id: `extractionRatio.${target.key}`,
        label: `Extraction ÷ bare selector pass, ${target.label}`,
        unit: '×',
        runs: pairs.map(({ extract, floor }) => extract / floor),
        goal: GOALS.extractionRatio,
        note: `${micro(pairs.map((p) => p.extract))} µs vs ${micro(pairs.map((p) => p.floor))} µs, warm`,
        detail: {
          extractMs: summarize(pairs.map((p) => p.extract)),
          floorMs: summarize(pairs.map((p) => p.floor)),
        },
      }),
      // Not a goal: the mentions part of the reading alone, without the title, time and source.
      figure({
        id: `mentionsRatio.${target.key}`,
        label: `Mentions alone ÷ bare selector pass, ${target.label}`,
        unit: '×',
        runs: pairs.map(({ mentions, floor }) => mentions / floor),
        note: `${micro(pairs.map((p) => p.mentions))} µs vs ${micro(pairs.map((p) => p.floor))} µs, warm`,
      }),
    );
  }
  return figures;
}
