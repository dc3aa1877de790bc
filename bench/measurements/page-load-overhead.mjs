// Issue item 2: what having EM Lens installed costs a page load. Two fresh
// Chromium instances with one tab each, one with the bench build and one
// without any extension, load the same page in pairs whose order alternates,
// so that drift over the run (heat, caches, other load) falls on both alike.
// Fresh instances, rather than the bench's main one, so that the two differ
// in the extension only, not in open tabs or archive size.
import { loadArticle } from '../browser/article-load.mjs';
import { launchChromium } from '../browser/launch.mjs';
import { servePages } from '../browser/routes.mjs';
import { GOALS } from '../goals.mjs';
import { figure, summarize } from '../stats.mjs';

const PAGES = ['seed', 'mentions-10000'];

async function oneTab(session, generated) {
  const tab = await session.browser.newPage();
  await tab.setViewport({ width: 1100, height: 760 });
  await servePages(tab, generated);
  return tab;
}

export async function measurePageLoadOverhead(ctx) {
  const withExtension = await launchChromium({ name: 'load-with-extension', extensionDir: ctx.benchBuild });
  const without = await launchChromium({ name: 'load-without-extension' });
  try {
    const tabs = { withExt: await oneTab(withExtension, ctx.generated), without: await oneTab(without, ctx.generated) };
    const load = (side, url) => loadArticle(tabs[side], url, { overlay: side === 'withExt' });
    const figures = [];
    for (const target of ctx.pages.filter((page) => PAGES.includes(page.key))) {
      await load('withExt', target.url);
      await load('without', target.url);
      const pairs = [];
      for (let i = 0; i < ctx.runs.pairs; i += 1) {
        const order = i % 2 === 0 ? ['withExt', 'without'] : ['without', 'withExt'];
        const pair = {};
        for (const side of order) pair[side] = await load(side, target.url);
        pairs.push(pair);
      }
      const median = (pick) => Math.round(summarize(pairs.map(pick)).median * 10) / 10;
      for (const [key, name] of [['load', 'load event'], ['fcp', 'first contentful paint']]) {
        figures.push(
          figure({
            id: `pageLoad.${key}.${target.key}`,
            label: `Page load with ÷ without, ${name}, ${target.label}`,
            unit: '×',
            runs: pairs.map((pair) => pair.withExt[key] / pair.without[key]),
            goal: GOALS.pageLoadRatio,
            note: `${median((p) => p.withExt[key])} vs ${median((p) => p.without[key])} ms`,
            detail: {
              withExtensionMs: summarize(pairs.map((p) => p.withExt[key])),
              withoutMs: summarize(pairs.map((p) => p.without[key])),
              withExtensionDclMs: summarize(pairs.map((p) => p.withExt.dcl)),
              withoutDclMs: summarize(pairs.map((p) => p.without.dcl)),
            },
          }),
        );
      }
    }
    return figures;
  } finally {
    await withExtension.close();
    await without.close();
  }
}
